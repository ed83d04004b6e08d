"""pmp check: validate the missions' files and print every problem."""

from __future__ import annotations

from typing import List, Optional

import typer

from pamplemousse.cli.app import _MISSION_LANG, app, cli_lang, mission_folder
from pamplemousse.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
)


@app.command()
def check(
    missions: Optional[List[str]] = typer.Argument(None),
    format: str = typer.Option("text", "--format"),
    strict: bool = typer.Option(False, "--strict"),
) -> None:
    import json

    from pamplemousse.read.problems import mission_problems
    from pamplemousse.read.workspace import language_of, workspace_missions

    folders = [mission_folder(m) for m in missions] if missions else workspace_missions()
    if missions is None and folders:  # the whole workspace: its missions' language when they share one
        langs = {language_of(f) for f in folders}
        _MISSION_LANG.extend(langs if len(langs) == 1 else ())
    if format not in ("text", "json"):
        raise UsageError(key="format_text_json", value=format)
    if not folders:
        raise UsageError(key="no_mission_found")
    from pamplemousse.errors import display_unresolved
    from pamplemousse.read.journal_history import deleted_entries

    problems = []
    elsewhere = _names_from_other_missions(folders)
    for folder in folders:
        problems += mission_problems(folder) + elsewhere.get(folder.name, [])
        problems += deleted_entries(folder, display_unresolved(folder / "journal.yaml"), language_of(folder))
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
            for p in warnings:  # tagged « avertissement : » in the mission's language
                typer.echo(str(p))
        typer.echo(_check_summary(len(folders), len(errors), len(warnings)), err=bool(problems))
    failed = errors or (strict and warnings)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _names_from_other_missions(folders) -> dict:
    """{slug: warnings} of the names of people of the workspace's other missions (read/rules.py)."""
    from pamplemousse.read.elsewhere import names_from_other_missions
    from pamplemousse.read.workspace import workspace_missions

    everyone = workspace_missions(folders[0])
    if len(everyone) < 2:
        return {}
    return names_from_other_missions(folders, sorted({*everyone, *folders}))


def _check_words() -> dict:
    from pamplemousse.text.i18n import labels

    return labels(cli_lang())["cli"]["check"]


def _check_summary(missions: int, errors: int, warnings: int) -> str:
    """« 1 mission vérifiée : 0 erreur, 3 avertissements. », in the missions' language."""
    from pamplemousse.text.i18n import Formats
    from pamplemousse.text.wording import french

    lang, words = cli_lang(), _check_words()
    fmt = Formats(lang)
    if not errors and not warnings:
        text = fmt.plural(words["ok"], missions)
    else:
        text = fmt.plural(words["found"], missions, errors=fmt.plural(words["errors"], errors),
                          warnings=fmt.plural(words["warnings"], warnings))
    return french(text) if lang == "fr" else text


