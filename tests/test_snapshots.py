"""Snapshots of what the example mission shows, fava-style.

Every output of the example mission at a fixed date is compared byte for byte
with a file under tests/snapshots/: the pilotage, rapport, guide, cadrage, bilan and
suivi in HTML and Markdown, `pmp render --format json`, `pmp status` as text and JSON (with and
without --since-last-committee), the portfolio, and `pmp check`. After a
deliberate change, regenerate them and review the diff before committing:

    python -m pytest tests/test_snapshots.py --snapshot-update

Paths are written relative to the workspace (the tests run from it), so the
snapshots hold no temporary folder name.
"""

from __future__ import annotations

import pytest

AS_OF = "2026-11-26"

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


@pytest.mark.parametrize(("doc", "fmt"), RENDERED, ids=[f"{d}.{f}" for d, f in RENDERED])
def test_rendered_document_matches_its_snapshot(pmp, example_in_cwd, snapshots, doc, fmt):
    result = pmp("render", "missions/ressourcerie-du-val", "--doc", doc, "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = example_in_cwd / "out"
    (written,) = [p for p in out.iterdir() if p.name.startswith(doc) and p.suffix == f".{fmt}"]
    snapshots.match(f"{doc}.{fmt}", written.read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_output_matches_its_snapshot(pmp, example_in_cwd, snapshots, name):
    result = pmp(*COMMANDS[name])
    assert result.exit_code in (0, 1), result.output
    snapshots.match(name, f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
