"""The README documents every command, and every command and option has help text."""

from __future__ import annotations

import re

from conftest import REPO

from pamplemousse.cli import app


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group such as `templates`
            for sub_name, sub in command.commands.items():
                yield f"{name} {sub_name}", sub
        else:
            yield name, command


def test_every_command_is_in_the_readme_tour():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name, _ in _commands() if f"pmp {name}" not in readme]
    assert missing == []


def test_every_command_and_option_has_help_text():
    for name, command in _commands():
        assert (command.help or "").strip(), name
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert (param.help or "").strip(), f"{name} {param.opts}"


def test_readme_opens_with_the_two_setup_commands_that_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1).splitlines()
    assert len(block) == 2
    assert "pmp render missions/ressourcerie-du-val" in block[0]
    assert block[1].endswith("-m pytest -n auto")  # the whole suite, on every core
    assert "sed -n 2p" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
