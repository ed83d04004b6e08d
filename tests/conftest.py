"""Shared fixtures: the example mission, and mission folders built from a dict."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "missions" / "ressourcerie-du-val"

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
