"""One rule per derived fact: every output of the example shows the same « À traiter en priorité » and counts.

The example on its own date (2026-11-26) is rendered in every format, shown by
`pmp status` (text and JSON), in the portfolio (`pmp status` without a mission,
the static site's index) and by a running `pmp serve`; each says which
recommendations need attention, how many are overdue and what the weather is,
and they must agree with each other and with the plan (plan/attention.py).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from html import unescape

import httpx
import pytest
from serving import serving

from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_or_fail

AS_OF = "2026-11-26"
MISSION = "missions/ressourcerie-du-val"
ATTENTION = ["R6", "R5", "R8", "R9"]  # blocked first, then overdue, then the others in plan order
NOT_SUNNY = {"R6": "rainy", "R5": "rainy", "R8": "rainy", "R9": "cloudy"}


@pytest.fixture
def rendered(pmp, example_in_cwd):
    """Every format of the pilotage of the example, written by `pmp render`: {format: bytes}."""
    result = pmp("render", MISSION, "--format", "html,md,json,xlsx,ics", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = example_in_cwd / "out"
    return {p.suffix[1:]: p.read_bytes() for p in out.iterdir() if p.stem == "pilotage"}


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def html_attention(html: str) -> list[str]:
    start = html.index('<section id="priorites"')
    section = html[start:html.index("</section>", start)]
    return re.findall(r'<a href="#(R\d+)" class="rec-id">', section)


def test_every_format_lists_the_same_recommendations_in_the_same_order(rendered, pmp):
    html = rendered["html"].decode()
    assert html_attention(html) == ATTENTION
    assert "4 préconisations à traiter" in _text(html)

    md = rendered["md"].decode()
    section = md[md.index("## À traiter en priorité"):md.index("## Synthèse")]
    assert re.findall(r"^\d+\. \*\*(R\d+)\*\*", section, re.M) == ATTENTION

    doc = json.loads(rendered["json"])
    assert [i["id"] for i in doc["state"]["attention"]["items"]] == ATTENTION
    assert doc["state"]["attention"]["count"] == 4

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(rendered["xlsx"]))["À traiter en priorité"]
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]] == ATTENTION

    from icalendar import Calendar

    flagged = {str(e["uid"]).split("-")[0] for e in Calendar.from_ical(rendered["ics"]).walk("VEVENT")
               if "À traiter en priorité" in str(e.get("description", ""))}
    assert flagged == set(ATTENTION)

    status = pmp("status", MISSION, "--as-of", AS_OF)
    block = status.stdout[status.stdout.index("À traiter en priorité"):]
    block = block[:block.index("\n\n")]
    assert re.findall(r"^  (R\d+) ", block, re.M) == ATTENTION

    data = json.loads(pmp("status", MISSION, "--as-of", AS_OF, "--format", "json").stdout)
    assert [i["id"] for i in data["attention"]["items"]] == ATTENTION


def test_the_counts_agree_between_the_documents_the_terminal_and_the_portfolio(rendered, pmp, example_in_cwd):
    state = json.loads(rendered["json"])["state"]
    overdue, stale = state["summary"]["overdue"], state["summary"]["stale"]  # ids, in the JSON
    assert (overdue, stale) == (["R5"], ["R5", "R6", "R8"])
    assert "Préconisations en retard : 1" in _text(rendered["html"].decode()).replace("\u00a0", " ")

    status = pmp("status", MISSION, "--as-of", AS_OF).stdout
    assert "1 en retard · 3 inactives" in status

    (row,) = json.loads(pmp("status", "--as-of", AS_OF, "--format", "json").stdout)
    assert (row["attention"], row["overdue"], row["stale"]) == (4, 1, 3)
    assert row["weather"]["key"] == state["summary"]["weather"]["key"]

    site = example_in_cwd.parent.parent / "site"
    assert pmp("render", "--all", "--site", str(site), "--as-of", AS_OF).exit_code == 0
    index = (site / "index.html").read_text("utf-8")
    assert '<td data-label="En retard" class="num">1</td>' in index
    assert '<td data-label="À traiter en priorité" class="num">4</td>' in index


def test_a_recommendation_that_needs_attention_is_never_sunny(rendered):
    """R9's only reason is a late milestone: it is cloudy, in the plan's table as in the JSON and the timeline."""
    state = json.loads(rendered["json"])["state"]
    weather = {r["id"]: r["weather"]["key"] for r in state["recommendations"]}
    assert {rec: weather[rec] for rec in ATTENTION} == NOT_SUNNY
    md = rendered["md"].decode()
    assert re.search(r"^\| R9 \|.*\| ☁︎ nuageux \|$", md, re.M)
    html = rendered["html"].decode()
    assert html.count('<g class="milestone late"><title>Jalon — Fiche de poste publiée') == 2  # wide and narrow
    late = {m["ref"] for m in state["milestones"] if m["state"] in ("late", "missed")}
    assert late == {"R5.2", "R8.1", "R9.1"}


def test_pmp_serve_counts_what_the_pilotage_lists(example_in_cwd):
    """The portfolio's « À suivre » column and the served pilotage, on the server's today, say the same number."""
    workspace = example_in_cwd.parent.parent
    expected = len(state_on(load_or_fail(example_in_cwd), date.today()).attention)
    with serving(workspace) as (url, _):
        page = httpx.get(url + "/").text
        pilotage = httpx.get(url + "/m/ressourcerie-du-val/pilotage").text
    row = re.search(r'<tr data-slug="ressourcerie-du-val">(.*?)</tr>', page, re.S)[1]
    assert f'<td class="num">{expected}</td>' in row
    assert len(html_attention(pilotage)) == expected
