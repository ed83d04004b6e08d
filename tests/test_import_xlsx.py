"""pmp import: the plan sheet coming back from the client, compared, shown, appended; refusals write nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import ids, without_ids

from pamplemousse.outputs.xlsx import xlsx_bytes
from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels
from pamplemousse.views.mission import view_on

NB = "\u00a0"
NO_CHANGE = labels("fr")["import"]["no_change"]  # a second import: nothing to add, said in the catalog's words
AS_OF = date(2026, 11, 26)
JOURNAL = Path("missions/ressourcerie-du-val/journal.yaml")
# rows of the plan sheet: R1 on row 5 … R10 on row 14
ROW = {f"R{n}": 4 + n for n in range(1, 11)}


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    """The example mission in a workspace that is the current folder."""
    monkeypatch.chdir(example.parent.parent)
    return example


def _mission(folder: Path):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission


def exported(folder: Path, as_of: date = AS_OF, name: str = "retour.xlsx") -> Path:
    """The workbook as pmp writes it, saved beside the workspace."""
    mission = _mission(folder)
    path = folder.parent.parent / name
    path.write_bytes(xlsx_bytes(mission, view_on(mission, as_of), mission.language))
    return path


def edit(path: Path, cells: dict[str, object], sheet: str = "Plan") -> Path:
    """Change cells with openpyxl, as a client's spreadsheet program would."""
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)
    return path


def new_entries(folder: Path, before: bytes) -> str:
    after = (folder / "journal.yaml").read_bytes()
    assert after.startswith(before)
    added = after[len(before):].decode("utf-8")
    assert len(ids(added)) == added.count("\n- {") + added.startswith("- {")  # each entry with its own id
    return without_ids(added)


# the round trip of the "done when" -----------------------------------

def test_three_statuses_changed_in_the_sheet_become_exactly_three_journal_entries(ws, pmp):
    rendered = pmp("render", "ressourcerie-du-val", "--format", "xlsx", "--as-of", "2026-11-26")
    assert rendered.exit_code == 0, rendered.output
    sheet = edit(ws / "out" / "pilotage.xlsx", {"G5": "fait", "G7": "bloqué", "G12": "abandonné"})  # R1, R3, R8
    before = (ws / "journal.yaml").read_bytes()
    count = len(_mission(ws).journal)

    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30")

    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "N°  Champ   Avant     Après\n"
        "──  ──────  ────────  ─────────\n"
        "R1  Statut  en cours  fait\n"
        "R3  Statut  en cours  bloqué\n"
        "R8  Statut  en cours  abandonné\n"
        f"Feuille datée du 26 novembre 2026{NB}; entrées datées du 30 novembre 2026.\n"
        f"3 entrées ajoutées à {JOURNAL}, datées du 30 novembre 2026.\n"
    )
    assert new_entries(ws, before) == (
        "- {date: 2026-11-30, recommendation: R1, status: done}\n"
        "- {date: 2026-11-30, recommendation: R3, status: blocked}\n"
        "- {date: 2026-11-30, recommendation: R8, status: dropped}\n"
    )
    assert len(_mission(ws).journal) == count + 3
    status = pmp("status", "ressourcerie-du-val", "--format", "json", "--as-of", "2026-11-30")
    assert status.exit_code == 0, status.output
    shown = {r["id"]: r for r in json.loads(status.stdout)["recommendations"]}
    assert [(shown[i]["status"], shown[i]["progress"]["value"], shown[i]["last_update"]["iso"])
            for i in ("R1", "R3", "R8")] == [
        ("done", 100, "2026-11-30"), ("blocked", 45, "2026-11-30"), ("dropped", 40, "2026-11-30"),
    ]
    by_status = json.loads(status.stdout)["summary"]["by_status"]
    assert {b["status"]: b["count"] for b in by_status} == {"todo": 1, "in_progress": 3, "done": 2, "blocked": 2, "dropped": 2}


