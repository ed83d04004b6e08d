"""The table of differences that `pmp import` shows, and the lines around it."""

from __future__ import annotations

import re
from pathlib import Path

from pamplemousse.errors import display_path
from pamplemousse.text.i18n import Formats, labels
from pamplemousse.write.imports.results import SheetImport


def _shown(field: str, value, catalog: dict, fmt: Formats) -> str:
    if value is None:
        return catalog["common"]["none"]
    if field == "status":
        return catalog["status"][value]
    if field == "progress":
        return fmt.percent(value)
    if field == "milestone":
        return catalog["xlsx"]["milestone_states"][value]
    if field == "value":
        return fmt.quantity(value, None)
    text = re.sub(r"[ \t\r\n]+", " ", str(value)).strip()  # no-break spaces stay
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def changes_table(result: SheetImport, lang: str) -> str:
    """The changes as a plain-text table: id, field, before, after."""
    catalog = labels(lang)
    x = catalog["import"]
    fmt = Formats(lang)
    head = (catalog["pilotage"]["col_id"], x["col_field"], x["col_before"], x["col_after"])
    body = [
        (c.rec_id, x[f"field_{c.field}"], _shown(c.field, c.before, catalog, fmt), _shown(c.field, c.after, catalog, fmt))
        for c in result.changes
    ]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(4)]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(tuple("─" * w for w in widths)), *(line(r) for r in body)])


def summary_lines(result: SheetImport, lang: str, written: tuple[Path, int] | None = None) -> list[str]:
    """The lines around the table: what was not taken, the dates, and what was (or would be) written; `written` is the journal's
    path and how many entries went in (none when another import had added them meanwhile)."""
    x = labels(lang)["import"]
    fmt = Formats(lang)
    ignored = list(result.ignored)  # what the file holds that pmp does not take, each named with why
    if not result.entries or (written is not None and written[1] == 0):
        return ignored + [x["no_change"]]
    lines = ignored + [x["form_of" if result.source == "form" else "sheet_of"].format(
        date=fmt.date(result.sheet_date), today=fmt.date(result.entry_date))]
    if written is None:
        lines.append(fmt.plural(x["dry_run"], len(result.entries)))
    else:
        path, n = written
        lines.append(fmt.plural(x["written"], n, path=display_path(path), date=fmt.date(result.entry_date)))
    return lines
