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
    if done.scrubbed:
        _say_scrubbed(done)
    typer.echo(say("reuse.to_fill"))


def _say_scrubbed(done) -> None:
    """Each name taken out of the copy: file, field, the words as written → what stands instead."""
    from pamplemousse.cli.app import cli_lang
    from pamplemousse.errors import display_path
    from pamplemousse.text.i18n import labels
    from pamplemousse.text.wording import french

    lang = cli_lang()
    words = labels(lang)["cli"]["reuse"]
    lines = [words["scrubbed_intro"].format(slug=done.origin.rpartition("/")[0])] + [
        words["scrubbed"].format(file=display_path(done.path), id=done.id, field=s.field, old=s.old, new=s.new)
        for s in done.scrubbed
    ]
    for line in lines:
        typer.echo(french(line) if lang == "fr" else line)
