"""Writing pmp's outputs: whole files or nothing, never through a symbolic link.

Every rendered file goes through `write_atomic`: the text is written to a
temporary file in the same folder, flushed to disk, then renamed over the
target in one step, so a reader (or a failed render) never sees half a file and
an earlier output stays intact until the new one is complete.
"""

from __future__ import annotations

import os
from pathlib import Path

from pamplemousse.errors import RefusedWrite, display_path, display_unresolved

_CHANGED: list[Path] = []  # every file this process has written or appended to, in order


def changed_so_far() -> list[Path]:
    """The files this command has changed so far (for the crash message: what may have changed)."""
    return list(dict.fromkeys(_CHANGED))


def forget_changed() -> None:
    """A new command starts (pmp run in-process several times, as the tests do)."""
    _CHANGED.clear()


def note_changed(path: Path) -> None:
    _CHANGED.append(Path(path))


def _refuse_link(path: Path, key: str) -> None:
    """Refuse `path` when it is a symbolic link, with the catalog's message `key` (a folder's, a file's)."""
    if path.is_symlink():
        raise RefusedWrite(key=key, path=display_unresolved(path))


def prepare_out_dir(folder: Path) -> Path:
    """Create the output folder if needed; refuse a symbolic link or a file in its place."""
    _refuse_link(folder, "write_link_folder")
    if folder.exists() and not folder.is_dir():
        raise RefusedWrite(key="write_not_folder", path=display_path(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise RefusedWrite(key="write_mkdir_failed", path=display_path(folder), reason=err.strerror) from None
    return folder


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or the usual one for a new file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> Path:
    """Write `text` (UTF-8, \\n line ends) to `path` in one step; return `path`.

    Refuses (RefusedWrite) when `path` or its folder is a symbolic link. On any
    failure the temporary file is removed and the previous `path` is untouched.
    """
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> Path:
    """Write `data` (a workbook, a PDF…) to `path` in one step, as `write_atomic` does; return `path`."""
    return write_all({Path(path): data})[0]


def _check_target(path: Path) -> None:
    _refuse_link(path.parent, "write_link_folder")
    _refuse_link(path, "write_link_file")
    if path.is_dir():
        raise RefusedWrite(key="write_is_folder", path=display_path(path))


def write_all(files: dict[Path, str | bytes]) -> list[Path]:
    """Write several files as one set: every target checked, then every file written in full
    beside its target (a full disk fails here, before anything is replaced), then each renamed
    over its target. A refusal or a failure leaves every earlier file as it was."""
    import tempfile

    targets = [Path(p) for p in files]
    for path in targets:
        _check_target(path)
    temps: list[str] = []
    try:
        for path, data in zip(targets, files.values()):
            tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed, synced and renamed below
                "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
            )
            temps.append(tmp.name)
            with tmp:
                tmp.write(data.encode("utf-8") if isinstance(data, str) else data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp.name, _mode_for(path))
        for path in targets:
            _check_target(path)  # again, just before: nothing has changed them meanwhile
        for tmp_name, path in list(zip(temps, targets)):
            os.replace(tmp_name, path)
            temps.remove(tmp_name)
            note_changed(path)
    finally:
        for name in temps:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass
    return targets
