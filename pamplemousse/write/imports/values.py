"""What the client typed in a cell or a field, read: a text, a status, a progress; and the "did you mean" hint.

The spreadsheet's reader (plan.py, others.py) and the form's (form.py) read
values the same way; each problem goes to the caller's list, named by its cell.
"""

from __future__ import annotations

import re
from datetime import date

from pamplemousse.read.model import STATUSES
from pamplemousse.read.years import YEARS, in_years
from pamplemousse.text.messages import suggest

_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*")


def text(value) -> str | None:
    """A cell's or a field's value as a stripped text; None when empty."""
    written = str(value).strip() if value is not None else ""
    return written or None


def status(value, cell: str, catalog: dict, problems: list[str]) -> str | None:
    typed = text(value)
    if typed is None:
        return None
    by_label = {catalog["status"][s].lower(): s for s in STATUSES}
    by_label.update({s: s for s in STATUSES})
    found = by_label.get(" ".join(typed.lower().split()))
    if found is None:
        from pamplemousse.write.journal import normalise_status  # what pmp log accepts: "a faire", "Bloquée"…

        found = normalise_status(typed)
        found = found if found in STATUSES else None
    if found is None:
        x = catalog["import"]
        choices = [catalog["status"][s] for s in STATUSES]
        hint = did_you_mean(x, typed, choices)
        problems.append(x["unknown_status"].format(cell=cell, value=typed, statuses=", ".join(choices), hint=hint))
    return found


def within_years(day: date, cell: str, x: dict, problems: list[str]) -> date | None:
    """`day` when pmp computes with it (read/years.py, the bound `pmp check` applies); else None, and a
    problem naming `cell`."""
    if in_years(day):
        return day
    problems.append(x["year_out_of_range"].format(cell=cell, value=day.isoformat(), low=YEARS[0], high=YEARS[1]))
    return None


def did_you_mean(x: dict, word: str, choices: list[str]) -> str:
    """The import catalog's "did you mean" hint (in the sheet's language) for `word`, or ""."""
    close = suggest(word, choices)
    return x["did_you_mean"].format(suggestion=close) if close else ""


def progress(value, cell: str, catalog: dict, problems: list[str], percent_cell: bool = True) -> int | None:
    """The progress in a cell, 0–100, or None with a refusal naming the cell.

    In a cell formatted as a percentage (as pmp writes it) the number is a share:
    0.4 is 40 %, and 1.2 (shown « 120 % ») is refused, never read as 1 %. In a
    cell the client reformatted as a plain number, 40 means 40 %, and 0.4 too.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = value * 100 if percent_cell or 0 <= value <= 1 else value
    elif isinstance(value, str) and (written := _NUMBER.fullmatch(value)):
        number = float(written.group(1).replace(",", "."))
        if "%" not in value and number <= 1:
            number *= 100
    if number is None or not 0 <= number <= 100:
        problems.append(catalog["import"]["bad_progress"].format(cell=cell, value=shown_progress(value, percent_cell)))
        return None
    return round(number)


def shown_progress(value, percent_cell: bool) -> str:
    """A progress cell's value as the spreadsheet shows it (0.4 in a percentage cell: « 40 % »)."""
    if percent_cell and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:g}\u00a0%"
    return text(value) or str(value)
