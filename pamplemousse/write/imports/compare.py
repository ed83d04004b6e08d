"""What a file sent back changes, compared with the journal (`pmp import`).

Which changes count. The sheet was made from the state on its date (cell C2 of
the plan sheet, `as_of` in the form's file). A field of a recommendation —
status, progress, last note — is a change when the file's value differs from
the state on the file's date (the client changed it) AND from the state on the
import date (the journal does not say so already). The second test makes an
import idempotent: once imported, the same file adds nothing. A field the client
left as it was is never imported, even if the journal has moved on since the
file's date; nor is a note that reads as the journal's once names are replaced
as in a client's document. Measures and milestones (Extras) were compared with
the journal by their readers.

Which date the entries take: the import date (today unless the CLI passes
another), not the sheet's date. The client reports what is true when they send
the sheet back, possibly days after its date; dating the entries on the sheet's
date would slip them under entries logged since, and the state on that earlier
date would claim what was not yet true. The table shows the sheet's date and the
entries' date."""

from __future__ import annotations

from datetime import date

from pamplemousse.plan.state import RecState, state_on
from pamplemousse.read.model import Mission
from pamplemousse.write.imports.results import Change, Row, SheetImport

FIELDS = ("status", "progress", "note")


def _value(s: RecState, field: str):
    return {"status": s.status, "progress": s.progress, "note": (s.last_note or "").strip() or None}[field]


def _notes_as_shown(mission: Mission, day: date) -> dict[str, set[str]]:
    """Each recommendation's last note on `day` as the documents of every audience show it.

    A workbook made for the client shows notes with the names of people who did
    not consent replaced by their role (privacy.redact): such a note, sent back
    untouched, is not a change.
    """
    from pamplemousse.plan.privacy import AUDIENCES, redact

    shown: dict[str, set[str]] = {}
    for audience in AUDIENCES:
        for s in state_on(redact(mission, audience, mission.language), day).recs:
            if s.last_note:
                shown.setdefault(s.rec.id, set()).add(s.last_note.strip())
    return shown


def compare(mission: Mission, sheet_date: date, rows: list[Row], entry_date: date, extras=(),
            source: str = "sheet", ignored=()) -> SheetImport:
    """What the sheet changes, and the journal entries (dated `entry_date`) that record it."""
    day = max(entry_date, sheet_date)
    then, now = state_on(mission, sheet_date), state_on(mission, day)
    notes_then, notes_now = _notes_as_shown(mission, sheet_date), _notes_as_shown(mission, day)
    changes, entries, ignored = [], [], list(ignored)
    for row in rows:
        before, current = then.rec(row.rec_id), now.rec(row.rec_id)
        if row.beside_done and row.beside_done[1] != _value(before, "progress"):  # typed, not left as it was
            ignored.append(row.beside_done[0])
        entry: dict = {}
        for field in FIELDS:
            wanted = getattr(row, field)
            if wanted is None or wanted == _value(before, field) or wanted == _value(current, field):
                continue
            if field == "note" and wanted in notes_then.get(row.rec_id, set()) | notes_now.get(row.rec_id, set()):
                continue
            if field == "progress" and (row.status or current.status) == "done":
                continue
            entry[field] = wanted
            changes.append(Change(row.rec_id, field, _value(before, field), wanted))
        if entry:
            entries.append({"date": entry_date, "recommendation": row.rec_id, **entry})
    for extra in extras:
        changes.append(Change(extra.ref, extra.field, extra.before, extra.after))
        entries.append({k: v for k, v in extra.entry.items() if v is not None})
    return SheetImport(sheet_date, entry_date, tuple(changes), tuple(entries), tuple(rows), tuple(extras), source,
                       tuple(ignored))
