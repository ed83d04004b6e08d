"""`pmp status` without a mission: the portfolio's table, one line a mission (views.portfolio's rows).

Light on purpose: the rows come from the cache as plain data, so that drawing
them needs neither the models (pydantic) nor the plan. The table is Rich's own
`Table` (its public API), given one row whose cells are whole columns: each
column one `Text` of a line per mission, styled line by line (a late mission in
bold red), never wrapped (a line too long for its column ends with « … »), so
that the lines of the columns stay side by side. Rich then measures and draws
seven cells, not seven thousand: a portfolio of 1,000 missions in a fraction of
a second. The client's and the phase's columns are the ones that give way
first on a narrow terminal, as they did when they wrapped. User text is shown as
written: no Rich markup nor emoji code is read in it, and a control character
(a line break in a client's name) is shown as a space.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pamplemousse.text.i18n import Formats, labels
from pamplemousse.text.wording import french

BAR_WIDTH = 10
_EIGHTHS = " ▏▎▍▌▋▊▉"


def progress_bar(pct: float | None, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, to the eighth of a cell: 45 % → '████▌     '."""
    if pct is None:
        return " " * width
    eighths = round(max(0.0, min(100.0, pct)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[rest] if rest else "")
    return bar.ljust(width, "·")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# header key (terminal, pilotage), right-justified; the client's and the phase's columns (GIVE_WAY) give way
_COLUMNS = [("terminal", "col_mission", False), ("terminal", "col_client", False), ("terminal", "col_phase", False),
            ("pilotage", "col_progress", False), ("terminal", "col_overdue", True), ("terminal", "col_next", False),
            ("pilotage", "col_weather", False)]
GIVE_WAY = (1, 2)
MIN_WIDTH = 12  # of a column that gives way
GAP = 2  # the spaces between two columns (SIMPLE_HEAD without edges, padding collapsed)


def portfolio_table(rows: list[dict[str, Any]], as_of: date, lang: str = "fr") -> Any:
    """The portfolio as a Rich renderable, in `lang`."""
    from rich.console import Group
    from rich.text import Text

    L, fmt = labels(lang), Formats(lang)
    T = L["terminal"]
    columns = [Text(no_wrap=True, overflow="ellipsis", end="") for _ in _COLUMNS]
    bars: dict[Any, Any] = {}  # a thousand rows share a few bars
    errors = french(T["errors"]) if lang == "fr" else T["errors"]
    for n, row in enumerate(rows):
        style: str | None
        if row["errors"]:
            cells, style = [row["slug"], errors, "", "", "", "", ""], "bold red"
        else:
            nxt, progress = row["next_deadline"], row["progress"]
            shown = (progress["value"], progress["label"]) if progress else (None, "—")
            if shown not in bars:
                bars[shown] = f"{progress_bar(shown[0])} {shown[1]:>5}"
            cells = [
                row["slug"],
                row["client"],
                row["phase"]["title"] if row["phase"] else L["common"]["none"],
                bars[shown],
                str(row["overdue"]),
                f"{nxt['date']['short']} {nxt['recommendation']}" if nxt else L["common"]["none"],
                f"{row['weather']['icon']} {row['weather']['label']}",
            ]
            style = "bold red" if row["overdue"] else None
        for i, (column, cell) in enumerate(zip(columns, cells)):
            if n:
                column.append("\n")
            # an error row: its message in red (the client's column); a late row: each of its cells
            column.append(_CONTROL.sub(" ", cell), style if style and (not row["errors"] or i == 1) else None)
    headers = [L[section][key] for section, key, _ in _COLUMNS]
    head = Text(f"{T['portfolio']} · {L['common']['state_on'].format(date=fmt.date(as_of))}", style="bold")
    return Group(head, "", _Columns(headers, columns))


class _Columns:
    """The table, laid out for the console's width when it is drawn: Rich's Table of one row of whole columns,
    the client's and the phase's narrowed first (to MIN_WIDTH) when the lines would not fit."""

    def __init__(self, headers: list[str], columns: list[Any]) -> None:
        from rich.cells import cell_len

        self.headers, self.columns = headers, columns
        self.widths = [max([cell_len(h), *(cell_len(line) for line in c.plain.split("\n"))])
                       for h, c in zip(headers, columns)]

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True,
                      header_style="bold")
        room = options.max_width - GAP * (len(self.widths) - 1) - sum(
            w for i, w in enumerate(self.widths) if i not in GIVE_WAY)
        shares = dict(zip(GIVE_WAY, _shares(room, [self.widths[i] for i in GIVE_WAY])))
        for i, (header, (_, _, right)) in enumerate(zip(self.headers, _COLUMNS)):
            width = max(MIN_WIDTH, shares[i]) if i in shares and shares[i] < self.widths[i] else None
            table.add_column(header, no_wrap=True, overflow="ellipsis", justify="right" if right else "left",
                             max_width=width)
        table.add_row(*self.columns)
        yield table


def _shares(room: int, wanted: list[int]) -> list[int]:
    """`room` shared between columns that would take `wanted`: in equal parts, what one needs less of going
    to the others (as when they wrapped, the narrower one shown whole if it fits in its part)."""
    shares = [0] * len(wanted)
    left = max(0, room)
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    for k, i in enumerate(order):
        shares[i] = min(wanted[i], left // (len(order) - k))
        left -= shares[i]
    return shares
