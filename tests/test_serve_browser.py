"""pmp serve in a real browser (Debian's Chromium, as tests/test_browser.py launches it).

The portfolio opens, a mission opens from it, a save changes the open page by
itself, a broken file shows its line and the document comes back when fixed, a
form's entry lands in journal.yaml and shows, a form posted from another site
is refused.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from conftest import EXAMPLE
from serving import serving
from test_browser import AXE, DESKTOP, browser  # noqa: F401 - Chromium launched as there

from pamplemousse.text.i18n import labels

pytestmark = pytest.mark.needs("chromium")
SLUG = EXAMPLE.name
S = labels("fr")["serve"]
TITLE = "Créer un parcours d’accueil des nouveaux bénévoles"
REFRESH_S = 2.0  # "within about a second": the benchmark measures it; here, a margin for a busy machine


@pytest.fixture
def site(example_in_cwd):
    workspace = example_in_cwd.parent.parent
    with serving(workspace) as (url, _):
        yield url, example_in_cwd


@pytest.fixture
def page(request):
    context = request.getfixturevalue("browser").new_context(viewport=DESKTOP)
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()


def test_the_portfolio_opens_and_leads_to_a_mission(site, page):
    from playwright.sync_api import expect

    url, _ = site
    page.goto(url + "/")
    expect(page.locator("h1")).to_have_text(labels("fr")["site"]["title"])
    page.get_by_role("link", name="La Ressourcerie du Val").click()
    page.wait_for_url(f"**/m/{SLUG}/pilotage")
    expect(page.locator("main h1, header h1").first).to_have_text("La Ressourcerie du Val")
    expect(page.locator("nav.pmp-serve")).to_contain_text(S["downloads"])
    page.get_by_role("link", name="Rapport de mission").click()
    expect(page.locator(".eyebrow").first).to_contain_text("Rapport de mission")
    assert page.errors == []


def test_a_save_changes_the_open_page_by_itself(site, page):
    from playwright.sync_api import expect

    url, mission = site
    page.goto(f"{url}/m/{SLUG}/pilotage")
    expect(page.get_by_text(TITLE).first).to_be_visible()
    recommendations = mission / "recommendations.yaml"
    recommendations.write_text(
        recommendations.read_text("utf-8").replace(TITLE, "Accueillir chaque nouveau bénévole"), encoding="utf-8"
    )
    saved = time.perf_counter()
    expect(page.get_by_text("Accueillir chaque nouveau bénévole").first).to_be_visible(timeout=5000)
    assert time.perf_counter() - saved < REFRESH_S
    assert page.get_by_text(TITLE).count() == 0
    assert page.errors == []


def test_a_broken_file_shows_its_line_and_the_document_comes_back_when_fixed(site, page):
    from playwright.sync_api import expect

    url, mission = site
    page.goto(f"{url}/m/{SLUG}/pilotage")
    journal = mission / "journal.yaml"
    good = journal.read_text("utf-8")
    journal.write_text(good.replace("progress: 40", "progress: 140", 1), encoding="utf-8")
    expect(page.locator("h1")).to_have_text(S["problems_title"], timeout=5000)
    problem = page.locator(".problem code").first
    expect(problem).to_contain_text(f"missions/{SLUG}/journal.yaml:")
    line = int(re.search(r"journal\.yaml:(\d+):", problem.inner_text())[1])
    expect(page.locator(".problem pre").first).to_contain_text(f"{line} |   progress: 140")
    journal.write_text(good, encoding="utf-8")
    expect(page.locator("header h1").first).to_have_text("La Ressourcerie du Val", timeout=5000)
    expect(page.get_by_text(TITLE).first).to_be_visible()


def test_a_form_entry_lands_in_the_journal_and_shows(site, page):
    from playwright.sync_api import expect

    url, mission = site
    journal = mission / "journal.yaml"
    before = journal.read_text("utf-8")
    page.goto(f"{url}/m/{SLUG}/log")
    form = page.locator("#form-recommendation")
    form.locator("select[name=recommendation]").select_option("R3")
    form.locator("select[name=status]").select_option("done")
    form.locator("input[name=progress]").fill("40")
    form.locator("textarea[name=note]").fill("Dernier Repair café de l’année.")
    form.locator("input[name=date]").fill("2026-11-26")
    form.get_by_role("button").click()
    refusal = page.locator("#recommendation-progress-error")  # the same refusal as pmp log, beside its field
    expect(refusal).to_contain_text("--progress 40 ne va pas avec --status done")
    assert journal.read_text("utf-8") == before
    form = page.locator("#form-recommendation")
    expect(form.locator("textarea[name=note]")).to_have_value("Dernier Repair café de l’année.")
    form.locator("input[name=progress]").fill("")
    form.get_by_role("button").click()
    expect(page.locator(".appended")).to_contain_text("R3 — fait, 100\u00a0%, avec une note\u00a0; entrée j-")
    item = re.compile(r"- \{date: 2026-11-26, recommendation: R3, status: done, note: Dernier Repair café de l’année\., "
                      r"id: j-[a-z2-7]{8}\}\n")
    after = journal.read_text("utf-8")
    assert after.startswith(before) and item.fullmatch(after[len(before):])
    expect(page.locator(".appended pre")).to_have_text(item)
    page.get_by_role("link", name="Outil de pilotage").click()
    expect(page.locator("body")).to_contain_text("Dernier Repair café de l’année.")
    # the refused form came back as 422 Unprocessable Content, which Chromium notes; nothing else
    assert [e for e in page.errors if "status of 422" not in e] == []


def test_the_milestone_form_marks_a_milestone_met_and_the_pilotage_shows_it(site, page):
    from playwright.sync_api import expect

    url, mission = site
    journal = mission / "journal.yaml"
    before = journal.read_text("utf-8")
    page.goto(f"{url}/m/{SLUG}/log")
    form = page.locator("#form-milestone")
    form.locator("select[name=milestone]").select_option("R1.3")
    form.locator("select[name=status]").select_option("met")
    form.locator("input[name=date]").fill("2026-11-26")
    form.get_by_role("button").click()
    item = re.compile(r"- \{date: 2026-11-26, milestone: R1\.3, status: met, id: j-[a-z2-7]{8}\}\n")
    expect(page.locator(".appended pre")).to_have_text(item)
    after = journal.read_text("utf-8")
    assert after.startswith(before) and item.fullmatch(after[len(before):])
    page.goto(f"{url}/m/{SLUG}/pilotage?as_of=2026-11-26")
    card = page.locator("#R1")
    expect(card).to_contain_text("Bilan des points à un mois")
    expect(card).to_contain_text("15/12/2026 · Bilan des points à un mois (tenu le 26 novembre 2026)")
    assert page.errors == []


def test_the_journal_page_follows_the_file_but_never_reloads_a_form_being_filled_in(site, page):
    from playwright.sync_api import expect

    url, mission = site
    journal = mission / "journal.yaml"
    page.goto(f"{url}/m/{SLUG}/log")
    with journal.open("a", encoding="utf-8") as f:  # as pmp log would, from a terminal
        f.write("- date: 2026-11-27\n  indicator: I2\n  value: 34\n")
    expect(page.locator("pre.entry").first).to_have_text("- {date: 2026-11-27, indicator: I2, value: 34}\n")
    page.locator("#form-committee input[name=committee]").fill("COPIL n°3")
    with journal.open("a", encoding="utf-8") as f:
        f.write("- date: 2026-11-28\n  indicator: I2\n  value: 35\n")
    page.wait_for_timeout(1500)
    expect(page.locator("#form-committee input[name=committee]")).to_have_value("COPIL n°3")
    expect(page.locator("pre.entry").first).to_contain_text("2026-11-27")


def test_a_form_posted_from_another_site_is_refused(site, page):
    url, mission = site
    journal = mission / "journal.yaml"
    before = journal.read_bytes()
    page.goto(f"{url}/m/{SLUG}/log")  # the browser holds a session of the server
    token = page.locator("#form-recommendation input[name=token]").input_value()
    forged = page.context.new_page()
    forged.set_content(  # a page of no origin of this server, with the token even
        f'<form method="post" action="{url}/m/{SLUG}/log"><input name="token" value="{token}">'
        '<input name="kind" value="recommendation"><input name="recommendation" value="R3">'
        '<input name="note" value="forged"><button>go</button></form>'
    )
    with forged.expect_navigation():
        forged.get_by_role("button").click()
    assert forged.locator("body").inner_text() == S["bad_origin"]
    assert journal.read_bytes() == before


@pytest.mark.needs("axe-core")
@pytest.mark.parametrize("path", ["/", f"/m/{SLUG}/pilotage", f"/m/{SLUG}/log", "problems"])
def test_axe_finds_no_serious_or_critical_violation_in_the_served_pages(site, page, path):
    url, mission = site
    if path == "problems":
        (mission / "journal.yaml").write_text("- date: [2026\n", encoding="utf-8")
        time.sleep(1)  # the save's own event has passed: the page opened next is not reloaded under axe
        path = f"/m/{SLUG}/pilotage"
    page.goto(url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [{"rule": v["id"], "help": v["help"], "where": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5]}
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=2)
