"""The portfolio as a static site (`pmp render --all --site DIR`).

Every mission's outil de pilotage goes to `DIR/<slug>/index.html` (and its
Markdown beside it, `pilotage.md`), and an index page `DIR/index.html` lists the
missions: client, weather, progress, next deadline, and a link. Links are
relative and the pages load nothing from the network, so the folder opens from
the disk and is published as is by a git host's pages (a `.nojekyll` file keeps
GitHub Pages from reworking it).

Everything is rendered in memory first: a mission with errors, or a template
that fails, leaves DIR as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from pamplemousse.errors import MissionProblems, Problem
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission
from pamplemousse.views.portfolio import language_among, portfolio_row

INDEX_TEMPLATE = "html/site.html.j2"
MISSION_PAGE = "index.html"
MISSION_MARKDOWN = "pilotage.md"


SITE_AUDIENCE = "client"  # the pilotage's readers (its pages are rendered for them), hence the index's


def mission_row(mission: Mission, state: PlanState, w) -> dict:
    """One line of the index page: the portfolio row (views.portfolio) and the links to the mission's pages."""
    folder = quote(mission.slug)
    return {**portfolio_row(mission, state, w), "href": f"{folder}/{MISSION_PAGE}", "md_href": f"{folder}/{MISSION_MARKDOWN}"}


def index_data(rows: list[dict], as_of: date, lang: str) -> dict:
    """What html/site.html.j2 receives: labels, the date of the state, the missions."""
    from pamplemousse.text.typography import typeset_all
    from pamplemousse.views.common import Writer

    w = Writer(lang)
    L = w.labels["site"]
    count = w.fmt.plural(L["count"], len(rows))
    if lang == "fr":  # what users typed (client, title, next deadline) in French typography, as in the documents
        rows = typeset_all(rows, keep=frozenset({"labels", "href", "md_href"}))
    return {
        "lang": lang,
        "labels": w.labels,
        "header": {  # what base.html.j2's footer shows for a mission, said of the portfolio
            "client": L["title"],
            "mission_title": count,
            "as_of": w.date(as_of),
            "state_on": w.labels["common"]["state_on"].format(date=w.fmt.date(as_of)),
        },
        "site": {"count": count, "missions": rows},
    }


@dataclass
class SiteBuild:
    """What a site render found: the pages to write, the manifest's entries, the missions kept as they were and gone."""

    pages: dict[str, str | bytes]  # {path relative to DIR: text, or its UTF-8 bytes}, to write
    entries: dict[str, dict]  # slug: manifest entry without its files (key, row, lang, index_lang)
    kept: dict[str, dict]  # slug: manifest entry of a page left as it was
    gone: dict[str, dict]  # slug: manifest entry of a mission that is no more


def build_site(
    folders: list[Path], as_of: date, lang: str | None = None, workspace: Path | None = None,
    on_each: Callable[[], None] | None = None, site_dir: Path | None = None, force: bool = False,
) -> SiteBuild:
    """Render, in memory, the pages of the missions that changed (all with `force`) and the index.

    A mission's page whose key (incremental.render_key) is the one in the manifest
    of `site_dir` (the site already there), its files still as written, is kept. Raises MissionProblems (with every error
    of every failing mission) or RenderError; nothing is written here.
    """
    from pamplemousse.outputs.batch import run_all
    from pamplemousse.outputs.incremental import read_manifest, render_key, templates_key, up_to_date
    from pamplemousse.outputs.render import render_page
    from pamplemousse.read.workspace import language_of, workspace_root

    manifest = read_manifest(site_dir) if site_dir is not None else {"documents": {}}
    workspace = workspace or workspace_root(folders[0] if folders else None)
    index_lang = lang or language_among([language_of(f) for f in folders])
    templates = templates_key(workspace)
    keys = {f.name: render_key(f, templates, "pilotage", ["html", "md"], as_of, lang) for f in folders}
    kept = {} if force else {
        f.name: entry for f in folders
        if site_dir is not None and (entry := up_to_date(manifest, f.name, keys[f.name], site_dir)) is not None
    }
    todo = [f for f in folders if f.name not in kept]
    results = run_all(site_job, [(f, as_of, lang, workspace, index_lang) for f in todo], on_each)
    errors = [p for problems, _ in results for p in problems]
    if errors:
        raise MissionProblems(errors)
    pages: dict[str, str | bytes] = {}
    entries: dict[str, dict] = {}
    rows = {slug: entry["row"] for slug, entry in kept.items()}
    langs = {slug: entry["lang"] for slug, entry in kept.items()}
    for folder, (_, done) in zip(todo, results):
        slug = folder.name
        pages[f"{slug}/{MISSION_PAGE}"] = done["texts"]["html"]
        pages[f"{slug}/{MISSION_MARKDOWN}"] = done["texts"]["md"]
        rows[slug], langs[slug] = done["row"], done["lang"]
        entries[slug] = {"key": keys[slug], "row": done["row"], "lang": done["lang"], "index_lang": index_lang}
    final_lang = lang or language_among(list(langs.values()))
    if final_lang != index_lang or any(e.get("index_lang") != final_lang for e in kept.values()):
        rows = _rows_in(folders, as_of, final_lang)  # the languages guessed from the files were not the missions' own
    ordered = [rows[f.name] for f in folders]
    pages["index.html"] = render_page(INDEX_TEMPLATE, index_data(ordered, as_of, final_lang), workspace)
    pages[".nojekyll"] = ""
    gone = {slug: e for slug, e in manifest["documents"].items() if slug not in keys and isinstance(e, dict)}
    return SiteBuild(pages, entries, kept, gone)


def site_job(job: tuple[Path, date, str | None, Path, str]) -> tuple[list[Problem], dict | None]:
    """(errors, None) or ([], {"texts" (format: bytes), "row", "lang"}) for one mission page of the site."""
    from pamplemousse.outputs.batch import encoded, errors_of
    from pamplemousse.outputs.render import render_texts
    from pamplemousse.plan.privacy import redact
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.common import Writer

    folder, as_of, lang, workspace, index_lang = job
    mission, problems = load_mission(folder)
    if mission is None:
        return errors_of(problems), None
    texts = render_texts(mission, "pilotage", ["html", "md"], as_of, lang, workspace)
    mission = redact(mission, SITE_AUDIENCE)  # the index shows titles too: what the pages' readers may read
    row = mission_row(mission, state_on(mission, as_of), Writer(index_lang))
    return [], {"texts": encoded(texts), "row": row, "lang": mission.language}


def _rows_in(folders: list[Path], as_of: date, index_lang: str) -> dict[str, dict]:
    from pamplemousse.plan.privacy import redact
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.views.common import Writer

    w = Writer(index_lang)
    rows = {}
    for folder in folders:
        mission = redact(load_or_fail(folder), SITE_AUDIENCE)
        rows[folder.name] = mission_row(mission, state_on(mission, as_of), w)
    return rows
