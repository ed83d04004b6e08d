"""`pmp status --format json --as-of D` gives the same numbers that the HTML shows (issue 3)."""

from __future__ import annotations

import json
import re


def test_status_json_and_the_html_steering_tool_agree(example_in_cwd, pmp):
    status = pmp("status", "ressourcerie-du-val", "--format", "json", "--as-of", "2026-11-26")
    assert status.exit_code == 0, status.output
    state = json.loads(status.stdout)
    assert pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", "2026-11-26").exit_code == 0
    html = (example_in_cwd / "out" / "pilotage.html").read_text(encoding="utf-8")

    recs = state["recommendations"]
    assert len(recs) == 10
    for r in recs:
        article = re.search(rf'<article class="rec ([^"]*)" id="{r["id"]}"', html)
        assert article, r["id"]
        classes = article.group(1).split()
        assert f"is-{r['status']}" in classes, (r["id"], classes)
        assert ("is-late" in classes) == r["overdue"], r["id"]
        # the timeline bar says the same progress
        assert re.search(rf'data-id="{r["id"]}"[^>]*><title>{r["id"]} [^<]* — {r["progress"]}\u00a0%</title>', html), r["id"]
    assert (state["progress"], state["overdue"], state["weather"]) == (45, 1, "rainy")
    assert re.search(r"<h3>Avancement global</h3>\s*<p[^>]*>\s*45\u00a0%", html)
    assert re.search(r"<h3>Météo du plan</h3>\s*<p[^>]*><span class=\"weather weather-rainy\">", html)
    late = re.findall(r'<article class="rec [^"]*is-late[^"]*" id="(R\d+)"', html)
    assert late == [r["id"] for r in recs if r["overdue"]] == ["R5"]
