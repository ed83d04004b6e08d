"""The `pmp` command line: each command a few lines that call the layers below.

Only this module prints or exits. Heavy modules (pydantic, yaml, jinja2, babel)
are imported inside the commands so that `pmp --help` stays light.

Exit codes: 0 success · 1 problems found in the missions · 2 bad usage or
unreadable input · 3 refused write · 4 unexpected error (a report file is written).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from pamplemousse.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    MissionProblems,
    PmpError,
    UsageError,
)

EXIT_CRASH = 4

app = typer.Typer(
    name="pmp",
    help="pamplemousse : missions d'accompagnement et outils de pilotage (ESS, DLA).",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from pamplemousse import __version__

        typer.echo(f"pmp {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Afficher la version et quitter."
    ),
) -> None:
    """pamplemousse : missions d'accompagnement et outils de pilotage (ESS, DLA)."""


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _parse_date(value: Optional[str], option: str):
    """An ISO date from the command line, or today."""
    import re
    from datetime import date

    if value is None:
        return date.today()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # Python 3.11 would also read 20260301, 3.10 not
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            raise UsageError(f"{option} {value}\u00a0: cette date n'existe pas") from None
    raise UsageError(f"{option} {value}\u00a0: date attendue au format AAAA-MM-JJ (par exemple 2026-03-01)")


def _since_options(since: Optional[str], since_last_committee: bool) -> dict:
    """--since DATE and --since-last-committee (pmp status, pmp render) as the options of the layers below;
    since.since_window checks them against the mission."""
    return {
        "since": _parse_date(since, "--since") if since else None,
        "since_last_committee": since_last_committee or None,
    }


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

    from pamplemousse.read.load import load_mission
    from pamplemousse.read.workspace import resolve_mission, workspace_missions

    if format not in ("text", "json"):
        raise UsageError(f"--format {format}\u00a0: valeurs possibles\u00a0: text, json")
    folders = [resolve_mission(m) for m in missions] if missions else workspace_missions()
    if not folders:
        raise UsageError("aucune mission trouvée (ni argument, ni dossier missions/ ici)")
    problems = []
    for folder in folders:
        problems += load_mission(folder)[1]
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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def _check_summary(missions: int, errors: int, warnings: int) -> str:
    checked = _plural(missions, "mission") + (" vérifiées" if missions > 1 else " vérifiée")
    if not errors and not warnings:
        return f"{checked}\u00a0: aucun problème."
    return f"{checked}\u00a0: {_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}."


@app.command()
def render(
    mission: Optional[str] = typer.Argument(None, help="La mission (dossier ou nom)\u00a0; avec --all, aucune."),
    doc: str = typer.Option("pilotage", "--doc", help="Le document à produire\u00a0: pilotage, rapport ou guide."),
    format: Optional[List[str]] = typer.Option(
        None, "--format",
        help="html, md, xlsx, ics, json ou pdf (extra pdf)\u00a0; html et md par défaut\u00a0; "
        "plusieurs\u00a0: --format xlsx,ics ou --format xlsx --format ics.",
    ),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date de l'état, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Dossier de sortie (MISSION/out par défaut)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Langue du document\u00a0: fr ou en (celle de la mission par défaut)."),
    all_missions: bool = typer.Option(False, "--all", help="Toutes les missions de l'espace de travail, chacune dans son dossier out/."),
    site: Optional[Path] = typer.Option(
        None, "--site", metavar="DOSSIER",
        help="Avec --all\u00a0: le portefeuille en site statique dans DOSSIER (une page par mission et un index).",
    ),
    audience: Optional[str] = typer.Option(
        None, "--audience",
        help="Destinataires\u00a0: client, funder (financeur) ou internal\u00a0; client par défaut, internal pour le guide.",
    ),
    session: Optional[str] = typer.Option(
        None, "--session", help="Avec --doc guide\u00a0: la séance (S2) dont l'en-tête donne la date et les participant·es."
    ),
    since: Optional[str] = typer.Option(
        None, "--since", help="Avec --doc pilotage\u00a0: ouvrir sur ce qui a changé depuis cette date (AAAA-MM-JJ)."
    ),
    since_last_committee: bool = typer.Option(
        False, "--since-last-committee",
        help="Avec --doc pilotage\u00a0: ouvrir sur ce qui a changé depuis le dernier comité de pilotage.",
    ),
) -> None:
    """Produire l'outil de pilotage, le rapport de mission ou le guide d'entretien (HTML autonome et Markdown) à la date voulue\u00a0; rien n'est écrit en cas d'erreur."""
    from pamplemousse.errors import display_path
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import resolve_mission
    from pamplemousse.plan.privacy import check_audience
    from pamplemousse.outputs.render import check_lang, formats_of
    from pamplemousse.write.outputs import render_document

    format = _formats(format)
    changes = _since_options(since, since_last_committee)
    if all_missions or site is not None:
        if since or since_last_committee:
            raise UsageError("--since et --since-last-committee s'appliquent à une mission\u00a0: précisez-la (pmp render MISSION …)")
        return _render_all(mission, doc, format, as_of, output, lang, site)
    if mission is None:
        raise UsageError("donnez la mission à produire (dossier ou nom), ou --all pour toutes")
    formats_of(doc, format)
    check_lang(lang)
    if audience is not None:
        check_audience(audience)
    day = _parse_date(as_of, "--as-of")
    folder = resolve_mission(mission)
    loaded = load_or_fail(folder, lang)
    out = output if output is not None else folder / "out"
    for path in render_document(loaded, doc, format, day, out, lang, audience=audience, options={"session": session, **changes}):
        typer.echo(display_path(path))



