"""Append whole entries to journal.yaml under a lock, all or nothing.

`JournalLock(path, lang)` opens journal.yaml for appending (never through a
symbolic link) and takes an exclusive lock on it, waiting at most
PMP_LOCK_TIMEOUT seconds (15 by default) and then naming the process that holds
it. Inside, `raw()` reads the file's bytes (bounded, a regular file only) and
`append(raw, root, old, text, meant)` adds the YAML items `text`:

- the bytes to add are computed from the file as read (a missing final newline
  repaired, its line endings kept), and checked before anything is written: the
  last entry already there followed by the new ones must read back as that entry
  plus the ones meant (only this tail is parsed again, not the whole file);
- the bytes are written, synced, then read back from where they were added;
- on ANY failure after the first byte (a full disk, a short write, an
  interruption, bytes that read back differently) the file is truncated back to
  its size before, so it is byte-identical to what it was; the message says so,
  or says plainly that it could not be put back.

The lock is a lock file of the journal's own, in pmp's cache folder
(`locks/` there, named by the journal's real path), held through the maintained
`filelock` package: `flock` on Linux and macOS, `LockFileEx` on Windows, so the
system releases it when a process dies, and no file appears in the mission
folder. Its holder writes its process number and program name into the lock
file (after its first byte, which Windows keeps locked), so that a command that
waited PMP_LOCK_TIMEOUT seconds can say who holds it. Readers take no lock: they
see the file either before or after an append of whole entries.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from pamplemousse.errors import EXIT_PROBLEMS, RefusedWrite, UsageError, display_unresolved
from pamplemousse.text.i18n import message


class AppendFailed(RefusedWrite):
    """The append could not be made; the file was put back (or the message says it could not be)."""


class JournalMismatch(AppendFailed):
    """The bytes read back after an append are not those written (never expected)."""

    exit_code = EXIT_PROBLEMS


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("PMP_LOCK_TIMEOUT", "15")))
    except ValueError:
        return 15.0


def lock_file(journal: Path) -> Path:
    """The lock file of `journal`: in pmp's cache folder, named by the journal's real path, so that every
    command that appends to it, whichever way it names it, takes the same lock."""
    from pamplemousse.paths import user_cache_dir

    real = os.path.normcase(os.path.realpath(journal))
    return user_cache_dir() / "locks" / f"{hashlib.sha256(real.encode('utf-8')).hexdigest()[:32]}.lock"


def _write_holder(fd: int) -> None:
    """Into the lock file just locked (`fd`): a newline, then this process's number and program name.
    Only what a waiting command may say: a lock file that cannot be written to still locks."""
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] not in ("", "-c", "-m") else ""
    program = (program or Path(sys.executable).name).removesuffix(".exe")
    try:
        with open(fd, "wb", buffering=0, closefd=False) as f:
            f.seek(0)
            f.truncate()
            f.write(f"\n{os.getpid()} {program}\n".encode())
    except OSError:
        pass


def _holder(lock: Path, lang: str) -> str:
    """" (processus 1234, pmp)" for the process that holds `lock`, as it wrote itself there; or ""."""
    try:
        with open(lock, "rb") as f:
            f.seek(1)  # the first byte stays locked on Windows
            pid, _, program = f.read(4096).decode("utf-8", "replace").strip().partition(" ")
    except OSError:
        return ""
    return message(lang, "lock_holder", pid=pid, name=program or "?") if pid.isdigit() else ""


class JournalLock:
    """journal.yaml opened for appending and locked exclusively for the length of a `with` block."""

    def __init__(self, path: Path, lang: str):
        self.path = Path(path)
        self.lang = lang
        self.name = display_unresolved(self.path)
        self.fd = -1
        self.lock: Any = None  # the filelock.FileLock held inside the `with` block

    def _say(self, key: str, **kw) -> str:
        return message(self.lang, key, file=self.name, **kw)

    def __enter__(self) -> JournalLock:
        if self.path.is_symlink():
            raise RefusedWrite(self._say("append_link"))
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            self.fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0))
        except OSError as err:
            raise UsageError(self._say("append_open", reason=err.strerror)) from None
        try:
            self._lock()
        except BaseException:
            os.close(self.fd)
            raise
        return self

    def _lock(self) -> None:
        from filelock import FileLock, Timeout

        path = lock_file(self.path)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            try:
                self.lock = FileLock(path, mode=0o600, on_acquired=_write_holder)
            except ValueError:  # filelock's soft lock (a system without flock) writes the file itself
                self.lock = FileLock(path, mode=0o600)
            self.lock.acquire(timeout=lock_timeout())
        except Timeout:
            seconds = f"{lock_timeout():g}"
            raise UsageError(self._say("lock_timeout", holder=_holder(path, self.lang), seconds=seconds)) from None
        except OSError as err:
            raise UsageError(self._say("append_open", reason=err.strerror or type(err).__name__)) from None

    def __exit__(self, *exc) -> None:
        try:
            self.lock.release()
        finally:
            os.close(self.fd)

    def raw(self, max_bytes: int) -> bytes:
        """The journal's bytes as they are now (under the lock), from the very file locked."""
        from pamplemousse.read.yamlread import read_bounded

        data = read_bounded(self.path, max_bytes)
        st, locked = os.stat(self.path, follow_symlinks=False), os.fstat(self.fd)
        if (st.st_dev, st.st_ino) != (locked.st_dev, locked.st_ino):  # replaced between open and read
            raise UsageError(self._say("append_tail"))
        return data

    def append(self, raw: bytes, root: Any, old: list, text: str, meant: list[dict], max_bytes: int) -> None:
        """Add the YAML items `text` (the entries `meant`, as model dumps) after `raw`, all or nothing."""
        if root is not None and root.flow_style:
            raise UsageError(self._say("append_flow"))
        addition = _addition(raw, text)
        if len(raw) + len(addition) > max_bytes:
            raise UsageError(self._say("append_too_big", limit=max_bytes))
        current = raw.decode("utf-8-sig")
        start = _tail_start(current, root)
        tail = current[start:] + addition.decode("utf-8")
        if not _tail_reads_as(tail, old[-1:] if start else old, meant):
            raise UsageError(self._say("append_tail"))
        self._write(len(raw), addition)

    def _write(self, size: int, addition: bytes) -> None:
        try:
            written = 0
            while written < len(addition):
                n = os.write(self.fd, addition[written:])
                if n <= 0:
                    raise OSError(28, os.strerror(28))
                written += n
            os.fsync(self.fd)
            if os.fstat(self.fd).st_size != size + len(addition) or _read_at(self.path, size) != addition:
                raise JournalMismatch(self._say("append_mismatch"))
            from pamplemousse.write.files import note_changed

            note_changed(self.path)
        except BaseException as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
            try:
                os.ftruncate(self.fd, size)
                os.fsync(self.fd)
            except OSError:
                raise AppendFailed(self._say("append_failed_dirty", reason=reason)) from None
            if isinstance(err, (JournalMismatch, KeyboardInterrupt)):
                raise
            if isinstance(err, Exception):
                raise AppendFailed(self._say("append_failed", reason=reason)) from None
            raise


