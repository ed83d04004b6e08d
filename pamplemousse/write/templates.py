"""Copy a built-in template into the workspace's templates/ folder (pmp templates copy)."""

from __future__ import annotations

import os
from pathlib import Path

from pamplemousse.errors import RefusedWrite, display_path
from pamplemousse.outputs.overrides import TEMPLATES_DIR, own_templates_dir, resolve_builtin
from pamplemousse.paths import builtin_templates_dir
from pamplemousse.write.files import prepare_out_dir


def copy_template(workspace: Path, name: str) -> Path:
    """Copy the built-in template `name` into the workspace's templates/ folder; return the new file.

    Refuses (RefusedWrite) when the file is already there, whatever it holds.
    """
    name = resolve_builtin(name)
    own_dir = own_templates_dir(workspace)
    if own_dir is None:
        raise RefusedWrite(key="templates_builtin_dir", path=display_path(workspace / TEMPLATES_DIR))
    target = own_dir / name
    if os.path.lexists(target):
        raise RefusedWrite(key="template_exists", path=display_path(target))
    prepare_out_dir(target.parent)
    text = (builtin_templates_dir() / name).read_text(encoding="utf-8")
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise RefusedWrite(key="template_appeared", path=display_path(target)) from None
    return target
