"""Where pmp finds its built-in files, installed or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_templates_dir() -> Path:
    """The built-in templates folder.

    Inside an installed wheel the top-level `templates/` is shipped as
    `pamplemousse/templates/` (see pyproject.toml); in a checkout or an editable
    install it is the repository's own `templates/`.
    """
    packaged = _PACKAGE / "templates"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "templates"
