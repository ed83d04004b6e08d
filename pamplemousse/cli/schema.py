"""pmp schema: write the JSON Schemas of the mission files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import app, say


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output"),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.paths import SCHEMAS_DIR
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.write.schemas import write_schemas

    folder = output if output is not None else workspace_root() / SCHEMAS_DIR
    written = write_schemas(folder)
    typer.echo(say("schema.written", n=len(written), path=display_path(folder)))
    for path in written:
        typer.echo(f"  {path.name}")