def test_importing_the_same_sheet_twice_adds_nothing_the_second_time(ws, pmp):
    sheet = edit(exported(ws), {"G5": "fait", "H7": 0.6, "I7": "Cinq Repair cafés tenus."})
    assert pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30").exit_code == 0
    once = (ws / "journal.yaml").read_bytes()

    for day in ("2026-11-30", "2026-12-15"):
        r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", day)
        assert r.exit_code == 0, r.output
        assert r.stdout == NO_CHANGE + "\n"
    assert (ws / "journal.yaml").read_bytes() == once


def test_without_yes_the_changes_are_shown_and_nothing_is_written(ws, pmp):
    sheet = edit(exported(ws), {"H13": 0.45, "I13": "Jury de sélection fixé au 12 février."})  # R9
    before = (ws / "journal.yaml").read_bytes()

    r = pmp("import", "ressourcerie-du-val", str(sheet), "--date", "2026-11-30")

    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "N°  Champ       Avant                                                        Après",
        "──  ──────────  ───────────────────────────────────────────────────────────  "
        "─────────────────────────────────────",
        f"R9  Avancement  30{NB}%                                                         45{NB}%",
        f"R9  Note        Fiche de poste publiée le 13 novembre{NB}; trois candidatures…  "
        "Jury de sélection fixé au 12 février.",
        f"Feuille datée du 26 novembre 2026{NB}; entrées datées du 30 novembre 2026.",
        f"Rien n’a été écrit{NB}: relancez avec --yes pour ajouter cette entrée au journal.",
    ]
    assert (ws / "journal.yaml").read_bytes() == before


def test_status_words_without_accents_are_understood(ws):
    from pamplemousse.write.imports import read_changes

    sheet = edit(exported(ws), {"G5": "FAIT", "G7": "bloquee", "G14": "en  cours"})  # R1, R3, R10
    result = read_changes(sheet, _mission(ws), date(2026, 11, 30))
    assert [(e["recommendation"], e["status"]) for e in result.entries] == [
        ("R1", "done"), ("R3", "blocked"), ("R10", "in_progress"),
    ]


def test_rows_far_below_a_long_blank_stretch_are_not_read(ws):
    from pamplemousse.write.imports import MAX_BLANK_ROWS, SheetRefused, read_changes

    # rows 15 to 114 blank: row 115 is still read; after 101 blank rows, row 116 is not
    sheet = edit(exported(ws), {f"A{15 + MAX_BLANK_ROWS}": "R99"})
    with pytest.raises(SheetRefused, match="Plan!A115"):
        read_changes(sheet, _mission(ws), date(2026, 11, 30))
    sheet = edit(sheet, {f"A{15 + MAX_BLANK_ROWS}": None, f"A{16 + MAX_BLANK_ROWS}": "R99"})
    assert read_changes(sheet, _mission(ws), date(2026, 11, 30)).entries == ()


def test_progress_and_note_of_one_recommendation_make_one_entry(ws, pmp):
    sheet = edit(exported(ws), {"G6": "en cours", "H6": 0.5})  # R2 was done: reopened at 50 %
    sheet = edit(sheet, {"H13": "45 %", "I13": "Jury fixé."})  # R9, progress typed as text
    before = (ws / "journal.yaml").read_bytes()
    assert pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30").exit_code == 0
    assert new_entries(ws, before) == (
        "- {date: 2026-11-30, recommendation: R2, status: in_progress, progress: 50}\n"
        "- {date: 2026-11-30, recommendation: R9, progress: 45, note: Jury fixé.}\n"
    )


@pytest.mark.parametrize("typed, read", [(0.6, 60), (1, 100), (0, 0), ("60 %", 60), ("60%", 60),
                                         ("0,6", 60), ("60", 60), (0.333, 33)])
def test_progress_cells_are_read_as_percentages(ws, typed, read):
    from pamplemousse.write.imports import read_changes

    sheet = edit(exported(ws), {"H13": typed})  # R9, at 30 % on the sheet's date
    result = read_changes(sheet, _mission(ws), date(2026, 11, 30))
    assert result.entries == ({"date": date(2026, 11, 30), "recommendation": "R9", "progress": read},)


