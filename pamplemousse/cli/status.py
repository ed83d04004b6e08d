"""pmp status: the plan in the terminal; the portfolio without a mission."""

from __future__ import annotations

from typing import Optional

import typer

from pamplemousse.cli.app import _console, _parse_date, _since_options, _with_progress_bar, app
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

    from pamplemousse.outputs import terminal as status_view
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import resolve_mission, workspace_missions

    if format not in ("text", "json"):
        raise UsageError(f"--format {format}\u00a0: valeurs possibles\u00a0: text, json")
    if not re.fullmatch(r"[0-9]{1,4}", stale_weeks) or int(stale_weeks) < 1:  # ASCII digits: "²" is a digit to isdigit()
        raise UsageError(f"--stale-weeks {stale_weeks}\u00a0: un nombre entier de semaines (de 1 à 9999) est attendu")
    day = _parse_date(as_of, "--as-of")
    if mission is None and _mission_here() is not None:
        mission = str(_mission_here())  # inside a mission folder: that mission
    if mission is None:
        if theme or owner or since or since_last_committee:
            raise UsageError("--theme, --owner et --since s'appliquent à une mission\u00a0: précisez-la (pmp status MISSION …)")
        folders = workspace_missions()
        if not folders:
            raise UsageError("aucune mission trouvée (ni argument, ni dossier missions/ ici)")
        rows, lang = _with_progress_bar(
            folders, lambda tick: status_view.portfolio_rows(folders, day, int(stale_weeks), tick)
        )
        if format == "json":
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            _console().print(status_view.portfolio_table(rows, day, lang))
        return
    from pamplemousse.plan.privacy import check_audience, redact

    check_audience(audience)
    loaded = load_or_fail(resolve_mission(mission))
    loaded = redact(loaded, audience, loaded.language)  # what its readers may read, as documents do
    shown = status_view.mission_status(
        loaded, day, theme, owner, **_since_options(since, since_last_committee), stale_weeks=int(stale_weeks)
    )
    if format == "json":
        typer.echo(json.dumps(shown.as_json(), ensure_ascii=False, indent=2))
    else:
        _console().print(shown.renderable())


def _mission_here():
    """The mission folder the current folder is in (itself, or its parent from out/), if any."""
    from pathlib import Path

    here = Path.cwd()
    for folder in (here, here.parent):
        if (folder / "mission.yaml").is_file():
            return folder
    return None
