"""Append one entry to a mission's journal: the only module that writes journal.yaml.

`append_entry(folder, entry)` checks the entry (its fields, then against the
mission: known ids, a date not before the mission starts) and writes nothing
when anything is wrong. Then, holding an exclusive lock, it appends ONE YAML
list item serialised by PyYAML (so a note holding a newline and "- date:" stays
inside its note), after repairing a missing final newline; it never rewrites
the file and never touches the bytes already there. The file is read back
before the lock is released, and the last entry must be the one meant.

The lock is taken on journal.yaml itself (`fcntl.flock` on the descriptor
opened for appending), not on a sidecar `journal.yaml.lock` nor with the
`filelock` package: no extra file appears in the mission folder (and in
`git status`), no new dependency, and the kernel releases the lock when a
process dies, so a crash never leaves a stale lock behind. Readers take no lock:
they see the file either before or after an append of whole entries.
The file is read back under the lock (not after releasing it, where the next
writer could already have appended). Without fcntl (Windows), a one-byte
region far beyond the end of the same file is locked with `msvcrt.locking`;
that path is not exercised by the tests, which run on Linux.

Messages are in French and name the options of `pmp log` (`--progress 120 : …`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pamplemousse.errors import (
    EXIT_PROBLEMS,
    MissionProblems,
    PmpError,
    RefusedWrite,
    UsageError,
    display_unresolved,
)
from pamplemousse.read.model import JOURNAL_KINDS, STATUSES, JournalEntry, Mission
from pamplemousse.text.messages import did_you_mean
from pamplemousse.text.wording import french, plain

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

JOURNAL = "journal.yaml"
# Words accepted for --status, accents and case aside (see normalise_status).
_STATUS_WORDS = {
    **{s.replace("_", " "): s for s in STATUSES},
    "to do": "todo", "a faire": "todo", "en cours": "in_progress", "fait": "done", "faite": "done",
    "bloque": "blocked", "bloquee": "blocked", "abandonne": "dropped", "abandonnee": "dropped",
    "tenu": "met", "atteint": "met", "manque": "missed", "rate": "missed",
}
# The option of `pmp log` that gives each field of an entry.
_OPTION = {
    "date": "--date", "status": "--status", "progress": "--progress", "note": "--note",
    "indicator": "--indicator", "value": "--value", "committee": "--committee",
    "attendees": "--attendee", "decisions": "--decision", "milestone": "--milestone",
}
_KIND_FIELDS = {
    "recommendation": ("status", "progress", "note"),
    "indicator": ("value", "note"),
    "committee": ("attendees", "decisions", "note"),
    "milestone": ("status", "note"),
}
# How messages name each kind of entry.
_KIND_WORDS = {
    "recommendation": "une préconisation", "indicator": "--indicator", "committee": "--committee",
    "milestone": "--milestone",
}
_ORDER = ("date", *JOURNAL_KINDS, "status", "progress", "value", "attendees", "decisions", "note")
_WINDOWS_LOCK_AT = 1 << 40


class JournalMismatch(PmpError):
    """journal.yaml read back after an append does not end with the entry meant (never expected)."""

    exit_code = EXIT_PROBLEMS


@dataclass(frozen=True)
class Appended:
    """What `append_entry` wrote, for the confirmation line."""

    entry: JournalEntry
    mission: Mission
    path: Path


def _fail(message: str) -> UsageError:
    return UsageError(french(message))


def _status_labels() -> dict[str, str]:
    from pamplemousse.text.i18n import labels

    return labels("fr")["status"]


def normalise_status(word: str) -> str:
    """`in_progress` from in_progress, "en cours", "En Cours", "in-progress"…; other words unchanged."""
    key = plain(word.replace("_", " ").replace("-", " "))
    return _STATUS_WORDS.get(key, word)


# checking the entry ---------------------------------------------------------

def _given(value: Any) -> bool:
    return value not in (None, "", [])


def _check_shape(entry: dict) -> None:
    """One kind, and only the fields that go with it, worded with the options of pmp log."""
    unknown = [k for k in entry if k not in _ORDER]
    if unknown:
        raise _fail(f"champ inconnu dans l'entrée : {unknown[0]}")
    kinds = [k for k in JOURNAL_KINDS if _given(entry.get(k))]
    if not kinds:
        raise _fail(
            "dites sur quoi porte l'entrée : une préconisation (pmp log MISSION R3 --progress 40), "
            "un indicateur (--indicator I2 --value 57), un comité (--committee « COPIL n°2 ») "
            "ou un jalon (--milestone R3.1 --met)"
        )
    if len(kinds) > 1:
        raise _fail(
            f"une entrée porte sur une seule chose : {_KIND_WORDS[kinds[0]]} ou {_KIND_WORDS[kinds[1]]}, pas les deux"
        )
    kind = kinds[0]
    for key in _ORDER:
        if key in ("date", kind) or key not in entry or not _given(entry[key]) or key in _KIND_FIELDS[kind]:
            continue
        allowed = ", ".join(_OPTION[k] for k in _KIND_FIELDS[kind])
        raise _fail(f"{_OPTION[key]} ne va pas avec {_KIND_WORDS[kind]} (possibles : {allowed})")
    if kind == "indicator" and not _given(entry.get("value")):
        raise _fail(f"--indicator {entry['indicator']} : il manque la mesure (--value 57)")
    if kind == "milestone" and entry.get("status") not in ("met", "missed"):
        raise _fail(f"--milestone {entry['milestone']} : dites s'il est tenu (--met) ou manqué (--missed)")
    if kind == "recommendation" and entry.get("status") in ("met", "missed"):
        raise _fail(f"{entry['recommendation']} : --met et --missed vont avec --milestone (un jalon), pas avec une préconisation")
    if kind == "recommendation" and not any(_given(entry.get(k)) for k in _KIND_FIELDS[kind]):
        raise _fail(f"{entry['recommendation']} : rien à enregistrer ; donnez --status, --progress ou --note")
    if "date" not in entry:
        raise _fail("--date manquante")


def _word_validation_error(err: dict) -> str:
    """The first pydantic error of an entry as one line naming the option."""
    field = next((p for p in err["loc"] if isinstance(p, str)), "")
    option = _OPTION.get(field, field)
    value = err.get("input")
    kind = err["type"]
    if field == "milestone":
        return f"--milestone {value} : un jalon se désigne par son id ou par sa préconisation et son rang (R3.1)"
    if field in ("recommendation", "indicator") and kind == "pmp_id":
        return f"{value} : identifiant invalide (lettres, chiffres, « - » et « _ », sans espace)"
    if kind == "pmp_empty" or value == "":
        return f"{option} est vide"
    if field == "date":
        if kind == "pmp_impossible_date":
            return f"--date {value} : cette date n'existe pas"
        return f"--date {value} : date attendue au format AAAA-MM-JJ (par exemple 2026-03-01)"
    if field == "progress":
        return f"--progress {value} : un nombre entier de 0 à 100 est attendu"
    if field == "status":
        words = _status_labels()
        allowed = ", ".join(f"{words[s]} ({s})" for s in STATUSES)
        close = did_you_mean('fr', str(value), list(STATUSES) + [words[s] for s in STATUSES])
        return f"--status {value} : statut inconnu ; valeurs possibles : {allowed}{close}"
    if field == "value":
        return f"--value {value} : nombre attendu (par exemple 57 ou 57,5)"
    return f"{option} : valeur invalide"


def check_entry(entry: dict) -> JournalEntry:
    """The entry as a model, or UsageError with one French line (no mission needed)."""
    from pydantic import ValidationError

    from pamplemousse.read.yamlread import forbidden_char

    if not isinstance(entry, dict):
        raise _fail("une entrée du journal est un dictionnaire de champs")
    entry = dict(entry)
    if isinstance(entry.get("status"), str):
        entry["status"] = normalise_status(entry["status"])
    _check_shape(entry)
    for key in ("note", "committee", "attendees", "decisions"):
        for text in entry.get(key) if isinstance(entry.get(key), list) else [entry.get(key)]:
            bad = forbidden_char(text) if isinstance(text, str) else None
            if bad:
                raise _fail(f"{_OPTION[key]} : caractère interdit ({bad}) ; supprimez-le")
    try:
        checked = JournalEntry.model_validate({k: v for k, v in entry.items() if _given(v)})
    except ValidationError as err:
        raise _fail(_word_validation_error(err.errors(include_url=False)[0])) from None
    if checked.status == "done" and checked.progress not in (None, 100):
        raise _fail(f"--progress {checked.progress} ne va pas avec --status done : une préconisation faite est à 100 %")
    return checked


def check_against_mission(e: JournalEntry, mission: Mission) -> None:
    """Known ids, and a date not before the mission starts."""
    from pamplemousse.plan.state import mission_start
    from pamplemousse.text.i18n import Formats

    if e.recommendation is not None:
        known = [r.id for r in mission.recommendations]
        if e.recommendation not in known:
            raise _fail(f"{e.recommendation} : aucune préconisation de ce nom{did_you_mean('fr', e.recommendation, known)}")
    if e.indicator is not None:
        known = [i.id for _, i in mission.indicators()]
        if e.indicator not in known:
            raise _fail(f"{e.indicator} : aucun indicateur de ce nom{did_you_mean('fr', e.indicator, known)}")
    if e.milestone is not None:
        known = [ref for ref, _, _ in mission.milestones()]
        if e.milestone not in known:
            listed = ", ".join(known[:8]) + (" …" if len(known) > 8 else "") if known else "aucun jalon dans le plan"
            close = did_you_mean("fr", e.milestone, known) or f" ; jalons : {listed}"
            raise _fail(f"--milestone {e.milestone} : aucun jalon de ce nom{close}")
    start = mission_start(mission)
    if start is not None and e.date < start:
        fmt = Formats("fr")
        raise _fail(f"--date {e.date.isoformat()} : avant le début de la mission ({fmt.date(start)})")


# writing --------------------------------------------------------------------

def _as_yaml_data(e: JournalEntry) -> dict:
    """The entry as it will be written: its own fields in a fixed order; whole numbers without '.0'."""
    data: dict[str, Any] = {}
    for key in _ORDER:
        value = getattr(e, key)
        if not _given(value):
            continue
        if key == "value" and float(value).is_integer():
            value = int(value)
        data[key] = list(value) if isinstance(value, list) else value
    return data


def item_text(e: JournalEntry, indent: int = 0) -> str:
    """One YAML list item, serialised by the library (dates written as ISO dates, 2026-11-26)."""
    import yaml

    text = yaml.safe_dump(
        [_as_yaml_data(e)], allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    if indent:
        text = "".join(" " * indent + line for line in text.splitlines(keepends=True))
    return text


@contextmanager
def _exclusive(fd: int):
    """Hold an exclusive lock on the open journal until the block ends."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
        return
    import msvcrt  # pragma: no cover - Windows

    os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)  # appends still go to the end
    try:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for about 10 s, then OSError
    except OSError:
        raise _fail("journal.yaml est occupé par une autre commande ; réessayez dans un instant") from None
    try:
        yield
    finally:
        os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _open_for_append(path: Path) -> int:
    if path.is_symlink():
        raise RefusedWrite(french(f"{display_unresolved(path)} est un lien symbolique : pmp n'y écrit pas"))
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags)
    except OSError as err:
        raise _fail(
            f"{display_unresolved(path)} : impossible de l'ouvrir pour y ajouter une entrée ({err.strerror})"
        ) from None


