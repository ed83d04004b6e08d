"""The five files of a mission as Pydantic models. Pure: no I/O.

Values arrive as strings (see yamlread) and are converted by the field types
below, which raise errors with pmp's own types (`pmp_*`) so that load.py can word
them plainly. Every model forbids unknown keys. An empty value (`note:`) for an
optional field means "not given".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
)
from pydantic_core import PydanticCustomError

from pamplemousse.read.model_cycle import SITUATION_FIGURES, Closing, Framing, Situation  # noqa: F401
from pamplemousse.read.model_journal import (  # noqa: F401 - read from here too
    ENTRY_FIELDS,
    JOURNAL_KINDS,
    STATUSES,
    EntryKind,
    JournalEntry,
    JournalFile,
    Status,
    counted,
)
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
Strategy = Literal["diversify", "duplicate", "cooperate", "merge"]
DuplicationMode = Literal["dissemination", "social_franchise", "branch"]
FundingScheme = Literal["dla", "other"]

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
    journal: list[JournalEntry] = field(default_factory=list)  # every entry of journal.yaml, in file order

    @property
    def language(self) -> str:
        return self.meta.language

    @cached_property
    def entries(self) -> list[JournalEntry]:
        """The journal's entries that count: all but the withdrawals and the entries they withdraw."""
        return counted(self.journal)

    @cached_property
    def withdrawals(self) -> dict[str, JournalEntry]:
        """The first withdrawal of each withdrawn entry, by the withdrawn entry's id."""
        found: dict[str, JournalEntry] = {}
        for e in self.journal:
            if e.withdraw is not None:
                found.setdefault(e.withdraw, e)
        return found

    def plain(self) -> dict[str, Any]:
        """The mission's five files as plain JSON data (what the cache keeps): `Mission.from_plain` reads it back."""
        kept = {"mode": "json", "exclude_defaults": True}
        return {
            "meta": self.meta.model_dump(**kept),  # type: ignore[arg-type]
            "vision": self.vision.model_dump(**kept),  # type: ignore[arg-type]
            "questions": self.questions.model_dump(**kept),  # type: ignore[arg-type]
            "recommendations": [r.model_dump(**kept) for r in self.recommendations],  # type: ignore[arg-type]
            "journal": [e.model_dump(**kept) for e in self.journal],  # type: ignore[arg-type]
        }

    @classmethod
    def from_plain(cls, folder: Path, data: dict[str, Any]) -> Mission:
        """The mission in `folder` from what `plain()` gave, validated again by its models."""
        return cls(
            slug=folder.name,
            path=folder,
            meta=MissionFile.model_validate(data["meta"]),
            vision=VisionFile.model_validate(data["vision"]),
            questions=QuestionsFile.model_validate(data["questions"]),
            recommendations=RecommendationsFile.model_validate({"recommendations": data["recommendations"]}).recommendations,
            journal=JournalFile.model_validate(data["journal"]).root,
        )

    def indicators(self) -> list[tuple[Recommendation, Indicator]]:
        return [(r, i) for r in self.recommendations for i in r.indicators]

    def milestones(self) -> list[tuple[str, Recommendation, Milestone]]:
        """(reference, recommendation, milestone) of every milestone, in file order: its own `id`, else R3.1."""
        return [(m.id or f"{r.id}.{n}", r, m) for r in self.recommendations for n, m in enumerate(r.milestones, 1)]
