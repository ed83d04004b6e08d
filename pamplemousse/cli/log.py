"""pmp log: append one entry to a mission's journal."""

from __future__ import annotations

from typing import List, Optional

import typer

from pamplemousse.cli.app import _parse_date, app, mission_folder, say
from pamplemousse.errors import UsageError


@app.command()
def log(
    mission: str = typer.Argument(...),
    recommendation: Optional[str] = typer.Argument(None),
    status: Optional[str] = typer.Option(None, "--status"),
    progress: Optional[str] = typer.Option(None, "--progress"),
    note: Optional[str] = typer.Option(None, "--note"),
    indicator: Optional[str] = typer.Option(None, "--indicator"),
    value: Optional[str] = typer.Option(None, "--value"),
    committee: Optional[str] = typer.Option(None, "--committee"),
    decision: Optional[List[str]] = typer.Option(None, "--decision"),
    attendee: Optional[List[str]] = typer.Option(None, "--attendee"),
    milestone: Optional[str] = typer.Option(None, "--milestone"),
    met: bool = typer.Option(False, "--met"),
    missed: bool = typer.Option(False, "--missed"),
    date: Optional[str] = typer.Option(None, "--date"),
    days: Optional[str] = typer.Option(None, "--days"),
    phase: Optional[str] = typer.Option(None, "--phase"),
    consultant: Optional[str] = typer.Option(None, "--consultant"),
    situation: bool = typer.Option(False, "--situation"),
    employees: Optional[str] = typer.Option(None, "--employees"),
    fte: Optional[str] = typer.Option(None, "--fte"),
    permanent_contracts: Optional[str] = typer.Option(None, "--permanent-contracts"),
    volunteers: Optional[str] = typer.Option(None, "--volunteers"),
    budget: Optional[str] = typer.Option(None, "--budget"),
    result: Optional[str] = typer.Option(None, "--result"),
    withdraw: Optional[str] = typer.Option(None, "--withdraw", metavar="ID"),
    yes: bool = typer.Option(False, "--yes"),
) -> None:
    from pamplemousse.write.journal import append_entry, describe

    if met and missed:
        raise UsageError(key="log_met_and_missed")
    if (met or missed) and status is not None:
        raise UsageError(key="log_status_with_met")
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
    done = append_entry(folder, {k: v for k, v in fields.items() if v not in (None, [])})
    typer.echo(describe(done))
    _warn_of_names(done)


def _warn_of_names(done) -> None:
    """What `pmp check` will say of the entry just written (a name without consent, an e-mail address
    in a text for the client), said now, at its line and column, on the error output: it is written."""
    from pamplemousse.errors import display_unresolved
    from pamplemousse.read.rules import entry_names_without_consent
    from pamplemousse.read.yamlread import read_yaml

    lang = done.mission.language

    def journal():
        return read_yaml(done.path, display_unresolved(done.path), lang, expect=list)[0]

    for p in entry_names_without_consent(done.mission, done.entry, journal, lang):
        typer.echo(str(p), err=True)  # « file:line:col: avertissement : … », as pmp check prints it


def _situation(asked: bool, figures: dict) -> Optional[dict]:
    """--situation and its figures as the entry's `situation`, or None; a figure without --situation is refused."""
    from pamplemousse.errors import UsageError

    given = {k: v for k, v in figures.items() if v is not None}
    if not asked:
        if given:
            raise UsageError(key="log_figure_alone", option="--" + next(iter(given)).replace("_", "-"))
        return None
    if not given:
        raise UsageError(key="log_no_figure")
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