def _formats(values: Optional[List[str]]) -> Optional[List[str]]:
    """--format given several times and/or as a comma list: the formats, in order, once each."""
    if not values:
        return None
    return list(dict.fromkeys(f.strip() for v in values for f in v.split(",") if f.strip())) or None


def _render_all(mission, doc, format, as_of, output, lang, site) -> None:
    """pmp render --all: every mission of the workspace; with --site DIR, the portfolio as a static site."""
    from pamplemousse.errors import display_path
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import workspace_missions, workspace_root
    from pamplemousse.outputs.render import check_lang, formats_of
    from pamplemousse.write.outputs import render_document

    if mission is not None:
        raise UsageError(f"{mission}\u00a0: --all produit toutes les missions\u00a0; ne donnez pas de mission")
    if site is not None and (output is not None or doc != "pilotage" or format is not None):
        raise UsageError("--site fait le site des outils de pilotage (HTML et Markdown)\u00a0: sans --doc, --format ni -o")
    formats_of(doc, format)
    check_lang(lang)
    day = _parse_date(as_of, "--as-of")
    folders = workspace_missions()
    if not folders:
        raise UsageError("aucune mission trouvée (pas de dossier missions/ ici)")
    if site is not None:
        from pamplemousse.outputs.site import build_site
        from pamplemousse.write.outputs import write_site

        pages = _with_progress_bar(
            folders, lambda tick: build_site(folders, day, lang, workspace_root(), tick), "Rendu des missions"
        )
        write_site(pages, site)
        typer.echo(f"Site écrit dans {display_path(site)} ({_plural(len(folders), 'mission')})\u00a0: "
                   f"{display_path(site / 'index.html')}")
        return
    loaded = [load_or_fail(folder, lang) for folder in folders]  # every mission checked before any is written
    for one in loaded:
        out = output / one.slug if output is not None else one.path / "out"
        for path in render_document(one, doc, format, day, out, lang):
            typer.echo(display_path(path))


