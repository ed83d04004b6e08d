"""The user guide documents every command on its own page, with every option and real output; its field
reference lists every field of the models; every command and option has help text; the README keeps its
two set-up commands."""

from __future__ import annotations

import re
from pathlib import Path

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


GUIDE = REPO / "docs"


def _page_of(name: str) -> Path:
    return GUIDE / "commandes" / f"{name.split()[0]}.md"


def test_every_command_has_its_page_in_the_guide_with_its_options_and_output():
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for name, command in _commands():
        page = _page_of(name)
        assert page.is_file(), f"no page docs/commandes/{page.name} for pmp {name}"
        assert f"commandes/{page.name}" in nav, f"{page.name} is not in the guide's nav"
        text = page.read_text(encoding="utf-8")
        assert f"pmp {name}" in text
        assert re.search(rf"```console\n\$ pmp {re.escape(name.split()[0])}\b.*\n[^$`]", text), \
            f"pmp {name}: no example with its output"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert any(opt in text for opt in param.opts), f"pmp {name} {param.opts} not on {page.name}"


def test_the_guide_mentions_no_file_outside_the_repository():
    for page in GUIDE.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text and "DESIGN.md" not in text and "/work/" not in text, page


def test_the_field_reference_lists_every_field_of_the_models_with_its_description():
    from pamplemousse.read import model
    from pamplemousse.read.reference import reference_markdown
    from pamplemousse.read.schema import field_keys, load_field_descriptions, mission_schemas

    page = reference_markdown()
    rows = {line.split("|")[1].strip().strip("`"): line for line in page.splitlines() if line.startswith("| `")}
    descriptions = load_field_descriptions()
    for filename in model.FILES:
        stem = filename.removesuffix(".yaml")
        assert f"## {filename}" in page
        schema = mission_schemas()[filename.replace(".yaml", ".schema.json")]
        for key in field_keys(schema, stem):  # every property of the JSON Schema, found independently
            name = key.rsplit(".", 1)[1]
            assert any(p == name or p.endswith("." + name) for p in rows), f"{key} missing from the reference"
    required = {
        ("mission.yaml", "title"), ("mission.yaml", "client.name"), ("recommendations.yaml", "recommendations[].title"),
        ("journal.yaml", "[].date"),
    }
    for _, path in required:
        assert rows[path].split("|")[3].strip() == "oui", path
    assert "| `client.siret` | SIRET (14 chiffres) | non | " + descriptions["mission.client.siret"]["fr"] in page
    assert rows["dees.social_value.score"].endswith(f"| {descriptions['vision.dees.*.score']['fr']} |")
    assert "| `funding.scheme` | une valeur parmi\u00a0: `dla`, `other` | non |" in page


def test_readme_opens_with_the_two_setup_commands_that_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1).splitlines()
    assert len(block) == 2
    assert "pmp render missions/ressourcerie-du-val" in block[0]
    assert block[1].endswith("-m pytest -n auto")  # the whole suite, on every core
    assert "sed -n 2p" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
