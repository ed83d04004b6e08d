"""The five files of a mission as Pydantic models. Pure: no I/O.

Values arrive as strings (see yamlread) and are converted by the field types
below, which raise errors with pmp's own types (`pmp_*`) so that load.py can word
them plainly. Every model forbids unknown keys. An empty value (`note:`) for an
optional field means "not given".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1

Language = Literal["fr", "en"]
ProblemArea = Literal[
    "mobilisation", "engagement", "volunteers", "hr", "governance", "economic_model", "scaling", "other"
]
QuestionPhase = Literal["discover", "dream", "design", "deliver"]
SessionKind = Literal["interview", "workshop", "committee"]
FindingKind = Literal["success", "cohesion", "energy", "obstacle"]
Priority = Literal["high", "medium", "low"]
Status = Literal["todo", "in_progress", "done", "blocked", "dropped"]
MilestoneStatus = Literal["met", "missed"]
Strategy = Literal["diversify", "duplicate", "cooperate", "merge"]
DuplicationMode = Literal["dissemination", "social_franchise", "branch"]
FundingScheme = Literal["dla", "other"]

STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
MILESTONE_STATUSES: tuple[str, ...] = MilestoneStatus.__args__  # type: ignore[attr-defined]
CLOSED_STATUSES = ("done", "dropped")
DEES_CRITERIA = ("social_value", "opportunity", "innovation", "resourcefulness", "accountability")
CANDIDATE_CRITERIA = (
    "meaning", "entrepreneurship", "human_qualities", "humanist_values",
    "territory_knowledge", "sector_knowledge", "management",
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_MILESTONE_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[0-9]+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _to_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_date", "date expected")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PydanticCustomError("pmp_impossible_date", "impossible date") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PydanticCustomError("pmp_bool", "true or false expected")


def _to_number(value: Any) -> Any:
    """Accept the French decimal comma (12,5) as well as the dot."""
    if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
        return value.strip().replace(",", ".")
    return value


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise PydanticCustomError("pmp_id", "invalid id")
    return value


def _check_milestone_ref(value: str) -> str:
    if not _MILESTONE_REF.fullmatch(value):
        raise PydanticCustomError("pmp_milestone_ref", "invalid milestone reference")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value.strip()):
        raise PydanticCustomError("pmp_email", "invalid email")
    return value.strip()


def siret_is_valid(value: str) -> bool:
    """14 digits whose Luhn sum is a multiple of 10."""
    if not (len(value) == 14 and value.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(value)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _check_siret(value: str) -> str:
    compact = value.replace(" ", "").replace("\u00a0", "")
    if not siret_is_valid(compact):
        raise PydanticCustomError("pmp_siret", "invalid siret")
    return compact


def _between(low: int, high: int):
    def check(value: int) -> int:
        if not low <= value <= high:
            raise PydanticCustomError("pmp_range", "out of range", {"low": low, "high": high})
        return value

    return AfterValidator(check)


def _at_least(low: float):
    def check(value):
        if value < low:
            raise PydanticCustomError("pmp_at_least", "too small", {"low": low})
        return value

    return AfterValidator(check)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("pmp_empty", "empty")
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
Id = Annotated[str, AfterValidator(_check_id)]
MilestoneRef = Annotated[str, AfterValidator(_check_milestone_ref)]  # its own id, or R3.1
Day = Annotated[date, BeforeValidator(_to_date)]
Bool = Annotated[bool, BeforeValidator(_to_bool)]
Number = Annotated[float, BeforeValidator(_to_number)]
Count = Annotated[int, _at_least(0)]
Days = Annotated[float, BeforeValidator(_to_number), _at_least(0)]
Score4 = Annotated[int, _between(0, 4)]
Score5 = Annotated[int, _between(1, 5)]
Percent = Annotated[int, _between(0, 100)]
Email = Annotated[str, AfterValidator(_check_email)]
Siret = Annotated[str, AfterValidator(_check_siret)]


class Strict(BaseModel):
    """Unknown keys are errors; an empty optional value is the same as no value."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_empty_optionals(cls, data: Any) -> Any:
        if isinstance(data, dict) and "" in data.values():
            fields = cls.model_fields
            data = {
                k: v for k, v in data.items()
                if not (v == "" and k in fields and not fields[k].is_required())
            }
        return data


# mission.yaml ---------------------------------------------------------------

