"""pmp import: the updates a client sent back."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import _parse_date, app, mission_folder


@app.command("import")
def import_sheet(
    mission: str = typer.Argument(..., help="La mission (dossier ou nom)."),
    sheet: Path = typer.Argument(
        ..., metavar="FICHIER.xlsx", help="Le classeur renvoyé par le client (fait par pmp render --format xlsx)."
    ),
    yes: bool = typer.Option(False, "--yes", help="Ajouter les changements au journal (sans --yes\u00a0: les montrer seulement)."),
    date: Optional[str] = typer.Option(
        None, "--date", help="Date des entrées ajoutées, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."
    ),
) -> None:
    """Reprendre le tableur renvoyé par le client\u00a0: montrer les changements de la feuille Plan (statut, avancement, note)\u00a0; avec --yes, les ajouter au journal. Les autres feuilles (indicateurs, journal, comités) ne sont pas relues\u00a0: les mesures s'ajoutent avec pmp log --indicator."""
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.write.imports import append_all, changes_table, read_changes, summary_lines

    found = load_or_fail(mission_folder(mission))
    result = read_changes(sheet, found, _parse_date(date, "--date"))
    if result.changes:
        typer.echo(changes_table(result, found.language))
    written = append_all(found, result) if yes and result.entries else None
    for line in summary_lines(result, found.language, written):
        typer.echo(line)


