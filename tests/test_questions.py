"""The question bank and `pmp questions` (browse, filter, --add to a mission's guide)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pamplemousse.errors import MissionProblems
from pamplemousse.read import bank
from pamplemousse.read.bank import fold, load_bank, select
from pamplemousse.read.load import load_mission


def _sp(text: str) -> str:
    """No-break spaces as plain ones: a message compared whatever its typography."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _raw(result, stream: str = "stdout") -> str:
    """What the command wrote, exactly (the `pmp` fixture may make no-break spaces plain)."""
    return getattr(result, f"raw_{stream}", getattr(result, stream))

# the bank -------------------------------------------------------------------


def test_the_bank_covers_the_method():
    questions = load_bank()
    assert len(questions) >= 60
    assert len({q.id for q in questions}) == len(questions)
    phases = Counter(q.phase for q in questions)
    assert set(phases) == {"discover", "dream", "design", "deliver"}
    assert min(phases.values()) >= 12
    themes = Counter(q.theme for q in questions)
    for theme in ("mobilisation", "engagement", "volunteers", "hr", "governance", "economic_model", "scaling"):
        assert themes[theme] >= 5, theme
    moments = Counter(m for q in questions for m in q.moments)
    for moment in ("framing", "duplication_holder", "duplication_founder", "duplication_territory", "closing"):
        assert moments[moment] >= 3, moment


def test_every_bank_question_speaks_both_languages_in_good_french():
    for q in load_bank():
        assert q.text.fr.strip() and q.text.en.strip() and q.purpose.fr.strip() and q.purpose.en.strip()
        if q.follow_ups:
            assert len(q.follow_ups.fr) == len(q.follow_ups.en), q.id
        for text in [q.text.fr, q.purpose.fr, *(q.follow_ups.fr if q.follow_ups else [])]:
            for mark in ":;?!»":
                assert f" {mark}" not in text, (q.id, text)  # a no-break space, not a plain one
            assert "« " not in text, (q.id, text)


def test_a_misspelt_key_in_a_bank_file_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "bank.yaml"
    path.write_text(
        "questions:\n"
        "  - id: q1\n"
        "    phase: dream\n"
        "    theme: hr\n"
        "    text: {fr: Rêvons, en: Let us dream}\n"
        "    purpos: {fr: But, en: Aim}\n",
        encoding="utf-8",
    )
    with pytest.raises(MissionProblems) as err:
        bank.load_bank(path)
    assert [_sp(str(p)) for p in err.value.problems] == [
        "bank.yaml:2:5: champ obligatoire « purpose » manquant",
        "bank.yaml:6:5: clé inconnue « purpos » ; vouliez-vous dire « purpose » ?",
    ]


def test_a_duplicate_id_in_a_bank_file_is_reported(tmp_path: Path):
    item = "  - id: q1\n    phase: dream\n    theme: hr\n    text: {fr: a, en: a}\n    purpose: {fr: b, en: b}\n"
    path = tmp_path / "bank.yaml"
    path.write_text("questions:\n" + item + item, encoding="utf-8")
    with pytest.raises(MissionProblems) as err:
        bank.load_bank(path)
    assert [_sp(str(p)) for p in err.value.problems] == [
        "bank.yaml:7:9: identifiant « q1 » déjà utilisé (bank.yaml ligne 2)"
    ]


def test_search_ignores_accents_and_case_and_needs_every_word():
    questions = load_bank()
    plain = select(questions, "fr", search="benevoles")
    accented = select(questions, "fr", search="BÉNÉVOLES")
    assert plain and [q.id for q in plain] == [q.id for q in accented]
    for q in plain:
        assert "benevoles" in fold(q.text + " " + q.purpose)
    # a word searched begins a word: "naissance" is not found inside « reconnaissance »
    assert [q.id for q in select(questions, "fr", search="naissance")] == ["decouvrir-cadrage-histoire"]
    both = select(questions, "fr", search="bénévoles accueil")
    assert both and len(both) < len(plain)
    assert all("accueil" in fold(q.text + q.purpose) for q in both)


def test_search_looks_in_the_chosen_language():
    questions = load_bank()
    assert select(questions, "en", search="bénévole") == []
    english = select(questions, "en", search="volunteer")
    assert english and all("volunteer" in (q.text + q.purpose).lower() for q in english)


def test_filters_combine():
    found = select(load_bank(), "fr", phase="dream", theme="scaling")
    assert found
    assert {(q.phase, q.theme) for q in found} == {("dream", "scaling")}
    closing = select(load_bank(), "fr", moment="closing")
    assert len(closing) >= 3 and all("closing" in q.moments for q in closing)


# pmp questions -----------------------------------------------------------------


