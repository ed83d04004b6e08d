"""pmp init: make a folder a workspace ready for a team (git, schemas, editor settings), never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import app, cli_lang, say


@app.command()
def init(
    folder: Optional[Path] = typer.Argument(None),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.write.workspace_init import init_workspace

    target = folder if folder is not None else Path.cwd()
    result = init_workspace(target, cli_lang())
    typer.echo(say("init.done", folder=display_path(target)))
    if result.git_created:
        typer.echo(say("init.git_created"))
    if result.git_missing:
        typer.echo(say("init.git_missing"))
    for title, names in (("init.created", result.created), ("init.kept", result.kept)):
        if names:
            typer.echo(say(title))
            for name in names:
                typer.echo(f"  {name}")
    typer.echo("\n" + say("init.next"))
    prefix = "" if folder is None else f"cd {display_path(target)} && "
    typer.echo(f"  1. {prefix}{say('init.step_mission')}")
    typer.echo(f"  2. {say('init.step_commit')}")