def _read_journal(path: Path, lang: str):
    """(entries as read, root node) of the journal, or MissionProblems."""
    from pamplemousse.read.yamlread import read_yaml

    doc, problems = read_yaml(path, display_unresolved(path), lang, expect=list)
    if doc is None or problems:
        raise MissionProblems(problems)
    return doc.data, doc.root


def _addition(current: bytes, text: str) -> bytes:
    """The bytes to append: a repaired final newline, then the item, in the file's line endings."""
    crlf = current.split(b"\n", 1)[0].endswith(b"\r") and b"\n" in current
    newline = b"\r\n" if crlf else b"\n"
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if current and not current.endswith(b"\n"):
        data = newline + data
    return data


def _parses_as(text: str, old: list, meant: dict) -> bool:
    """Does `text` read as the old entries, unchanged, plus the one meant?"""
    import yaml

    try:
        from yaml import CBaseLoader as Loader
    except ImportError:  # pragma: no cover
        from yaml import BaseLoader as Loader  # type: ignore[assignment]
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(data, list) or len(data) != len(old) + 1 or data[:-1] != old:
        return False
    return _same(data[-1], meant)


def _same(read: Any, meant: dict) -> bool:
    try:
        return JournalEntry.model_validate(read).model_dump() == meant
    except Exception:
        return False