@app.command("new-mission")
def new_mission(
    slug: str = typer.Argument(..., help="Nom court de la mission : minuscules, chiffres, tirets (ressourcerie-du-val)."),
    client: Optional[str] = typer.Option(None, "--client", help="Nom de la structure accompagnée."),
    title: Optional[str] = typer.Option(None, "--title", help="Titre de la mission."),
    lang: str = typer.Option("fr", "--lang", help="Langue de la mission et des commentaires : fr ou en."),
    dir: Optional[Path] = typer.Option(
        None, "--dir", help="Créer la mission dans DIR/SLUG (par défaut missions/SLUG de l'espace de travail)."
    ),
) -> None:
    """Créer une mission prête à remplir, valide d'emblée ; ne touche jamais un dossier existant."""
    import shlex
    from datetime import date

    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.write.scaffold import OUTPUTS, create_mission, ensure_schemas, git_root

    where = dir if dir is not None else workspace_root()
    target = create_mission(where, slug, client, title, lang, date.today(), in_dir=dir is not None)
    schemas = ensure_schemas(where, in_dir=dir is not None)
    shown = shlex.quote(display_path(target))
    typer.echo(f"Mission créée\u00a0: {display_path(target)}")
    for name in OUTPUTS:
        typer.echo(f"  {name}")
    if schemas:
        typer.echo(f"Schémas pour l’éditeur (complétion, vérification)\u00a0: {display_path(schemas)}")
    typer.echo("\nÉtapes suivantes\u00a0:")
    typer.echo("  1. Remplissez les fichiers\u00a0: leurs commentaires expliquent chaque champ.")
    typer.echo(f"  2. pmp check {shown}")
    typer.echo(f"  3. pmp render {shown}")
    if git_root(target):
        added = f"{shown} {shlex.quote(display_path(schemas))}" if schemas else shown
        typer.echo(f'  4. git add {added} && git commit -m "Nouvelle mission {target.name}"')


@app.command()
def questions(
    ids: Optional[List[str]] = typer.Argument(None, metavar="ID", help="Avec --add\u00a0: les identifiants des questions à ajouter."),
    phase: Optional[str] = typer.Option(None, "--phase", help="discover, dream, design ou deliver."),
    theme: Optional[str] = typer.Option(
        None, "--theme", help="mobilisation, engagement, volunteers, hr, governance, economic_model, scaling ou other."
    ),
    moment: Optional[str] = typer.Option(
        None, "--moment", help="framing, duplication_holder, duplication_founder, duplication_territory ou closing."
    ),
    search: Optional[str] = typer.Option(
        None, "--search", help="Mots cherchés dans la question et son intention (accents et majuscules ignorés)."
    ),
    lang: str = typer.Option("fr", "--lang", help="Langue des questions\u00a0: fr ou en."),
    format: str = typer.Option("text", "--format", help="text ou json."),
    add: Optional[str] = typer.Option(
        None, "--add", metavar="MISSION", help="Ajouter les questions ID... à la fin du guide de MISSION."
    ),
) -> None:
    """Parcourir la banque de questions appréciatives\u00a0; --add MISSION ID... les ajoute au guide d'entretien."""
    from pamplemousse.read import bank
    from pamplemousse.views import bank as bank_view

    if add is not None:
        return _add_questions(add, ids or [])
    if ids:
        raise UsageError(f"{ids[0]}\u00a0: argument inattendu\u00a0; pour ajouter des questions au guide\u00a0: "
                         "pmp questions --add MISSION ID...")
    if format not in ("text", "json"):
        raise UsageError(f"--format {format}\u00a0: valeurs possibles\u00a0: text, json")
    found = bank.select(bank.load_bank(), lang, phase, theme, moment, search)
    if format == "json":
        typer.echo(bank_view.as_json(found))
    elif sys.stdout.isatty():
        from rich.console import Console

        Console().print(bank_view.as_table(found, lang))
    else:
        typer.echo(bank_view.as_text(found, lang))


