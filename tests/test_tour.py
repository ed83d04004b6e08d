"""The guide's examples are real: every `$ pmp …` of a ```console block is run and its output compared.

Each page of docs/ (and README.md) is replayed in its own copy of the example
workspace, its blocks in page order (a `pmp log` then shows in the next `pmp
status`). Within a block, a line `$ pmp …` is a command and the lines after it
are what it prints (stdout then stderr); a line `…` stands for any number of
lines left out; trailing spaces are ignored. A comment just before a block
says how to replay it:

    <!-- tour: setup COMMAND -->   a shell command run first, in the workspace
    <!-- tour: empty -->           run in an empty folder instead of the workspace
    <!-- tour: not run: REASON --> not replayed (listed in NOT_RUN below, on purpose)

A block whose commands are not pmp's (`pip install …`) is not run.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPO

PAGES = sorted((REPO / "docs").rglob("*.md")) + [REPO / "README.md"]
BLOCK = re.compile(r"(?:<!-- tour: (?P<directive>.*?) -->\n)?```console\n(?P<body>.*?)```", re.S)
# blocks that are not replayed, each for a reason a reader can check: (page, first command)
NOT_RUN = {
    ("docs/commandes/serve.md", "pmp serve"),  # a server that runs until Ctrl+C (tests/test_serve*.py run it)
}


def blocks(page: Path):
    for m in BLOCK.finditer(page.read_text("utf-8")):
        directive = m.group("directive") or ""
        steps: list[tuple[str, list[str]]] = []
        for line in m.group("body").splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        if steps and all(cmd.startswith("pmp ") for cmd, _ in steps):
            yield directive, steps


def tour_pages() -> list[Path]:
    return [p for p in PAGES if any(True for _ in blocks(p))]


def matches(expected: list[str], actual: list[str]) -> bool:
    """`expected` with `…` lines standing for any run of lines, against `actual`."""
    exp = [line.rstrip() for line in expected]
    act = [line.rstrip() for line in actual]
    while exp and exp[-1] == "":
        exp.pop()
    while act and act[-1] == "":
        act.pop()
    pattern = "".join("(?:.*\n)*?" if line == "…" else re.escape(line) + "\n" for line in exp)
    return re.fullmatch(pattern, "".join(line + "\n" for line in act)) is not None


def run(cmd: str, cwd: Path, pmp_bin: Path) -> list[str]:
    argv = shlex.split(cmd)
    done = subprocess.run([str(pmp_bin), *argv[1:]], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "120", "HOME": str(cwd),
                               "PMP_NO_CACHE": "1"}, timeout=120)
    return (done.stdout + done.stderr).splitlines()


@pytest.fixture(scope="module")
def pmp_bin() -> Path:
    import sys

    found = Path(sys.executable).parent / "pmp"
    assert found.exists(), "pmp is not installed beside this Python"
    return found


@pytest.mark.parametrize("page", tour_pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_example_of_the_page_prints_what_the_page_says(page, pmp_bin, tmp_path):
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLE, workspace / "missions" / EXAMPLE.name, ignore=shutil.ignore_patterns("out"))
    rel = str(page.relative_to(REPO))
    ran = 0
    for n, (directive, steps) in enumerate(blocks(page)):
        if directive.startswith("not run:"):
            assert (rel, steps[0][0].split(" --")[0]) in NOT_RUN, f"{rel}: a block left out that NOT_RUN does not list"
            continue
        cwd = workspace
        if directive == "empty":
            cwd = tmp_path / f"empty-{n}"
            cwd.mkdir()
        elif directive.startswith("setup "):
            subprocess.run(directive[len("setup "):], shell=True, cwd=workspace, check=True)
        for cmd, expected in steps:
            actual = run(cmd, cwd, pmp_bin)
            assert matches(expected, actual), (
                f"{rel}: `{cmd}` printed\n" + "\n".join(actual) + "\n--- the page says\n" + "\n".join(expected)
            )
            ran += 1
    assert ran, f"{rel}: no example was run"


def test_the_pages_left_out_are_exactly_those_listed():
    left = set()
    for page in PAGES:
        for directive, steps in blocks(page):
            if directive.startswith("not run:"):
                left.add((str(page.relative_to(REPO)), steps[0][0].split(" --")[0]))
    assert left == NOT_RUN
