"""`pmp status` without a mission: the portfolio's table, one row a mission (views.portfolio's rows).

Light on purpose: the rows come from the cache as plain data, so that drawing
them needs neither the models (pydantic) nor the plan; and the table is a
outputs/table.ManyRows, laid out as Rich's Table without measuring a thousand rows.
"""

from __future__ import annotations

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


def portfolio_table(rows: list[dict[str, Any]], as_of: date, lang: str = "fr") -> Any:
    """The portfolio as a Rich renderable, in `lang`."""
    from rich.console import Group
    from rich.text import Text

    from pamplemousse.outputs.table import ManyRows

    L, fmt = labels(lang), Formats(lang)
    T, P = L["terminal"], L["pilotage"]
    table = ManyRows()
    table.add_column(T["col_mission"], no_wrap=True)
    table.add_column(T["col_client"], min_width=12)  # these two wrap when the terminal is narrow
    table.add_column(T["col_phase"], min_width=12)
    table.add_column(P["col_progress"], no_wrap=True)
    table.add_column(T["col_overdue"], no_wrap=True, justify="right")
    table.add_column(T["col_next"], no_wrap=True)
    table.add_column(P["col_weather"], no_wrap=True)
    bars: dict[Any, Any] = {}  # a thousand rows share a few bars
    for row in rows:
        if row["errors"]:
            errors = french(T["errors"]) if lang == "fr" else T["errors"]
            table.add_row(row["slug"], Text(errors, style="bold red"), "", "", "", "", "")
            continue
        nxt, progress = row["next_deadline"], row["progress"]
        shown = (progress["value"], progress["label"]) if progress else (None, "—")
        if shown not in bars:
            bars[shown] = f"{progress_bar(shown[0])} {shown[1]:>5}"
        table.add_row(
            row["slug"],
            row["client"],
            row["phase"]["title"] if row["phase"] else L["common"]["none"],
            bars[shown],
            str(row["overdue"]),
            f"{nxt['date']['short']} {nxt['recommendation']}" if nxt else L["common"]["none"],
            f"{row['weather']['icon']} {row['weather']['label']}",
            style="bold red" if row["overdue"] else None,
        )
    head = Text(f"{T['portfolio']} · {L['common']['state_on'].format(date=fmt.date(as_of))}", style="bold")
    return Group(head, "", table)
