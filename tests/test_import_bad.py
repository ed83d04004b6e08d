"""pmp import on hostile files: a clear refusal within bounded memory (300 MB), nothing written.

Each import runs in a subprocess whose address space is capped with
resource.setrlimit, as a client's machine with little memory would be.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import ids, without_ids

from pamplemousse.outputs.xlsx import xlsx_bytes
from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels
from pamplemousse.views.mission import view_on

NB = "\u00a0"
SLUG = "ressourcerie-du-val"
LIMIT = 300 * 1024 * 1024
_RUN = (
    "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit})); "
    "from pamplemousse.cli import run; sys.exit(run(sys.argv[1:]))"
)


def pmp_bounded(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _RUN.format(limit=LIMIT), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    monkeypatch.chdir(example.parent.parent)
    return example


def exported(folder: Path, name: str = "retour.xlsx") -> Path:
    mission, _ = load_mission(folder)
    path = folder.parent.parent / name
    path.write_bytes(xlsx_bytes(mission, view_on(mission, date(2026, 11, 26)), "fr"))
    return path


def refused(ws: Path, path: Path) -> list[str]:
    before = (ws / "journal.yaml").read_bytes()
    r = pmp_bounded(ws.parent.parent, "import", SLUG, str(path), "--yes")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert (ws / "journal.yaml").read_bytes() == before
    return r.stderr.splitlines()


def test_a_compressed_bomb_is_refused_before_it_is_read(ws):
    path = ws.parent.parent / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet1.xml", "w") as f:
        block = b"\0" * (1 << 20)
        for _ in range(100):  # 100 MB of zeros, three times the limit, a hundred kB on disk
            f.write(block)
    assert path.stat().st_size < 500_000
    assert refused(ws, path) == [
        f"pmp : bombe.xlsx{NB}: classeur trop gros pour pmp (101{NB}Mo une fois décompressé, limite 32{NB}Mo)"
    ]


def test_20000_rows_are_refused_in_xlsx_and_csv(ws):
    """Four times the 5000-line limit (more only makes the workbook slower to write here)."""
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    plan = wb["Plan"]
    for n in range(20, 20_020):
        plan.cell(n, 1, "R1")
        plan.cell(n, 7, "fait")
    wb.save(path)
    assert refused(ws, path) == [
        f"pmp : retour.xlsx{NB}: la feuille «{NB}Plan{NB}» a plus de 5000 lignes{NB}; "
        "ce n’est pas un plan d’action renvoyé par pmp"
    ]
    csv = ws.parent.parent / "long.csv"
    csv.write_text("N°;Statut\n" + "R1;fait\n" * 20_000, encoding="utf-8")
    lines = refused(ws, csv)
    assert lines[-1] == f"feuille «{NB}Plan{NB}»{NB}: plus de 5000 lignes{NB}; ce n’est pas un plan d’action renvoyé par pmp"


def test_merged_cells_are_refused_with_their_range(ws):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Plan"].merge_cells("G5:H6")
    wb.save(path)
    assert refused(ws, path) == [
        f"pmp : retour.xlsx{NB}: Plan!G5:H6{NB}: cellules fusionnées{NB}; défusionnez-les (une valeur par cellule)"
    ]


@pytest.mark.parametrize("unknown, last", [(30, "… et 10 autres problèmes"), (21, "… et 1 autre problème")])
def test_at_most_twenty_problems_then_a_count(ws, unknown, last):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    for n in range(15, 15 + unknown):  # unknown ids
        wb["Plan"].cell(n, 1, f"X{n}")
    wb.save(path)
    lines = refused(ws, path)
    assert len(lines) == 1 + 20 + 1
    assert lines[1] == f"Plan!A15{NB}: préconisation «{NB}X15{NB}» inconnue dans la mission"
    assert lines[-1] == last


def test_a_measure_date_typed_as_text_and_an_unknown_milestone_state_are_refused(ws):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    ind = wb["Indicateurs"]
    row = ind.max_row + 1
    ind[f"A{row}"], ind[f"G{row}"], ind[f"H{row}"] = "I4", "25/11/2026", 52
    wb["Jalons"]["E5"] = "presque"
    wb.save(path)
    lines = refused(ws, path)
    assert f"Indicateurs!G{row}{NB}: «{NB}25/11/2026{NB}» est un texte, pas une date{NB}; saisissez une date (26/11/2026)" in lines
    assert f"Jalons!E5{NB}: état «{NB}presque{NB}» inconnu{NB}; écrivez tenu, manqué" in lines


def test_a_milestone_marked_in_the_jalons_sheet_comes_back(ws, pmp):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    jalons = wb["Jalons"]
    row = next(r for r in range(5, jalons.max_row + 1) if jalons[f"A{r}"].value == "R9.1")
    jalons[f"E{row}"], jalons[f"F{row}"], jalons[f"G{row}"] = "tenu", date(2026, 11, 20), "Publiée sur le site."
    wb.save(path)
    before = (ws / "journal.yaml").read_bytes()
    r = pmp("import", SLUG, str(path), "--yes", "--date", "2026-11-30")
    assert r.exit_code == 0, r.output
    assert "R9.1  Jalon  en retard  tenu" in r.stdout
    added = (ws / "journal.yaml").read_bytes()[len(before):].decode("utf-8")
    assert without_ids(added) == "- {date: 2026-11-20, milestone: R9.1, status: met, note: Publiée sur le site.}\n"
    assert len(ids(added)) == 1
    assert pmp("import", SLUG, str(path), "--yes").stdout.startswith("Aucune différence")


def test_four_imports_of_the_same_file_at_once_add_its_entries_once(ws):
    path = exported(ws)
    wb = openpyxl.load_workbook(path)
    wb["Plan"]["G5"], wb["Plan"]["G7"] = "fait", "bloqué"
    ind = wb["Indicateurs"]
    row = ind.max_row + 1
    ind[f"A{row}"], ind[f"G{row}"], ind[f"H{row}"] = "I4", date(2026, 11, 25), 52
    wb.save(path)
    before = (ws / "journal.yaml").read_bytes()
    code = "from pamplemousse.cli import run; import sys; sys.exit(run(sys.argv[1:]))"
    procs = [subprocess.Popen([sys.executable, "-c", code, "import", SLUG, str(path), "--yes", "--date", "2026-11-30"],
                              cwd=ws.parent.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    added = (ws / "journal.yaml").read_bytes()[len(before):].decode("utf-8")
    assert added.count("- {date:") == 3, added
    assert added.count("indicator: I4") == 1 and added.count("recommendation: R1") == 1
    # each says what it did: one added the three entries, the others found them already there
    said = sorted(out.strip().splitlines()[-1].replace("\u00a0", " ") for out, _, _ in results)
    assert said == ["3 entrées ajoutées à missions/ressourcerie-du-val/journal.yaml, datées du 30 novembre 2026."] + [
        labels("fr")["import"]["no_change"].replace("\u00a0", " ")] * 3, said
