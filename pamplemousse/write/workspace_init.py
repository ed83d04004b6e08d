"""Make a folder a workspace ready for a team (`pmp init`): never overwrite a file.

What a workspace holds, besides its missions:

- `.gitattributes`: `journal.yaml merge=union`, so that two consultants who log
  on their own clones merge without conflict (the journal is append-only: git
  keeps both entries);
- `.gitignore`: `out/`, the rendered files, never committed;
- `schemas/` and `.vscode/settings.json`: the JSON Schemas of the five files and
  the YAML language server's mapping to them (completion and checking in VS Code);
- `.pre-commit-config.yaml`: `pmp check` before each commit;
- `templates/README.md`: where overrides of the built-in templates go.

A file already there is left as it is and named in the result; a git repository
is created only when the folder is in none.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pamplemousse.errors import RefusedWrite, display_path
from pamplemousse.paths import SCHEMAS_DIR
from pamplemousse.read.workspace import MISSIONS_DIR
from pamplemousse.write.files import prepare_out_dir, write_atomic

UNION_LINES = ("journal.yaml merge=union", f"{MISSIONS_DIR}/**/journal.yaml merge=union")
FILES_OF = ("mission", "vision", "questions", "recommendations", "journal")



def vscode_settings() -> str:
    """The YAML language server's mapping of each schema to its files (VS Code, redhat.vscode-yaml)."""
    schemas = {f"./{SCHEMAS_DIR}/{name}.schema.json": [f"{MISSIONS_DIR}/*/{name}.yaml"] for name in FILES_OF}
    return json.dumps({"yaml.schemas": schemas}, ensure_ascii=False, indent=2) + "\n"


def _comment(lang: str, key: str) -> str:
    """The comment (`cli.file_comments.<key>` of the catalog) that opens a file pmp init writes, with its line end."""
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["file_comments"][key].rstrip("\n") + "\n"


def templates_readme(lang: str) -> str:
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["init"]["templates_readme"].rstrip("\n") + "\n"


@dataclass
class InitResult:
    root: Path
    git_created: bool = False
    git_missing: bool = False
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _git_toplevel(folder: Path) -> Path | None:
    from pamplemousse.write.scaffold import git_root

    return git_root(folder)


def init_workspace(folder: Path, lang: str = "fr") -> InitResult:
    """Make `folder` (created if needed) a workspace; return what was created and what was left."""
    folder = Path(folder)
    if os.path.lexists(folder) and not folder.is_dir():
        raise RefusedWrite(key="not_a_folder", path=display_path(folder))
    prepare_out_dir(folder)
    result = InitResult(folder)
    if _git_toplevel(folder) is None:
        if shutil.which("git") is None:
            result.git_missing = True
        else:
            done = subprocess.run(["git", "init", "-q", str(folder)], capture_output=True, text=True)
            result.git_created = done.returncode == 0
            result.git_missing = done.returncode != 0

    def ensure_dir(rel: str) -> None:
        path = folder / rel
        if path.is_dir():
            result.kept.append(rel + "/")
        else:
            prepare_out_dir(path)
            result.created.append(rel + "/")

    def ensure_file(rel: str, text: str) -> None:
        path = folder / rel
        if os.path.lexists(path):
            result.kept.append(rel)
            return
        prepare_out_dir(path.parent)
        write_atomic(path, text)
        result.created.append(rel)

    ensure_dir(MISSIONS_DIR)
    ensure_file(f"{MISSIONS_DIR}/.gitkeep", "")
    ensure_file("templates/README.md", templates_readme(lang))
    ensure_file(".gitignore", _comment(lang, "gitignore") + "out/\n")
    ensure_file(".gitattributes", _comment(lang, "gitattributes") + "".join(f"{line}\n" for line in UNION_LINES))
    from pamplemousse.paths import builtin_schemas_dir

    for source in sorted(builtin_schemas_dir().glob("*.schema.json")):
        ensure_file(f"{SCHEMAS_DIR}/{source.name}", source.read_text(encoding="utf-8"))
    ensure_file(".vscode/settings.json", vscode_settings())
    ensure_file(".pre-commit-config.yaml", _comment(lang, "pre_commit"))
    return result


def lacks_union_merge(folder: Path) -> Path | None:
    """The root of the git repository holding `folder` when its .gitattributes does not union-merge
    journal.yaml (so parallel logs would conflict); None when all is well or there is no repository."""
    root = _git_toplevel(folder)
    if root is None:
        return None
    try:
        lines = {" ".join(line.split()) for line in (root / ".gitattributes").read_text("utf-8").splitlines()}
    except (OSError, UnicodeDecodeError):
        lines = set()
    return None if lines & set(UNION_LINES) or "*.yaml merge=union" in lines else root
