"""What changed in the report's window (plan/changes.py), in words: the section the pilotage opens with
(--since, --since-last-committee); and a steering committee as every view shows it."""

from __future__ import annotations

from typing import Any

from pamplemousse.plan.changes import PassedDeadline
from pamplemousse.plan.report import Report
from pamplemousse.plan.state import MET, MISSED
from pamplemousse.read.model import JournalEntry
from pamplemousse.views.common import Writer
from pamplemousse.views.records import Labels


def _outcome(d: PassedDeadline, L: Labels, status: Labels, w: Writer) -> str:
    """What became of a deadline of the window: a milestone's own state, or its recommendation's status."""
    ms = d.milestone
    said: str
    if ms is None:
        said = L["changes_kept"] if d.met else L["changes_missed"].format(status=status[d.status])
    elif ms.state in (MET, MISSED):
        said = L[f"changes_milestone_{ms.state}"].format(date=w.fmt.date(ms.on))
    else:
        said = L["changes_milestone_late"]
    return said


def committee(entry: JournalEntry, w: Writer) -> dict[str, Any]:
    return {
        "title": entry.committee,
        "date": w.date(entry.date),
        "attendees": list(entry.attendees),
        "decisions": list(entry.decisions),
        "note": entry.note,
    }


def changes(report: Report, w: Writer) -> dict[str, Any]:
    """What changed in the report's window (plan.changes_between), the section the document opens with."""
    ch, window = report.changes, report.window
    assert ch is not None and window is not None
    L = w.labels["pilotage"]
    if window.committee is not None:
        title = L["changes_since_committee"].format(committee=window.committee.committee, date=w.fmt.date(ch.since))
    else:
        title = L["changes_since"].format(date=w.fmt.date(ch.since))
    status = w.labels["status"]
    return {
        "title": title,
        "since": w.date(ch.since),
        "until": w.date(ch.until),
        "period": L["changes_period"].format(since=w.fmt.date(ch.since), until=w.fmt.date(ch.until)),
        "committee": window.committee.committee if window.committee is not None else None,
        "empty": ch.empty,
        "statuses": [
            {"rec_id": c.rec.id, "rec_title": c.rec.title, "before": c.before, "after": c.after,
             "before_label": status[c.before], "after_label": status[c.after]}
            for c in ch.statuses
        ],
        "progress": [
            {"rec_id": p.rec.id, "rec_title": p.rec.title, "before": w.progress(p.before), "after": w.progress(p.after),
             "gained": p.gained,
             "gained_label": w.fmt.plural(L["changes_points"], abs(p.gained), sign="+" if p.gained >= 0 else "−")}
            for p in ch.progress
        ],
        "measures": [
            {"indicator_id": n.indicator.id, "name": n.indicator.name, "rec_id": n.rec.id,
             "unit": n.indicator.unit, "raw": n.measure.value,
             "previous_raw": n.previous.value if n.previous else None,
             "value": w.fmt.quantity(n.measure.value, n.indicator.unit), "date": w.date(n.measure.date),
             "previous": w.fmt.quantity(n.previous.value, n.indicator.unit) if n.previous else None,
             "previous_date": w.date(n.previous.date) if n.previous else None, "note": n.measure.note}
            for n in ch.measures
        ],
        "deadlines": [
            {"date": w.date(d.deadline.date), "rec_id": d.deadline.rec.id, "rec_title": d.deadline.rec.title,
             "is_milestone": d.deadline.milestone is not None,
             "what": d.deadline.milestone.title if d.deadline.milestone else L["due_of_rec"],
             "met": d.met, "status": d.status, "status_label": status[d.status], "outcome": _outcome(d, L, status, w),
             "milestone_state": d.milestone.state if d.milestone else None,
             "milestone_ref": d.milestone.ref if d.milestone else None}
            for d in ch.deadlines
        ],
        "committees": [committee(c, w) for c in ch.committees],
        "withdrawals": [_withdrawal(x, e, w) for x, e in ch.withdrawals],
    }


def _withdrawal(withdrawal: JournalEntry, entry: JournalEntry, w: Writer) -> dict[str, Any]:
    """A withdrawal of the window: the entry withdrawn, in a few words, and why (the withdrawal's note)."""
    L = w.labels["pilotage"]
    kind = entry.kind
    ref = getattr(entry, kind) if kind != "time" else entry.phase
    value = w.fmt.quantity(entry.value, None) if entry.value is not None else ""
    days = w.fmt.plural(w.labels["rapport"]["days"], entry.time) if entry.time is not None else ""
    what = L["withdrawn_kind"][kind].format(ref=ref, value=value, days=days)
    line = L["changes_withdrawn"].format(what=what, entry_date=w.fmt.date(entry.date), id=entry.id,
                                         date=w.fmt.date(withdrawal.date))
    if withdrawal.note:
        line = L["changes_withdrawn_because"].format(line=line, note=withdrawal.note)
    return {"date": w.date(withdrawal.date), "id": entry.id, "entry_date": w.date(entry.date), "kind": kind,
            "line": line, "note": withdrawal.note}
