"""pmp render --all and --site: in parallel processes, and only what changed since the outputs were written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, build_tree, snapshot

AS_OF = "2026-11-26"
SLUG = "ressourcerie-du-val"


@pytest.fixture
def ws(example_in_cwd) -> Path:
    """A workspace of six missions: the example and five copies."""
    for i in range(1, 6):
        shutil.copytree(EXAMPLE, example_in_cwd.parent / f"copie-{i}", ignore=shutil.ignore_patterns("out"))
    return example_in_cwd.parent.parent


def stamps(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in sorted(root.rglob("*")) if p.is_file()}


def written(result) -> list[str]:
    return result.stdout.splitlines()


def test_nothing_changed_nothing_rendered_and_force_renders_all(ws, pmp):
    first = pmp("render", "--all", "--as-of", AS_OF)
    assert first.exit_code == 0, first.output
    assert len(written(first)) == 12 and first.stderr == ""
    before = stamps(ws / "missions")
    again = pmp("render", "--all", "--as-of", AS_OF)
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == "6 missions inchangées depuis le dernier rendu, pas refaites (--force pour tout refaire)\n"
    assert stamps(ws / "missions") == before
    forced = pmp("render", "--all", "--as-of", AS_OF, "--force")
    assert len(written(forced)) == 12 and forced.stderr == ""


def test_a_change_in_one_mission_renders_that_mission_only(ws, pmp):
    pmp("render", "--all", "--as-of", AS_OF)
    journal = ws / "missions" / "copie-3" / "journal.yaml"
    before = journal.stat()
    text = journal.read_text("utf-8")
    journal.write_text(text.replace("progress: 80", "progress: 90", 1), "utf-8")  # same size
    os.utime(journal, ns=(before.st_atime_ns, before.st_mtime_ns))  # and same date: only the bytes tell
    result = pmp("render", "--all", "--as-of", AS_OF)
    assert written(result) == ["missions/copie-3/out/pilotage.html", "missions/copie-3/out/pilotage.md"]
    assert "5 missions inchangées" in result.stderr
    assert "90\u00a0%" in (ws / "missions" / "copie-3" / "out" / "pilotage.md").read_text("utf-8")


@pytest.mark.parametrize("change", ["date", "format", "lang", "template", "deleted output", "edited output", "single render"])
def test_what_a_render_depends_on_makes_it_render_again(ws, pmp, change):
    pmp("render", "--all", "--as-of", AS_OF)
    args = ["render", "--all", "--as-of", AS_OF]
    out = ws / "missions" / SLUG / "out"
    if change == "date":
        args[-1] = "2026-11-27"
    elif change == "format":
        args += ["--format", "md"]
    elif change == "lang":
        args += ["--lang", "en"]
    elif change == "template":
        build_tree(ws, {"templates/html/theme.html.j2": "<style>body { color: #123456 }</style>\n"})
    elif change == "deleted output":
        (out / "pilotage.md").unlink()
    elif change == "edited output":
        (out / "pilotage.md").write_text("à la main\n", "utf-8")
    else:  # another audience's document in the same place: --all must not keep it for the client's
        assert pmp("render", SLUG, "--as-of", AS_OF, "--audience", "internal").exit_code == 0
    result = pmp(*args)
    assert result.exit_code == 0, result.output
    redone = {line.split("/")[1] for line in written(result)}
    assert redone == ({SLUG} if "output" in change or change == "single render" else {SLUG} | {f"copie-{i}" for i in range(1, 6)})
    if change == "single render":
        assert "Document interne" not in (out / "pilotage.html").read_text("utf-8")


def test_processes_render_exactly_what_one_process_renders(ws, pmp, monkeypatch):
    monkeypatch.setenv("PMP_JOBS", "1")
    assert pmp("render", "--all", "--as-of", AS_OF, "-o", "one").exit_code == 0
    monkeypatch.setenv("PMP_JOBS", "2")
    result = pmp("render", "--all", "--as-of", AS_OF, "-o", "two")
    assert result.exit_code == 0, result.output
    assert written(result)[:2] == ["two/copie-1/pilotage.html", "two/copie-1/pilotage.md"]  # in the missions' order
    one, two = snapshot(ws / "one"), snapshot(ws / "two")
    assert {k: v for k, v in one.items() if "manifest" not in k} == {k: v for k, v in two.items() if "manifest" not in k}
    assert len(one) == 18


def test_a_mission_with_errors_stops_everything_before_anything_is_written(ws, pmp, monkeypatch):
    monkeypatch.setenv("PMP_JOBS", "2")
    pmp("render", "--all", "--as-of", AS_OF)
    for i in (1, 2):
        (ws / "missions" / f"copie-{i}" / "journal.yaml").write_text("- date: 2026-13-01\n  recommendation: R1\n", "utf-8")
    (ws / "missions" / "copie-4" / "vision.yaml").write_text("vision: Changée\nsocial_mission: Changée\n", "utf-8")
    before = snapshot(ws / "missions")
    result = pmp("render", "--all", "--as-of", AS_OF)
    assert result.exit_code == 1
    wrong_date = "journal.yaml:1:9: «\u00a0date\u00a0»\u00a0: cette date n'existe pas"
    assert result.stderr.splitlines() == [f"missions/copie-1/{wrong_date}", f"missions/copie-2/{wrong_date}"]
    assert result.stdout == ""
    assert snapshot(ws / "missions") == before


def test_the_site_keeps_unchanged_pages_and_removes_those_of_missions_gone(ws, pmp):
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    site = ws / "public"
    (site / "copie-5" / "notes-a-moi.txt").write_text("à garder", "utf-8")  # not pmp's: stays
    before = stamps(site)
    again = pmp("render", "--all", "--site", "public", "--as-of", AS_OF)
    assert again.stderr == "6 missions inchangées depuis le dernier rendu, pas refaites (--force pour tout refaire)\n"
    after = stamps(site)
    assert {k: v for k, v in after.items() if "/" in k} == {k: v for k, v in before.items() if "/" in k}

    shutil.rmtree(ws / "missions" / "copie-4")
    shutil.rmtree(ws / "missions" / "copie-5")
    result = pmp("render", "--all", "--site", "public", "--as-of", AS_OF)
    assert result.stdout == "Site écrit dans public (4 missions)\u00a0: public/index.html\n"
    assert not (site / "copie-4").exists()
    assert sorted(p.name for p in (site / "copie-5").iterdir()) == ["notes-a-moi.txt"]
    index = (site / "index.html").read_text("utf-8")
    assert "copie-3/index.html" in index and "copie-4/" not in index

    forced = pmp("render", "--all", "--site", "public", "--as-of", AS_OF, "--force")
    assert forced.stderr == ""
    assert all(stamps(site)[f"{m}/index.html"] > after[f"{m}/index.html"] for m in (SLUG, "copie-1"))


def test_no_progress_bar_when_not_a_terminal(ws, pmp, monkeypatch):
    monkeypatch.setenv("PMP_JOBS", "2")
    result = pmp("render", "--all", "--site", "public", "--as-of", AS_OF)
    assert result.stderr == ""
    assert pmp("status").stderr == ""
