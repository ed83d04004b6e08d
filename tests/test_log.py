"""pmp log: one entry appended to journal.yaml, nothing else touched; bad input writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import ids, last_id, snapshot, without_ids
from hypothesis import given, settings
from hypothesis import strategies as st

from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_mission
from pamplemousse.read.model import JournalEntry
from pamplemousse.write.journal import item_text

NB = "\u00a0"
JOURNAL = Path("missions/ressourcerie-du-val/journal.yaml")




def entries(folder: Path) -> list[JournalEntry]:
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission.journal


def test_log_a_recommendation_then_load_shows_it(example_in_cwd, pmp):
    before = (example_in_cwd / "journal.yaml").read_bytes()
    r = pmp("log", "ressourcerie-du-val", "R3", "--status", "in_progress", "--progress", "55",
            "--note", "Quatrième Repair café ; 6 inscrits.", "--date", "2026-11-26")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        f"Ajouté à {JOURNAL} (26 novembre 2026){NB}: R3 — en cours, 55{NB}%, avec une note{NB}; "
        f"entrée {last_id(example_in_cwd / 'journal.yaml')}.\n"
    )
    after = (example_in_cwd / "journal.yaml").read_bytes()
    assert without_ids(after) == before + (
        "- {date: 2026-11-26, recommendation: R3, status: in_progress, progress: 55, "
        "note: Quatrième Repair café ; 6 inscrits.}\n"
    ).encode()
    journal = entries(example_in_cwd)
    assert journal[-1] == JournalEntry.model_validate({
        "date": "2026-11-26", "recommendation": "R3", "status": "in_progress", "progress": "55",
        "note": "Quatrième Repair café ; 6 inscrits.", "id": last_id(example_in_cwd / "journal.yaml"),
    })
    mission, _ = load_mission(example_in_cwd)
    assert state_on(mission, date(2026, 11, 26)).rec("R3").progress == 55


def test_french_status_label_and_decimal_comma(example_in_cwd, pmp):
    assert pmp("log", "ressourcerie-du-val", "R6", "--status", "Bloqué", "--date", "2026-11-26").exit_code == 0
    r = pmp("log", "ressourcerie-du-val", "--indicator", "I2", "--value", "31,5", "--date", "2026-11-26")
    assert r.stdout == f"Ajouté à {JOURNAL} (26 novembre 2026){NB}: I2 = 31,5{NB}%{NB}; entrée {last_id(example_in_cwd / 'journal.yaml')}.\n"
    text = (example_in_cwd / "journal.yaml").read_text("utf-8")
    assert without_ids(text).endswith(
        "- {date: 2026-11-26, recommendation: R6, status: blocked}\n"
        "- {date: 2026-11-26, indicator: I2, value: 31.5}\n"
    )
    assert entries(example_in_cwd)[-1].value == 31.5


def test_status_done_in_french_and_whole_values_without_decimals(example_in_cwd, pmp):
    assert pmp("log", "ressourcerie-du-val", "R5", "--status", "FAIT", "--date", "2026-11-26").exit_code == 0
    assert pmp("log", "ressourcerie-du-val", "--indicator", "I7", "--value", "4", "--date", "2026-11-26").exit_code == 0
    text = (example_in_cwd / "journal.yaml").read_text("utf-8")
    assert without_ids(text).endswith("- {date: 2026-11-26, recommendation: R5, status: done}\n- {date: 2026-11-26, indicator: I7, value: 4}\n")
    assert len(set(ids(text))) == 2


def test_log_a_committee_with_repeated_options(example_in_cwd, pmp):
    r = pmp("log", "ressourcerie-du-val", "--committee", "COPIL n°3", "--decision", "Lancer R10",
            "--decision", "Relancer l'OPCO : janvier", "--attendee", "Hélène Marchand",
            "--attendee", "Karim Benali", "--date", "2026-11-26")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        f"Ajouté à {JOURNAL} (26 novembre 2026){NB}: comité «{NB}COPIL n°3{NB}», 2 décisions, 2 participant·es{NB}; "
        f"entrée {last_id(example_in_cwd / 'journal.yaml')}.\n"
    )
    last = entries(example_in_cwd)[-1]
    assert (last.committee, last.decisions, last.attendees) == (
        "COPIL n°3", ["Lancer R10", "Relancer l'OPCO : janvier"], ["Hélène Marchand", "Karim Benali"],
    )


def test_date_defaults_to_today(example_in_cwd, pmp):
    assert pmp("log", "ressourcerie-du-val", "R8", "--note", "Relance du bureau.").exit_code == 0
    assert entries(example_in_cwd)[-1].date == date.today()


def test_a_note_cannot_forge_a_second_entry(example_in_cwd, pmp):
    note = "Première ligne\n- date: 2026-01-01\n  recommendation: R2\n  status: dropped"
    count = len(entries(example_in_cwd))
    r = pmp("log", "ressourcerie-du-val", "R3", "--note", note, "--date", "2026-11-26")
    assert r.exit_code == 0, r.output
    journal = entries(example_in_cwd)
    assert len(journal) == count + 1
    assert journal[-1].note == note
    assert [e for e in journal if e.date == date(2026, 1, 1)] == []


def test_missing_final_newline_is_repaired_first(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    text = path.read_bytes().rstrip(b"\n")
    path.write_bytes(text)
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "85", "--date", "2026-11-26").exit_code == 0
    assert without_ids(path.read_bytes()) == text + b"\n- {date: 2026-11-26, recommendation: R1, progress: 85}\n"


def test_crlf_journal_gets_a_crlf_entry(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    text = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(text)
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "85", "--date", "2026-11-26").exit_code == 0
    assert without_ids(path.read_bytes()) == text + b"- {date: 2026-11-26, recommendation: R1, progress: 85}\r\n"


def test_comment_only_journal_of_a_new_mission(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    path.write_text("# Journal vide pour l'instant.\n#   - date: 2026-01-01\n", encoding="utf-8")
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "5", "--date", "2026-11-26").exit_code == 0
    assert [(e.recommendation, e.progress) for e in entries(example_in_cwd)] == [("R1", 5)]


def test_indented_journal_gets_an_entry_at_the_same_indentation(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    path.write_text("  - date: 2026-06-19\n    recommendation: R2\n    progress: 20\n", encoding="utf-8")
    assert pmp("log", "ressourcerie-du-val", "R2", "--progress", "30", "--date", "2026-11-26").exit_code == 0
    assert without_ids(path.read_text("utf-8")).endswith("  - {date: 2026-11-26, recommendation: R2, progress: 30}\n")
    assert [e.progress for e in entries(example_in_cwd)] == [20, 30]


BAD = [
    (["R12", "--progress", "50"],
     f"R12{NB}: aucune préconisation de ce nom{NB}; vouliez-vous dire «{NB}R1{NB}»{NB}?"),
    (["r3", "--note", "x"], f"r3{NB}: aucune préconisation de ce nom{NB}; vouliez-vous dire «{NB}R3{NB}»{NB}?"),
    (["--indicator", "I22", "--value", "3"], f"I22{NB}: aucun indicateur de ce nom{NB}; vouliez-vous dire «{NB}I2{NB}»{NB}?"),
    (["R3", "--progress", "120"], f"--progress 120{NB}: un nombre entier de 0 à 100 est attendu"),
    (["R3", "--progress", "quarante"], f"--progress quarante{NB}: un nombre entier de 0 à 100 est attendu"),
    (["R3", "--status", "bloqued"],
     f"--status bloqued{NB}: statut inconnu{NB}; valeurs possibles{NB}: à faire (todo), en cours (in_progress), "
     f"fait (done), bloqué (blocked), abandonné (dropped){NB}; vouliez-vous dire «{NB}bloqué{NB}»{NB}?"),
    (["R3", "--note", "x", "--date", "2026-01-31"],
     f"--date 2026-01-31{NB}: avant le début de la mission (2 février 2026)"),
    (["R3", "--note", "x", "--date", "26/11/2026"],
     f"--date 26/11/2026{NB}: date attendue au format AAAA-MM-JJ{NB}: écrivez 2026-11-26"),
    (["--indicator", "I2"], f"--indicator I2{NB}: il manque la mesure (--value 57)"),
    (["--indicator", "I2", "--value", "beaucoup"], f"--value beaucoup{NB}: nombre attendu (par exemple 57 ou 57,5)"),
    (["--indicator", "I2", "--value", "57", "--status", "done"],
     "--status ne va pas avec --indicator (possibles : --value, --note)".replace(" :", f"{NB}:")),
    (["R3", "--indicator", "I2", "--value", "57"],
     f"une entrée porte sur une seule chose{NB}: une préconisation ou --indicator, pas les deux"),
    (["--committee", "COPIL", "--progress", "10"],
     f"--progress ne va pas avec --committee (possibles{NB}: --attendee, --decision, --note)"),
    (["R3"], f"R3{NB}: rien à enregistrer{NB}; donnez --status, --progress ou --note"),
    (["--note", "x"], None),  # about nothing: the message explains the three kinds
    (["R3", "--status", "done", "--progress", "40"],
     f"--progress 40 ne va pas avec --status done{NB}: une préconisation faite est à 100{NB}%"),
    (["R3", "--note", "sonnette \x07"], f"--note{NB}: caractère interdit (U+0007){NB}; supprimez-le"),
    (["R3", "--note", "   "], "--note est vide"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(example_in_cwd, pmp, args, message):
    before = snapshot(example_in_cwd.parent.parent)
    r = pmp("log", "ressourcerie-du-val", *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1
    if message is None:
        assert r.stderr.startswith(f"pmp : dites sur quoi porte l’entrée{NB}:")
    else:
        assert r.stderr == f"pmp : {message}\n"
    assert snapshot(example_in_cwd.parent.parent) == before


def test_a_mission_with_errors_is_reported_and_not_written(example_in_cwd, pmp):
    rec_file = example_in_cwd / "recommendations.yaml"
    rec_file.write_text(rec_file.read_text("utf-8").replace("    impact: 5\n", "    impact: 9\n", 1), "utf-8")
    before = snapshot(example_in_cwd.parent.parent)
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26")
    assert r.exit_code == 1
    assert r.stderr.startswith("missions/ressourcerie-du-val/recommendations.yaml:")
    assert "«\u00a0impact\u00a0» doit être entre 1 et 5" in r.stderr
    assert snapshot(example_in_cwd.parent.parent) == before


def test_a_flow_style_empty_journal_is_explained_not_rewritten(example_in_cwd, pmp):
    (example_in_cwd / "journal.yaml").write_text("[]\n", encoding="utf-8")
    before = snapshot(example_in_cwd.parent.parent)
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "5", "--date", "2026-11-26")
    assert r.exit_code == 2
    assert "entre crochets" in r.stderr and "remplacez" in r.stderr
    assert snapshot(example_in_cwd.parent.parent) == before


def test_a_journal_after_an_end_of_document_marker_is_not_appended_to(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    path.write_bytes(path.read_bytes() + b"...\n")
    before = snapshot(example_in_cwd.parent.parent)
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "5", "--date", "2026-11-26")
    assert r.exit_code == 2
    assert r.stderr == (
        f"pmp : {JOURNAL}{NB}: la fin du fichier ne permet pas d'y ajouter une entrée sans changer "
        f"les précédentes{NB}; vérifiez-la (pmp check)\n"
    )
    assert snapshot(example_in_cwd.parent.parent) == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlinked_journal_is_refused(example_in_cwd, pmp, tmp_path):
    real = tmp_path / "ailleurs.yaml"
    real.write_bytes((example_in_cwd / "journal.yaml").read_bytes())
    (example_in_cwd / "journal.yaml").unlink()
    (example_in_cwd / "journal.yaml").symlink_to(real)
    before = real.read_bytes()
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "5", "--date", "2026-11-26")
    assert r.exit_code == 3
    assert r.stderr == f"pmp : {JOURNAL} est un lien symbolique{NB}: pmp n'y écrit pas\n"
    assert real.read_bytes() == before


WRITER = """
import sys
from pathlib import Path
from pamplemousse.write.journal import append_entry

