"""Snapshots of what the example mission shows, fava-style.

Every output of the example mission at a fixed date is compared byte for byte
with a file under tests/snapshots/: the pilotage, rapport, guide, cadrage, bilan and
suivi in HTML and Markdown, `pmp render --format json`, `pmp status` as text and JSON (with and
without --since-last-committee), the portfolio, and `pmp check`. After a
deliberate change, regenerate them and review the diff before committing:

    PMP_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py

Paths are written relative to the workspace (the tests run from it), so the
snapshots hold no temporary folder name.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"
AS_OF = "2026-11-26"
UPDATE = bool(os.environ.get("PMP_UPDATE_SNAPSHOTS"))

RENDERED = [
    ("pilotage", "html"), ("pilotage", "md"),
    ("rapport", "html"), ("rapport", "md"),
    ("guide", "html"), ("guide", "md"),
    ("pilotage", "json"),
    ("cadrage", "html"), ("cadrage", "md"), ("bilan", "html"), ("bilan", "md"), ("suivi", "html"), ("suivi", "md"),
]

COMMANDS = {
    "status.txt": ["status", "missions/ressourcerie-du-val", "--as-of", AS_OF],
    "status.json": ["status", "missions/ressourcerie-du-val", "--as-of", AS_OF, "--format", "json"],
    "status-since.txt": ["status", "missions/ressourcerie-du-val", "--as-of", AS_OF, "--since-last-committee"],
    "status-since.json": [
        "status", "missions/ressourcerie-du-val", "--as-of", AS_OF, "--since-last-committee", "--format", "json",
    ],
    "portfolio.txt": ["status", "--as-of", AS_OF],
    "portfolio.json": ["status", "--as-of", AS_OF, "--format", "json"],
    "check.txt": ["check", "missions/ressourcerie-du-val"],
    "check.json": ["check", "missions/ressourcerie-du-val", "--format", "json"],
}


def compare(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        return
    assert path.exists(), f"no snapshot {name}: run PMP_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py"
    expected = path.read_text("utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), text.splitlines(True), f"snapshots/{name}", "now", n=2
        ))
        pytest.fail(f"{name} differs from its snapshot:\n{diff[:6000]}")


@pytest.mark.parametrize(("doc", "fmt"), RENDERED, ids=[f"{d}.{f}" for d, f in RENDERED])
def test_rendered_document_matches_its_snapshot(pmp, example_in_cwd, doc, fmt):
    result = pmp("render", "missions/ressourcerie-du-val", "--doc", doc, "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = example_in_cwd / "out"
    (written,) = [p for p in out.iterdir() if p.name.startswith(doc) and p.suffix == f".{fmt}"]
    compare(f"{doc}.{fmt}", written.read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_output_matches_its_snapshot(pmp, example_in_cwd, name):
    result = pmp(*COMMANDS[name])
    assert result.exit_code in (0, 1), result.output
    compare(name, f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
