"""What `pmp import` finds in a file: its rows, the changes, the entries to append, and the refusal.

Both readers (plan.py for a spreadsheet, form.py for the update form's file)
give Rows and Extras; compare.py turns them into a SheetImport; a file that
cannot be read whole is a SheetRefused naming every problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pamplemousse.errors import UsageError
from pamplemousse.text.i18n import Formats

MAX_PROBLEMS = 20  # a refusal lists the first ones, then how many more


class SheetRefused(UsageError):
    """The sheet cannot be imported; every problem is named with its cell. Nothing was written."""

    def __init__(self, header: str, problems: list[str], more: dict | str = "", lang: str = "fr"):
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS and more:  # « … et 3 autres problèmes », by the catalog's plural rule
            shown.append(Formats(lang).plural(more, len(problems) - MAX_PROBLEMS))
        super().__init__("\n".join([header, *shown]))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    """What the sheet says about one recommendation (None: empty cell, unchanged)."""

    rec_id: str
    row: int
    status: str | None
    progress: int | None
    note: str | None
    # a progress typed beside « done » (which is 100 %): the notice naming it, and the number read (None: unreadable);
    # compare shows the notice unless the number is the progress the file was made with (left as it was)
    beside_done: tuple[str, int | None] | None = None


@dataclass(frozen=True)
class Change:
    rec_id: str
    field: str  # status, progress or note
    before: object  # the value on the sheet's date
    after: object


@dataclass(frozen=True)
class SheetImport:
    """The sheet read and compared: its date, the changes, and the journal entries to append."""

    sheet_date: date
    entry_date: date
    changes: tuple[Change, ...]
    entries: tuple[dict, ...]
    rows: tuple = ()  # what was read, to compare again with a journal that moved meanwhile
    extras: tuple = ()
    source: str = "sheet"  # "sheet" (a spreadsheet) or "form" (the steering tool's update form)
    ignored: tuple[str, ...] = ()  # each cell or field there but not read, named with why
