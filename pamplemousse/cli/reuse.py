"""pmp reuse: start a recommendation from one that worked in another mission."""

from __future__ import annotations

from typing import Optional

import typer

from pamplemousse.cli.app import _parse_date, app, say
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
    typer.echo(say("reuse.added", id=done.id, path=display_path(done.path), origin=done.origin, title=done.title))
    typer.echo(say("reuse.to_fill"))
