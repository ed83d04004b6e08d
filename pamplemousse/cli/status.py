"""pmp status: the plan in the terminal; the portfolio without a mission."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from pamplemousse.views.records import FailedRow, PortfolioRow

from pamplemousse.cli.app import _console, _parse_date, _since_options, _with_progress_bar, app, mission_folder
from pamplemousse.errors import (
    UsageError,
)


@app.command()
def status(
    mission: Optional[str] = typer.Argument(None),
    as_of: Optional[str] = typer.Option(None, "--as-of"),
    theme: Optional[str] = typer.Option(None, "--theme"),
    owner: Optional[str] = typer.Option(None, "--owner"),
    format: str = typer.Option("text", "--format"),
    since: Optional[str] = typer.Option(None, "--since"),
    since_last_committee: bool = typer.Option(False, "--since-last-committee"),
    stale_weeks: str = typer.Option("6", "--stale-weeks"),
    audience: str = typer.Option("client", "--audience"),
) -> None:
    import json
    import re

    from pamplemousse.read.workspace import workspace_missions

    if mission is None and _mission_here() is not None:
        mission = str(_mission_here())  # inside a mission folder: that mission
    folder = mission_folder(mission) if mission is not None else None  # pmp speaks the mission's language
    if format not in ("text", "json"):
        raise UsageError(key="format_text_json", value=format)
    if not re.fullmatch(r"[0-9]{1,4}", stale_weeks) or int(stale_weeks) < 1:  # ASCII digits: "²" is a digit to isdigit()
        raise UsageError(key="stale_weeks", value=stale_weeks)
    day = _parse_date(as_of, "--as-of")
    if folder is None:
        if theme or owner or since or since_last_committee:
            raise UsageError(key="status_needs_mission")
        folders = workspace_missions()
        if not folders:
            raise UsageError(key="no_mission_found")
        from pamplemousse.plan.privacy import check_audience

        check_audience(audience)
        rows, lang = _with_progress_bar(
            folders, lambda tick: _portfolio_rows(folders, day, int(stale_weeks), tick, audience)
        )
        if format == "json":
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            from pamplemousse.outputs.terminal_portfolio import portfolio_table  # light: no models, no plan

            _console().print(portfolio_table(rows, day, lang))
        return
    from pamplemousse.outputs import terminal as status_view
    from pamplemousse.plan.privacy import check_audience, redact
    from pamplemousse.read.load import load_or_fail

    check_audience(audience)
    loaded = load_or_fail(folder)
    loaded = redact(loaded, audience, loaded.language)  # what its readers may read, as documents do
    shown = status_view.mission_status(
        loaded, day, theme, owner, **_since_options(since, since_last_committee), stale_weeks=int(stale_weeks)
    )
    if format == "json":
        typer.echo(json.dumps(shown.as_json(), ensure_ascii=False, indent=2))
    else:
        _console().print(shown.renderable())


def _portfolio_rows(folders, day, stale_weeks: int, tick, audience: str = "client") -> tuple[list[dict], str]:
    """The rows of views.portfolio, each kept in the cache beside its loaded mission: a row
    is plain data, read back much faster than the mission it is made from. The portfolio's language
    is first guessed from each mission.yaml; if the missions say otherwise, the rows are made again in theirs."""
    import functools

    from pamplemousse.read.cache import memo
    from pamplemousse.read.workspace import language_of
    from pamplemousse.views.portfolio import language_among

    def rows_in(lang: str, tick) -> list[dict]:
        rows = []
        for folder in folders:
            options = (day.isoformat(), stale_weeks, lang, audience)
            compute = functools.partial(_row, folder, day, stale_weeks, lang, audience)
            rows.append(memo("status", folder, options, compute))
            if tick is not None:
                tick(folder)
        return rows

    lang = language_among([language_of(f) for f in folders])
    rows = rows_in(lang, tick)
    actual = language_among([r["language"] for r in rows if "language" in r])
    return (rows, lang) if actual == lang else (rows_in(actual, None), actual)


def _row(folder, day, stale_weeks: int, lang: str, audience: str) -> PortfolioRow | FailedRow:
    from pamplemousse.plan.privacy import redact
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.common import Writer
    from pamplemousse.views.portfolio import failed_row, portfolio_row

    mission, problems = load_mission(folder)
    if mission is None:
        return failed_row(folder, sum(p.severity == "error" for p in problems))
    mission = redact(mission, audience, mission.language)  # a title may name someone, as in the documents
    return portfolio_row(mission, state_on(mission, day, stale_weeks), Writer(lang))


def _mission_here():
    """The mission folder the current folder is in (itself, or its parent from out/), if any."""
    from pathlib import Path

    here = Path.cwd()
    for folder in (here, here.parent):
        if (folder / "mission.yaml").is_file():
            return folder
    return None