def test_json_lists_each_question_with_its_fields(pmp):
    result = pmp("questions", "--phase", "deliver", "--theme", "governance", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(_raw(result))
    expected = select(load_bank(), "fr", phase="deliver", theme="governance")
    assert [i["id"] for i in items] == [q.id for q in expected]
    assert items[0] == expected[0].as_dict()
    assert set(items[0]) == {"id", "phase", "theme", "moments", "text", "purpose", "follow_ups"}


def test_json_in_english(pmp):
    result = pmp("questions", "--moment", "closing", "--lang", "en", "--format", "json")
    items = json.loads(_raw(result))
    assert items and items[0]["text"] == select(load_bank(), "en", moment="closing")[0].text


def test_text_listing_shows_labels_purpose_and_follow_ups(pmp):
    q = select(load_bank(), "fr", search="naissance structure")[0]
    result = pmp("questions", "--search", "naissance structure")
    assert result.exit_code == 0
    lines = _raw(result).splitlines()
    assert lines[0] == f"{q.id}  [Découvrir · Autres sujets · cadrage]"
    assert lines[1] == f"  {q.text}"
    assert lines[2] == f"  Intention\u00a0: {q.purpose}"
    assert lines[3] == f"  → {q.follow_ups[0]}"
    assert lines[-1] == "1 question"


def test_the_table_holds_every_question():
    from io import StringIO

    from rich.console import Console

    from pamplemousse.views.bank import as_table

    found = select(load_bank(), "fr", phase="dream", theme="volunteers")
    out = StringIO()
    Console(file=out, width=200, color_system=None).print(as_table(found, "fr"))
    text = out.getvalue()
    for q in found:
        assert q.id in text
    assert f"{len(found)} questions" in text


def test_an_unknown_phase_is_a_usage_error_with_a_suggestion(pmp):
    result = pmp("questions", "--phase", "dreem")
    assert result.exit_code == 2
    assert _sp(result.stderr) == (
        "pmp : --phase dreem : valeur inconnue ; valeurs possibles : discover, dream, design, "
        "deliver ; vouliez-vous dire « dream » ?\n"
    )
    assert _raw(result, "stderr").startswith("pmp : --phase dreem\u00a0: valeur inconnue\u00a0; valeurs possibles\u00a0:")


def test_nothing_found_says_so(pmp):
    result = pmp("questions", "--search", "zzzzintrouvable")
    assert result.exit_code == 0
    assert result.stdout == "0 question\n"


# pmp questions --add -------------------------------------------------------------

IDS = ["decouvrir-cadrage-histoire", "decouvrir-cadrage-fierte"]


def _guide(folder: Path):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission.questions.guide


def test_add_appends_with_fresh_ids_and_keeps_every_other_byte(pmp, example, monkeypatch):
    monkeypatch.chdir(example.parent.parent)
    path = example / "questions.yaml"
    before = path.read_bytes()
    result = pmp("questions", "--add", "ressourcerie-du-val", *IDS)
    assert result.exit_code == 0, result.output
    assert _raw(result).splitlines() == [
        "2 questions ajoutées au guide de missions/ressourcerie-du-val/questions.yaml\u00a0:",
        "  Q15  (decouvrir-cadrage-histoire)",
        "  Q16  (decouvrir-cadrage-fierte)",
    ]
    after = path.read_bytes()
    # the insertion point: just after the last line of Q14 (its text), before the participants' comment
    cut = before.index(b"\n\n# Noms fictifs.") + 1
    assert after.startswith(before[:cut])
    assert after.endswith(before[cut:])
    inserted = after[cut : len(after) - len(before) + cut].decode("utf-8")
    assert inserted.startswith("  - id: Q15  # banque : decouvrir-cadrage-histoire\n    phase: discover\n")
    guide = _guide(example)
    assert [q.id for q in guide][-3:] == ["Q14", "Q15", "Q16"]
    chosen = bank.pick(load_bank(), IDS)
    for q, b in zip(guide[-2:], chosen):
        local = b.in_language("fr")
        assert (q.phase, q.theme, q.text, q.purpose, q.follow_ups) == (
            local.phase, local.theme, local.text, local.purpose, local.follow_ups
        )


def test_fresh_ids_skip_every_id_of_the_mission(pmp, example):
    # a finding named Q15 takes that id: the next free one is Q16
    path = example / "questions.yaml"
    path.write_text(path.read_text("utf-8").replace("  - id: F11\n", "  - id: Q15\n"), encoding="utf-8")
    assert pmp("questions", "--add", str(example), IDS[0]).exit_code == 0
    assert _guide(example)[-1].id == "Q16"


def test_a_question_already_in_the_guide_is_not_added_twice(pmp, example):
    assert pmp("questions", "--add", str(example), IDS[0]).exit_code == 0
    before = (example / "questions.yaml").read_bytes()
    result = pmp("questions", "--add", str(example), IDS[0])
    assert result.exit_code == 0
    assert _raw(result, "stderr") == "decouvrir-cadrage-histoire\u00a0: déjà dans le guide (Q15), pas ajoutée une seconde fois\n"
    assert (example / "questions.yaml").read_bytes() == before


def test_an_unknown_bank_id_writes_nothing(pmp, example):
    before = (example / "questions.yaml").read_bytes()
    result = pmp("questions", "--add", str(example), IDS[0], "decouvrir-cadrage-histoir")
    assert result.exit_code == 2
    assert "vouliez-vous dire « decouvrir-cadrage-histoire » ?" in _sp(result.stderr)
    assert (example / "questions.yaml").read_bytes() == before


def test_add_without_ids_or_ids_without_add(pmp, example):
    assert pmp("questions", "--add", str(example)).exit_code == 2
    result = pmp("questions", IDS[0])
    assert result.exit_code == 2
    assert "pmp questions --add MISSION ID..." in result.stderr


def test_add_refuses_a_mission_with_errors(pmp, example):
    path = example / "recommendations.yaml"
    path.write_text(path.read_text("utf-8").replace("priority: high", "priority: urgent", 1), encoding="utf-8")
    before = (example / "questions.yaml").read_bytes()
    result = pmp("questions", "--add", str(example), IDS[0])
    assert result.exit_code == 1
    assert "priority" in result.stderr
    assert (example / "questions.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("guide", "expected_line"),
    [
        ("guide: []\n\n", b"guide:\n  - id: Q1  # banque"),
        ("guide: []  # à remplir\n\n", b"guide:   # \xc3\xa0 remplir\n  - id: Q1  # banque"),
        ("guide:\n\n", b"guide:\n  - id: Q1  # banque"),
    ],
)
def test_add_to_an_empty_guide_changes_only_its_line(pmp, example, guide, expected_line):
    before = _strip_sessions(example, guide)
    assert pmp("questions", "--add", str(example), *IDS).exit_code == 0
    after = (example / "questions.yaml").read_bytes()
    line_start = before.index(b"guide:")
    line_end = before.index(b"\n", line_start) + 1
    assert after.startswith(before[:line_start] + expected_line)
    assert after.endswith(before[line_end:])
    assert [q.id for q in _guide(example)] == ["Q1", "Q2"]


def test_add_when_there_is_no_guide_key(pmp, example):
    before = _strip_sessions(example, "")
    assert pmp("questions", "--add", str(example), IDS[0]).exit_code == 0
    after = (example / "questions.yaml").read_bytes()
    assert after.startswith(before)
    assert after[len(before):].startswith(b"guide:\n  - id: Q1  # banque : decouvrir-cadrage-histoire\n")
    assert [q.id for q in _guide(example)] == ["Q1"]


def test_add_to_a_flow_list(pmp, example):
    before = _strip_sessions(example, "guide: [{id: Q1, text: Qui êtes-vous ?}]\n\n")
    assert pmp("questions", "--add", str(example), IDS[0]).exit_code == 0
    after = (example / "questions.yaml").read_bytes()
    cut = before.index(b"}]") + 1
    assert after.startswith(before[:cut] + b", {id: Q2, phase: discover")
    assert after.endswith(before[cut:])
    assert [q.id for q in _guide(example)] == ["Q1", "Q2"]


def test_windows_line_ends_and_a_bom_are_kept(pmp, example):
    path = example / "questions.yaml"
    before = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(before)
    assert pmp("questions", "--add", str(example), *IDS).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n")
    cut = before.index(b"\r\n\r\n# Noms fictifs.") + 2
    assert after.startswith(before[:cut]) and after.endswith(before[cut:])
    assert [q.id for q in _guide(example)][-2:] == ["Q15", "Q16"]


def _strip_sessions(example: Path, guide: str) -> bytes:
    """The example's questions.yaml with `guide` in place of its guide, and no session nor finding
    pointing at the questions removed (sessions and findings dropped)."""
    path = example / "questions.yaml"
    text = path.read_text("utf-8")
    start, end = text.index("guide:\n"), text.index("# Noms fictifs.")
    participants = text[end:text.index("sessions:")]
    text = text[:start] + guide + participants + "sessions: []\nfindings: []\n"
    path.write_text(text, encoding="utf-8")
    recs = example / "recommendations.yaml"
    recs.write_text(
        "\n".join(line for line in recs.read_text("utf-8").splitlines() if "because:" not in line) + "\n",
        encoding="utf-8",
    )
    return path.read_bytes()
