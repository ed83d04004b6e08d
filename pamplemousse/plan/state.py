"""The state of a mission's plan on a date: pure functions over the model.

The fold (DESIGN.md §2, completed here; the README repeats these rules):
- only journal entries dated on or before the date count; entries are taken in
  date order, and in file order within a day (the file itself may be in any order);
- a recommendation's status is its latest `status`; with none yet, `todo`, or
  `in_progress` once some progress was logged; its progress is its latest
  `progress` (0 with none), and `done` always means 100 (a later `done` wins over
  an earlier `blocked`; a later `in_progress` reopens a `done` one at its latest
  logged progress); 100 % without `done` stays `in_progress`;
- its last update is the date of its latest entry, its last note the latest `note`;
- overdue: due before the date (not on it) and neither done nor dropped; days
  late counts from the due date (due 15 Oct, as of 26 Nov: 42 days);
- dropped recommendations are never overdue and count in no progress figure and
  no weather;
- progress of a theme or of the mission: the plain mean of its recommendations;
- next milestone: the first milestone due on or after the date, for open items;
- a milestone (referred to by its `id`, else as R3.1) is met or missed by its
  latest `milestone` entry (its date is when it was met or missed); with none it
  is upcoming, or late once its date has passed (the day after it, as overdue);
- an indicator's value is its latest measure; lower is better when its target
  is below its baseline; its advance is how far it has come from baseline to
  target (0 at baseline, 1 at target, may go beyond or below);
- stale: an open recommendation that has started and has had no journal entry
  for more than `stale_weeks` weeks (counted from its start when it never had
  one): exactly 6 weeks is not stale, 6 weeks and a day is; an indicator of an
  open recommendation not measured for as long is stale too.

The weather (météo) is decided in plan/weather.py only, what needs attention
in plan/attention.py only; both are folded in here, once.

What changed between two dates is in plan/changes.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pamplemousse.plan.attention import Reason, priority, reasons_of
from pamplemousse.plan.weather import weather_of, weather_of_group
from pamplemousse.read.model import (
    CLOSED_STATUSES,
    STATUSES,
    Indicator,
    JournalEntry,
    Milestone,
    Mission,
    Phase,
    Recommendation,
)

STALE_WEEKS = 6


@dataclass(frozen=True)
class RecState:
    rec: Recommendation
    status: str
    progress: int
    last_note: str | None
    last_update: date | None
    overdue: bool
    days_late: int
    stale: bool
    elapsed: float  # share of the start→due window gone by, 0..1
    weather: str | None  # None for a dropped recommendation
    next_milestone: Milestone | None
    last_note_date: date | None = None  # the date of the entry the last note comes from (not a later one's)
    attention: tuple[Reason, ...] = ()  # why it needs attention (plan/attention.py); empty: it does not

    @property
    def open(self) -> bool:
        return self.status not in CLOSED_STATUSES


@dataclass(frozen=True)
class Measure:
    date: date
    value: float
    note: str | None = None


@dataclass(frozen=True)
class IndicatorState:
    rec: Recommendation
    indicator: Indicator
    measures: tuple[Measure, ...]
    lower_is_better: bool
    advance: float | None  # 0 at baseline, 1 at target
    stale: bool

    @property
    def latest(self) -> Measure | None:
        return self.measures[-1] if self.measures else None


MET, MISSED, UPCOMING, LATE = "met", "missed", "upcoming", "late"
MILESTONE_STATES = (MET, MISSED, UPCOMING, LATE)


@dataclass(frozen=True)
class MilestoneState:
    ref: str  # its own id, or R3.1
    rec: Recommendation
    milestone: Milestone
    state: str  # met, missed, upcoming or late
    on: date | None  # the date of the entry that met or missed it
    note: str | None

    @property
    def settled(self) -> bool:
        return self.state in (MET, MISSED)


def fold_milestone(
    ref: str, rec: Recommendation, milestone: Milestone, entries: list[JournalEntry], as_of: date
) -> MilestoneState:
    """The state of one milestone from its own entries (already in date order)."""
    last = entries[-1] if entries else None
    if last is not None:
        return MilestoneState(ref, rec, milestone, last.status or MET, last.date, last.note)
    return MilestoneState(ref, rec, milestone, LATE if milestone.due < as_of else UPCOMING, None, None)


@dataclass(frozen=True)
class ThemeState:
    theme: str
    recs: tuple[RecState, ...]
    progress: float | None  # 0..100, None when every item is dropped
    weather: str | None


@dataclass(frozen=True)
class Deadline:
    date: date
    rec: Recommendation
    milestone: Milestone | None = None  # None: the recommendation's own due date


@dataclass(frozen=True)
class PlanState:
    as_of: date
    recs: tuple[RecState, ...]
    indicators: tuple[IndicatorState, ...]
    themes: tuple[ThemeState, ...]
    progress: float | None
    weather: str | None
    by_status: dict[str, int]
    next_deadlines: tuple[Deadline, ...]
    committees: tuple[JournalEntry, ...]
    current_phase: Phase | None
    stale_weeks: int = STALE_WEEKS
    milestones: tuple[MilestoneState, ...] = ()

    def milestone(self, ref: str) -> MilestoneState:
        return next(m for m in self.milestones if m.ref == ref)

    @property
    def overdue(self) -> tuple[RecState, ...]:
        return tuple(s for s in self.recs if s.overdue)

    @property
    def stale(self) -> tuple[RecState, ...]:
        return tuple(s for s in self.recs if s.stale)

    @property
    def attention(self) -> tuple[RecState, ...]:
        """« À traiter en priorité »: the recommendations that need attention, in the list's order."""
        return tuple(sorted((s for s in self.recs if s.attention), key=lambda s: priority(s.attention, s.days_late)))

    @property
    def last_committee(self) -> JournalEntry | None:
        return self.committees[-1] if self.committees else None

    def rec(self, rec_id: str) -> RecState:
        return next(s for s in self.recs if s.rec.id == rec_id)


