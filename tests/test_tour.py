"""The guide's examples are real: every `$ pmp …` of a ```console block is run and its output compared.

Each page of docs/ (and README.md) is replayed in its own copy of the example
workspace, its blocks in page order (a `pmp log` then shows in the next `pmp
status`). Within a block, a line `$ pmp …` is a command and the lines after it
are what it prints (stdout then stderr); a line `…` stands for any number of
lines left out (indented or not); trailing spaces are ignored. A comment just before a block
says how to replay it:

    <!-- tour: setup COMMAND -->   a shell command run first, in the workspace
    <!-- tour: empty -->           run in an empty folder instead of the workspace
    <!-- tour: not run: REASON --> not replayed (listed in NOT_RUN below, on purpose)

A block whose commands are not pmp's (`pip install …`) is not run. Commands
and setups run with LANG=C.UTF-8, COLUMNS=120, the venv's bin first on PATH
(so `python3` has openpyxl) and today fixed at TODAY: `pmp` there is a script
that starts time-machine's clock on TODAY in its own process, then runs pmp's
entry point, so that what depends on the day (the default date of an entry,
« dans plus d'un an (N jours) ») stays put.

To regenerate the pages' outputs from the real ones, fava-style:

    python -m pytest tests/test_tour.py --snapshot-update

rewrites the output under every `$ pmp …` of every replayed block, then
checks the page as usual. An output with `…` stays elided: the lines before
its first `…` and after its last `…` are refreshed from the head and tail of
the real output (the same number of lines); what lies between them is kept
as written, and if it no longer appears the test still fails: edit it by
hand. Read the diff (`git diff docs`) before committing it.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import EXAMPLE, REPO

PAGES = sorted((REPO / "docs").rglob("*.md")) + [REPO / "README.md"]
BLOCK = re.compile(r"(?:<!-- tour: (?P<directive>.*?) -->\n)?```console\n(?P<body>.*?)```", re.S)
# blocks that are not replayed, each for a reason a reader can check: (page, first command)
NOT_RUN = {
    ("docs/commandes/serve.md", "pmp serve"),  # a server that runs until Ctrl+C (tests/test_serve*.py run it)
}
TODAY = datetime(2026, 11, 26, 10, tzinfo=timezone.utc)  # the example's day: the guide's examples are all told on it
# `pmp` on the tour's PATH: pmp's own entry point, on TODAY's clock (time-machine, in the process)
PMP_ON_TODAY = f"""#!{sys.executable}
import datetime
import sys
import time_machine
time_machine.travel({TODAY!r}, tick=True).start()
from pamplemousse.cli import main
sys.exit(main())
"""
ELIDED = "…"


def blocks(page: Path):
    """(match, directive, steps) of each replayed block; steps are (command, expected lines)."""
    for m in BLOCK.finditer(page.read_text("utf-8")):
        directive = m.group("directive") or ""
        steps: list[tuple[str, list[str]]] = []
        for line in m.group("body").splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        if steps and all(cmd.startswith("pmp ") for cmd, _ in steps):
            yield m, directive, steps


def tour_pages() -> list[Path]:
    """The pages with a block to replay (a page whose only block is left out, serve.md, is not one)."""
    return [p for p in PAGES if any(not d.startswith("not run:") for _, d, _ in blocks(p))]


def trimmed(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and out[-1] == "":
        out.pop()
    return out


def elided(line: str) -> bool:
    return line.strip() == ELIDED


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` with `…` lines standing for any run of lines, against `actual`."""
    pattern = "".join("(?:.*\n)*?" if elided(line) else re.escape(line) + "\n" for line in trimmed(expected))
    return re.fullmatch(pattern, "".join(line + "\n" for line in trimmed(actual))) is not None


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """The expected output rewritten from `actual`, elided where it was: same head and tail counts."""
    exp, act = trimmed(expected), trimmed(actual)
    marks = [i for i, line in enumerate(exp) if elided(line)]
    if not marks:
        return act
    first, last = marks[0], marks[-1]
    head, tail = first, len(exp) - 1 - last
    if head + tail >= len(act):  # nothing left to leave out
        return act
    return act[:head] + exp[first : last + 1] + act[len(act) - tail :]


class EntryIds:
    """The journal's entry ids (`j-k3m7x2qa`) are drawn at random: within a page, each id the page shows stands
    for the one a run drew, paired in order of first appearance; commands get the drawn ids, outputs the page's."""

    PATTERN = re.compile(r"\bj-[a-z2-7]{8}\b")

    def __init__(self) -> None:
        self.drawn: dict[str, str] = {}  # the page's id -> the id drawn by the run

    def command(self, cmd: str) -> str:
        return self.PATTERN.sub(lambda m: self.drawn.get(m.group(0), m.group(0)), cmd)

    def output(self, expected: list[str], actual: list[str]) -> list[str]:
        shown = {real: page for page, real in self.drawn.items()}
        pages = dict.fromkeys(i for line in expected for i in self.PATTERN.findall(line) if i not in self.drawn)
        new = dict.fromkeys(i for line in actual for i in self.PATTERN.findall(line) if i not in shown)
        for page, real in zip(pages, new):
            self.drawn[page], shown[real] = real, page
        return [self.PATTERN.sub(lambda m: shown.get(m.group(0), m.group(0)), line) for line in actual]


