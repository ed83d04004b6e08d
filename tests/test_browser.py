"""The rendered HTML in a real browser: Debian's Chromium, headless, driven by Playwright.

The browser is the system's (`/usr/bin/chromium`, from the Debian packages
chromium and chromium-driver), never one downloaded at run time. The tests are
skipped when Chromium is absent (tests/conftest.py, `needs`). axe-core, the
accessibility engine, and Mermaid 11 (whose own parser reads the Markdown gantt)
come from npm and are installed next to these tests:

    npm ci --prefix tests/browser

Each page of the example mission (outil de pilotage, rapport, guide, and the
site's index) is opened from its file at a phone's width (390 px) and a
desktop's (1280 px): no console error, no network request, no element whose box
reaches past the screen's edges — inside a scrolling box or not —, chart text
at 11 px or more on screen, every recommendation's status, progress and due
date visible on a phone, a PDF print, and no serious or critical axe-core
violation.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, NODE_MODULES, located

from pamplemousse.outputs.render import DOCUMENTS
from pamplemousse.outputs.svg import STATUS

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
AS_OF = "2026-11-26"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
HTML_DOCS = [doc for doc, d in DOCUMENTS.items() if "html" in d.templates]
PAGES = [f"{doc}.html" for doc in HTML_DOCS] + ["site/index.html"]

pytestmark = pytest.mark.needs("chromium")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """The example's HTML documents and its portfolio site, rendered once into a workspace of their own."""
    from pamplemousse.cli import run

    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(EXAMPLE, root / "missions" / EXAMPLE.name, ignore=shutil.ignore_patterns("out"))
    cwd = Path.cwd()
    os.chdir(root)
    try:
        for doc in HTML_DOCS:
            assert run(["render", EXAMPLE.name, "--doc", doc, "--format", "html", "--as-of", AS_OF, "-o", "out"]) == 0
        assert run(["render", "--all", "--site", "out/site", "--as-of", AS_OF]) == 0
    finally:
        os.chdir(cwd)
    return root / "out"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=located("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from its file, with every console error and every other request noted."""

    def __init__(self, browser, path: Path, viewport: dict, query: str = ""):
        self.url = path.as_uri()
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url + query, wait_until="load")

    def _route(self, route):
        if route.request.url.split("?")[0].split("#")[0] == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def open_(path: Path, viewport: dict = DESKTOP, query: str = "") -> Opened:
        opened.append(Opened(browser, path, viewport, query))
        return opened[-1]

    yield open_
    for page in opened:
        page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_console_error_and_no_network_request(pages, open_page, name):
    opened = open_page(pages / name)
    assert opened.page.title()
    assert opened.requests == []
    assert opened.errors == []


