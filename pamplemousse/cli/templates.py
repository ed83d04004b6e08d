"""pmp templates list|copy: the built-in templates and the workspace's overrides."""

from __future__ import annotations

import typer

from pamplemousse.cli.app import PmpTyper, app, cli_lang, say

templates_app = PmpTyper(no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list() -> None:
    from pamplemousse.outputs.overrides import list_lines, list_templates
    from pamplemousse.read.workspace import workspace_root

    for line in list_lines(list_templates(workspace_root()), cli_lang()):
        typer.echo(line)


@templates_app.command("copy")
def templates_copy(
    name: str = typer.Argument(...),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.write.templates import copy_template

    target = copy_template(workspace_root(), name)
    typer.echo(say("templates.copied", path=display_path(target)))
    typer.echo(say("templates.edit"))


