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

from datetime import date
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from pamplemousse.errors import MissionProblems
from pamplemousse.plan.state import PlanState
from pamplemousse.read.model import Mission
from pamplemousse.views.portfolio import portfolio_language, portfolio_row

INDEX_TEMPLATE = "html/site.html.j2"
MISSION_PAGE = "index.html"
MISSION_MARKDOWN = "pilotage.md"


def mission_row(mission: Mission, state: PlanState, w) -> dict:
    """One line of the index page: the portfolio row (views.portfolio) and the links to the mission's pages."""
    folder = quote(mission.slug)
    return {**portfolio_row(mission, state, w), "href": f"{folder}/{MISSION_PAGE}", "md_href": f"{folder}/{MISSION_MARKDOWN}"}


def index_data(rows: list[dict], as_of: date, lang: str) -> dict:
    """What html/site.html.j2 receives: labels, the date of the state, the missions."""
    from pamplemousse.views.pilotage import Writer

    w = Writer(lang)
    L = w.labels["site"]
    count = w.fmt.plural(L["count"], len(rows))
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


def build_site(
    folders: list[Path], as_of: date, lang: str | None = None, workspace: Path | None = None,
    on_each: Callable[[Path], None] | None = None,
) -> dict[str, str]:
    """Render the whole site in memory: {path relative to DIR: text}.

    Raises MissionProblems (with every error of every failing mission) or
    RenderError; nothing is written here.
    """
    from pamplemousse.outputs.render import render_page, render_texts
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.pilotage import Writer

    pages: dict[str, str] = {}
    loaded: list[tuple[Mission, PlanState]] = []
    errors = []
    for folder in folders:
        mission, problems = load_mission(folder)
        if mission is None:
            errors += [p for p in problems if p.severity == "error"]
        else:
            texts = render_texts(mission, "pilotage", ["html", "md"], as_of, lang, workspace)
            pages[f"{mission.slug}/{MISSION_PAGE}"] = texts["html"]
            pages[f"{mission.slug}/{MISSION_MARKDOWN}"] = texts["md"]
            loaded.append((mission, state_on(mission, as_of)))
        if on_each is not None:
            on_each(folder)
    if errors:
        raise MissionProblems(errors)
    index_lang = portfolio_language([m for m, _ in loaded], lang)
    w = Writer(index_lang)
    rows = [mission_row(m, s, w) for m, s in loaded]
    pages["index.html"] = render_page(INDEX_TEMPLATE, index_data(rows, as_of, index_lang), workspace)
    pages[".nojekyll"] = ""
    return pages
