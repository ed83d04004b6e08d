"""A cache of what pmp makes from a mission's files, in the user's cache folder, so that a portfolio opens in a blink.

Loading a mission (reading five YAML files strictly, validating them, running
the rules) is most of the time of `pmp status` or `pmp check` over a portfolio.
What a load gives (read/load.py: its problems, and the checked mission as plain
data), a portfolio's row or a mission's searchable texts (`memo`) are kept here
as JSON: a format that holds data and never runs code, so that a file planted
at an entry's place can at worst be wrong data, which the key rejects.

The folder is `missions-<version>/` in pmp's folder of the user's cache
(paths.user_cache_dir, by platformdirs), made with mode 0700; a folder that is
not a real folder of this user's (owned by someone else, a link) is refused:
pmp then does without a cache, and says nothing. Inside, one folder per mission
folder, named by a hash of its resolved path, holding the path itself (`folder`)
and one file per kind of entry and per options. At most once an hour, the
folders of missions whose folder is gone are removed (their interview notes
with them), and so are the folders of a pmp that kept pickles (before 0.3).

An entry is used only when its key is the key of the files now: a hash of the
bytes of the five files and of pmp itself (its version and its own source
files, so that a changed message or rule is never hidden behind an old entry).
The key is the content, not the files' dates nor sizes: a change made within
the same second, of the same size, is seen at once. An entry that cannot be read
(corrupt, truncated, of another shape) is ignored and replaced. The folder is
safe to delete at any time; PMP_NO_CACHE=1 does without it.

The one exception to "only write/ writes files" (declared beside the layers
contract in pyproject.toml): this module writes its entries itself, because every
command loads missions through read/load.py, below write/. It writes only inside
the user's cache folder, never a user's file, each entry through a temporary file
renamed over the old one (atomic), and a write that fails is simply skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from pamplemousse import __version__

CACHE_FORMAT = 2  # bump when what an entry holds changes shape (2: JSON, one folder per mission)
MAX_HASHED = 64 * 1024 * 1024  # larger files (refused by the loader, whose limit is far lower) are not read to be hashed
PRUNE_EVERY = 3600  # seconds between two prunings of the entries of missions that are gone
_PACKAGE = Path(__file__).resolve().parent.parent
_code_key: str | None = None


_dirs: dict[tuple, Path | None] = {}


def cache_dir() -> Path | None:
    """The folder of the mission cache, or None when PMP_NO_CACHE is set or the folder is not the user's own
    (asked once a mission: made, checked and pruned once a process)."""
    env = os.environ
    said = (env.get("PMP_NO_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"), env.get("LOCALAPPDATA"), __version__)
    if said not in _dirs:
        _dirs[said] = None if said[0] else _made()
    return _dirs[said]


def _made() -> Path | None:
    from pamplemousse.paths import own_folder, user_cache_dir

    root = user_cache_dir()
    where = root / f"missions-{__version__}"
    if not (own_folder(root) and own_folder(where)):
        return None
    _prune(where)
    return where


def _prune(where: Path) -> None:
    """Remove the entries of mission folders that are gone, and the folders of pickles of an older pmp;
    at most once every PRUNE_EVERY seconds (a stamp file's date). Anything that fails is left for next time."""
    import shutil

    stamp = where / ".pruned"
    try:
        if time.time() - os.stat(stamp).st_mtime < PRUNE_EVERY:
            return
    except OSError:
        pass
    try:
        stamp.touch()
        places = list(os.scandir(where))
    except OSError:
        return
    for place in places:
        if not place.is_dir(follow_symlinks=False):
            if place.name.endswith(".pickle"):  # an entry of the format before 0.3, in this very folder
                try:
                    os.unlink(place.path)
                except OSError:
                    pass
            continue
        try:
            folder = Path(place.path, "folder").read_text("utf-8")
        except (OSError, UnicodeError):
            folder = ""
        if not folder or not os.path.isdir(folder):
            shutil.rmtree(place.path, ignore_errors=True)
    for older in where.parent.glob("missions-*"):
        if older != where and older.is_dir() and not older.is_symlink() and next(older.rglob("*.pickle"), None):
            shutil.rmtree(older, ignore_errors=True)


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


def _entry_path(where: Path, kind: str, folder: Path, options: tuple) -> tuple[str, str]:
    """(the mission folder's own place in the cache, the entry's file there): one entry per kind, mission
    folder as given, current folder and options."""
    resolved = _resolved(folder)
    place = os.path.join(where, hashlib.sha256(resolved.encode()).hexdigest()[:32])
    name = hashlib.sha256(repr((str(folder), _cwd(), options)).encode()).hexdigest()[:32]
    return place, os.path.join(place, f"{kind}-{name}.json")


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


def kept(
    kind: str, folder: Path, options: tuple, compute: Callable[[], Any],
    plain: Callable[[Any], tuple[Any, Any]] = lambda value: (value, None), body: bool = True,
) -> tuple[bool, Any]:
    """Something made from the mission in `folder` alone (and `options`), kept until one of its files changes.

    On a miss: (False, compute()), and `plain(value)`, its (head, body) as JSON data, is kept.
    On a hit: (True, (head, body)) as kept; the body (the larger part) is read only when `body` is true,
    else it is None. `kind` names the entry among the mission's (mission, status, search…).
    """
    where = cache_dir()
    if where is None:
        return False, compute()
    place, path = _entry_path(where, kind, folder, options)
    key = [code_key(), files_digest(folder, MISSION_FILES), kind, list(options)]
    found = _read(path, key, body)
    if found is not None:
        return True, found
    value = compute()
    try:
        head, rest = plain(value)
        text = json.dumps([key, head], ensure_ascii=False) + "\n" + json.dumps(rest, ensure_ascii=False) + "\n"
    except (TypeError, ValueError):  # not JSON data: no entry, the command goes on
        return False, value
    _store(place, _resolved(folder), path, text)
    return False, value


def memo(kind: str, folder: Path, options: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, plain JSON data made from the mission in `folder` alone (and `options`), kept like a
    loaded mission: a portfolio's row or a mission's searchable texts, read back in a fraction of the time
    it takes to rebuild the mission they come from (lists come back for tuples)."""
    hit, value = kept(kind, folder, tuple(options), compute)
    return value[0] if hit else value


def _read(path: str, key: list, body: bool) -> tuple[Any, Any] | None:
    """(head, body) of the entry at `path` when it was kept under `key`; None when missing, unreadable or
    not JSON of that shape (an entry of an older pmp, a truncated or planted file)."""
    try:
        with open(path, "rb") as f:
            first = f.readline()
            stored = json.loads(first)
            if not (isinstance(stored, list) and len(stored) == 2 and stored[0] == key):
                return None
            rest = json.loads(f.readline()) if body else None
        return stored[1], rest
    except (OSError, ValueError, RecursionError):  # json's errors are ValueErrors
        return None


def _store(place: str, folder: str, path: str, text: str) -> None:
    """Write `text` through a temporary file renamed over `path`, the mission folder's path beside it
    (for pruning); skipped if anything fails."""
    try:
        os.makedirs(place, mode=0o700, exist_ok=True)
        own = os.path.join(place, "folder")
        if not os.path.exists(own):
            _replace(place, own, folder)
        _replace(place, path, text)
    except OSError:
        return


def _replace(place: str, path: str, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=place, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
