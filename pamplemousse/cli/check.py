"""pmp check: validate the missions' files and print every problem."""

from __future__ import annotations

from typing import List, Optional

import typer

from pamplemousse.cli.app import _plural, app
from pamplemousse.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
)


@app.command()
def check(
    missions: Optional[List[str]] = typer.Argument(
        None, help="Missions à vérifier (dossier ou nom) ; toutes celles de l'espace de travail par défaut."
    ),
    format: str = typer.Option("text", "--format", help="text ou json."),
    strict: bool = typer.Option(False, "--strict", help="Les avertissements font aussi échouer."),
) -> None:
    """Vérifier les fichiers des missions et signaler chaque problème (fichier:ligne:colonne)."""
    import json

    from pamplemousse.read.cache import mission_problems
    from pamplemousse.read.workspace import resolve_mission, workspace_missions

    if format not in ("text", "json"):
        raise UsageError(f"--format {format}\u00a0: valeurs possibles\u00a0: text, json")
    folders = [resolve_mission(m) for m in missions] if missions else workspace_missions()
    if not folders:
        raise UsageError("aucune mission trouvée (ni argument, ni dossier missions/ ici)")
    problems = []
    for folder in folders:
        problems += mission_problems(folder)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if format == "json":
        typer.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in errors:
            typer.echo(str(p))
        if warnings:
            if errors:
                typer.echo("")
            for p in warnings:
                typer.echo(str(p))
        typer.echo(_check_summary(len(folders), len(errors), len(warnings)), err=bool(problems))
    failed = errors or (strict and warnings)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _check_summary(missions: int, errors: int, warnings: int) -> str:
    checked = _plural(missions, "mission") + (" vérifiées" if missions > 1 else " vérifiée")
    if not errors and not warnings:
        return f"{checked}\u00a0: aucun problème."
    return f"{checked}\u00a0: {_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}."


