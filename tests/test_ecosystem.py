"""Git and CI: the pre-commit hook, the example workflow and the documentation say what pmp does."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from conftest import REPO

DOCS = REPO / "docs"


def test_the_pre_commit_hook_runs_pmp_check_on_missions():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks == [{
        "id": "pmp-check",
        "name": "pmp check",
        "description": "Check every mission of the workspace (pmp check) before committing.",
        "entry": "pmp check",
        "language": "python",
        "pass_filenames": False,
        "files": "^missions/",
    }]
    files = re.compile(hooks[0]["files"])
    assert files.search("missions/ressourcerie-du-val/journal.yaml")
    assert not files.search("templates/html/theme.html.j2") and not files.search("docs/missions.md")


def test_the_hook_entry_passes_on_the_example_and_fails_on_a_broken_mission(example, monkeypatch, pmp):
    monkeypatch.chdir(example.parent.parent)
    entry = shlex.split(yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]["entry"])
    assert entry[0] == "pmp"
    assert pmp(*entry[1:]).exit_code == 0
    (example / "mission.yaml").write_text("schema_version: 1\ntitle: x\n", "utf-8")  # no client
    assert pmp(*entry[1:]).exit_code == 1


def _workflow() -> dict:
    return yaml.load((DOCS / "ci-example.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # `on:` stays a key


def test_the_example_workflow_checks_renders_and_publishes_the_site():
    flow = _workflow()
    assert set(flow["on"]) == {"push", "pull_request"}
    steps = flow["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[-2:] == ["pmp check", "pmp render --all --site public"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "public"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pmp_commands_of_the_workflow_work_on_the_example(example, monkeypatch, pmp):
    root = example.parent.parent
    monkeypatch.chdir(root)
    runs = [s["run"] for s in _workflow()["jobs"]["check"]["steps"] if s.get("run", "").startswith("pmp ")]
    for command in runs:
        result = pmp(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
    assert (root / "public" / "index.html").is_file()
    assert (root / "public" / example.name / "index.html").is_file()


@pytest.mark.parametrize(
    "needle",
    ["pmp schema", "yaml-language-server", "pmp templates copy", "html/theme.html.j2", "{% block brand %}",
     "pmp render --all --site public", ".pre-commit-config.yaml", "id: pmp-check", "ci-example.yml",
     "pmp --install-completion", "--lang en"],
)
def test_the_ecosystem_page_documents_each_habit(needle):
    assert needle in (DOCS / "ecosystem.md").read_text("utf-8")


def test_shell_completion_is_offered(pmp):
    result = pmp("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_every_pmp_command_named_in_the_ecosystem_page_exists(pmp):
    text = (DOCS / "ecosystem.md").read_text("utf-8")
    named = set(re.findall(r"(?:\$ |`)pmp ([a-z][a-z-]+)", text))  # in commands shown, not in prose
    assert {"schema", "templates", "render", "check", "new-mission"} <= named
    for command in sorted(named):
        words = [command] + (["list"] if command == "templates" else [])
        assert pmp(*words, "--help").exit_code == 0, command