def test_a_done_row_imports_its_status_only(ws, pmp):
    sheet = edit(exported(ws), {"G5": "Fait", "H5": 0.85})  # R1: any case; done means 100 %
    before = (ws / "journal.yaml").read_bytes()
    assert pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30").exit_code == 0
    assert new_entries(ws, before) == "- {date: 2026-11-30, recommendation: R1, status: done}\n"


def test_empty_cells_and_deleted_rows_mean_unchanged(ws, pmp):
    wb = openpyxl.load_workbook(exported(ws))
    plan = wb["Plan"]
    plan["G5"], plan["H5"], plan["I5"] = None, None, None  # R1 emptied
    plan.delete_rows(ROW["R3"])  # R3 removed by the client
    wb.save(ws.parent.parent / "retour.xlsx")
    r = pmp("import", "ressourcerie-du-val", "retour.xlsx", "--date", "2026-11-30")
    assert r.stdout == NO_CHANGE + "\n"


def test_rows_sorted_by_the_client_are_matched_by_id(ws, pmp):
    mission = _mission(ws)
    wb = openpyxl.load_workbook(exported(ws))
    plan = wb["Plan"]
    values = [[c.value for c in row] for row in plan.iter_rows(min_row=5, max_row=14)]
    for n, row in enumerate(reversed(values)):
        for col, value in enumerate(row, 1):
            plan.cell(5 + n, col).value = value
    plan["G5"] = "bloqué"  # now the row of R10
    wb.save(ws.parent.parent / "retour.xlsx")
    from pamplemousse.write.imports import read_changes

    result = read_changes(ws.parent.parent / "retour.xlsx", mission, date(2026, 11, 30))
    assert result.entries == ({"date": date(2026, 11, 30), "recommendation": "R10", "status": "blocked"},)


# which changes count: the sheet's date and the import date --------------------

def test_a_field_left_unchanged_never_overrides_what_was_logged_since(ws, pmp):
    sheet = exported(ws)  # R1 at 80 % on 26 November
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-28").exit_code == 0
    sheet = edit(sheet, {"G7": "bloqué"})  # the client changed R3 only
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert new_entries(ws, before) == "- {date: 2026-11-30, recommendation: R3, status: blocked}\n"
    assert state_on(_mission(ws), date(2026, 11, 30)).rec("R1").progress == 90


def test_a_change_already_logged_since_the_sheets_date_is_not_added_again(ws, pmp):
    sheet = edit(exported(ws), {"G5": "fait"})
    assert pmp("log", "ressourcerie-du-val", "R1", "--status", "done", "--date", "2026-11-28").exit_code == 0
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30")
    assert r.stdout == NO_CHANGE + "\n"


def test_a_note_shown_without_a_name_in_the_clients_sheet_is_not_a_change(ws, pmp):
    # Nadia Ferreira did not consent to be named: the client's documents show her role instead
    note = "Atelier de réparation animé avec Nadia Ferreira."
    assert pmp("log", "ressourcerie-du-val", "R3", "--note", note, "--date", "2026-11-25").exit_code == 0
    assert pmp("render", "ressourcerie-du-val", "--format", "xlsx", "--as-of", "2026-11-26").exit_code == 0
    sheet = ws / "out" / "pilotage.xlsx"
    assert openpyxl.load_workbook(sheet)["Plan"]["I7"].value == (
        "Atelier de réparation animé avec Encadrante technique d’insertion."
    )
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--date", "2026-11-30")
    assert r.stdout == NO_CHANGE + "\n"
    edit(sheet, {"I7": "Atelier de réparation animé avec Encadrante technique d’insertion. Dix participants."})
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--date", "2026-11-30")
    assert "R3  Note" in r.stdout


