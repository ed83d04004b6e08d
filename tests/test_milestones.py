"""Milestones met or missed: pmp log --milestone, the fold, pmp check, and every output that shows them.

The example mission logs seven milestones (journal.yaml, end): R5.1, R1.1,
R3.1, R7.1 and R1.2 met, R8.1 and R5.2 missed; R9.1 (15 November 2026) passed
with nothing logged, so it is late on 26 November; R8's second milestone has
its own id, `decision-ca`.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from conftest import last_id, snapshot, spaces, without_ids

from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_mission

NB = "\u00a0"
SLUG = "ressourcerie-du-val"
AS_OF = "2026-11-26"


def _mission(folder: Path):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission


def test_the_fold_gives_each_milestone_met_missed_upcoming_or_late(example):
    state = state_on(_mission(example), date(2026, 11, 26))
    got = {m.ref: (m.state, m.on) for m in state.milestones}
    assert got["R1.1"] == ("met", date(2026, 7, 31))
    assert got["R8.1"] == ("missed", date(2026, 10, 5))
    assert got["R9.1"] == ("late", None)  # 15 November passed, nothing logged
    assert got["R1.3"] == ("upcoming", None)
    assert got["decision-ca"] == ("upcoming", None)  # its own id, not R8.2
    assert "R8.2" not in got
    # the day of the milestone it is not late yet
    assert state_on(_mission(example), date(2026, 11, 15)).milestone("R9.1").state == "upcoming"


def test_log_met_then_missed_the_latest_entry_wins(example_in_cwd, pmp):
    r = pmp("log", SLUG, "--milestone", "R9.1", "--met", "--date", "2026-11-20", "--note", "Publiée sur le site.")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        f"Ajouté à missions/{SLUG}/journal.yaml (20 novembre 2026){NB}: "
        f"jalon R9.1 «{NB}Fiche de poste publiée{NB}» tenu, avec une note{NB}; entrée {last_id(example_in_cwd / 'journal.yaml')}.\n"
    )
    text = (example_in_cwd / "journal.yaml").read_text(encoding="utf-8")
    assert without_ids(text).endswith(
        "- {date: 2026-11-20, milestone: R9.1, status: met, note: Publiée sur le site.}\n")
    assert state_on(_mission(example_in_cwd), date(2026, 11, 26)).milestone("R9.1").state == "met"
    assert pmp("log", SLUG, "--milestone", "decision-ca", "--missed", "--date", "2026-11-25").exit_code == 0
    state = state_on(_mission(example_in_cwd), date(2026, 11, 26))
    assert (state.milestone("decision-ca").state, state.milestone("decision-ca").on) == ("missed", date(2026, 11, 25))


def test_a_wrong_reference_gets_a_did_you_mean_and_nothing_is_written(example_in_cwd, pmp):
    before = snapshot(example_in_cwd)
    r = pmp("log", SLUG, "--milestone", "R9-1", "--met")
    assert r.exit_code == 2
    assert spaces(r.stderr) == "pmp : --milestone R9-1 : aucun jalon de ce nom ; vouliez-vous dire « R9.1 » ?\n"
    r = pmp("log", SLUG, "--milestone", "R1.1")
    assert spaces(r.stderr) == "pmp : --milestone R1.1 : dites s’il est tenu (--met) ou manqué (--missed)\n"
    r = pmp("log", SLUG, "--milestone", "R1.1", "--met", "--missed")
    assert spaces(r.stderr) == "pmp : --met et --missed : un jalon est tenu ou manqué, pas les deux\n"
    r = pmp("log", SLUG, "R1", "--met")
    assert r.exit_code == 2
    assert "--met et --missed vont avec --milestone" in r.stderr
    assert snapshot(example_in_cwd) == before


def test_check_reads_milestone_entries_and_warns_on_dates_and_duplicate_ids(example_in_cwd, pmp):
    recs = example_in_cwd / "recommendations.yaml"
    text = recs.read_text(encoding="utf-8")
    text = text.replace("        due: 2026-12-10\n        id: decision-ca\n", "        due: 2027-01-10\n        id: decision-ca\n")
    text = text.replace(
        "      - title: Jury de sélection\n        due: 2027-02-15\n",
        "      - title: Jury de sélection\n        due: 2027-02-15\n        id: decision-ca\n",
    )
    recs.write_text(text, encoding="utf-8")
    out = spaces(pmp("check", SLUG).output)
    lines = out.splitlines()
    r8 = text.splitlines().index("      - title: Décision du conseil d’administration") + 1
    jury = text.splitlines().index("      - title: Jury de sélection") + 1
    assert (f"missions/{SLUG}/recommendations.yaml:{r8 + 1}:14: avertissement : un jalon de R8 tombe le 2027-01-10, "
            "après l'échéance de la préconisation (2026-12-18)") in lines, out
    assert (f"missions/{SLUG}/recommendations.yaml:{jury + 2}:13: avertissement : l'id de jalon « decision-ca » est "
            f"déjà pris (ligne {r8 + 2}) : le journal ne saurait pas de quel jalon il parle") in lines, out


def test_check_refuses_an_unknown_milestone_and_a_recommendation_status(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    n = len(journal.read_text(encoding="utf-8").splitlines())
    with journal.open("a", encoding="utf-8") as f:
        f.write("- date: 2026-11-01\n  milestone: R8.3\n  status: met\n")
    out = spaces(pmp("check", SLUG).output)
    assert (f"missions/{SLUG}/journal.yaml:{n + 2}:14: « R8.3 » ne correspond à aucun jalon ; vouliez-vous dire « R1.3 » ?"
            in out.splitlines()), out
    with journal.open("a", encoding="utf-8") as f:
        f.write("- date: 2026-11-02\n  milestone: R1.3\n  status: done\n")
    out = spaces(pmp("check", SLUG).output)
    assert (f"missions/{SLUG}/journal.yaml:{n + 6}:11: valeur inconnue pour « status » ; valeurs possibles : met, missed"
            in out.splitlines()), out


def test_json_and_status_show_each_milestone(example_in_cwd, pmp):
    data = json.loads(pmp("status", SLUG, "--as-of", AS_OF, "--format", "json").stdout)
    by_ref = {m["ref"]: m for m in data["milestones"]}
    r81 = by_ref["R8.1"]
    assert (r81["rec_id"], r81["title"], r81["date"]["iso"], r81["state"], r81["state_label"], r81["logged_on"]["iso"],
            r81["met_on"], r81["milestone_note"]) == (
        "R8", "Note comparative antenne / franchise sociale", "2026-09-30", "missed", "manqué, noté le 5 octobre 2026",
        "2026-10-05", None, "La note comparative attendra le conseil de décembre.",
    )
    assert by_ref["R1.1"]["met_on"]["iso"] == "2026-07-31"
    assert by_ref["R9.1"]["state"] == "late" and by_ref["R1.3"]["state"] == "upcoming"
    r1 = next(r for r in data["recommendations"] if r["id"] == "R1")
    assert [(m["ref"], m["state"]) for m in r1["milestones"]] == [("R1.1", "met"), ("R1.2", "met"), ("R1.3", "upcoming")]
    text = pmp("status", SLUG, "--as-of", AS_OF).stdout
    assert "R1.1  Livret d’accueil rédigé et relu par des bénévoles — tenu le 31 juillet 2026" in text
    assert "R8.1  Note comparative antenne / franchise sociale — manqué, noté le 5 octobre 2026" in text
    assert "R9.1  Fiche de poste publiée — en retard, rien de noté" in text


def test_a_milestone_met_in_the_window_is_a_change(example_in_cwd, pmp):
    assert pmp("log", SLUG, "--milestone", "R1.3", "--met", "--date", "2026-11-24").exit_code == 0
    data = json.loads(pmp("status", SLUG, "--as-of", AS_OF, "--since", "2026-11-21", "--format", "json").stdout)
    deadlines = data["changes"]["deadlines"]
    # R1.3 falls on 15 December, after the window, but was met in it
    assert [(d["rec_id"], d["what"], d["met"], d["milestone_state"], d["outcome"]) for d in deadlines] == [
        ("R1", "Bilan des points à un mois", True, "met", "tenu le 24 novembre 2026"),
    ]
    text = pmp("status", SLUG, "--as-of", AS_OF, "--since", "2026-11-21").stdout
    assert f"15/12/2026 R1 jalon{NB}: Bilan des points à un mois — tenu le 24 novembre 2026" in text
    assert "non tenue" not in text


def test_pilotage_html_markdown_and_timeline_mark_each_state(example_in_cwd, pmp):
    out = example_in_cwd.parent.parent / "out"
    assert pmp("render", SLUG, "--as-of", AS_OF, "--format", "html", "-o", str(out)).exit_code == 0
    html = (out / "pilotage.html").read_text(encoding="utf-8")
    assert 'class="ms-missed">manqué, noté le 5 octobre 2026</td>' in html
    assert 'class="ms-late">en retard, rien de noté</td>' in html
    for state in ("met", "missed", "late", "upcoming"):
        assert f'class="milestone {state}"' in html  # the timeline's marks
    assert pmp("render", SLUG, "--as-of", AS_OF, "--format", "md", "-o", str(out)).exit_code == 0
    md = (out / "pilotage.md").read_text(encoding="utf-8")
    assert "| 31/07/2026 | R1 | Livret d’accueil rédigé et relu par des bénévoles | tenu le 31 juillet 2026 |" in md


def test_the_spreadsheet_has_a_milestones_sheet(example):
    from openpyxl import load_workbook

    from pamplemousse.outputs.xlsx import xlsx_bytes
    from pamplemousse.views.mission import view_on

    mission = _mission(example)
    wb = load_workbook(io.BytesIO(xlsx_bytes(mission, view_on(mission, date(2026, 11, 26), "fr"), "fr")))
    ws = wb["Jalons"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_col=7)]
    assert rows[0] == ["Repère", "Préconisation", "Jalon", "Échéance", "État", "Tenu ou manqué le", "Note"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert by_ref["R1.1"][4:6] == ["tenu", date(2026, 7, 31)] or by_ref["R1.1"][4] == "tenu"
    assert by_ref["R9.1"][4] == "en retard" and by_ref["decision-ca"][4] == "à venir"
    assert ws.data_validations.dataValidation[0].formula1 == '"à venir,en retard,tenu,manqué"'