class Contact(Strict):
    name: Text
    role: Optional[Text] = None
    email: Optional[Email] = None


class Client(Strict):
    name: Text
    legal_form: Optional[Text] = None
    territory: Optional[Text] = None
    siret: Optional[Siret] = None
    employees: Optional[Count] = None
    volunteers: Optional[Count] = None
    contacts: list[Contact] = Field(default_factory=list)


class Funding(Strict):
    scheme: FundingScheme = "dla"
    operator: Optional[Text] = None
    reference: Optional[Text] = None
    days: Optional[Days] = None


class Consultant(Strict):
    name: Text
    email: Optional[Email] = None


class Phase(Strict):
    id: Id
    title: Text
    start: Optional[Day] = None
    end: Optional[Day] = None
    days: Optional[Days] = None


def _check_schema_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise PydanticCustomError("pmp_schema_version", "unknown schema version", {"found": value})
    return value


class MissionFile(Strict):
    schema_version: Annotated[int, AfterValidator(_check_schema_version)]
    title: Text
    language: Language = "fr"
    client: Client
    funding: Optional[Funding] = None
    consultants: list[Consultant] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    problem_areas: list[ProblemArea] = Field(default_factory=list)


# vision.yaml ----------------------------------------------------------------

class DeesCriterion(Strict):
    score: Score4
    evidence: Optional[Text] = None


class Dees(Strict):
    social_value: Optional[DeesCriterion] = None
    opportunity: Optional[DeesCriterion] = None
    innovation: Optional[DeesCriterion] = None
    resourcefulness: Optional[DeesCriterion] = None
    accountability: Optional[DeesCriterion] = None


class CandidateScores(Strict):
    meaning: Score4
    entrepreneurship: Score4
    human_qualities: Score4
    humanist_values: Score4
    territory_knowledge: Score4
    sector_knowledge: Score4
    management: Score4


class Candidate(Strict):
    id: Id
    name: Text
    notes: Optional[Text] = None
    scores: CandidateScores


class Immersion(Strict):
    days: Optional[Days] = None
    steps: list[Text] = Field(default_factory=list)


class Scaling(Strict):
    strategies: list[Strategy] = Field(default_factory=list)
    mode: Optional[DuplicationMode] = None
    territories: list[Text] = Field(default_factory=list)
    horizon: Optional[Text] = None
    candidates: list[Candidate] = Field(default_factory=list)
    immersion: Optional[Immersion] = None


class VisionFile(Strict):
    vision: Text
    social_mission: Text
    values: list[Text] = Field(default_factory=list)
    beneficiaries: Optional[Text] = None
    territory: Optional[Text] = None
    dees: Optional[Dees] = None
    scaling: Optional[Scaling] = None


# questions.yaml -------------------------------------------------------------

class Question(Strict):
    id: Id
    phase: Optional[QuestionPhase] = None
    theme: Optional[ProblemArea] = None
    text: Text
    purpose: Optional[Text] = None
    follow_ups: list[Text] = Field(default_factory=list)


class Participant(Strict):
    id: Id
    name: Text
    role: Optional[Text] = None
    consent: Bool = False


class Quote(Strict):
    by: Optional[Id] = None
    text: Text


class Answer(Strict):
    question: Optional[Id] = None
    notes: Optional[Text] = None
    shareable: Bool = False
    quotes: list[Quote] = Field(default_factory=list)


class Session(Strict):
    id: Id
    date: Day
    kind: SessionKind
    title: Optional[Text] = None
    participants: list[Id] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    confidential: Bool = False


class Finding(Strict):
    id: Id
    kind: Optional[FindingKind] = None
    theme: Optional[ProblemArea] = None
    text: Text
    sources: list[Id] = Field(default_factory=list)


class QuestionsFile(Strict):
    guide: list[Question] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)


# recommendations.yaml -------------------------------------------------------

class Milestone(Strict):
    title: Text
    due: Day
    id: Optional[Id] = None  # else referred to as R3.1 (its recommendation, its rank)


class Indicator(Strict):
    id: Id
    name: Text
    unit: Optional[Text] = None
    baseline: Number
    target: Number


class Recommendation(Strict):
    id: Id
    title: Text
    description: Optional[Text] = None
    theme: ProblemArea
    because: list[Id] = Field(default_factory=list)
    priority: Priority
    impact: Score5
    effort: Score5
    owner: Text
    start: Day
    due: Day
    milestones: list[Milestone] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


