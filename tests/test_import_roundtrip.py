"""The real round trip: the workbook pmp wrote, edited, saved by LibreOffice as .ods and .csv, imported.

The client changes three statuses (R1 fait, R3 bloqué, R8 abandonné) on the
plan sheet and types one new measure (I4 = 52 on 25 November) on the
Indicateurs sheet; LibreOffice (headless) saves the file as .ods and as .csv.
Importing the .ods adds exactly those four entries; the .csv (one sheet: the
plan) exactly the three statuses; a second import adds nothing; a sheet made
for another mission is refused, naming both.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import located, without_ids

from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels

NB = "\u00a0"
SLUG = "ressourcerie-du-val"
pytestmark = pytest.mark.needs("soffice")


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """pilotage.xlsx rendered from the example, edited with openpyxl, converted by LibreOffice to .ods and .csv."""
    from conftest import EXAMPLE

    from pamplemousse.cli import run

    root = tmp_path_factory.mktemp("roundtrip")
    shutil.copytree(EXAMPLE, root / "missions" / SLUG, ignore=shutil.ignore_patterns("out"))
    assert run(["render", str(root / "missions" / SLUG), "--format", "xlsx", "--as-of", "2026-11-26",
                "-o", str(root / "out")]) == 0
    path = root / "out" / "pilotage.xlsx"
    wb = openpyxl.load_workbook(path)
    plan = wb["Plan"]
    plan["G5"], plan["G7"], plan["G12"] = "fait", "bloqué", "abandonné"  # R1, R3, R8
    ind = wb["Indicateurs"]
    row = ind.max_row + 1
    for col, value in zip("ABCDEFGH", ["I4", "Bénévoles actifs", "R3", "bénévoles", 38, 60, date(2026, 11, 25), 52]):
        ind[f"{col}{row}"] = value
    ind[f"G{row}"].number_format = "DD/MM/YYYY"
    wb.save(path)
    profile = f"-env:UserInstallation=file://{root / 'lo-profile'}"
    for target in ("ods", "csv:Text - txt - csv (StarCalc):59,34,76,1"):
        subprocess.run([located("soffice"), profile, "--headless", "--convert-to", target, "--outdir", str(root / "lo"), str(path)],
                       check=True, capture_output=True, timeout=180)
    return {"root": root, "ods": root / "lo" / "pilotage.ods", "csv": root / "lo" / "pilotage.csv"}


@pytest.fixture
def ws(saved, tmp_path, monkeypatch) -> Path:
    from conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "missions" / SLUG, ignore=shutil.ignore_patterns("out"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "missions" / SLUG


def _added(folder: Path, before: bytes) -> str:
    after = (folder / "journal.yaml").read_bytes()
    assert after.startswith(before)
    return without_ids(after[len(before):].decode("utf-8"))  # each line's own id (j-…) aside


def test_an_ods_saved_by_libreoffice_brings_back_exactly_the_four_changes(saved, ws, pmp):
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(saved["ods"]), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[:6] == [
        "N°  Champ   Avant     Après",
        "──  ──────  ────────  ─────────",
        "R1  Statut  en cours  fait",
        "R3  Statut  en cours  bloqué",
        "R8  Statut  en cours  abandonné",
        "I4  Mesure  47        52",
    ]
    assert _added(ws, before) == (
        "- {date: 2026-11-30, recommendation: R1, status: done}\n- {date: 2026-11-30, recommendation: R3, status: blocked}\n- {date: 2026-11-30, recommendation: R8, status: dropped}\n- {date: 2026-11-25, indicator: I4, value: 52}\n")
    mission, _ = load_mission(ws)
    assert mission is not None
    again = pmp("import", SLUG, str(saved["ods"]), "--yes", "--date", "2026-12-01")
    assert again.exit_code == 0 and again.stdout == labels("fr")["import"]["no_change"] + "\n"


def test_a_csv_saved_by_libreoffice_brings_back_the_three_statuses(saved, ws, pmp):
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(saved["csv"]), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert _added(ws, before) == (
        "- {date: 2026-11-30, recommendation: R1, status: done}\n- {date: 2026-11-30, recommendation: R3, status: blocked}\n- {date: 2026-11-30, recommendation: R8, status: dropped}\n")


def test_the_same_csv_in_the_windows_encoding_with_commas_reads_the_same(saved, ws, pmp):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(saved["csv"].read_text(encoding="utf-8")), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, delimiter=",").writerows(rows)
    path = ws.parent.parent / "excel.csv"
    path.write_bytes(out.getvalue().replace("\u202f", "\u00a0").encode("cp1252"))
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(path), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert _added(ws, before).count("recommendation:") == 3


def test_a_csv_refusal_names_the_line_and_the_column(saved, ws, pmp):
    text = saved["csv"].read_text(encoding="utf-8").replace('"bloqué"', '"bloquée à moitié"')
    path = ws.parent.parent / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(path), "--yes")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[1].startswith(f"ligne 7, colonne G{NB}: statut «{NB}bloquée à moitié{NB}» inconnu")
    assert (ws / "journal.yaml").read_bytes() == before


def test_an_ods_or_csv_of_another_mission_is_refused_naming_both(saved, ws, pmp):
    text = saved["csv"].read_text(encoding="utf-8").replace(f"pmp · {SLUG} ·", "pmp · epicerie-solidaire ·")
    path = ws.parent.parent / "autre.csv"
    path.write_text(text, encoding="utf-8")
    r = pmp("import", SLUG, str(path))
    assert r.exit_code == 2
    assert r.stderr.splitlines()[1] == (
        f"autre.csv{NB}: ce classeur a été fait pour la mission «{NB}epicerie-solidaire{NB}», pas pour "
        f"«{NB}{SLUG}{NB}»{NB}; importez-le dans epicerie-solidaire (pmp import epicerie-solidaire …)"
    )


@pytest.fixture(scope="module")
def typed(saved) -> dict[str, Path]:
    """Two workbooks as a client might type them, each saved by LibreOffice as .ods too: one with formulas
    in cells pmp reads (R5's progress, a new measure of I4), one with R3's progress typed « 120 % »."""
    root = saved["root"]
    made = {}
    for name in ("formulas", "percent"):
        path = root / "typed" / f"{name}.xlsx"
        path.parent.mkdir(exist_ok=True)
        shutil.copy(root / "out" / "pilotage.xlsx", path)
        wb = openpyxl.load_workbook(path)
        plan = wb["Plan"]
        if name == "formulas":
            plan["H9"] = "=0.3*2"  # R5
            ind = wb["Indicateurs"]
            row = ind.max_row + 1
            for col, value in zip("ABGH", ["I4", "Bénévoles actifs", date(2026, 11, 25), "=50+2"]):
                ind[f"{col}{row}"] = value
            made["measure_row"] = row
        else:
            plan["H7"] = 1.2  # R3: shown « 120 % » in the percentage column
        wb.save(path)
        profile = f"-env:UserInstallation=file://{root / 'lo-profile'}"
        subprocess.run([located("soffice"), profile, "--headless", "--convert-to", "ods", "--outdir", str(root / "typed"), str(path)],
                       check=True, capture_output=True, timeout=180)
        made[name] = path
        made[f"{name}-ods"] = path.with_suffix(".ods")
    return made


@pytest.mark.parametrize("kind", ["formulas", "formulas-ods"])
def test_formulas_in_the_cells_pmp_reads_are_refused_with_their_cell(typed, ws, pmp, kind):
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(typed[kind]), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert lines[0].endswith(f"refusé, rien n’a été écrit dans le journal{NB}:")
    assert [line.split(f"{NB}:", 1)[0] for line in lines[1:]] == ["Plan!H9", f"Indicateurs!H{typed['measure_row']}"]
    assert lines[1] == (f"Plan!H9{NB}: formule «{NB}=0.3*2{NB}»{NB}; pmp lit ce qui est saisi, pas ce qu’une formule "
                        f"calcule{NB}: remplacez-la par sa valeur (copier, puis collage spécial «{NB}valeurs seulement{NB}»)")
    assert (ws / "journal.yaml").read_bytes() == before


@pytest.mark.parametrize("kind", ["percent", "percent-ods"])
def test_120_percent_is_refused_as_the_spreadsheet_shows_it_not_read_as_1(typed, ws, pmp, kind):
    r = pmp("import", SLUG, str(typed[kind]), "--date", "2026-11-30")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[1] == (
        f"Plan!H7{NB}: avancement «{NB}120{NB}%{NB}» illisible{NB}; un pourcentage de 0{NB}% à 100{NB}% est attendu")