def _read_at(path: Path, offset: int) -> bytes:
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read()


def _addition(current: bytes, text: str) -> bytes:
    """The bytes to append: a repaired final newline, then the items, in the file's line endings."""
    crlf = current.split(b"\n", 1)[0].endswith(b"\r") and b"\n" in current
    newline = b"\r\n" if crlf else b"\n"
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if current and not current.endswith(b"\n"):
        data = newline + data
    return data


def _tail_start(text: str, root: Any) -> int:
    """Where the last entry's line begins (its « - »), or 0 (the whole text) when unsure."""
    if root is None or not root.value:
        return 0
    i = root.value[-1].start_mark.index
    while i > 0 and text[i - 1] in " \t\r\n":
        i -= 1
    if i == 0 or text[i - 1] != "-":
        return 0
    return text.rfind("\n", 0, i - 1) + 1


def _tail_reads_as(tail: str, last: list, meant: list[dict]) -> bool:
    """Does `tail` read as the last entry there (unchanged) followed by the entries meant?"""
    import yaml

    from pamplemousse.read.model import JournalEntry

    try:
        from yaml import CBaseLoader as Loader
    except ImportError:  # pragma: no cover
        from yaml import BaseLoader as Loader  # type: ignore[assignment]
    try:
        data = yaml.load(tail, Loader=Loader)
        if not isinstance(data, list) or len(data) != len(last) + len(meant) or data[: len(last)] != last:
            return False
        return [JournalEntry.model_validate(d).model_dump() for d in data[len(last):]] == meant
    except Exception:
        return False
