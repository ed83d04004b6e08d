"""pmp questions: browse the question bank, or add questions to a mission's guide."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from pamplemousse.cli.app import app, say
from pamplemousse.errors import (
    UsageError,
)


@app.command()
def questions(
    ids: Optional[List[str]] = typer.Argument(None),
    phase: Optional[str] = typer.Option(None, "--phase"),
    theme: Optional[str] = typer.Option(None, "--theme"),
    moment: Optional[str] = typer.Option(None, "--moment"),
    search: Optional[str] = typer.Option(None, "--search"),
    lang: str = typer.Option("fr", "--lang"),
    format: str = typer.Option("text", "--format"),
    add: Optional[str] = typer.Option(None, "--add"),
) -> None:
    from pamplemousse.read import bank
    from pamplemousse.views import bank as bank_view

    if add is not None:
        return _add_questions(add, ids or [])
    if ids:
        raise UsageError(key="questions_unexpected", value=ids[0])
    if format not in ("text", "json"):
        raise UsageError(key="format_text_json", value=format)
    found = bank.select(bank.load_bank(), lang, phase, theme, moment, search)
    if format == "json":
        typer.echo(bank_view.as_json(found))
    elif sys.stdout.isatty():
        from rich.console import Console

        Console().print(bank_view.as_table(found, lang))
    else:
        typer.echo(bank_view.as_text(found, lang))


def _add_questions(mission: str, ids: List[str]) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.read import bank
    from pamplemousse.read.workspace import resolve_mission
    from pamplemousse.write.guide_edit import add_to_guide

    if not ids:
        raise UsageError(key="questions_no_ids")
    folder = resolve_mission(mission)
    result = add_to_guide(folder, bank.pick(bank.load_bank(), ids))
    for bank_id, existing in result.already:
        typer.echo(say("questions.already", id=bank_id, existing=existing), err=True)
    where = display_path(folder / "questions.yaml")
    if result.added:
        typer.echo(say("questions.added", n=len(result.added), path=where))
        for new_id, bank_id in result.added:
            typer.echo(f"  {new_id}  ({bank_id})")