def _append(path: Path, e: JournalEntry, lang: str, max_bytes: int) -> None:
    meant = e.model_dump()
    fd = _open_for_append(path)
    try:
        with _exclusive(fd):
            current = path.read_bytes()
            old, root = _read_journal(path, lang)
            if root is not None and root.flow_style:
                raise _fail(
                    f"{display_unresolved(path)} : la liste est écrite entre crochets ([ ]) ; pmp log ne peut "
                    "qu'ajouter des lignes « - date: … » à la fin : remplacez « [] » par un commentaire"
                )
            indent = root.start_mark.column if root is not None else 0
            addition = _addition(current, item_text(e, indent))
            if len(current) + len(addition) > max_bytes:
                raise _fail(f"{display_unresolved(path)} dépasserait la taille que pmp lit ({max_bytes} octets)")
            text = (current + addition).decode("utf-8-sig")
            if not _parses_as(text, old, meant):
                raise _fail(
                    f"{display_unresolved(path)} : la fin du fichier ne permet pas d'y ajouter une entrée "
                    "sans changer les précédentes ; vérifiez-la (pmp check)"
                )
            written = 0
            while written < len(addition):
                written += os.write(fd, addition[written:])
            os.fsync(fd)
            after, _ = _read_journal(path, lang)
            if len(after) != len(old) + 1 or not _same(after[-1], meant):
                raise JournalMismatch(french(
                    f"{display_unresolved(path)} : l'entrée relue après l'ajout n'est pas celle voulue ; "
                    "vérifiez la fin du fichier (pmp check)"
                ))
    finally:
        os.close(fd)


