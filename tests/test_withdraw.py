"""pmp log --withdraw: an entry is withdrawn by a later entry, never deleted; a withdrawn entry counts nowhere."""

from __future__ import annotations

from datetime import date

from conftest import last_id, snapshot, spaces

from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_mission

NB = "\u00a0"
SLUG = "ressourcerie-du-val"


def _logged(pmp, *args: str) -> None:
    r = pmp("log", SLUG, *args)
    assert r.exit_code == 0, r.output


def _mission(folder):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission


def _measures(state, indicator: str) -> list:
    return [m.value for i in state.indicators if i.indicator.id == indicator for m in i.measures]


def test_a_withdrawn_status_and_measure_count_nowhere_on_any_date(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    before = state_on(_mission(example_in_cwd), date(2026, 11, 30))
    _logged(pmp, "R3", "--status", "done", "--date", "2026-11-26")
    done = last_id(journal)
    _logged(pmp, "--indicator", "I2", "--value", "12", "--date", "2026-11-26")
    measure = last_id(journal)
    assert state_on(_mission(example_in_cwd), date(2026, 11, 30)).rec("R3").status == "done"
    r = pmp("log", SLUG, "--withdraw", done, "--note", "Pas encore fait : saisi trop tôt", "--date", "2026-11-28")
    assert r.exit_code == 0, r.output
    withdrawal = last_id(journal)
    assert r.stdout == (f"Retiré dans missions/{SLUG}/journal.yaml (28 novembre 2026){NB}: l’entrée {done} du "
                        f"26 novembre 2026, R3 — fait, 100{NB}%, ne compte plus (retrait {withdrawal}).\n")
    assert journal.read_text("utf-8").endswith(
        f"- {{date: 2026-11-28, withdraw: {done}, note: 'Pas encore fait : saisi trop tôt', id: {withdrawal}}}\n")
    _logged(pmp, "--withdraw", measure, "--date", "2026-11-28")
    mission = _mission(example_in_cwd)
    for day in (date(2026, 11, 26), date(2026, 11, 30)):  # before and after the withdrawal's own date
        after = state_on(mission, day)
        assert after.rec("R3").status == before.rec("R3").status != "done"
        assert after.rec("R3").progress == before.rec("R3").progress
        assert 12 not in _measures(after, "I2")
    assert _measures(state_on(mission, date(2026, 11, 30)), "I2") == _measures(before, "I2")
    assert pmp("check", SLUG).exit_code == 0


def test_a_withdrawal_is_refused_when_it_names_no_entry_a_withdrawal_or_one_already_withdrawn(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    _logged(pmp, "--days", "0,5", "--phase", "suivi", "--date", "2026-11-26")
    entry = last_id(journal)
    _logged(pmp, "--withdraw", entry, "--date", "2026-11-26")
    withdrawal = last_id(journal)
    before = snapshot(example_in_cwd.parent.parent)
    for args, message in (
        (["--withdraw", "j-aaaaaaaa"],
         "--withdraw j-aaaaaaaa : aucune entrée du journal n’a cet identifiant (il figure en fin de ligne dans "
         "journal.yaml : id: j-…)"),
        (["--withdraw", entry], "--withdraw {entry} : cette entrée est déjà retirée (le 26 novembre 2026)"),
        (["--withdraw", withdrawal], "--withdraw {withdrawal} : cette entrée est elle-même un retrait ; pour compter "
                                     "de nouveau l’entrée retirée, saisissez-la de nouveau"),
        (["--withdraw", entry, "--days", "1", "--phase", "suivi"],
         "une entrée porte sur une seule chose : --days ou --withdraw, pas les deux"),
        (["--withdraw", "j a"], "j a : identifiant invalide (lettres, chiffres, « - » et « _ », sans espace)"),
    ):
        r = pmp("log", SLUG, *args)
        assert (r.exit_code, r.stdout) == (2, ""), r.output
        assert spaces(r.stderr) == "pmp : " + message.format(entry=entry, withdrawal=withdrawal) + "\n"
    assert snapshot(example_in_cwd.parent.parent) == before


def test_an_entry_id_nearly_typed_is_suggested(example_in_cwd, pmp):
    _logged(pmp, "--days", "0,5", "--phase", "suivi", "--date", "2026-11-26")
    entry = last_id(example_in_cwd / "journal.yaml")
    typo = entry[:-1] + ("a" if entry[-1] != "a" else "b")
    r = pmp("log", SLUG, "--withdraw", typo)
    assert r.exit_code == 2
    assert spaces(r.stderr).endswith(f"; vouliez-vous dire « {entry} » ?\n")


def test_check_names_a_withdrawal_of_a_deleted_line_and_an_id_written_twice(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    text = journal.read_text("utf-8")
    lines = text.count("\n")
    journal.write_text(text + "- {date: 2026-11-26, withdraw: j-gone2345, id: j-abcdefgh}\n"
                       "- {date: 2026-11-26, time: 0.5, phase: suivi, id: j-abcdefgh}\n", "utf-8")
    r = pmp("check", SLUG)
    assert r.exit_code == 1
    out = spaces(r.stdout)
    assert (f"missions/{SLUG}/journal.yaml:{lines + 1}:32: avertissement : withdraw : aucune entrée du journal n’a "
            "l’identifiant « j-gone2345 » (une ligne effacée ?) ; une entrée ne s’efface pas du journal, elle se "
            "retire (pmp log MISSION --withdraw ID) : une ligne effacée peut revenir à la prochaine fusion git\n") in out
    assert (f"missions/{SLUG}/journal.yaml:{lines + 2}:51: identifiant « j-abcdefgh » déjà utilisé "
            f"(journal.yaml ligne {lines + 1})\n") in out


def test_a_journal_written_before_ids_stays_valid(example_in_cwd, pmp):
    mission = _mission(example_in_cwd)
    assert mission.journal and all(e.id is None for e in mission.journal)
    assert mission.entries == mission.journal
    assert pmp("check", SLUG).exit_code == 0


def test_the_pilotage_of_the_window_lists_the_entry_withdrawn_with_the_reason(example_in_cwd, pmp, tmp_path):
    journal = example_in_cwd / "journal.yaml"
    _logged(pmp, "--days", "0,5", "--phase", "suivi", "--date", "2026-11-20")
    entry = last_id(journal)
    _logged(pmp, "--withdraw", entry, "--note", "Déjà noté par Claire", "--date", "2026-11-25")
    r = pmp("render", SLUG, "--since", "2026-11-21", "--as-of", "2026-11-26", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    html = spaces((tmp_path / "pilotage.html").read_text("utf-8"))
    assert (f'<li data-entry="{entry}">0,5 jour sur la phase suivi, noté le 20 novembre 2026 (entrée {entry}), '
            "retiré le 25 novembre 2026 : Déjà noté par Claire</li>") in html
    r = pmp("render", SLUG, "--since", "2026-11-26", "--as-of", "2026-11-26", "-o", str(tmp_path))
    assert entry not in (tmp_path / "pilotage.html").read_text("utf-8")  # withdrawn before the window
