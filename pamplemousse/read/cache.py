"""A cache of loaded missions, in the user's cache folder, so that a portfolio opens in a blink.

Loading a mission (reading five YAML files strictly, validating them, running
the rules) is most of the time of `pmp status` or `pmp check` over a portfolio.
The result of a load (the checked `Mission`, or None, and its problems) is kept,
pickled, in `$XDG_CACHE_HOME/pamplemousse/missions-<version>/` (else
`~/.cache/pamplemousse/...`, like paths.template_cache), one file per mission
folder.

An entry is used only when its key is the key of the files now: a hash of the
bytes of the five files and of pmp itself (its version and its own source
files, so that a changed message or rule is never hidden behind an old entry).
The key is the content, not the files' dates nor sizes: a change made within
the same second, of the same size, is seen at once. An entry that cannot be read
(corrupt, truncated, from another Python or pmp) is ignored and replaced. The
folder is safe to delete at any time; PMP_NO_CACHE=1 does without it.

The one exception to "only write/ writes files" (declared beside the layers
contract in pyproject.toml): this module writes its entries itself, because every
command loads missions through read/load.py, below write/. It writes only inside
the user's cache folder, never a user's file, each entry through a temporary file
renamed over the old one (atomic), and a write that fails is simply skipped.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable

from pamplemousse import __version__

CACHE_FORMAT = 1  # bump when what an entry holds changes shape
MAX_HASHED = 64 * 1024 * 1024  # larger files (refused by the loader, whose limit is far lower) are not read to be hashed
_PACKAGE = Path(__file__).resolve().parent.parent
_code_key: str | None = None


_dirs: dict[tuple, Path | None] = {}


def cache_dir() -> Path | None:
    """The folder of the mission cache, or None when PMP_NO_CACHE is set (asked once a mission: made once)."""
    env = os.environ
    said = (env.get("PMP_NO_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"), __version__)
    if said not in _dirs:
        base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        _dirs[said] = None if said[0] else base / "pamplemousse" / f"missions-{__version__}"
    return _dirs[said]


def code_key() -> str:
    """pmp's version and its own source files (path, size, modification time), hashed once per process."""
    global _code_key
    if _code_key is None:
        h = hashlib.sha256(f"pmp {__version__} format {CACHE_FORMAT}".encode())
        for path in sorted(_PACKAGE.rglob("*")):
            if path.suffix in (".py", ".yaml"):
                st = path.stat()
                h.update(f"{path.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        _code_key = h.hexdigest()
    return _code_key


def files_digest(folder: Path, names) -> str:
    """A hash of the bytes of the mission's files (a missing or unreadable file counts as such).

    Each file is opened once (without blocking: a FIFO is never waited on) and read
    whole only when it is a regular file of a sensible size; plain os calls, as
    this runs for every mission of a portfolio on every command."""
    import stat

    h = hashlib.sha256()
    base = os.fspath(folder)
    for name in names:
        try:
            fd = os.open(os.path.join(base, name), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as err:
            h.update(f"{name}:unreadable:{type(err).__name__}\n".encode())
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_HASHED:  # a FIFO, /dev/zero, a huge file:
                h.update(f"{name}:not-read:{st.st_mode}:{st.st_size}:{st.st_mtime_ns}\n".encode())
                continue  # never read here; the loader refuses it with its own message
            data = os.read(fd, st.st_size + 1)
            if len(data) > st.st_size:  # a file that grew since fstat: read to its end
                chunks = [data]
                while chunks[-1]:
                    chunks.append(os.read(fd, 1 << 20))
                data = b"".join(chunks)
        except OSError as err:
            h.update(f"{name}:unreadable:{type(err).__name__}\n".encode())
            continue
        finally:
            os.close(fd)
        h.update(f"{name}:{len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


MISSION_FILES = ("mission.yaml", "vision.yaml", "questions.yaml", "recommendations.yaml", "journal.yaml")  # model.FILES


def _entry_path(where: Path, folder: Path, options: tuple) -> str:
    """One entry per mission folder (as given and resolved), current folder and load options."""
    place = repr((str(folder), _resolved(folder), _cwd(), options))
    return os.path.join(where, hashlib.sha256(place.encode()).hexdigest()[:32] + ".pickle")


_real_parents: dict[str, str] = {}


def _resolved(folder: Path) -> str:
    """str(folder.resolve()), its parent resolved once for the many missions of a workspace."""
    if ".." in Path(folder).parts:  # abspath would drop it before a link is followed
        return str(Path(folder).resolve())
    path = os.path.abspath(folder)
    parent, name = os.path.split(path)
    if not name or os.path.islink(path):
        return str(Path(path).resolve())
    if parent not in _real_parents:
        _real_parents[parent] = str(Path(parent).resolve())
    return os.path.join(_real_parents[parent], name)


def _cwd() -> str:
    return os.getcwd()


def _through(path: str, key: tuple, compute: Callable[[], Any]) -> tuple[bool, Any]:
    """(True, the value kept at `path`) when it was kept under `key`; else (False, compute()), kept for next time."""
    try:
        with open(path, "rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:
            return True, value
    except Exception:  # missing, corrupt, truncated, from another Python: not a hit, that is all
        pass
    value = compute()
    _store(path, (key, value))
    return False, value


def cached(folder: Path, options: tuple, load: Callable[[], tuple], only_problems: bool = False) -> Any:
    """`load()`'s result (mission, problems) for the mission in `folder`, from the cache when its files have not changed.

    `options` are what else the result depends on (language, size limit); the
    problems' file names depend on the current folder, which is part of the entry's place.
    The mission is kept pickled inside the entry: `only_problems` gives the problems
    alone, without the cost of rebuilding the mission's objects.
    """
    where = cache_dir()
    if where is None:
        mission, problems = load()
        return problems if only_problems else (mission, problems)

    def kept() -> tuple[bytes | None, list]:
        mission, problems = load()
        return (None if mission is None else pickle.dumps(mission, protocol=pickle.HIGHEST_PROTOCOL)), problems

    key = (code_key(), files_digest(folder, MISSION_FILES))
    _, (blob, problems) = _through(_entry_path(where, folder, options), key, kept)
    if only_problems:
        return problems
    return (None if blob is None else pickle.loads(blob)), problems


def mission_problems(folder: Path) -> list:
    """The problems of the mission in `folder` (pmp check), from the cache without rebuilding the mission.

    Light: on a hit, neither the models nor pydantic are imported.
    """
    from pamplemousse.read.workspace import language_of

    def load():
        from pamplemousse.read.load import load_mission

        return load_mission(folder, cache=False)

    return cached(folder, (language_of(folder), None), load, only_problems=True)


def memo(kind: str, folder: Path, options: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, something made from the mission in `folder` alone (and `options`), kept like a loaded mission.

    A portfolio's row or a mission's searchable texts: plain data, read back in
    a fraction of the time it takes to rebuild the mission they come from.
    """
    where = cache_dir()
    if where is None:
        return compute()
    key = (code_key(), files_digest(folder, MISSION_FILES), options)
    return _through(_entry_path(where / kind, folder, options), key, compute)[1]


def _store(path: str, entry: tuple) -> None:
    """Write `entry` through a temporary file renamed over `path`; skipped if anything fails."""
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # unpicklable value, full disk: no entry, the command goes on
        try:
            os.unlink(tmp)
        except OSError:
            pass