# Every element that takes room on screen, whose box reaches past the viewport's left or right
# edge, wherever it is (a scrolling box hides its overflow from document.scrollWidth, not from us).
BOXES_PAST_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const hidden = e => { for (; e; e = e.parentElement) { const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || (s.position === 'absolute' && s.clip !== 'auto')) return true; }
    return false; };
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.width <= 1 && r.height <= 1)) continue;
    if (r.left < -1 || r.right > width + 1) {
      if (hidden(e)) continue;
      out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.getAttribute('class') || ''} `
        + `[${Math.round(r.left)}, ${Math.round(r.right)}] «${(e.textContent || '').trim().slice(0, 40)}»`);
    }
  }
  return out;
}"""

# The on-screen size of every text of every chart shown: its font size times the chart's scale.
CHART_TEXT_SIZES = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.pmp-chart')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      out.push([svg.id, t.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(t).fontSize) * scale]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("name", PAGES)
@VIEWPORTS
def test_nothing_is_wider_than_the_screen(pages, open_page, tmp_path, name, viewport):
    opened = open_page(pages / name, viewport)
    shot = tmp_path / f"{name.replace('/', '-')}-{viewport['width']}.png"
    opened.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    widths = opened.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"the page scrolls sideways: {widths[0]}px of content in {widths[1]}px"
    assert opened.page.evaluate(BOXES_PAST_THE_EDGE) == []


@pytest.mark.parametrize("name", PAGES)
@VIEWPORTS
def test_chart_text_is_at_least_11_px_on_screen(pages, open_page, name, viewport):
    sizes = open_page(pages / name, viewport).page.evaluate(CHART_TEXT_SIZES)
    assert sizes or name in ("guide.html", "site/index.html", "cadrage.html", "bilan.html", "suivi.html")  # no chart
    small = [(chart, text, round(px, 1)) for chart, text, px in sizes if px < 11 - 0.05]
    assert small == []


VISIBLE = """el => {
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
}"""


def test_on_a_phone_every_recommendation_shows_status_progress_and_due_date(pages, open_page):
    page = open_page(pages / "pilotage.html", PHONE).page
    rows = page.locator("table.dashboard tbody tr:not(.group)")
    assert rows.count() == 10
    for i in range(rows.count()):
        row = rows.nth(i)
        rec = row.locator("th").inner_text()
        for what, selector in [("status", "td:nth-of-type(5) .status"), ("progress", "td:nth-of-type(6)"),
                               ("due date", "td:nth-of-type(4) time"), ("weather", "td:nth-of-type(7) .weather")]:
            cell = row.locator(selector).first
            assert cell.count() == 1 and cell.inner_text().strip(), f"{rec}: no {what}"
            assert cell.evaluate(VISIBLE), f"{rec}: its {what} is not visible at 390 px"
        assert row.bounding_box()["width"] <= PHONE["width"]


def test_one_colour_per_status_on_the_badges_and_the_charts(pages, open_page):
    page = open_page(pages / "pilotage.html").page
    keys = json.dumps(list(STATUS))
    css = page.evaluate(f"() => Object.fromEntries({keys}.map(k => [k, getComputedStyle(document.documentElement)"
                        ".getPropertyValue('--status-' + k).trim().toLowerCase()]))")
    assert css == {k: colour.lower() for k, (colour, _) in STATUS.items()}
    badge = page.evaluate("() => getComputedStyle(document.querySelector('.status-blocked')).color")
    bar = page.evaluate(
        "() => document.querySelector('svg.pmp-timeline g.bar.blocked rect.track').getAttribute('stroke')")
    red, green, blue = (int(STATUS["blocked"][0][i:i + 2], 16) for i in (1, 3, 5))
    assert badge == f"rgb({red}, {green}, {blue})" and bar.lower() == STATUS["blocked"][0].lower()


@pytest.mark.parametrize("name", PAGES)
def test_printing_to_pdf_works(pages, open_page, tmp_path, name):
    opened = open_page(pages / name)
    pdf = opened.page.pdf(format="A4", print_background=True)
    (tmp_path / f"{name.replace('/', '-')}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000
    assert b"/Type /Page" in pdf


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("name", PAGES)
@VIEWPORTS
def test_axe_finds_no_serious_or_critical_violation(pages, open_page, name, viewport):
    opened = open_page(pages / name, viewport)
    opened.page.add_script_tag(path=str(AXE))
    result = opened.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=2)
    assert result["testEngine"]["name"] == "axe-core"


# --- the Markdown gantt, parsed by Mermaid 11's own parser (npm, in tests/browser) in Chromium ---------------

MERMAID = NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"
GANTT_TASKS = """async (text) => {
  mermaid.initialize({startOnLoad: false});
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    return diagram.db.getTasks().map(t => ({id: t.id, name: t.task.trim(), active: !!t.active, done: !!t.done,
                                           crit: !!t.crit, milestone: !!t.milestone}));
  } catch (e) { return 'error: ' + e.message; }
}"""
HOSTILE = [("section", "click: call alert() ; title %%{init: {}}%%"), ("click", "title Mon titre"),
           ("title", "dateFormat YYYY # commentaire"), ("%%", "accTitle: x")]


@pytest.fixture(scope="module")
def mermaid_page(browser):
    assert json.loads((MERMAID.parents[1] / "package.json").read_text("utf-8"))["version"].startswith("11.")
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(path=str(MERMAID))
    yield page
    page.close()


def gantt(markdown: str) -> str:
    return markdown.split("```mermaid\n", 1)[1].split("\n```", 1)[0]


def pilotage_md(mission) -> str:
    from datetime import date

    from pamplemousse.outputs.render import render_texts

    return render_texts(mission, "pilotage", "md", date.fromisoformat(AS_OF))["md"]


@pytest.mark.needs("mermaid")
def test_the_gantt_parses_with_mermaid_with_every_task_and_its_state(mermaid_page):
    from pamplemousse.read.load import load_or_fail

    mission = load_or_fail(EXAMPLE)
    tasks = mermaid_page.evaluate(GANTT_TASKS, gantt(pilotage_md(mission)))
    assert isinstance(tasks, list), tasks
    expected = len(mission.recommendations) + sum(len(r.milestones) for r in mission.recommendations) + 1
    assert len(tasks) == expected and len({t["id"] for t in tasks}) == expected
    by_rec = {t["name"].split("]")[0][1:]: t for t in tasks if not t["milestone"] and t["name"].startswith("[")}
    state = {k: (t["done"], t["active"], t["crit"]) for k, t in by_rec.items()}
    assert state["R2"] == (True, False, False)  # done
    assert state["R1"] == (False, True, False)  # in progress
    assert state["R5"] == (False, True, True)  # late
    assert state["R6"] == (False, False, True)  # blocked
    assert by_rec["R6"]["name"].endswith("(bloqué)") and by_rec["R4"]["name"].endswith("(abandonné)")
    assert any("Écrire ensemble une charte" in t["name"] for t in tasks)


@pytest.mark.needs("mermaid")
def test_ids_and_titles_that_are_mermaid_syntax_stay_task_names(mermaid_page):
    import dataclasses

    from pamplemousse.read.load import load_or_fail

    mission = load_or_fail(EXAMPLE)
    recs = list(mission.recommendations)
    for i, (rec_id, title) in enumerate(HOSTILE):
        recs[i] = recs[i].model_copy(update={"id": rec_id, "title": title})
    text = gantt(pilotage_md(dataclasses.replace(mission, recommendations=recs)))
    tasks = mermaid_page.evaluate(GANTT_TASKS, text)
    assert isinstance(tasks, list), tasks
    names = [t["name"] for t in tasks]
    assert len(names) == len(recs) + sum(len(r.milestones) for r in recs) + 1
    assert "[section] click – call alert() , title ％％ init – ％％" in names  # no directive, no click
    assert "[click] title Mon titre" in names and "[title] dateFormat YYYY commentaire" in names
    assert "[％％] accTitle – x" in names


@pytest.mark.needs("mermaid")
def test_the_parse_check_can_fail(mermaid_page):
    """A broken chart is refused, and a task read as a keyword is missing: the checks above can fail."""
    from pamplemousse.read.load import load_or_fail

    text = gantt(pilotage_md(load_or_fail(EXAMPLE)))
    assert mermaid_page.evaluate(GANTT_TASKS, text.replace("2026-06-15", "2026-13-45", 1)).startswith("error")
    swallowed = mermaid_page.evaluate(GANTT_TASKS, text.replace("    [R1] Créer", "    section Créer", 1))
    assert len(swallowed) == len(mermaid_page.evaluate(GANTT_TASKS, text)) - 1


# --- presentation mode (the COPIL's screen) ---------------------------------------------------------------------

SHOWN = """() => [...document.querySelectorAll('.doc-header, main > section')]
  .filter(e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0)
  .map(e => e.id || 'header')"""
PARTS = ["header", "priorites", "synthese", "plan", "calendrier", "matrice", "indicateurs", "comite"]


def test_presentation_mode_shows_one_part_at_a_time_in_large_type(pages, open_page):
    opened = open_page(pages / "pilotage.html", {"width": 1280, "height": 720}, query="?present")
    page = opened.page
    assert page.evaluate(SHOWN) == ["header"]
    assert float(page.evaluate("() => getComputedStyle(document.querySelector('.lead')).fontSize")[:-2]) >= 22
    assert page.locator(".present-count").inner_text() == "Partie 1 sur 8"
    seen = ["header"]
    for _ in PARTS[1:]:
        page.keyboard.press("ArrowRight")
        shown = page.evaluate(SHOWN)
        assert len(shown) == 1
        seen += shown
    assert seen == PARTS
    page.keyboard.press("ArrowRight")  # past the end it stays on the last part
    assert page.evaluate(SHOWN) == ["comite"] and page.locator(".present-count").inner_text() == "Partie 8 sur 8"
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(SHOWN) == ["indicateurs"]
    page.keyboard.press("Escape")
    assert page.evaluate(SHOWN) == PARTS and page.locator(".present-bar").is_hidden()
    assert opened.errors == [] and opened.requests == []


def test_the_button_starts_the_presentation_without_the_query(pages, open_page):
    page = open_page(pages / "pilotage.html").page
    assert page.evaluate(SHOWN) == PARTS
    page.get_by_role("button", name="Mode présentation").click()
    assert page.evaluate(SHOWN) == ["header"]
    page.keyboard.press("PageDown")
    assert page.evaluate(SHOWN) == ["priorites"]
    page.get_by_role("button", name="Quitter la présentation").click()
    assert page.evaluate(SHOWN) == PARTS