def test_entries_are_dated_today_by_default(ws, pmp):
    sheet = edit(exported(ws), {"G7": "bloqué"})
    before = (ws / "journal.yaml").read_bytes()
    assert pmp("import", "ressourcerie-du-val", str(sheet), "--yes").exit_code == 0
    assert new_entries(ws, before).startswith(f"- {{date: {date.today().isoformat()}, recommendation: R3, ")


# refusals: the cell named, nothing written --------------------------------------

def refused(ws: Path, pmp, sheet: Path) -> list[str]:
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert (ws / "journal.yaml").read_bytes() == before
    return r.stderr.splitlines()


def test_unknown_status_label_is_refused_with_its_cell(ws, pmp):
    sheet = edit(exported(ws), {"G5": "fait", "G7": "terminé", "G8": "en cour"})
    assert refused(ws, pmp, sheet) == [
        f"pmp : retour.xlsx refusé, rien n’a été écrit dans le journal{NB}:",
        f"Plan!G7{NB}: statut «{NB}terminé{NB}» inconnu{NB}; statuts possibles{NB}: "
        f"à faire, en cours, fait, bloqué, abandonné",
        f"Plan!G8{NB}: statut «{NB}en cour{NB}» inconnu{NB}; statuts possibles{NB}: "
        f"à faire, en cours, fait, bloqué, abandonné{NB}; vouliez-vous dire «{NB}en cours{NB}»{NB}?",
    ]


@pytest.mark.parametrize("typed", ["beaucoup", "120 %", 1.2, 1.5e2, -0.1, True])
def test_progress_that_is_not_a_percentage_is_refused_with_its_cell(ws, pmp, typed):
    """The progress cells are percentages: 1.2 shows as « 120 % » and is refused, not read as 1 %."""
    sheet = edit(exported(ws), {"G5": "fait", "H9": typed})
    shown = {True: "True", 1.2: f"120{NB}%", 1.5e2: f"15000{NB}%", -0.1: f"-10{NB}%"}.get(typed, typed)
    assert refused(ws, pmp, sheet)[1:] == [
        f"Plan!H9{NB}: avancement «{NB}{shown}{NB}» illisible{NB}; un pourcentage de 0{NB}% à 100{NB}% est attendu",
    ]


def test_a_plain_number_cell_reads_as_points(ws):
    """A client who reformatted the progress column as plain numbers types 60 for 60 %."""
    import openpyxl

    from pamplemousse.write.imports import read_changes

    sheet = edit(exported(ws), {"H13": 60})
    wb = openpyxl.load_workbook(sheet)
    wb["Plan"]["H13"].number_format = "General"
    wb.save(sheet)
    result = read_changes(sheet, _mission(ws), date(2026, 11, 30))
    assert result.entries == ({"date": date(2026, 11, 30), "recommendation": "R9", "progress": 60},)


def test_unknown_and_duplicate_ids_are_refused_with_their_cells(ws, pmp):
    sheet = edit(exported(ws), {"A9": "r3", "A10": "R3", "A11": "X"})
    assert refused(ws, pmp, sheet)[1:] == [
        f"Plan!A9{NB}: préconisation «{NB}r3{NB}» inconnue dans la mission{NB}; vouliez-vous dire «{NB}R3{NB}»{NB}?",
        f"Plan!A10{NB}: «{NB}R3{NB}» apparaît deux fois (déjà en ligne 7)",
        f"Plan!A11{NB}: préconisation «{NB}X{NB}» inconnue dans la mission",
    ]


