"""The house's own rules that no linter holds: each stage of the pipeline in its folder (modules are split by
subject, not by a count of lines)."""

from __future__ import annotations

from conftest import REPO

PACKAGE = REPO / "pamplemousse"
STAGES = {"cli", "read", "plan", "views", "outputs", "write", "text", "serve"}


def test_every_module_sits_in_a_stage_of_the_pipeline():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "errors.py", "paths.py"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} <= STAGES