folder, n = Path(sys.argv[1]), sys.argv[2]
for i in range(50):
    append_entry(folder, {"date": "2026-11-26", "recommendation": "R3", "progress": str(i * 2),
                          "note": f"processus {n}, entrée {i}"})
"""


@pytest.mark.slow
def test_eight_processes_appending_fifty_entries_each(example):
    count = len(entries(example))
    # the lock's 15 s is how long a user waits; on a loaded machine (CI, 8 processes on 2 cores) the 8 writers
    # may wait longer for each other, and what is tested is that none is lost
    env = {**os.environ, "PMP_LOCK_TIMEOUT": "300"}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(example), str(n)], stderr=subprocess.PIPE, env=env)
        for n in range(8)
    ]
    for p in procs:
        _, err = p.communicate()
        assert p.returncode == 0, err.decode()
    journal = entries(example)
    assert len(journal) == count + 400
    notes = sorted(e.note for e in journal[count:])
    assert notes == sorted(f"processus {n}, entrée {i}" for n in range(8) for i in range(50))
    # each process's own entries are in its own order
    for n in range(8):
        mine = [e.progress for e in journal[count:] if e.note.startswith(f"processus {n},")]
        assert mine == [i * 2 for i in range(50)]


# the item written, whatever the note holds ----------------------------------

_NOTE_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160),
                                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF]),
)


@settings(max_examples=300, deadline=None)
@given(note=st.text(_NOTE_CHARS, min_size=1).filter(str.strip))
def test_any_note_reads_back_as_itself_in_one_item(note):
    import yaml

    e = JournalEntry.model_validate({"date": "2026-11-26", "recommendation": "R1", "note": note})
    text = "- date: 2026-06-19\n  recommendation: R2\n  note: avant\n" + item_text(e)
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert len(data) == 2
    assert data[1] == {"date": "2026-11-26", "recommendation": "R1", "note": note}