def _add_questions(mission: str, ids: List[str]) -> None:
    from pamplemousse.read import bank
    from pamplemousse.errors import display_path
    from pamplemousse.write.guide_edit import add_to_guide
    from pamplemousse.read.workspace import resolve_mission

    if not ids:
        raise UsageError("--add\u00a0: donnez les identifiants des questions à ajouter (voir pmp questions)")
    folder = resolve_mission(mission)
    result = add_to_guide(folder, bank.pick(bank.load_bank(), ids))
    for bank_id, existing in result.already:
        typer.echo(f"{bank_id}\u00a0: déjà dans le guide ({existing}), pas ajoutée une seconde fois", err=True)
    where = display_path(folder / "questions.yaml")
    if result.added:
        n = len(result.added)
        typer.echo(f"{_plural(n, 'question')} ajoutée{'s' if n > 1 else ''} au guide de {where}\u00a0:")
        for new_id, bank_id in result.added:
            typer.echo(f"  {new_id}  ({bank_id})")


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
    date: Optional[str] = typer.Option(None, "--date", help="Date de l'entrée, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."),
) -> None:
    """Ajouter une entrée au journal\u00a0: avancement d'une préconisation, mesure d'un indicateur ou comité de pilotage."""
    from pamplemousse.write.journal import append_entry, describe
    from pamplemousse.read.workspace import resolve_mission

    folder = resolve_mission(mission)
    fields = {
        "date": _parse_date(date, "--date"), "recommendation": recommendation, "status": status,
        "progress": progress, "note": note, "indicator": indicator, "value": value,
        "committee": committee, "decisions": decision, "attendees": attendee,
    }
    typer.echo(describe(append_entry(folder, {k: v for k, v in fields.items() if v not in (None, [])})))


@app.command()
def status(
    mission: Optional[str] = typer.Argument(
        None, help="La mission (dossier ou nom)\u00a0; sans mission\u00a0: le portefeuille de l'espace de travail."
    ),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date de l'état, AAAA-MM-JJ\u00a0; aujourd'hui par défaut."),
    theme: Optional[str] = typer.Option(None, "--theme", help="Ne montrer qu'un axe (volunteers ou Bénévolat…)."),
    owner: Optional[str] = typer.Option(None, "--owner", help="Ne montrer que les préconisations d'un·e responsable."),
    format: str = typer.Option("text", "--format", help="text ou json (l'état calculé complet)."),
    since: Optional[str] = typer.Option(None, "--since", help="Ce qui a changé depuis cette date (AAAA-MM-JJ)."),
    since_last_committee: bool = typer.Option(
        False, "--since-last-committee", help="Ce qui a changé depuis le dernier comité de pilotage."
    ),
    stale_weeks: str = typer.Option("6", "--stale-weeks", help="Semaines sans nouvelles avant l'alerte «\u00a0inactif\u00a0»."),
) -> None:
    """L'état du plan dans le terminal\u00a0: météo, avancement, retards, prochaines échéances\u00a0; sans mission, le portefeuille."""
    import json

    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import resolve_mission, workspace_missions
    from pamplemousse.outputs import terminal as status_view

    if format not in ("text", "json"):
        raise UsageError(f"--format {format}\u00a0: valeurs possibles\u00a0: text, json")
    if not stale_weeks.isdigit() or int(stale_weeks) < 1:
        raise UsageError(f"--stale-weeks {stale_weeks}\u00a0: un nombre entier de semaines (1 ou plus) est attendu")
    day = _parse_date(as_of, "--as-of")
    if mission is None:
        if theme or owner or since or since_last_committee:
            raise UsageError("--theme, --owner et --since s'appliquent à une mission\u00a0: précisez-la (pmp status MISSION …)")
        folders = workspace_missions()
        if not folders:
            raise UsageError("aucune mission trouvée (ni argument, ni dossier missions/ ici)")
        rows = _with_progress_bar(folders, lambda tick: status_view.portfolio_rows(folders, day, int(stale_weeks), tick))
        if format == "json":
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            _console().print(status_view.portfolio_table(rows, day))
        return
    loaded = load_or_fail(resolve_mission(mission))
    shown = status_view.mission_status(
        loaded, day, theme, owner, **_since_options(since, since_last_committee), stale_weeks=int(stale_weeks)
    )
    if format == "json":
        typer.echo(json.dumps(shown.as_json(), ensure_ascii=False, indent=2))
    else:
        _console().print(shown.renderable())


