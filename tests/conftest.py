"""Shared fixtures: the example mission, mission folders built from a dict, what a test needs from the
machine (`@pytest.mark.needs`), and the snapshots (`--snapshot-update`)."""

from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "missions" / "ressourcerie-du-val"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
NODE_MODULES = Path(__file__).resolve().parent / "browser" / "node_modules"  # npm ci --prefix tests/browser
REQUIRE_ALL = "PMP_REQUIRE_ALL"  # set (.ci/run does): a test whose program is missing fails instead of skipping

# pmp's caches (loaded missions, compiled templates) go to a folder of this test run, never the user's own
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pmp-test-cache-")
os.environ.pop("PMP_NO_CACHE", None)


def build_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` ({relative path: text or bytes}) under `root`; return root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example mission inside a fresh workspace (tmp_path/missions/...)."""
    target = tmp_path / "missions" / EXAMPLE.name
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("out"))
    return target


@pytest.fixture
def example_in_cwd(example: Path, monkeypatch) -> Path:
    """The example mission copy, with its workspace as the current folder (paths shown as missions/...)."""
    monkeypatch.chdir(example.parent.parent)
    return example


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, to prove that nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def spaces(text: str) -> str:
    """French typography's no-break spaces as plain spaces, for tests that write
    expected messages with plain spaces (typography is asserted elsewhere)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


ENTRY_ID = re.compile(r", id: (j-[a-z2-7]{8})\}(\r?\n)")


def without_ids(text):
    """A journal's text (str or bytes) with the `, id: j-…` that ends each line pmp writes taken out, for tests
    that compare the lines written; `ids` asserts that each such line had its own."""
    if isinstance(text, bytes):
        return without_ids(text.decode("utf-8")).encode("utf-8")
    return ENTRY_ID.sub(r"}\2", text)


def ids(text: str) -> list[str]:
    """The ids that end the journal's lines, in file order."""
    return [m.group(1) for m in ENTRY_ID.finditer(text)]


def last_id(path: Path) -> str:
    """The id of the last entry pmp wrote in the journal at `path`."""
    found = ids(path.read_text("utf-8"))
    assert found, "no entry with an id"
    return found[-1]


class Result:
    """What a user saw: the exit code and the exact stdout and stderr."""

    def __init__(self, code: int, out: str, err: str):
        self.exit_code, self.stdout, self.stderr = code, out, err

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def pmp(capsys):
    """Run `pmp ARGS...` in-process through its real entry point; returns a Result."""
    from pamplemousse.cli import run

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


# --- what a test needs from the machine --------------------------------------------------------------
# `@pytest.mark.needs("chromium", "axe-core")`: each name is a key of NEEDS. A test whose need is absent is
# skipped with one line naming what to install; under PMP_REQUIRE_ALL=1 (.ci/run sets it, after
# installing them all) it fails instead, so that CI runs everything.


def _program(*names: str) -> Callable[[], str | None]:
    return lambda: next((found for name in names if (found := shutil.which(name))), None)


def _file(path: Path) -> Callable[[], str | None]:
    return lambda: str(path) if path.is_file() else None


def _weasyprint() -> str | None:
    """WeasyPrint loads the system's Pango when imported: an OSError names the library it could not load."""
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    return str(weasyprint.__file__)


NEEDS: dict[str, tuple[Callable[[], str | None], str]] = {
    "chromium": (_program("chromium"), "apt-get install chromium"),
    "soffice": (_program("soffice", "libreoffice"), "apt-get install libreoffice-calc-nogui"),
    "pdftoppm": (_program("pdftoppm"), "apt-get install poppler-utils"),
    "pango": (_weasyprint, "apt-get install libpango-1.0-0 libpangoft2-1.0-0"),
    "git": (_program("git"), "apt-get install git"),
    "axe-core": (_file(NODE_MODULES / "axe-core" / "axe.min.js"), "npm ci --prefix tests/browser"),
    "mermaid": (_file(NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"), "npm ci --prefix tests/browser"),
}


@functools.cache
def located(need: str) -> str | None:
    """Where the machine has `need` (a program's path, a file), or None."""
    return NEEDS[need][0]()


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "needs(*names): the programs or files the test needs (conftest.NEEDS); skipped without them, "
        f"failed under {REQUIRE_ALL}=1")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    names = [name for mark in item.iter_markers("needs") for name in mark.args]
    unknown = sorted(set(names) - set(NEEDS))
    if unknown:
        pytest.fail(f"needs: unknown {unknown}; known: {sorted(NEEDS)}", pytrace=False)
    missing = sorted({name for name in names if not located(name)})
    if missing:
        reason = "; ".join(f"needs {name} ({NEEDS[name][1]})" for name in missing)
        if os.environ.get(REQUIRE_ALL):
            pytest.fail(f"{reason}, and {REQUIRE_ALL} is set", pytrace=False)
        pytest.skip(reason)


def pytest_terminal_summary(terminalreporter) -> None:
    """One line per missing program: how many tests it left out (a test may need two) and what installs it."""
    lacking: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2].removeprefix("Skipped: ") if isinstance(report.longrepr, tuple) else ""
        if reason.startswith("needs "):
            lacking.update(reason.split("; "))
    if lacking:
        terminalreporter.section("skipped: what this machine lacks")
        for reason, n in sorted(lacking.items()):
            terminalreporter.line(f"{n} skipped: {reason}")
        terminalreporter.line(f"({REQUIRE_ALL}=1 makes them failures; .ci/run installs everything and sets it)")


# --- snapshots ---------------------------------------------------------------------------------------


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--snapshot-update", action="store_true",
        help="rewrite tests/snapshots/ and the guide's example outputs from what pmp prints now, "
             "instead of comparing; review the diff before committing")


class Snapshots:
    """What pmp prints, compared with a file under tests/snapshots/, or written there under --snapshot-update."""

    def __init__(self, update: bool):
        self.update = update

    def match(self, name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8", newline="\n")
            return
        assert path.exists(), f"no snapshot {name}: run python -m pytest --snapshot-update"
        expected = path.read_text("utf-8")
        if text != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(True), text.splitlines(True), f"snapshots/{name}", "now", n=2))
            pytest.fail(f"{name} differs from its snapshot (--snapshot-update to accept):\n{diff[:6000]}")


@pytest.fixture
def snapshots(request) -> Snapshots:
    return Snapshots(bool(request.config.getoption("--snapshot-update")))
