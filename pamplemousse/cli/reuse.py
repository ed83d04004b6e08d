"""pmp reuse: start a recommendation from one that worked in another mission."""

from __future__ import annotations

from typing import Optional

import typer

from pamplemousse.cli.app import _parse_date, app
from pamplemousse.errors import UsageError


@app.command()
def reuse(
    source: str = typer.Argument(...),
    into: str = typer.Option(..., "--into"),
    start: Optional[str] = typer.Option(None, "--start"),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import resolve_mission
    from pamplemousse.write.reuse import reuse as reuse_recommendation

    mission, sep, rec_id = source.rstrip("/").rpartition("/")
    if not sep or not mission or not rec_id:
        raise UsageError(key="reuse_bad_source", source=source)
    day = _parse_date(start, "--start")
    done = reuse_recommendation(resolve_mission(mission), rec_id, resolve_mission(into), day)
    typer.echo(f"{done.id} ajoutée à {display_path(done.path)} (reprise de {done.origin})\u00a0: {done.title}")
    typer.echo("À compléter\u00a0: le ou la responsable, les dates des jalons, les valeurs de départ et cibles des indicateurs.")
