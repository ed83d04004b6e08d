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
    mission: Optional[str] = typer.Argument(
        None, help="La mission (dossier ou nom)\u00a0; sans mission\u00a0: celle du dossier courant, sinon le portefeuille de l'espace de travail."
    ),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date de l'état, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."),
    theme: Optional[str] = typer.Option(None, "--theme", help="Ne montrer qu'un axe (volunteers ou Bénévolat…)."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Ne montrer que les préconisations d'un·e responsable."),
    format: str = typer.Option("text", "--format", help="text ou json (l'état calculé complet)."),
    since: Optional[str] = typer.Option(None, "--since", help="Ce qui a changé depuis cette date (AAAA-MM-JJ)."),
    since_last_committee: bool = typer.Option(
        False, "--since-last-committee", help="Ce qui a changé depuis le dernier comité de pilotage."
    ),
    stale_weeks: str = typer.Option("6", "--stale-weeks", help="Semaines sans nouvelles avant l'alerte «\u00a0inactif\u00a0»."),
    audience: str = typer.Option(
        "client", "--audience",
        help="Pour qui : client (par défaut : personne nommée sans son accord), funder ou internal (tout).",
    ),
) -> None:
    """L'état du plan dans le terminal\u00a0: météo, avancement, retards, prochaines échéances\u00a0; sans mission, le portefeuille."""
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
        rows, lang = _with_progress_bar(folders, lambda tick: _portfolio_rows(folders, day, int(stale_weeks), tick))
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


def _portfolio_rows(folders, day, stale_weeks: int, tick) -> tuple[list[dict], str]:
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
            options = (day.isoformat(), stale_weeks, lang)
            rows.append(memo("status", folder, options, functools.partial(_row, folder, day, stale_weeks, lang)))
            if tick is not None:
                tick(folder)
        return rows

    lang = language_among([language_of(f) for f in folders])
    rows = rows_in(lang, tick)
    actual = language_among([r["language"] for r in rows if "language" in r])
    return (rows, lang) if actual == lang else (rows_in(actual, None), actual)


def _row(folder, day, stale_weeks: int, lang: str) -> PortfolioRow | FailedRow:
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.common import Writer
    from pamplemousse.views.portfolio import failed_row, portfolio_row

    mission, problems = load_mission(folder)
    if mission is None:
        return failed_row(folder, sum(p.severity == "error" for p in problems))
    return portfolio_row(mission, state_on(mission, day, stale_weeks), Writer(lang))


def _mission_here():
    """The mission folder the current folder is in (itself, or its parent from out/), if any."""
    from pathlib import Path

    here = Path.cwd()
    for folder in (here, here.parent):
        if (folder / "mission.yaml").is_file():
            return folder
    return None
