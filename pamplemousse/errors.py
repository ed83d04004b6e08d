"""Problems found in missions (values) and pmp's own errors (one exception root).

A `Problem` is what `pmp check` prints: a file, a line, a column and a message in
plain words. Problems are collected, never raised. `PmpError` and its children are
raised for things that stop a command; the CLI maps them to exit codes:

    0 success · 1 problems found in the missions · 2 bad usage or unreadable input
    3 refused write
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_REFUSED_WRITE = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in a mission file."""

    file: str
    line: int
    column: int
    message: str
    severity: str = field(default="error", compare=False)  # "error" | "warning"
    tag: str = field(default="", compare=False)  # a warning's word before its message, in the reader's language

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.tag}{self.message}"

    def as_row(self) -> list:
        """[file, line, column, message, severity, tag]: as the cache keeps it (`Problem.from_row` reads it back)."""
        return [self.file, self.line, self.column, self.message, self.severity, self.tag]

    @classmethod
    def from_row(cls, row: list) -> Problem:
        file, line, column, message, severity, *tag = row
        return cls(file, line, column, message, severity, *tag)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))


class PmpError(Exception):
    """Root of pmp's own errors; `exit_code` says how the CLI ends.

    Raised with a `key` of the catalog's `errors` section and its values (a fact,
    not a sentence), the CLI words it in the reader's language: the mission's, or
    `lang` when the raiser knows better. A plain message is shown as it is.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str = "", *, key: str | None = None, lang: str | None = None, **params: object):
        super().__init__(message or key or "")
        self.key, self.lang, self.params = key, lang, params


class UsageError(PmpError):
    """Bad arguments or unreadable input (exit 2)."""

    exit_code = EXIT_USAGE


class MissionProblems(PmpError):
    """The mission has errors; carries them so the CLI can print them (exit 1)."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class RefusedWrite(PmpError):
    """A write that pmp refuses to make (exit 3): symlink, existing folder, outside out/."""

    exit_code = EXIT_REFUSED_WRITE


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def display_unresolved(path: Path) -> str:
    """`path` as display_path shows it, its last part not resolved: a symbolic link by its own name."""
    return str(Path(display_path(path.parent)) / path.name)