class RecommendationsFile(Strict):
    recommendations: list[Recommendation] = Field(default_factory=list)


# journal.yaml ---------------------------------------------------------------

JOURNAL_KINDS = ("recommendation", "indicator", "committee", "milestone")
_KIND_FIELDS = {
    "recommendation": {"status", "progress", "note"},
    "indicator": {"value", "note"},
    "committee": {"attendees", "decisions", "note"},
    "milestone": {"status", "note"},
}
# The statuses an entry of each kind may give (`status` is shared by two kinds).
KIND_STATUSES = {"recommendation": STATUSES, "milestone": MILESTONE_STATUSES}
EntryStatus = Literal["todo", "in_progress", "done", "blocked", "dropped", "met", "missed"]


class JournalEntry(Strict):
    date: Day
    recommendation: Optional[Id] = None
    milestone: Optional[MilestoneRef] = None  # before status, which depends on it
    status: Optional[EntryStatus] = None  # checked against its kind's statuses below
    progress: Optional[Percent] = None
    indicator: Optional[Id] = None
    value: Optional[Number] = None
    committee: Optional[Text] = None
    attendees: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    note: Optional[Text] = None

    @property
    def kind(self) -> str:
        return next(k for k in JOURNAL_KINDS if getattr(self, k) is not None)

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        """Exactly one of recommendation / indicator / committee, and only its own fields."""
        if not isinstance(data, dict):
            return data
        kinds = [k for k in JOURNAL_KINDS if data.get(k) not in (None, "")]
        if not kinds and any(name not in cls.model_fields for name in data):
            return data  # a misspelt kind (recomendation:): the unknown key is reported, with a did-you-mean
        if len(kinds) != 1:
            raise PydanticCustomError("pmp_journal_kind", "one kind")
        kind = kinds[0]
        allowed = _KIND_FIELDS[kind]
        for name in data:
            if name not in allowed and name != "date" and name != kind and name in _ALL_FIELDS:
                raise PydanticCustomError("pmp_journal_field", "field", {"key": name, "kind": kind})
        if kind == "indicator" and data.get("value") in (None, ""):
            raise PydanticCustomError("pmp_journal_value", "value needed")
        if kind == "milestone" and data.get("status") in (None, ""):
            raise PydanticCustomError("pmp_journal_milestone_status", "status needed")
        return data

    @field_validator("status", mode="before")
    @classmethod
    def _status_of_its_kind(cls, value: Any, info: ValidationInfo) -> Any:
        """A recommendation's statuses for a recommendation, met or missed for a milestone."""
        allowed = KIND_STATUSES["milestone" if info.data.get("milestone") else "recommendation"]
        if isinstance(value, str) and value and value not in allowed:
            expected = ", ".join(f"'{a}'" for a in allowed)
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
        return value


_ALL_FIELDS = {"status", "progress", "note", "value", "attendees", "decisions"}


class JournalFile(RootModel[list[JournalEntry]]):
    """journal.yaml: a list of entries, oldest first (order is not required)."""


# the mission as a whole -----------------------------------------------------

FILES = {
    "mission.yaml": MissionFile,
    "vision.yaml": VisionFile,
    "questions.yaml": QuestionsFile,
    "recommendations.yaml": RecommendationsFile,
    "journal.yaml": JournalFile,
}


@dataclass(frozen=True)
class Mission:
    """A loaded mission: its five files, validated."""

    slug: str
    path: Path
    meta: MissionFile
    vision: VisionFile
    questions: QuestionsFile
    recommendations: list[Recommendation]
    journal: list[JournalEntry] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.meta.language

    def indicators(self) -> list[tuple[Recommendation, Indicator]]:
        return [(r, i) for r in self.recommendations for i in r.indicators]

    def milestones(self) -> list[tuple[str, Recommendation, Milestone]]:
        """(reference, recommendation, milestone) of every milestone, in file order."""
        return [(milestone_ref(r, n, m), r, m) for r in self.recommendations for n, m in enumerate(r.milestones, 1)]


def milestone_ref(rec: Recommendation, rank: int, milestone: Milestone) -> str:
    """How a milestone is referred to: its own `id`, else R3.1 (its recommendation, its rank from 1)."""
    return milestone.id or f"{rec.id}.{rank}"