def append_entry(mission_folder: Path, entry: dict) -> Appended:
    """Check `entry` against the mission in `mission_folder`, then append it to its journal.

    `entry` holds the fields of a journal entry (`date`, `recommendation`,
    `status`…); `status` may also be a French label. Raises UsageError (exit 2)
    for a bad entry, MissionProblems (exit 1) when the mission has errors; in
    both cases nothing is written.
    """
    from pamplemousse.read.load import load_or_fail
    from pamplemousse.read.yamlread import MAX_BYTES

    e = check_entry(entry)
    mission = load_or_fail(Path(mission_folder))
    check_against_mission(e, mission)
    path = Path(mission_folder) / JOURNAL
    _append(path, e, mission.language, MAX_BYTES)
    return Appended(e, mission, path)


def describe(done: Appended) -> str:
    """One French line saying what was recorded."""
    from pamplemousse.text.i18n import Formats

    fmt = Formats("fr")
    e = done.entry
    if e.recommendation is not None:
        parts = []
        if e.status is not None:
            parts.append(_status_labels()[e.status])
        if e.status == "done":
            parts.append(fmt.quantity(100, "%"))
        elif e.progress is not None:
            parts.append(fmt.quantity(e.progress, "%"))
        if e.note is not None:
            parts.append("avec une note" if parts else "une note")
        what = f"{e.recommendation} — {', '.join(parts)}"
    elif e.indicator is not None:
        unit = next((i.unit for _, i in done.mission.indicators() if i.id == e.indicator), None)
        what = f"{e.indicator} = {fmt.quantity(e.value, unit)}" + (", avec une note" if e.note else "")
    elif e.milestone is not None:
        title = next((m.title for ref, _, m in done.mission.milestones() if ref == e.milestone), "")
        word = "tenu" if e.status == "met" else "manqué"
        what = f"jalon {e.milestone} « {title} » {word}" + (", avec une note" if e.note else "")
    else:
        what = f"comité « {e.committee} »"
        counts = []
        if e.decisions:
            counts.append(fmt.plural({"one": "{n} décision", "other": "{n} décisions"}, len(e.decisions)))
        if e.attendees:
            counts.append(fmt.plural({"one": "{n} participant·e", "other": "{n} participant·es"}, len(e.attendees)))
        if counts:
            what += ", " + ", ".join(counts)
    return french(f"Ajouté à {display_unresolved(done.path)} ({fmt.date(e.date)}) : {what}.")