def entries_until(journal: list[JournalEntry], as_of: date) -> list[JournalEntry]:
    """Entries on or before `as_of`, in date order (file order within a day)."""
    return sorted((e for e in journal if e.date <= as_of), key=lambda e: e.date)


def elapsed_share(rec: Recommendation, as_of: date) -> float:
    """How much of the start→due window has gone by on `as_of`, from 0 to 1."""
    if as_of <= rec.start:
        return 1.0 if rec.start == rec.due and as_of >= rec.due else 0.0
    span = (rec.due - rec.start).days
    if span <= 0:
        return 1.0
    return min(1.0, (as_of - rec.start).days / span)


def _mean_progress(states) -> float | None:
    counted = [s.progress for s in states if s.status != "dropped"]
    return sum(counted) / len(counted) if counted else None


def fold_recommendation(
    rec: Recommendation, entries: list[JournalEntry], as_of: date, stale_weeks: int = STALE_WEEKS,
    milestones: tuple[tuple[str, str], ...] = (),
) -> RecState:
    """The state of one recommendation from its own entries (already in date order);
    `milestones`: the (reference, state) of its milestones in date order, for what needs attention."""
    status, progress, note, noted, updated = None, 0, None, None, None
    for e in entries:
        if e.status is not None:
            status = e.status
        if e.progress is not None:
            progress = e.progress
        if e.note is not None:
            note, noted = e.note, e.date
        updated = e.date
    if status is None:
        status = "in_progress" if progress > 0 else "todo"
    if status == "done":
        progress = 100
    overdue = rec.due < as_of and status not in CLOSED_STATUSES
    elapsed = elapsed_share(rec, as_of)
    since = updated or rec.start
    stale = (
        status not in CLOSED_STATUSES
        and rec.start <= as_of
        and (as_of - since) > timedelta(weeks=stale_weeks)
    )
    upcoming = sorted((m for m in rec.milestones if m.due >= as_of), key=lambda m: m.due)
    if status in CLOSED_STATUSES:
        upcoming = []
    reasons = reasons_of(status, overdue, stale, milestones)
    return RecState(
        rec=rec,
        status=status,
        progress=progress,
        last_note=note,
        last_note_date=noted,
        last_update=updated,
        overdue=overdue,
        days_late=(as_of - rec.due).days if overdue else 0,
        stale=stale,
        elapsed=elapsed,
        weather=weather_of(status, progress, elapsed, overdue, reasons),
        next_milestone=upcoming[0] if upcoming else None,
        attention=reasons,
    )


def fold_indicator(
    rec_state: RecState, indicator: Indicator, entries: list[JournalEntry], as_of: date,
    stale_weeks: int = STALE_WEEKS,
) -> IndicatorState:
    measures = tuple(Measure(e.date, e.value, e.note) for e in entries if e.value is not None)
    lower = indicator.target < indicator.baseline
    advance = None
    if measures:
        span = indicator.target - indicator.baseline
        latest = measures[-1].value
        if span:
            advance = (latest - indicator.baseline) / span
        else:
            advance = 1.0 if (latest <= indicator.target if lower else latest >= indicator.target) else 0.0
    rec = rec_state.rec
    since = measures[-1].date if measures else rec.start
    stale = (
        rec_state.open
        and rec.start <= as_of
        and (as_of - since) > timedelta(weeks=stale_weeks)
    )
    return IndicatorState(rec, indicator, measures, lower, advance, stale)


def current_phase(mission: Mission, as_of: date) -> Phase | None:
    for p in mission.meta.phases:
        if p.start and p.end and p.start <= as_of <= p.end:
            return p
    return None


def mission_start(mission: Mission) -> date | None:
    """The first date of the mission: its first phase, else its first recommendation."""
    dates = [p.start for p in mission.meta.phases if p.start]
    dates += [r.start for r in mission.recommendations]
    return min(dates) if dates else None


def _skip_settled(s: RecState, settled: set[int], as_of: date) -> RecState:
    """A milestone already met or missed is no longer the next one."""
    if s.next_milestone is None or id(s.next_milestone) not in settled:
        return s
    upcoming = sorted((m for m in s.rec.milestones if m.due >= as_of and id(m) not in settled), key=lambda m: m.due)
    return replace(s, next_milestone=upcoming[0] if upcoming else None)


def state_on(mission: Mission, as_of: date, stale_weeks: int = STALE_WEEKS) -> PlanState:
    """Fold the journal into the state of the whole plan on `as_of`."""
    by_rec: dict[str, list[JournalEntry]] = defaultdict(list)
    by_ind: dict[str, list[JournalEntry]] = defaultdict(list)
    by_milestone: dict[str, list[JournalEntry]] = defaultdict(list)
    committees = []
    for e in entries_until(mission.entries, as_of):
        if e.recommendation is not None:
            by_rec[e.recommendation].append(e)
        elif e.indicator is not None:
            by_ind[e.indicator].append(e)
        elif e.milestone is not None:
            by_milestone[e.milestone].append(e)
        elif e.committee is not None:
            committees.append(e)
    milestones = tuple(
        fold_milestone(ref, r, m, by_milestone.get(ref, []), as_of) for ref, r, m in mission.milestones()
    )

    settled = {id(m.milestone) for m in milestones if m.settled}
    of_rec: dict[str, list[tuple[str, str]]] = defaultdict(list)  # (reference, state) in date order
    for m in sorted(milestones, key=lambda m: m.milestone.due):
        of_rec[m.rec.id].append((m.ref, m.state))
    recs = tuple(
        _skip_settled(
            fold_recommendation(r, by_rec.get(r.id, []), as_of, stale_weeks, tuple(of_rec[r.id])), settled, as_of
        )
        for r in mission.recommendations
    )
    indicators = tuple(
        fold_indicator(s, ind, by_ind.get(ind.id, []), as_of, stale_weeks)
        for s in recs for ind in s.rec.indicators
    )
    grouped: dict[str, list[RecState]] = defaultdict(list)
    for s in recs:
        grouped[s.rec.theme].append(s)
    order = list(mission.meta.problem_areas) + sorted(set(grouped) - set(mission.meta.problem_areas))
    themes = tuple(
        ThemeState(
            theme, tuple(grouped[theme]), _mean_progress(grouped[theme]),
            weather_of_group([s.weather for s in grouped[theme]]),
        )
        for theme in order if theme in grouped
    )
    by_status = dict.fromkeys(STATUSES, 0)
    for s in recs:
        by_status[s.status] += 1

    deadlines = []
    for s in recs:
        if not s.open:
            continue
        if s.rec.due >= as_of:
            deadlines.append(Deadline(s.rec.due, s.rec))
        deadlines += [Deadline(m.due, s.rec, m) for m in s.rec.milestones if m.due >= as_of and id(m) not in settled]
    deadlines.sort(key=lambda d: (d.date, d.rec.id))

    return PlanState(
        as_of=as_of,
        recs=recs,
        indicators=indicators,
        themes=themes,
        progress=_mean_progress(recs),
        weather=weather_of_group([s.weather for s in recs]),
        by_status=by_status,
        next_deadlines=tuple(deadlines[:5]),
        committees=tuple(committees),
        current_phase=current_phase(mission, as_of),
        stale_weeks=stale_weeks,
        milestones=milestones,
    )
