"""pmp import: the updates a client sent back."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import _parse_date, app, mission_folder


@app.command("import")
def import_sheet(
    mission: str = typer.Argument(...),
    sheet: Path = typer.Argument(...),
    yes: bool = typer.Option(False, "--yes"),
    date: Optional[str] = typer.Option(None, "--date"),
) -> None:
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.write.imports import append_all, changes_table, read_changes, summary_lines

    found = load_or_fail(mission_folder(mission))
    result = read_changes(sheet, found, _parse_date(date, "--date"))
    if result.changes:
        typer.echo(changes_table(result, found.language))
    written = append_all(found, result) if yes and result.entries else None
    for line in summary_lines(result, found.language, written):
        typer.echo(line)


