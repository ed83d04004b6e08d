"""The models of the DLA's cycle in mission.yaml and journal.yaml (read/model.py imports them):
the note de cadrage (`framing`), the end-of-mission review (`closing`), and the structure's
key figures on a date (a journal entry's `situation`). Every field is optional."""

# no `from __future__ import annotations`: pydantic takes the annotations as objects, no string to evaluate

from typing import Optional

from pydantic import Field

from pamplemousse.read.values import Count, Days, Number, Strict, Text


class Framing(Strict):
    """The note de cadrage (all optional)."""

    request: Optional[Text] = None
    context: Optional[Text] = None
    objectives: list[Text] = Field(default_factory=list)
    scope: Optional[Text] = None
    method: Optional[Text] = None
    deliverables: list[Text] = Field(default_factory=list)


class Closing(Strict):
    """The end-of-mission review (all optional)."""

    summary: Optional[Text] = None
    results: list[Text] = Field(default_factory=list)
    difficulties: list[Text] = Field(default_factory=list)
    gaps: list[Text] = Field(default_factory=list)
    new_needs: list[Text] = Field(default_factory=list)


class Situation(Strict):
    """The structure's key figures on a date (a `situation` entry of the journal): what the DLA follows."""

    employees: Optional[Count] = None
    fte: Optional[Days] = None  # full-time equivalents, a decimal
    permanent_contracts: Optional[Count] = None
    volunteers: Optional[Count] = None
    budget: Optional[Number] = None
    result: Optional[Number] = None


SITUATION_FIGURES: tuple[str, ...] = tuple(Situation.model_fields)