def _console():
    """Rich's console on stdout; 120 columns wide when not a terminal, so that output is stable."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=120)


def _with_progress_bar(folders, load, label: str = "Lecture des missions"):
    """Run `load(tick)`; with more than 5 missions, show a transient progress bar on stderr."""
    if len(folders) <= 5:
        return load(None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=len(folders))
        return load(lambda _folder: progress.advance(task))


@app.command()
def schema(
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Dossier où écrire les schémas (par défaut schemas/ de l'espace de travail)."
    ),
) -> None:
    """Écrire les schémas JSON des fichiers de mission, pour la complétion et la vérification dans l'éditeur."""
    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.paths import SCHEMAS_DIR
    from pamplemousse.write.schemas import write_schemas

    folder = output if output is not None else workspace_root() / SCHEMAS_DIR
    written = write_schemas(folder)
    typer.echo(f"{_plural(len(written), 'schéma')} écrits dans {display_path(folder)}\u00a0:")
    for path in written:
        typer.echo(f"  {path.name}")


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
    from pamplemousse.write.imports import append_all, changes_table, read_changes, summary_lines
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import resolve_mission

    found = load_or_fail(resolve_mission(mission))
    result = read_changes(sheet, found, _parse_date(date, "--date"))
    if result.changes:
        typer.echo(changes_table(result, found.language))
    written = append_all(found, result) if yes and result.entries else None
    for line in summary_lines(result, found.language, written):
        typer.echo(line)


templates_app = typer.Typer(
    help="Les modèles des documents\u00a0: ceux de pmp, et ceux du dossier templates/ qui les remplacent.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list() -> None:
    """Lister les modèles intégrés et dire lesquels le dossier templates/ de l'espace de travail remplace."""
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.outputs.overrides import list_lines, list_templates

    for line in list_lines(list_templates(workspace_root())):
        typer.echo(line)


@templates_app.command("copy")
def templates_copy(
    name: str = typer.Argument(..., help="Le modèle à copier (html/theme.html.j2, ou son seul nom de fichier)."),
) -> None:
    """Copier un modèle intégré dans templates/ pour le modifier\u00a0; ne remplace jamais un fichier."""
    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import workspace_root
    from pamplemousse.write.templates import copy_template

    target = copy_template(workspace_root(), name)
    typer.echo(f"Modèle copié\u00a0: {display_path(target)}")
    typer.echo("Modifiez-le\u00a0: pmp render l'utilisera à la place du modèle intégré.")


def run(args: Optional[List[str]] = None) -> int:
    """Run pmp with `args` and return its exit code; never raises, never a traceback.

    Typer handles usage errors itself (exit 2); pmp's own errors come through here.
    """
    try:
        app(args=args, prog_name="pmp")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    except MissionProblems as err:
        for p in err.problems:
            _echo_err(str(p))
        return err.exit_code
    except PmpError as err:
        _echo_err(f"pmp : {err}")
        return err.exit_code
    except KeyboardInterrupt:
        _echo_err("pmp : interrompu.")
        return 130
    except Exception:  # noqa: BLE001 - the one place that turns a crash into a report
        return _crash_report()
    return EXIT_OK


def main() -> None:
    """Console entry point.

    One command is a short-lived process: the cyclic garbage collector's passes
    over the many objects that imports and loading create are pure cost there
    (about 10 % of a small render), so they are paused for its life; memory is
    reclaimed by reference counting as usual. pmp uses no pydantic plugin, so
    pydantic is told not to scan every installed package for one.

    Once the command is done (every file it wrote is closed and synced, the
    journal's lock released), the process ends without tearing the interpreter
    down object by object, which took about 40 ms after a render: only the
    standard streams are left to flush.
    """
    import gc
    import os

    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (pmp status | head): nothing more to say
            pass
    os._exit(code)


def _crash_report() -> int:
    import tempfile
    import time
    import traceback

    report = Path(tempfile.gettempdir()) / f"pmp-erreur-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    try:
        report.write_text(
            f"pmp {' '.join(sys.argv[1:])}\n\n{traceback.format_exc()}", encoding="utf-8"
        )
        where = f" Joignez le fichier {report} à votre signalement."
    except OSError:
        where = ""
    _echo_err(f"pmp : désolé, une erreur inattendue s'est produite ; rien n'a été modifié.{where}")
    return EXIT_CRASH
