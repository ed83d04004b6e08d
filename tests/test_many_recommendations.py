"""Many recommendations: up to the limit pmp reads a mission whole; one past it, `pmp check`
refuses it at the line of the first recommendation beyond the limit, and every command with it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_tree, spaces
from test_load import GOOD

from pamplemousse.read.load import MAX_RECOMMENDATIONS

LINES = 10


def recommendations(count: int) -> str:
    """recommendations.yaml with `count` recommendations of LINES lines each, after one line of header."""
    items = [
        f"  - id: R{i}\n    title: Préconisation {i}\n    theme: volunteers\n    because: [F1]\n    priority: medium\n"
        f"    impact: 3\n    effort: 2\n    owner: Coordinatrice\n    start: 2026-06-01\n    due: 2026-12-31\n"
        for i in range(1, count + 1)
    ]
    return "recommendations:\n" + "".join(items)


def mission_of(tmp_path: Path, count: int, language: str = "fr") -> Path:
    folder = tmp_path / "missions" / "grande"
    files = dict(GOOD, **{"recommendations.yaml": recommendations(count)})
    files["mission.yaml"] += f"language: {language}\n"
    return build_tree(folder, files)


def test_the_limit_is_the_documented_one():
    assert MAX_RECOMMENDATIONS == 1000
    check_page = (Path(__file__).parents[1] / "docs" / "commandes" / "check.md").read_text("utf-8")
    assert "au plus **1 000 préconisations**" in check_page


def test_one_recommendation_past_the_limit_is_refused_at_its_line(tmp_path, pmp):
    folder = mission_of(tmp_path, MAX_RECOMMENDATIONS + 1)
    result = pmp("check", str(folder))
    assert result.exit_code == 1
    line = 2 + LINES * MAX_RECOMMENDATIONS  # the header, then LINES lines per recommendation before it
    text = (folder / "recommendations.yaml").read_text("utf-8").splitlines()
    assert text[line - 1] == f"  - id: R{MAX_RECOMMENDATIONS + 1}"
    errors = [spaces(e) for e in result.stdout.splitlines() if ": avertissement" not in e and "recommendations.yaml" in e]
    assert errors == [
        f"{folder / 'recommendations.yaml'}:{line}:5: plus de 1 000 préconisations : pmp en lit au plus 1 000 "
        "par mission ; regroupez celles qui vont ensemble, ou partagez la mission en plusieurs"
    ]
    status = pmp("status", str(folder))
    assert status.exit_code == 1
    assert f"recommendations.yaml:{line}:5:" in status.output
    assert not (folder / "out").exists()
    render = pmp("render", str(folder))
    assert render.exit_code == 1
    assert not (folder / "out").exists()


def test_an_english_mission_is_refused_in_english(tmp_path, pmp):
    folder = mission_of(tmp_path, MAX_RECOMMENDATIONS + 5, "en")
    result = pmp("check", str(folder), "--format", "json")
    errors = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert [(Path(p["file"]).name, p["line"], p["column"]) for p in errors] == [
        ("recommendations.yaml", 2 + LINES * MAX_RECOMMENDATIONS, 5)
    ]
    assert errors[0]["message"].startswith("more than 1,000 recommendations: pmp reads at most 1,000 in a mission")


def test_a_mission_at_the_limit_is_read_whole(tmp_path, pmp):
    folder = mission_of(tmp_path, MAX_RECOMMENDATIONS)
    result = pmp("status", str(folder), "--format", "json", "--as-of", "2026-07-01")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)["recommendations"]
    assert len(shown) == MAX_RECOMMENDATIONS
    assert shown[-1]["id"] == f"R{MAX_RECOMMENDATIONS}"
