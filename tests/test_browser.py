"""The rendered HTML in a real browser: Debian's Chromium, headless, driven by Playwright.

The browser is the system's (`/usr/bin/chromium`, from the Debian packages
chromium and chromium-driver), never one downloaded at run time. The tests are
skipped only when Chromium is absent. axe-core, the accessibility engine, comes
from npm and is installed next to these tests:

    npm ci --prefix tests/browser

Each page of the example mission (outil de pilotage, rapport, guide, and the
site's index) is opened from its file: no console error, no network request, a
screenshot at phone and desktop widths without sideways scrolling of the page,
a PDF print, and no serious or critical axe-core violation.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE

from pamplemousse.outputs.render import DOCUMENTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AS_OF = "2026-11-26"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HTML_DOCS = [doc for doc, d in DOCUMENTS.items() if "html" in d.templates]
PAGES = [f"{doc}.html" for doc in HTML_DOCS] + ["site/index.html"]

pytestmark = pytest.mark.skipif(
    not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)),
    reason="Chromium is not installed (apt-get install chromium chromium-driver)",
)


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
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from its file, with every console error and every other request noted."""

    def __init__(self, browser, path: Path, viewport: dict):
        self.url = path.as_uri()
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url, wait_until="load")

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    opened = []

    def open_(path: Path, viewport: dict = DESKTOP) -> Opened:
        opened.append(Opened(browser, path, viewport))
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


TABLES_SCROLL_INSIDE = """() => Array.from(document.querySelectorAll('table')).filter(table => {
  for (let e = table.parentElement; e && e !== document.body; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return false;
  }
  return true;
}).map(t => (t.querySelector('caption') || t).textContent.trim().slice(0, 60))"""


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_and_no_sideways_scrolling(pages, open_page, tmp_path, name, viewport):
    opened = open_page(pages / name, viewport)
    shot = tmp_path / f"{name.replace('/', '-')}-{viewport['width']}.png"
    opened.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    widths = opened.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"the page scrolls sideways: {widths[0]}px of content in {widths[1]}px"
    assert opened.page.evaluate(TABLES_SCROLL_INSIDE) == [], "tables outside a scrolling wrapper"


@pytest.mark.parametrize("name", PAGES)
def test_printing_to_pdf_works(pages, open_page, tmp_path, name):
    opened = open_page(pages / name)
    pdf = opened.page.pdf(format="A4", print_background=True)
    (tmp_path / f"{name.replace('/', '-')}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000
    assert b"/Type /Page" in pdf


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(pages, open_page, name):
    assert AXE.is_file(), "axe-core is missing: run `npm ci --prefix tests/browser`"
    opened = open_page(pages / name)
    opened.page.add_script_tag(path=str(AXE))
    result = opened.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"],
         "where": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=2)
    assert result["testEngine"]["name"] == "axe-core"
