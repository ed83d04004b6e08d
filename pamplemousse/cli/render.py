"""pmp render: write a mission's documents (or every mission's, or the portfolio site)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from pamplemousse.cli.app import _parse_date, _since_options, _with_progress, app, mission_folder, say
from pamplemousse.errors import (
    UsageError,
)


@app.command()
def render(
    mission: Optional[str] = typer.Argument(None),
    doc: str = typer.Option("pilotage", "--doc"),
    format: Optional[List[str]] = typer.Option(None, "--format"),
    as_of: Optional[str] = typer.Option(None, "--as-of"),
    output: Optional[Path] = typer.Option(None, "-o", "--output"),
    lang: Optional[str] = typer.Option(None, "--lang"),
    all_missions: bool = typer.Option(False, "--all"),
    site: Optional[Path] = typer.Option(None, "--site"),
    audience: Optional[str] = typer.Option(None, "--audience"),
    session: Optional[str] = typer.Option(None, "--session"),
    since: Optional[str] = typer.Option(None, "--since"),
    since_last_committee: bool = typer.Option(False, "--since-last-committee"),
    force: bool = typer.Option(False, "--force"),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.outputs.render import check_lang, formats_of
    from pamplemousse.plan.privacy import check_audience
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.write.outputs import render_document

    format = _formats(format)
    changes = _since_options(since, since_last_committee)
    if all_missions or site is not None:
        if since or since_last_committee:
            raise UsageError(key="render_since_all")
        return _render_all(mission, doc, format, as_of, output, lang, site, force)
    if mission is None:
        raise UsageError(key="render_no_mission")
    folder = mission_folder(mission)  # from here on, pmp speaks the mission's language
    formats_of(doc, format)
    check_lang(lang)
    if audience is not None:
        check_audience(audience)
    day = _parse_date(as_of, "--as-of")
    loaded = load_or_fail(folder, lang)
    if as_of is None:
        day = _document_day(doc, loaded) or day
    out = output if output is not None else folder / "out"
    # no manifest entry (--all's is forgotten): only --all and --site render incrementally
    for path in render_document(loaded, doc, format, day, out, lang, audience=audience, options={"session": session, **changes}):
        typer.echo(display_path(path))



def _document_day(doc: str, mission):
    """The date a document is about when --as-of is not given (the suivi: the follow-up date), or None."""
    from pamplemousse.outputs.render import DOCUMENTS

    own = DOCUMENTS[doc].as_of
    return own(mission) if own is not None else None


def _formats(values: Optional[List[str]]) -> Optional[List[str]]:
    """--format given several times and/or as a comma list: the formats, in order, once each."""
    if not values:
        return None
    return list(dict.fromkeys(f.strip() for v in values for f in v.split(",") if f.strip())) or None


def _render_all(mission, doc, format, as_of, output, lang, site, force) -> None:
    """pmp render --all: every mission of the workspace; with --site DIR, the portfolio as a static site.

    Missions are rendered in parallel (outputs/batch.py), each only when it changed
    since its outputs were written (outputs/incremental.py), all when --force.
    """
    from pamplemousse.errors import MissionProblems, display_path
    from pamplemousse.outputs.batch import render_job, run_all
    from pamplemousse.outputs.incremental import read_manifest, render_key, templates_key, up_to_date
    from pamplemousse.outputs.render import check_lang, formats_of
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.workspace import workspace_missions, workspace_root
    from pamplemousse.write.outputs import render_document, write_rendered

    if mission is not None:
        raise UsageError(key="render_all_and_mission", mission=mission)
    if site is not None and (output is not None or doc != "pilotage" or format is not None):
        raise UsageError(key="render_site_options")
    formats = formats_of(doc, format)
    check_lang(lang)
    day = _parse_date(as_of, "--as-of")
    folders = workspace_missions()
    if not folders:
        raise UsageError(key="search_no_mission")
    workspace = workspace_root()
    if site is not None:
        from pamplemousse.outputs.site import build_site
        from pamplemousse.write.outputs import write_site

        build = _with_progress(len(folders), lambda tick: build_site(folders, day, lang, workspace, tick, site, force))
        write_site(build, site)
        typer.echo(say("render.site", n=len(folders), path=display_path(site), index=display_path(site / "index.html")))
        _say_unchanged(len(build.kept))
        return
    if doc == "suivi" and as_of is None:  # each mission at its own follow-up date: rendered one by one
        for one in [load_or_fail(folder, lang) for folder in folders]:  # every mission checked before any is written
            out = output / one.slug if output is not None else one.path / "out"
            for path in render_document(one, doc, format, _document_day(doc, one) or day, out, lang):
                typer.echo(display_path(path))
        return
    outs = [output / f.name if output is not None else f / "out" for f in folders]
    templates = templates_key(workspace)
    keys = [render_key(f, templates, doc, formats, day, lang) for f in folders]
    todo = [i for i, (out, key) in enumerate(zip(outs, keys))
            if force or up_to_date(read_manifest(out), doc, key, out) is None]
    jobs = [(folders[i], doc, formats, day, lang) for i in todo]
    results = _with_progress(len(jobs), lambda tick: run_all(render_job, jobs, tick))
    errors = [p for problems, _ in results for p in problems]
    if errors:  # every mission checked before any is written
        raise MissionProblems(errors)
    for i, (_, outputs) in zip(todo, results):
        for path in write_rendered(outputs, doc, outs[i], keys[i]):
            typer.echo(display_path(path))
    _say_unchanged(len(folders) - len(todo))


def _say_unchanged(n: int) -> None:
    if n:
        typer.echo(say("render.unchanged", n=n), err=True)
