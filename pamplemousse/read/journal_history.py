"""Journal entries that git's last commit has and the file no longer has (pmp check), when git is at hand.

An entry is never deleted from journal.yaml but withdrawn (pmp log --withdraw):
a line deleted by hand comes back at the next union merge with a clone that
still has it. `deleted_entries` compares the journal with its version in the
last commit (`git show HEAD:journal.yaml`) and warns, once per entry line that
is gone (a line changed by hand reads as gone too, unless its `id` is still in
the file). Cheap: nothing runs when git is missing, outside a git repository,
or when journal.yaml has not changed since git last wrote its index (its date
is not after the index's); one git command a mission otherwise. The warning
names the line in the commit and the entry's date or id, never its texts.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

from pamplemousse.errors import Problem

_ID = re.compile(r"\bid: ([A-Za-z0-9][A-Za-z0-9_-]*)\}\s*$")
_DATE = re.compile(r"\bdate: ([0-9]{4}-[0-9]{2}-[0-9]{2})")


@functools.lru_cache(maxsize=64)
def _git_index(folder: Path) -> Path | None:
    """The index file of the git work tree that holds `folder` (a `.git` folder, or a `.git` file of a worktree);
    asked for the missions' parent folder, once for a whole workspace."""
    for parent in (folder, *folder.parents):
        dot = parent / ".git"
        if dot.is_dir():
            return dot / "index"
        if dot.is_file():
            text = dot.read_text("utf-8", "replace").strip()
            if text.startswith("gitdir:"):
                gitdir = Path(text[len("gitdir:"):].strip())
                return (gitdir if gitdir.is_absolute() else parent / gitdir) / "index"
            return None
    return None


def deleted_entries(folder: Path, name: str, lang: str) -> list[Problem]:
    """Warnings for the entry lines (`- …`) of the last commit's journal.yaml that the file no longer holds;
    `name` is the journal as messages show it."""
    journal = folder / "journal.yaml"
    git = shutil.which("git")
    if git is None:
        return []
    try:
        index = (folder / ".git" / "index") if (folder / ".git").is_dir() else _git_index(folder.resolve().parent)
        if index is None or os.stat(journal).st_mtime_ns <= os.stat(index).st_mtime_ns:
            return []
        now = journal.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    try:
        done = subprocess.run([git, "-C", str(folder), "show", "HEAD:./journal.yaml"],
                              capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:  # not committed yet, no commit at all: nothing to compare with
        return []
    from pamplemousse.text.i18n import Formats, message
    from pamplemousse.text.messages import t

    kept = Counter(line.strip() for line in now.splitlines())
    ids = {m.group(1) for line in kept if (m := _ID.search(line))}
    found = []
    for number, line in enumerate(done.stdout.decode("utf-8", "replace").splitlines(), 1):
        entry = line.strip()
        if not entry.startswith("- "):
            continue
        if kept[entry] > 0:
            kept[entry] -= 1
            continue
        own = _ID.search(entry)
        if own is not None and own.group(1) in ids:  # the entry is still there, its line changed
            continue
        if own is not None:
            said = message(lang, "journal_line_deleted_id", line=number, id=own.group(1))
        else:
            day = _DATE.search(entry)
            try:
                when = Formats(lang).date(date.fromisoformat(day.group(1))) if day else "?"
            except ValueError:
                when = day.group(1) if day else "?"
            said = message(lang, "journal_line_deleted", line=number, date=when)
        found.append(Problem(name, 1, 1, said, "warning", t(lang, "warning_tag")))
    return found
