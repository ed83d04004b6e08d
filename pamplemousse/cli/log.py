"""pmp log: append one entry to a mission's journal."""

from __future__ import annotations

from typing import List, Optional

import typer

from pamplemousse.cli.app import _parse_date, app, mission_folder, say
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
    days: Optional[str] = typer.Option(None, "--days", help="Jours-consultant passés (0,5), avec --phase."),
    phase: Optional[str] = typer.Option(None, "--phase", help="Avec --days\u00a0: la phase (son id dans mission.yaml)."),
    consultant: Optional[str] = typer.Option(None, "--consultant", help="Avec --days\u00a0: qui a passé ce temps."),
    situation: bool = typer.Option(
        False, "--situation", help="Les chiffres clés de la structure à cette date, avec --employees, --fte…"
    ),
    employees: Optional[str] = typer.Option(None, "--employees", help="Avec --situation\u00a0: salarié·es."),
    fte: Optional[str] = typer.Option(None, "--fte", help="Avec --situation\u00a0: équivalents temps plein (5,5)."),
    permanent_contracts: Optional[str] = typer.Option(None, "--permanent-contracts", help="Avec --situation\u00a0: CDI."),
    volunteers: Optional[str] = typer.Option(None, "--volunteers", help="Avec --situation\u00a0: bénévoles."),
    budget: Optional[str] = typer.Option(None, "--budget", help="Avec --situation\u00a0: budget annuel, en euros."),
    result: Optional[str] = typer.Option(None, "--result", help="Avec --situation\u00a0: résultat, en euros (-3200)."),
    withdraw: Optional[str] = typer.Option(
        None, "--withdraw", metavar="ID",
        help="Retirer une entrée précédente (son id, j-…, en fin de ligne dans journal.yaml)\u00a0: elle ne compte plus nulle part\u00a0; avec --note, pourquoi.",
    ),
    yes: bool = typer.Option(False, "--yes", help="Accepter une date à plus d'un an d'ici."),
) -> None:
    """Ajouter une entrée au journal\u00a0: avancement d'une préconisation, mesure d'un indicateur, comité de pilotage, jalon tenu ou manqué, temps passé, chiffres clés, ou retrait d'une entrée."""
    from pamplemousse.write.journal import append_entry, describe

    if met and missed:
        raise UsageError("--met et --missed\u00a0: un jalon est tenu ou manqué, pas les deux")
    if (met or missed) and status is not None:
        raise UsageError("--status ne va pas avec --met ou --missed\u00a0: pour un jalon, donnez --met ou --missed seulement")
    if met or missed:
        status = "met" if met else "missed"
    folder = mission_folder(mission)
    day = _parse_date(date, "--date")
    _check_progress(progress)
    _check_far_date(day, date, yes)
    fields = {
        "date": day, "recommendation": recommendation, "status": status,
        "progress": progress, "note": note, "indicator": indicator, "value": value,
        "committee": committee, "decisions": decision, "attendees": attendee,
        "time": days, "phase": phase, "consultant": consultant,
        "situation": _situation(situation, {
            "employees": employees, "fte": fte, "permanent_contracts": permanent_contracts,
            "volunteers": volunteers, "budget": budget, "result": result,
        }),
        "milestone": milestone,
        "withdraw": withdraw,
    }
    typer.echo(describe(append_entry(folder, {k: v for k, v in fields.items() if v not in (None, [])})))




def _situation(asked: bool, figures: dict) -> Optional[dict]:
    """--situation and its figures as the entry's `situation`, or None; a figure without --situation is refused."""
    from pamplemousse.errors import UsageError

    given = {k: v for k, v in figures.items() if v is not None}
    if not asked:
        if given:
            raise UsageError(f"--{next(iter(given)).replace('_', '-')} va avec --situation (pmp log MISSION --situation --employees 7 …)")
        return None
    if not given:
        raise UsageError("--situation\u00a0: donnez au moins un chiffre (--employees, --fte, --permanent-contracts, --volunteers, --budget, --result)")
    return given
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
