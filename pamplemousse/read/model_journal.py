"""The model of journal.yaml (read/model.py imports it): its kinds of entry, one table, and an entry.

Every entry pmp writes carries its own `id` (j-k3m7x2qa); an entry is never deleted but withdrawn by a
later entry (`withdraw: j-k3m7x2qa`), after which it counts nowhere (`counted`). Entries written before
0.3 have no id and stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field, RootModel, field_validator, model_validator
from pydantic_core import PydanticCustomError

from pamplemousse.read.model_cycle import Situation
from pamplemousse.read.values import Day, Days, Id, MilestoneRef, Number, Percent, Strict, Text, status_of_its_kind

Status = Literal["todo", "in_progress", "done", "blocked", "dropped"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


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
    "withdraw": EntryKind(("note",)),  # `withdraw`: the id of an earlier entry, which then counts nowhere
}
# Every field of an entry, in the order pmp writes them (`note`, then the entry's own `id`, last).
_OWN_FIELDS = tuple(dict.fromkeys(f for k in JOURNAL_KINDS.values() for f in k.fields if f != "note"))
ENTRY_FIELDS: tuple[str, ...] = ("date", *JOURNAL_KINDS, *_OWN_FIELDS, "note", "id")


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
    withdraw: Optional[Id] = None  # the id of the entry this one withdraws
    note: Optional[Text] = None
    id: Optional[Id] = None  # the entry's own identity (j-k3m7x2qa), written by pmp; older entries have none

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


def counted(journal: list[JournalEntry]) -> list[JournalEntry]:
    """The entries of `journal` that count: neither a withdrawal nor an entry withdrawn by one
    (whatever their dates: a withdrawn entry counts on no date)."""
    gone = {e.withdraw for e in journal if e.withdraw is not None}
    if not gone:
        return journal
    return [e for e in journal if e.withdraw is None and (e.id is None or e.id not in gone)]