def test_a_sheet_without_the_plan_sheet_is_refused(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Plan"].title = "Feuil1"
    wb.save(path)
    assert refused(ws, pmp, path) == [
        f"pmp : retour.xlsx refusé, rien n’a été écrit dans le journal{NB}:",
        f"retour.xlsx{NB}: pas de feuille «{NB}Plan{NB}» (feuilles{NB}: Feuil1, À traiter en priorité, Indicateurs, Journal, Comités, Jalons)",
    ]


def test_columns_that_do_not_match_are_refused_with_their_cells(ws, pmp):
    sheet = edit(exported(ws), {"G4": "État", "H4": None, "A4": "N°"})
    assert refused(ws, pmp, sheet)[1:] == [
        f"Plan!G4{NB}: colonne «{NB}Statut{NB}» attendue ici, pas «{NB}État{NB}»",
        f"Plan!H4{NB}: colonne «{NB}Avancement{NB}» attendue ici, pas une cellule vide",
    ]


def test_a_sheet_matching_no_language_is_refused_in_the_missions_language(ws, pmp, example):
    path = example / "mission.yaml"
    english = path.read_text(encoding="utf-8").replace("language: fr", "language: en")
    sheet = edit(exported(ws), {"G4": "Status"})  # French headers, but one in English
    path.write_text(english, encoding="utf-8")
    lines = refused(ws, pmp, sheet)
    assert lines == [
        "pmp : retour.xlsx refused, nothing was written to the journal:",
        "Plan!A4: column 'No.' expected here, not 'N°'",
        "Plan!H4: column 'Progress' expected here, not 'Avancement'",
        "Plan!I4: column 'Latest note' expected here, not 'Dernière note'",
    ]


def test_a_sheet_rendered_in_the_other_language_is_read_in_that_language(ws, pmp):
    assert pmp("render", "ressourcerie-du-val", "--format", "xlsx", "--lang", "en", "--as-of", "2026-11-26").exit_code == 0
    sheet = edit(ws / "out" / "pilotage.xlsx", {"G5": "done", "G7": "en cours"})  # R1 changed, R3 as it was
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert new_entries(ws, before) == "- {date: 2026-11-30, recommendation: R1, status: done}\n"
    bad = edit(sheet, {"G6": "finished"})
    assert refused(ws, pmp, bad)[1:] == [
        "Plan!G6: unknown status 'finished'; statuses: to do, in progress, done, blocked, dropped",
    ]


def test_a_sheet_whose_date_was_cleared_is_refused(ws, pmp):
    sheet = edit(exported(ws), {"C2": "hier"})
    assert refused(ws, pmp, sheet)[1:] == [f"Plan!C2{NB}: la date de l’état est attendue ici (une date)"]


def test_a_note_with_a_control_character_is_refused(ws, pmp):
    sheet = edit(exported(ws), {"I5": "Livret \u202eégaré"})  # a bidi override hides what text says
    assert refused(ws, pmp, sheet)[1:] == [
        f"Plan!I5{NB}: caractère interdit (U+202E) dans la note{NB}; supprimez-le",
    ]


def test_a_file_that_is_not_a_workbook_is_refused(ws, pmp):
    (ws.parent.parent / "retour.xlsx").write_text("pas un classeur", encoding="utf-8")
    assert refused(ws, pmp, ws.parent.parent / "retour.xlsx") == [
        f"pmp : retour.xlsx{NB}: ce n’est pas un classeur .xlsx, .ods ou .csv lisible",
    ]
    assert refused(ws, pmp, ws.parent.parent / "absent.xlsx") == [f"pmp : absent.xlsx{NB}: fichier introuvable"]


def test_a_workbook_made_for_another_mission_is_refused_naming_both(ws, pmp):
    from openpyxl.packaging.custom import StringProperty

    path = exported(ws)
    edit(path, {"G5": "fait"})
    wb = openpyxl.load_workbook(path)
    wb.custom_doc_props = type(wb.custom_doc_props)()
    wb.custom_doc_props.append(StringProperty(name="pmp_mission", value="epicerie-solidaire"))
    wb.save(path)
    before = (ws / "journal.yaml").read_bytes()
    assert refused(ws, pmp, path) == [
        f"pmp : retour.xlsx refusé, rien n’a été écrit dans le journal{NB}:",
        f"retour.xlsx{NB}: ce classeur a été fait pour la mission «{NB}epicerie-solidaire{NB}», pas pour "
        f"«{NB}ressourcerie-du-val{NB}»{NB}; importez-le dans epicerie-solidaire (pmp import epicerie-solidaire …)",
    ]
    assert (ws / "journal.yaml").read_bytes() == before