def environment(home: Path, pmp_bin: Path) -> dict[str, str]:
    return {"PATH": f"{pmp_bin.parent}:{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "COLUMNS": "120", "HOME": str(home), "PMP_NO_CACHE": "1"}


def run(cmd: str, cwd: Path, pmp_bin: Path) -> list[str]:
    argv = shlex.split(cmd)
    done = subprocess.run([str(pmp_bin), *argv[1:]], cwd=cwd, capture_output=True, text=True,
                          env=environment(cwd, pmp_bin), timeout=120)
    return (done.stdout + done.stderr).splitlines()


def set_up(command: str, workspace: Path, rel: str, pmp_bin: Path) -> None:
    done = subprocess.run(command, shell=True, cwd=workspace, capture_output=True, text=True,
                          env=environment(workspace, pmp_bin), timeout=120)
    assert done.returncode == 0, f"{rel}: the setup `{command}` failed\n{done.stdout}{done.stderr}"


def body(original: str, steps: list[tuple[str, list[str]]]) -> str:
    """A block's text with its steps' outputs replaced (lines before the first `$` kept)."""
    lines = original.splitlines()
    before = lines[: next(i for i, line in enumerate(lines) if line.startswith("$ "))]
    for cmd, output in steps:
        before += [f"$ {cmd}", *output]
    return "".join(line + "\n" for line in before)


@pytest.fixture(scope="module")
def pmp_bin(tmp_path_factory) -> Path:
    script = tmp_path_factory.mktemp("bin") / "pmp"
    script.write_text(PMP_ON_TODAY, "utf-8", newline="\n")
    script.chmod(0o755)
    return script


@pytest.mark.needs("git")  # docs/commandes/init.md's setup
@pytest.mark.parametrize("page", tour_pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_example_of_the_page_prints_what_the_page_says(page, pmp_bin, tmp_path, snapshots):
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLE, workspace / "missions" / EXAMPLE.name, ignore=shutil.ignore_patterns("out"))
    rel = str(page.relative_to(REPO))
    ran, rewritten, wrong = 0, [], []
    ids = EntryIds()
    for n, (m, directive, steps) in enumerate(blocks(page)):
        if directive.startswith("not run:"):
            assert (rel, steps[0][0].split(" --")[0]) in NOT_RUN, f"{rel}: a block left out that NOT_RUN does not list"
            continue
        cwd = workspace
        if directive == "empty":
            cwd = tmp_path / f"empty-{n}"
            cwd.mkdir()
        elif directive.startswith("setup "):
            set_up(directive[len("setup "):], workspace, rel, pmp_bin)
        elif directive:
            raise AssertionError(f"{rel}: unknown tour directive « {directive} »")
        outputs = []
        for cmd, expected in steps:
            actual = ids.output(expected, run(ids.command(cmd), cwd, pmp_bin))
            if snapshots.update:
                expected = refreshed(expected, actual)
            outputs.append((cmd, expected))
            if not matches(expected, actual):
                wrong.append(f"`{cmd}` printed\n" + "\n".join(actual) + "\n--- the page says\n" + "\n".join(expected)
                             + ("\n(the lines between the `…` are no longer printed: edit them by hand)" if snapshots.update else ""))
            ran += 1
        rewritten.append((m, outputs))
    if snapshots.update:  # written before failing, so that a hand edit between `…` is all that is left
        text = page.read_text("utf-8")
        for m, outputs in reversed(rewritten):
            text = text[: m.start("body")] + body(m.group("body"), outputs) + text[m.end("body") :]
        page.write_text(text, "utf-8", newline="\n")
    assert ran, f"{rel}: no example was run"
    assert not wrong, f"{rel}: " + "\n\n".join(wrong)


def test_the_pages_left_out_are_exactly_those_listed():
    left = set()
    for page in PAGES:
        for _, directive, steps in blocks(page):
            if directive.startswith("not run:"):
                left.add((str(page.relative_to(REPO)), steps[0][0].split(" --")[0]))
    assert left == NOT_RUN


def test_regeneration_keeps_an_elided_output_elided_with_the_same_head_and_tail():
    actual = [f"line {i}" for i in range(10)] + [""]
    assert refreshed(["old 0", "old 1", ELIDED, "line 5", ELIDED, "old 9"], actual) == [
        "line 0", "line 1", ELIDED, "line 5", ELIDED, "line 9"]
    assert refreshed(["old"], actual) == actual[:10]
    assert refreshed([ELIDED, "old"], ["only"]) == ["only"]
    assert matches(["line 0", ELIDED, "line 9"], actual) and not matches(["line 0", ELIDED, "line 8"], actual)


def test_entry_ids_drawn_by_a_run_read_as_the_pages_own():
    ids = EntryIds()
    assert ids.output(["Ajouté ; entrée j-aaaaaaaa."], ["Ajouté ; entrée j-k3m7x2qa."]) == ["Ajouté ; entrée j-aaaaaaaa."]
    assert ids.command("pmp log m --withdraw j-aaaaaaaa") == "pmp log m --withdraw j-k3m7x2qa"
    assert ids.output(["l’entrée j-aaaaaaaa (retrait j-bbbbbbbb)"], ["l’entrée j-k3m7x2qa (retrait j-zzzzzzzz)"]) == [
        "l’entrée j-aaaaaaaa (retrait j-bbbbbbbb)"]
    assert not matches(["entrée j-bbbbbbbb"], ids.output(["entrée j-bbbbbbbb"], ["entrée j-k3m7x2qa"]))
