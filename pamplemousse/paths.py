"""Where pmp finds its built-in files, installed or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SCHEMAS_DIR = "schemas"  # the workspace's editor schemas, where mission files point


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


def builtin_schemas_dir() -> Path:
    """The JSON Schemas of the mission files, as `pmp schema` writes them.

    Shipped in the wheel as `pamplemousse/schemas/`; in a checkout, the
    repository's `schemas/` (a test keeps it equal to what the models give), so
    that `pmp new-mission` copies them without importing pydantic.
    """
    packaged = _PACKAGE / SCHEMAS_DIR
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / SCHEMAS_DIR


def user_cache_dir() -> Path:
    """pmp's folder in the user's cache: `$XDG_CACHE_HOME/pamplemousse`, else `~/.cache/pamplemousse`."""
    import os

    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pamplemousse"


def template_cache(kind: str):
    """A Jinja bytecode cache for compiled templates, or None where none can be kept.

    Compiling the templates is most of the time of a small render or of
    `pmp new-mission`; the compiled code is kept in the user's cache folder
    (`$XDG_CACHE_HOME/pamplemousse`, else `~/.cache/pamplemousse`), one folder per
    pmp version and per kind of environment (`kind`: the sandbox compiles
    templates differently), keyed by Jinja on each template's file and source.
    Set PMP_NO_CACHE=1 to do without.
    """
    import os

    from pamplemousse import __version__

    if os.environ.get("PMP_NO_CACHE"):
        return None
    folder = user_cache_dir() / f"jinja-{__version__}-{kind}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _quiet_cache_class()(str(folder))


def _quiet_cache_class():
    """Defined on first use, so that importing this module does not import Jinja."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        """A cache that never stops a command: a file it cannot read or write is skipped."""

        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError):
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache
