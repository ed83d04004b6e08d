"""What changed in a mission's plan between two dates (pmp status --since, render --since)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pamplemousse.plan.state import (
    MET,
    STALE_WEEKS,
    Deadline,
    Measure,
    MilestoneState,
    PlanState,
    entries_until,
    fold_recommendation,
    state_on,
)
from pamplemousse.read.model import Indicator, JournalEntry, Mission, Recommendation


@dataclass(frozen=True)
class StatusChange:
    rec: Recommendation
    before: str
    after: str


@dataclass(frozen=True)
class ProgressChange:
    rec: Recommendation
    before: int
    after: int

    @property
    def gained(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class NewMeasure:
    rec: Recommendation
    indicator: Indicator
    measure: Measure
    previous: Measure | None  # the measure before it, if any (in or before the window)


@dataclass(frozen=True)
class PassedDeadline:
    deadline: Deadline
    status: str  # the recommendation's status on the deadline's own day
    milestone: MilestoneState | None = None  # a milestone's own state on the window's last day

    @property
    def met(self) -> bool:
        """A recommendation's due date is kept when it was done by that day (done the day
        after missed it); a milestone is met when the journal says so."""
        if self.milestone is not None:
            return self.milestone.state == MET
        return self.status == "done"


@dataclass(frozen=True)
class Changes:
    """What changed from `since` to `until`, both days included."""

    since: date
    until: date
    statuses: tuple[StatusChange, ...]
    progress: tuple[ProgressChange, ...]
    measures: tuple[NewMeasure, ...]
    deadlines: tuple[PassedDeadline, ...]
    committees: tuple[JournalEntry, ...]
    withdrawals: tuple[tuple[JournalEntry, JournalEntry], ...] = ()  # (withdrawal, entry withdrawn), dated in the window

    @property
    def empty(self) -> bool:
        return not (self.statuses or self.progress or self.measures or self.deadlines or self.committees
                    or self.withdrawals)


def last_committee_date(mission: Mission, as_of: date) -> date | None:
    """The date of the latest committee of the journal on or before `as_of`."""
    dates = [e.date for e in mission.entries if e.committee is not None and e.date <= as_of]
    return max(dates) if dates else None


def changes_between(
    mission: Mission, since: date, until: date, stale_weeks: int = STALE_WEEKS, after: PlanState | None = None
) -> Changes:
    """What changed from the start of `since` to the end of `until`.

    The state before is the state on the eve of `since`; the state after is the
    state on `until`. Status and progress changes are net (from → to); measures
    and committees are those dated in the window; a deadline (due date or
    milestone of a recommendation not dropped by `until`) has passed when
    it falls on or after `since` and before `until` (overdue starts the day after
    the due date, as everywhere else); a due date was kept when the recommendation
    was done on that day, and its status shown is the one it had on that day.
    A milestone is a change when it fell in the window or was met or missed in
    it (an entry dated in the window); it carries its state on `until` (met,
    missed, or late when nothing was logged).

    `after`, when given, is the state on `until` already computed (the fold is
    then not done again).
    """
    if since > until:
        raise ValueError("since is after until")
    before = state_on(mission, since - timedelta(days=1), stale_weeks)
    if after is None or after.as_of != until:
        after = state_on(mission, until, stale_weeks)
    statuses, progress = [], []
    for old, new in zip(before.recs, after.recs):
        if old.status != new.status:
            statuses.append(StatusChange(new.rec, old.status, new.status))
        if old.progress != new.progress and new.status != "dropped":
            progress.append(ProgressChange(new.rec, old.progress, new.progress))

    measures = []
    for ind in after.indicators:
        for i, m in enumerate(ind.measures):
            if m.date >= since:
                measures.append(NewMeasure(ind.rec, ind.indicator, m, ind.measures[i - 1] if i else None))
    measures.sort(key=lambda n: (n.measure.date, n.indicator.id))

    deadlines = []
    entries = entries_until(mission.entries, until)
    milestones = {id(m.milestone): m for m in after.milestones}
    for new in after.recs:
        if new.status == "dropped":
            continue
        dues = [Deadline(new.rec.due, new.rec)] + [Deadline(m.due, new.rec, m) for m in new.rec.milestones]
        own = [e for e in entries if e.recommendation == new.rec.id]
        for d in dues:
            ms = milestones.get(id(d.milestone)) if d.milestone is not None else None
            settled_now = ms is not None and ms.on is not None and since <= ms.on <= until
            if since <= d.date < until or settled_now:
                on_the_day = fold_recommendation(new.rec, [e for e in own if e.date <= d.date], d.date)
                deadlines.append(PassedDeadline(d, on_the_day.status, ms))
    deadlines.sort(key=lambda p: (p.deadline.date, p.deadline.rec.id))

    return Changes(
        since=since,
        until=until,
        statuses=tuple(statuses),
        progress=tuple(progress),
        measures=tuple(measures),
        deadlines=tuple(deadlines),
        committees=tuple(c for c in after.committees if c.date >= since),
        withdrawals=withdrawals_between(mission, since, until),
    )


def withdrawals_between(mission: Mission, since: date, until: date) -> tuple[tuple[JournalEntry, JournalEntry], ...]:
    """Each withdrawal dated from `since` to `until` with the entry it withdrew (a withdrawal of nothing is left out)."""
    by_id = {e.id: e for e in mission.journal if e.id is not None and e.withdraw is None}
    return tuple(
        (e, by_id[e.withdraw]) for e in sorted(mission.withdrawals.values(), key=lambda e: e.date)
        if since <= e.date <= until and e.withdraw in by_id
    )
