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
    """pmp's folder in the user's cache, where the system keeps caches (platformdirs): on Linux
    `$XDG_CACHE_HOME/pamplemousse`, else `~/.cache/pamplemousse`; on macOS `~/Library/Caches/pamplemousse`;
    on Windows `%LOCALAPPDATA%\\pamplemousse\\Cache`."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("pamplemousse", appauthor=False))


def template_cache(kind: str):
    """A Jinja bytecode cache for compiled templates, or None where none can be kept.

    Compiling the templates is most of the time of a small render or of
    `pmp new-mission`; the compiled code is kept in the user's cache folder
    (user_cache_dir), one folder per pmp version and per kind of environment
    (`kind`: the sandbox compiles templates differently), keyed by Jinja on each
    template's file and source. Compiled code is code: a folder that is not the
    user's own (own_folder) is not used. Set PMP_NO_CACHE=1 to do without.
    """
    import os

    from pamplemousse import __version__

    if os.environ.get("PMP_NO_CACHE"):
        return None
    root = user_cache_dir()
    folder = root / f"jinja-{__version__}-{kind}"
    if not (own_folder(root) and own_folder(folder)):
        return None
    return _quiet_cache_class()(str(folder))


def own_folder(path: Path) -> bool:
    """Make `path` a folder with mode 0700, or accept it when it already is a real folder of this user's
    (its mode narrowed to 0700); False for a link, a file, or a folder owned by another user.
    Where the system has no owners nor modes (Windows: no os.getuid), a real folder is accepted."""
    import os
    import stat

    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    if st.st_uid != getuid():
        return False
    if st.st_mode & 0o077:
        try:
            os.chmod(path, 0o700)
        except OSError:
            return False
    return True


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
