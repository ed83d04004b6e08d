"""pmp status: the plan in the terminal, as JSON, the portfolio, and what changed since a date.

The numbers below are worked out by hand from missions/ressourcerie-du-val
(recommendations.yaml and journal.yaml) on 26 November 2026:

- R5 due 15 Oct, in progress at 70 %, last entry 14 Oct: overdue by 16 + 26 = 42
  days, rainy, and stale (43 days > 6 weeks);
- R6 blocked since 10 Sep (rainy, stale); R8 at 40 % after 164 of its 186 days
  (lag 48 points: rainy; last entry 5 Oct: stale); R4 dropped;
- progress (80 + 100 + 45 + 70 + 0 + 40 + 40 + 30 + 0) / 9 = 45; 3 rainy out
  of 9 counted items: rainy;
- scaling: (40 + 30 + 0) / 3 = 23.3; I2 from 42 towards 25, at 33: 9/17 = 52.9 %.
"""

from __future__ import annotations

import json
import shutil

import pytest

from pamplemousse.text.i18n import Formats

NB = "\u00a0"
FR = Formats("fr")




def status_json(pmp, *args) -> dict:
    r = pmp("status", *args, "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def row(text: str, rec_id: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"{rec_id} "))


def test_text_shows_summary_rows_and_french_labels(example_in_cwd, pmp):
    r = pmp("status", "ressourcerie-du-val", "--as-of", "2026-11-26")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "La Ressourcerie du Val — Engagement bénévole et essaimage de la Ressourcerie du Val"
    assert lines[1].endswith(
        f"pluvieux · avancement {FR.percent(45)} · 1 en retard · 3 inactives · État au 26 novembre 2026"
    )
    for rec_id in [f"R{n}" for n in range(1, 11)]:
        assert row(r.stdout, rec_id)
    assert "fait" in row(r.stdout, "R2") and f"██████████ {FR.percent(100)}" in row(r.stdout, "R2")
    assert "abandonné" in row(r.stdout, "R4") and "—" in row(r.stdout, "R4")
    r5 = row(r.stdout, "R5")
    assert "en cours" in r5 and "15/10/2026" in r5 and "retard +42 j" in r5 and f"███████··· {FR.percent(70):>5}" in r5
    assert "bloqué" in row(r.stdout, "R6") and "⚠ inactif" in row(r.stdout, "R6")
    assert "à faire" in row(r.stdout, "R10")
    assert "Prochaines échéances" in lines
    nxt = lines.index("Prochaines échéances")
    assert lines[nxt + 1].split() == ["10/12/2026", "R8", "jalon", ":", "Décision", "du", "conseil", "d’administration"]
    assert all(len(line) <= 120 for line in lines)


def raw(value):
    """The view's JSON with each date as its ISO string, each percent as its number and each
    weather as its key (the raw values beside which the view writes its words)."""
    if isinstance(value, dict):
        if set(value) == {"iso", "long", "short"}:
            return value["iso"]
        if set(value) == {"value", "label"}:
            return value["value"]
        if set(value) == {"key", "label", "icon"}:
            return None if value["key"] == "none" else value["key"]
        return {k: raw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [raw(v) for v in value]
    return value


def test_json_on_the_example_mission_at_a_fixed_date(example_in_cwd, pmp):
    words = status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26")
    data = raw(words)
    summary = data["summary"]
    recs = {r["id"]: r for r in data["recommendations"]}
    assert data["header"]["as_of"] == "2026-11-26"
    assert words["header"]["as_of"] == {"iso": "2026-11-26", "long": "26 novembre 2026", "short": "26/11/2026"}
    assert (summary["progress"], summary["weather"], summary["overdue"], summary["stale"]) == (
        45, "rainy", ["R5"], ["R5", "R6", "R8"])
    assert words["summary"]["weather"] == {"key": "rainy", "label": "pluvieux", "icon": "\u2602\ufe0e"}
    assert {b["status"]: b["count"] for b in summary["by_status"]} == {
        "todo": 1, "in_progress": 6, "done": 1, "blocked": 1, "dropped": 1}
    assert {k: recs["R5"][k] for k in ("status", "progress", "overdue", "days_late", "stale", "weather")} == {
        "status": "in_progress", "progress": 70, "overdue": True, "days_late": 42, "stale": True, "weather": "rainy",
    }
    assert recs["R5"]["last_update"] == "2026-10-14"
    assert recs["R5"]["last_note"].startswith("Charte et fiches de rôle rédigées")
    assert (recs["R2"]["status"], recs["R2"]["progress"], recs["R2"]["overdue"], recs["R2"]["weather"]) == (
        "done", 100, False, "sunny",
    )
    assert (recs["R4"]["status"], recs["R4"]["overdue"], recs["R4"]["weather"]) == ("dropped", False, None)
    assert (recs["R8"]["weather"], recs["R8"]["stale"], recs["R8"]["elapsed"]) == ("rainy", True, 88.2)
    assert (recs["R1"]["weather"], recs["R1"]["next_milestone"]) == (
        "sunny", {"title": "Bilan des points à un mois", "date": "2026-12-15"},
    )
    assert words["recommendations"][4]["status_label"] == "en cours"  # R5, its status in words beside its key
    assert (recs["R10"]["status"], recs["R10"]["progress"], recs["R10"]["last_update"]) == ("todo", 0, None)
    themes = {t["theme"]: t for t in data["themes"]}
    assert [t["theme"] for t in data["themes"]] == ["volunteers", "engagement", "scaling", "hr", "governance"]
    assert (themes["scaling"]["progress"], themes["scaling"]["weather"]) == (23.3, "rainy")
    assert (themes["hr"]["progress"], themes["hr"]["weather"], themes["hr"]["overdue"]) == (35, "rainy", 1)
    assert (themes["volunteers"]["progress"], themes["volunteers"]["weather"]) == (90, "sunny")
    indicators = {i["id"]: i for i in data["indicators"]}
    assert {k: indicators["I2"][k] for k in ("baseline_value", "target_value", "lower_is_better", "latest_value",
                                             "latest_date", "advance", "unit", "latest")} == {
        "baseline_value": 42, "target_value": 25, "lower_is_better": True, "latest_value": 33,
        "latest_date": "2026-11-20", "advance": 52.9, "unit": "%", "latest": "33\u00a0%",
    }
    assert (indicators["I1"]["advance"], indicators["I1"]["lower_is_better"]) == (68, False)
    assert [m["raw"] for m in indicators["I1"]["measures"]] == [50, 62, 67]
    assert summary["next_deadlines"][0] == {
        "date": "2026-12-10", "rec_id": "R8",
        "rec_title": "Formaliser le modèle à essaimer et le cadre de l’antenne", "owner": "Karim",
        "is_milestone": True, "what": "Décision du conseil d’administration",
    }
    assert data["phase"]["id"] == "suivi"
    assert data["committee"]["title"] == "COPIL n°2" and data["committee"]["date"] == "2026-10-20"
    assert data["changes"] is None


def test_stale_weeks_option(example_in_cwd, pmp):
    data = status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26", "--stale-weeks", "12")
    assert data["summary"]["stale"] == [] and data["stale_weeks"] == 12


def test_since_last_committee_lists_its_decisions_and_what_changed(example_in_cwd, pmp):
    r = pmp("status", "ressourcerie-du-val", "--as-of", "2026-11-26", "--since-last-committee")
    assert r.exit_code == 0, r.output
    text = r.stdout
    assert "Depuis le COPIL n°2 du 20 octobre 2026" in text
    for decision in (
        "La validation de la charte salarié·es–bénévoles (R5) est inscrite au conseil du 10 décembre.",
        f"Le mode antenne est confirmé pour l’ouverture à Est Ensemble{NB}; la franchise sociale sera réétudiée en 2030.",
    ):
        assert f"    • {decision}" in text
    assert f"  R1{NB}: {FR.percent(60)} → {FR.percent(80)} (+20{NB}points)" in text
    assert f"  15/11/2026 R9 jalon{NB}: Fiche de poste publiée — date passée, ni tenu ni manqué noté" in text
    data = raw(status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26", "--since-last-committee"))
    ch = data["changes"]
    assert (ch["since"], ch["until"]) == ("2026-10-20", "2026-11-26")
    assert [c["title"] for c in ch["committees"]] == ["COPIL n°2"]
    assert len(ch["committees"][0]["decisions"]) == 4
    assert ch["statuses"] == []
    assert [(p["rec_id"], p["before"], p["after"], p["gained"]) for p in ch["progress"]] == [
        ("R1", 60, 80, 20), ("R3", 15, 45, 30), ("R7", 15, 40, 25), ("R9", 10, 30, 20),
    ]
    i2 = [m for m in ch["measures"] if m["indicator_id"] == "I2"]
    assert [(m["date"], m["raw"], m["previous_raw"], m["value"]) for m in i2] == [("2026-11-20", 33, 36, "33\u00a0%")]


def test_since_a_date(example_in_cwd, pmp):
    data = raw(status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-10-01", "--since", "2026-09-01"))
    ch = data["changes"]
    assert [(c["rec_id"], c["before"], c["after"]) for c in ch["statuses"]] == [
        ("R2", "in_progress", "done"), ("R3", "todo", "in_progress"), ("R6", "todo", "blocked"),
        ("R9", "todo", "in_progress"),
    ]
    assert [(d["date"], d["rec_id"], d["what"] if d["is_milestone"] else None, d["met"]) for d in ch["deadlines"]] == [
        ("2026-09-19", "R3", "Premier Repair café découverte", True),  # met, the journal says
        ("2026-09-24", "R7", "Premier conseil ouvert à des observateurs", True),
        ("2026-09-30", "R1", "Premiers binômes de parrainage constitués", True),
        ("2026-09-30", "R2", None, True),
        ("2026-09-30", "R8", "Note comparative antenne / franchise sociale", False),
    ]
    assert ch["committees"] == []


def test_filters_by_theme_label_and_owner(example_in_cwd, pmp):
    r = pmp("status", "ressourcerie-du-val", "--as-of", "2026-11-26", "--theme", "Changement d’échelle")
    assert r.exit_code == 0, r.output
    ids = [line.split()[0] for line in r.stdout.splitlines() if line[:1] == "R" and line.split()[0][1:].isdigit()]
    assert ids == ["R8", "R9", "R10"]
    assert f"Filtre{NB}: axe Changement d’échelle (3 sur 10)" in r.stdout
    data = status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26", "--owner", "sophie")
    assert [x["id"] for x in data["recommendations"]] == ["R1", "R2", "R4"]
    assert [x["id"] for x in data["indicators"]] == ["I1", "I2", "I3"]
    assert data["filter"] == {"theme": None, "owner": "Sophie"}
    assert data["summary"]["progress"]["value"] == 45  # the mission's own figures are not filtered


@pytest.mark.parametrize("args, message", [
    (["ressourcerie-du-val", "--owner", "Sofie"],
     f"--owner Sofie{NB}: aucun·e responsable de ce nom{NB}; responsables{NB}: Sophie, Jean-Pierre, Karim, Hélène"
     f"{NB}; vouliez-vous dire «{NB}Sophie{NB}»{NB}?"),
    (["ressourcerie-du-val", "--theme", "benevoles"], None),
    (["ressourcerie-du-val", "--since", "2026-12-01"],
     f"--since 2026-12-01{NB}: après la date de l'état (26 novembre 2026)"),
    (["ressourcerie-du-val", "--since", "2026-10-01", "--since-last-committee"],
     f"--since et --since-last-committee{NB}: choisissez l'un ou l'autre"),
    (["--theme", "hr"], "--theme, --owner et --since s'appliquent à une mission\u00a0: précisez-la (pmp status MISSION …)"),
    (["ressourcerie-du-val", "--format", "xml"], "--format xml\u00a0: valeurs possibles\u00a0: text, json"),
    (["ressourcerie-du-val", "--stale-weeks", "0"],
     "--stale-weeks 0\u00a0: un nombre entier de semaines (de 1 à 9999) est attendu"),
])
def test_bad_options_exit_2_with_one_line(example_in_cwd, pmp, args, message):
    r = pmp("status", *args, "--as-of", "2026-11-26")
    assert r.exit_code == 2
    assert r.stdout == ""
    if message is None:  # a theme not of this mission: the axes are listed
        assert r.stderr.startswith(f"pmp : --theme benevoles{NB}: aucun axe de ce nom dans la mission{NB}; axes{NB}: ")
        assert r.stderr.endswith(f"volunteers (Bénévolat), engagement (Engagement), hr (Ressources humaines), "
                                 f"governance (Gouvernance), scaling (Changement d’échelle)"
                                 f"{NB}; vouliez-vous dire «{NB}Bénévolat{NB}»{NB}?\n")
    else:
        assert r.stderr == f"pmp : {message}\n"


def test_since_last_committee_before_any_committee(example_in_cwd, pmp):
    r = pmp("status", "ressourcerie-du-val", "--as-of", "2026-06-22", "--since-last-committee")
    assert r.exit_code == 2
    assert r.stderr == (
        f"pmp : --since-last-committee{NB}: aucun comité de pilotage dans le journal au 22 juin 2026\n"
    )


def test_log_then_status_shows_the_new_entry(example_in_cwd, pmp):
    assert pmp("log", "ressourcerie-du-val", "R5", "--status", "fait", "--date", "2026-11-26").exit_code == 0
    data = raw(status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26"))
    r5 = next(r for r in data["recommendations"] if r["id"] == "R5")
    assert (r5["status"], r5["progress"], r5["overdue"], r5["last_update"]) == ("done", 100, False, "2026-11-26")
    assert (data["summary"]["overdue"], data["summary"]["progress"]) == ([], 48.3)  # 435 / 9


def test_portfolio_lists_the_missions_and_those_with_errors(example_in_cwd, pmp):
    broken = example_in_cwd.parent / "autre-mission"
    shutil.copytree(example_in_cwd, broken)
    (broken / "mission.yaml").write_text("title: [\n", encoding="utf-8")
    r = pmp("status", "--as-of", "2026-11-26")
    assert r.exit_code == 0, r.output
    assert "Portefeuille de missions · État au 26 novembre 2026" in r.stdout
    lines = r.stdout.splitlines()
    mine = next(line for line in lines if line.startswith("ressourcerie-du-val "))
    assert "La Ressourcer" in mine and FR.percent(45) in mine and "10/12/2026 R8" in mine and "pluvieux" in mine
    bad = next(line for line in lines if line.startswith("autre-mission "))
    assert "erreurs" in bad
    rows = raw(status_json(pmp, "--as-of", "2026-11-26"))
    assert rows[0] == {"slug": "autre-mission", "errors": 1}
    assert {k: rows[1][k] for k in ("slug", "client", "progress", "overdue", "weather", "errors")} == {
        "slug": "ressourcerie-du-val", "client": "La Ressourcerie du Val", "progress": 45, "overdue": 1,
        "weather": "rainy", "errors": 0,
    }
    assert rows[1]["phase"] == {"id": "suivi", "title": "Suivi et consolidation du plan d’action"}
    assert rows[1]["next_deadline"]["date"] == "2026-12-10"


def test_portfolio_of_many_missions(example_in_cwd, pmp):
    for n in range(6):
        shutil.copytree(example_in_cwd, example_in_cwd.parent / f"copie-{n}")
    rows = status_json(pmp, "--as-of", "2026-11-26")
    assert [r["slug"] for r in rows] == [f"copie-{n}" for n in range(6)] + ["ressourcerie-du-val"]
    r = pmp("status", "--as-of", "2026-11-26")
    assert r.exit_code == 0 and r.stdout.count("☂") == 7


def test_the_status_opens_with_what_needs_attention_first(example_in_cwd, pmp):
    r = pmp("status", "ressourcerie-du-val", "--as-of", "2026-11-26")
    assert r.exit_code == 0, r.output
    lines = [line.rstrip() for line in r.stdout.splitlines()]
    start = lines.index("À traiter en priorité")
    assert start < next(i for i, line in enumerate(lines) if line.startswith("N°"))  # before the plan's table
    block = "\n".join(lines[start:start + 12])
    # the blocked one first, then the late one, then the one without news, each with its owner and what is expected
    assert block.index("R6 Former") < block.index("R5 Écrire") < block.index("R8 Formaliser")
    assert f"Karim{NB}: bloquée" in block and "→ Dire ce qui bloque et qui peut le lever." in block
    assert "en retard de 42 jours" in block and "→ Tenir l’échéance dépassée du 15 octobre 2026 ou en fixer une nouvelle." in block
    data = status_json(pmp, "ressourcerie-du-val", "--as-of", "2026-11-26")
    assert [(i["id"], [x["key"] for x in i["reasons"]]) for i in data["attention"]["items"]] == [
        ("R6", ["blocked", "stale"]), ("R5", ["overdue", "stale", "milestone_missed"]),
        ("R8", ["stale", "milestone_missed"]), ("R9", ["milestone_late"]),
    ]
