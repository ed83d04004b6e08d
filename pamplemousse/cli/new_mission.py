"""pmp new-mission: scaffold a mission folder, valid at once."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import _echo_err, app, say


@app.command("new-mission")
def new_mission(
    slug: str = typer.Argument(...),
    client: Optional[str] = typer.Option(None, "--client"),
    title: Optional[str] = typer.Option(None, "--title"),
    lang: str = typer.Option("fr", "--lang"),
    dir: Optional[Path] = typer.Option(None, "--dir"),
) -> None:
    import shlex
    from datetime import date

    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.write.scaffold import OUTPUTS, create_mission, ensure_schemas, git_root

    where = dir if dir is not None else workspace_root()
    target = create_mission(where, slug, client, title, lang, date.today(), in_dir=dir is not None)
    schemas = ensure_schemas(where, in_dir=dir is not None)
    shown = shlex.quote(display_path(target))
    typer.echo(say("new_mission.created", path=display_path(target)))
    for name in OUTPUTS:
        typer.echo(f"  {name}")
    if schemas:
        typer.echo(say("new_mission.schemas", path=display_path(schemas)))
    typer.echo("\n" + say("new_mission.next"))
    typer.echo(say("new_mission.fill"))
    typer.echo(say("new_mission.check", mission=shown))
    typer.echo(say("new_mission.render", mission=shown))
    if git_root(target):
        added = f"{shown} {shlex.quote(display_path(schemas))}" if schemas else shown
        typer.echo(say("new_mission.commit", added=added, name=target.name))
    _warn_union_merge(target)


def _warn_union_merge(target) -> None:
    """In a git repository whose .gitattributes does not union-merge the journal, say so (parallel logs would conflict)."""
    from pamplemousse.errors import display_path
    from pamplemousse.write.workspace_init import lacks_union_merge

    root = lacks_union_merge(target)
    if root is None:
        return
    attributes = root / ".gitattributes"
    if attributes.exists():
        _echo_err(say("no_union_merge", gitattributes=display_path(attributes)))
    else:
        _echo_err(say("no_union_merge_file", root=display_path(root)))
