"""The five files of a mission as Pydantic models. Pure: no I/O.

Values arrive as strings (see yamlread) and are converted by the field types
below, which raise errors with pmp's own types (`pmp_*`) so that load.py can word
them plainly. Every model forbids unknown keys. An empty value (`note:`) for an
optional field means "not given".
"""

# no `from __future__ import annotations`: pydantic takes the annotations as objects, no string to evaluate

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pamplemousse.read.model_cycle import SITUATION_FIGURES, Closing, Framing, Situation  # noqa: F401
from pamplemousse.read.values import (  # noqa: F401 - YEARS, in_years, siret_is_valid: read from here too
    KIND_STATUSES,
    MAX_NUMBER,
    MILESTONE_STATUSES,
    YEARS,
    Bool,
    Count,
    Day,
    Days,
    Email,
    Id,
    MilestoneRef,
    Number,
    Percent,
    Score4,
    Score5,
    Siret,
    Strict,
    Text,
    in_years,
    siret_is_valid,
    status_of_its_kind,
    to_int,
)

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
Strategy = Literal["diversify", "duplicate", "cooperate", "merge"]
DuplicationMode = Literal["dissemination", "social_franchise", "branch"]
FundingScheme = Literal["dla", "other"]

STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
CLOSED_STATUSES = ("done", "dropped")
DEES_CRITERIA = ("social_value", "opportunity", "innovation", "resourcefulness", "accountability")
CANDIDATE_CRITERIA = (
    "meaning", "entrepreneurship", "human_qualities", "humanist_values",
    "territory_knowledge", "sector_knowledge", "management",
)

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
    follow_up: Optional[Day] = None  # the DLA's follow-up; absent: 12 months after the mission ends (plan/cycle.py)


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
    schema_version: Annotated[int, BeforeValidator(to_int), AfterValidator(_check_schema_version)]
    title: Text
    language: Language = "fr"
    client: Client
    funding: Optional[Funding] = None
    consultants: list[Consultant] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    problem_areas: list[ProblemArea] = Field(default_factory=list)
    framing: Optional[Framing] = None
    closing: Optional[Closing] = None


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
    origin: Optional[Text] = None  # "other-mission/R3": copied from there by pmp reuse


class RecommendationsFile(Strict):
    recommendations: list[Recommendation] = Field(default_factory=list)


# journal.yaml ---------------------------------------------------------------

@dataclass(frozen=True)
class EntryKind:
    """What a journal entry about one kind of thing may hold, besides its `date` and its own key."""

    fields: tuple[str, ...]
    required: tuple[str, ...] = ()  # fields it cannot go without (a measure needs its value)
    needs_one: bool = False  # at least one of its fields must be given (an update says something)


# The kinds of journal entry: the one table that the model below, the journal's
# writer (write/journal.py), the JSON Schema (read/schema.py) and the messages
# read. A new kind is a new row here, plus its typed fields in JournalEntry
# (checked when this module is imported).
JOURNAL_KINDS: dict[str, EntryKind] = {
    "recommendation": EntryKind(("status", "progress", "note"), needs_one=True),
    "indicator": EntryKind(("value", "note"), required=("value",)),
    "committee": EntryKind(("attendees", "decisions", "note")),
    "time": EntryKind(("phase", "consultant", "note"), required=("phase",)),  # `time`: the days spent
    "situation": EntryKind(("note",)),  # `situation`: the key figures (a Situation)
    "milestone": EntryKind(("status", "note"), required=("status",)),  # met or missed (KIND_STATUSES)
}
# Every field of an entry, in the order pmp writes them (`note` last).
_OWN_FIELDS = tuple(dict.fromkeys(f for k in JOURNAL_KINDS.values() for f in k.fields if f != "note"))
ENTRY_FIELDS: tuple[str, ...] = ("date", *JOURNAL_KINDS, *_OWN_FIELDS, "note")


class JournalEntry(Strict):
    date: Day
    recommendation: Optional[Id] = None
    milestone: Optional[MilestoneRef] = None  # before status, which depends on it
    status: Optional[Literal[Status, "met", "missed"]] = None  # its kind's own, checked below (KIND_STATUSES)
    progress: Optional[Percent] = None
    indicator: Optional[Id] = None
    value: Optional[Number] = None
    committee: Optional[Text] = None
    attendees: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    time: Optional[Days] = None  # consultant days spent
    phase: Optional[Id] = None
    consultant: Optional[Text] = None
    situation: Optional[Situation] = None
    note: Optional[Text] = None

    @property
    def kind(self) -> str:
        return next(k for k in JOURNAL_KINDS if getattr(self, k) is not None)

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        """Exactly one kind (a key of JOURNAL_KINDS), and only its own fields."""
        if not isinstance(data, dict):
            return data
        kinds = [k for k in JOURNAL_KINDS if data.get(k) not in (None, "")]
        if not kinds and any(name not in cls.model_fields for name in data):
            return data  # a misspelt kind (recomendation:): the unknown key is reported, with a did-you-mean
        if len(kinds) != 1:
            raise PydanticCustomError("pmp_journal_kind", "one kind")
        kind = kinds[0]
        spec = JOURNAL_KINDS[kind]
        for name in data:
            if name in _OWN_FIELDS + ("note",) and name not in spec.fields:
                raise PydanticCustomError("pmp_journal_field", "field", {"key": name, "kind": kind})
        for name in spec.required:
            if data.get(name) in (None, ""):
                raise PydanticCustomError("pmp_journal_needs", "field needed", {"key": name, "kind": kind})
        return data

    _status_of_its_kind = field_validator("status", mode="before")(status_of_its_kind)


if set(JournalEntry.model_fields) != set(ENTRY_FIELDS):  # pragma: no cover - a kind added in one place only
    raise TypeError(f"JournalEntry's fields differ from JOURNAL_KINDS: {set(JournalEntry.model_fields) ^ set(ENTRY_FIELDS)}")


class JournalFile(RootModel):
    """journal.yaml: a list of entries, oldest first (order is not required)."""

    model_config = ConfigDict(defer_build=True)  # built at first use, like Strict (RootModel[…] is built at once)
    root: list[JournalEntry]


# the mission as a whole -----------------------------------------------------

FILES: dict[str, type[BaseModel]] = {
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
        """(reference, recommendation, milestone) of every milestone, in file order: its own `id`, else R3.1."""
        return [(m.id or f"{r.id}.{n}", r, m) for r in self.recommendations for n, m in enumerate(r.milestones, 1)]
