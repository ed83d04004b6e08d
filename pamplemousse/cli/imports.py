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
        ..., metavar="FICHIER",
        help="Ce que le client renvoie\u00a0: le classeur de pmp render --format xlsx (enregistré en .xlsx, .ods ou .csv), "
        "ou le fichier du formulaire de mises à jour de l'outil de pilotage (.json, ou l'e-mail enregistré en .eml).",
    ),
    yes: bool = typer.Option(False, "--yes", help="Ajouter les changements au journal (sans --yes\u00a0: les montrer seulement)."),
    date: Optional[str] = typer.Option(
        None, "--date", help="Date des entrées ajoutées, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."
    ),
) -> None:
    """Reprendre ce que le client renvoie (le tableur, ou le formulaire de l'outil de pilotage)\u00a0: montrer les changements (statut, avancement, note, nouvelles mesures, jalons tenus ou manqués)\u00a0; avec --yes, les ajouter au journal en une seule écriture."""
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.write.imports import append_all, changes_table, read_changes, summary_lines

    found = load_or_fail(mission_folder(mission))
    result = read_changes(sheet, found, _parse_date(date, "--date"))
    if result.changes:
        typer.echo(changes_table(result, found.language))
    written = append_all(found, result) if yes and result.entries else None
    for line in summary_lines(result, found.language, written):
        typer.echo(line)


