"""pmp log: append one entry to a mission's journal."""

from __future__ import annotations

from typing import List, Optional

import typer

from pamplemousse.cli.app import _parse_date, app, say
from pamplemousse.errors import UsageError


@app.command()
def log(
    mission: str = typer.Argument(..., help="La mission (dossier ou nom)."),
    recommendation: Optional[str] = typer.Argument(
        None, metavar="[PRECONISATION]", help="La préconisation suivie (R3), avec --status, --progress, --note."
    ),
    status: Optional[str] = typer.Option(
        None, "--status", help="todo, in_progress, done, blocked, dropped (ou\u00a0: à faire, en cours, fait, bloqué, abandonné)."
    ),
    progress: Optional[str] = typer.Option(None, "--progress", help="Avancement, de 0 à 100."),
    note: Optional[str] = typer.Option(None, "--note", help="Ce qui s'est passé, en une ou deux phrases."),
    indicator: Optional[str] = typer.Option(None, "--indicator", help="Un indicateur mesuré (I2), avec --value."),
    value: Optional[str] = typer.Option(None, "--value", help="La mesure de l'indicateur (57 ou 57,5)."),
    committee: Optional[str] = typer.Option(None, "--committee", help="Un comité de pilotage (\"COPIL n°2\")."),
    decision: Optional[List[str]] = typer.Option(None, "--decision", help="Une décision du comité (répétable)."),
    attendee: Optional[List[str]] = typer.Option(None, "--attendee", help="Une personne présente (répétable)."),
    milestone: Optional[str] = typer.Option(None, "--milestone", help="Un jalon (son id, ou R3.1 pour le 1er jalon de R3), avec --met ou --missed."),
    met: bool = typer.Option(False, "--met", help="Le jalon est tenu."),
    missed: bool = typer.Option(False, "--missed", help="Le jalon est manqué."),
    date: Optional[str] = typer.Option(None, "--date", help="Date de l'entrée, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."),
    yes: bool = typer.Option(False, "--yes", help="Accepter une date à plus d'un an d'ici."),
) -> None:
    """Ajouter une entrée au journal\u00a0: avancement d'une préconisation, mesure d'un indicateur, comité de pilotage, jalon tenu ou manqué."""
    from pamplemousse.read.workspace import resolve_mission
    from pamplemousse.write.journal import append_entry, describe

    if met and missed:
        raise UsageError("--met et --missed\u00a0: un jalon est tenu ou manqué, pas les deux")
    if (met or missed) and status is not None:
        raise UsageError("--status ne va pas avec --met ou --missed\u00a0: pour un jalon, donnez --met ou --missed seulement")
    if met or missed:
        status = "met" if met else "missed"
    folder = resolve_mission(mission)
    day = _parse_date(date, "--date")
    _check_progress(progress)
    _check_far_date(day, date, yes)
    fields = {
        "date": day, "recommendation": recommendation, "status": status,
        "progress": progress, "note": note, "indicator": indicator, "value": value,
        "committee": committee, "decisions": decision, "attendees": attendee, "milestone": milestone,
    }
    typer.echo(describe(append_entry(folder, {k: v for k, v in fields.items() if v not in (None, [])})))


def _check_progress(progress: Optional[str]) -> None:
    """`--progress "50 %"`: a number without its sign, as check would say."""
    import re

    if progress is None:
        return
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*", progress)
    if m:
        from pamplemousse.errors import UsageError

        raise UsageError(say("progress_as", value=progress, number=m.group(1)))


def _check_far_date(day, given: Optional[str], yes: bool) -> None:
    """A date more than a year ahead is most often a mistyped year (2072 for 2027): it needs --yes."""
    from datetime import date as Date

    ahead = (day - Date.today()).days
    if ahead > 365 and not yes:
        from pamplemousse.errors import UsageError

        raise UsageError(say("date_far", value=given, days=ahead))
