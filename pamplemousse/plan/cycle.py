"""The DLA's cycle around the plan: days spent against days planned, the structure's key
figures over time, the end of the mission and the date of its follow-up. Pure.

- The end of the mission is the latest end of its phases (none: the latest due
  date of its recommendations).
- The follow-up date is `funding.follow_up`; when absent, 12 months after the end
  of the mission (the DLA looks 12 to 18 months after the diagnostic: a year after
  the last phase is within that span for a usual mission, and never before the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pamplemousse.read.model import JournalEntry, Mission
from pamplemousse.read.model_cycle import SITUATION_FIGURES, Situation

FOLLOW_UP_MONTHS = 12


def mission_end(mission: Mission) -> date | None:
    dates = [p.end for p in mission.meta.phases if p.end]
    if not dates:
        dates = [r.due for r in mission.recommendations]
    return max(dates) if dates else None


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    import calendar

    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_date(mission: Mission) -> date | None:
    """funding.follow_up, or 12 months after the end of the mission (None: no date to start from)."""
    funding = mission.meta.funding
    if funding is not None and funding.follow_up is not None:
        return funding.follow_up
    end = mission_end(mission)
    return months_after(end, FOLLOW_UP_MONTHS) if end is not None else None


@dataclass(frozen=True)
class PhaseTime:
    id: str
    title: str
    start: date | None
    end: date | None
    planned: float | None
    spent: float

    @property
    def over(self) -> bool:
        return self.planned is not None and self.spent > self.planned


@dataclass(frozen=True)
class Time:
    """Days planned and spent, per phase and in all, on a date."""

    phases: tuple[PhaseTime, ...]
    budget: float | None  # funding.days
    planned: float | None  # the phases' days added up (None: no phase has days)
    spent: float
    unplaced: float  # days logged against no known phase

    @property
    def logged(self) -> bool:
        return self.spent > 0 or self.unplaced > 0


def time_entries(mission: Mission, as_of: date | None = None) -> list[JournalEntry]:
    return [e for e in mission.entries if e.time is not None and (as_of is None or e.date <= as_of)]


def time_on(mission: Mission, as_of: date | None = None) -> Time:
    entries = time_entries(mission, as_of)
    spent: dict[str, float] = {}
    for e in entries:
        spent[e.phase or ""] = spent.get(e.phase or "", 0.0) + float(e.time or 0)
    phases = tuple(
        PhaseTime(p.id, p.title, p.start, p.end, p.days, spent.pop(p.id, 0.0)) for p in mission.meta.phases
    )
    planned = [p.planned for p in phases if p.planned is not None]
    funding = mission.meta.funding
    return Time(
        phases, funding.days if funding is not None else None, sum(planned) if planned else None,
        sum(p.spent for p in phases) + sum(spent.values()), sum(spent.values()),
    )


@dataclass(frozen=True)
class Figures:
    """The structure's key figures: the first and the latest `situation` on a date, figure by figure."""

    first: tuple[date, Situation] | None
    latest: tuple[date, Situation] | None

    def rows(self) -> list[tuple[str, float | None, float | None]]:
        """(figure, first value, latest value) for each figure given in either."""
        if self.first is None or self.latest is None:
            return []
        a, b = self.first[1], self.latest[1]
        return [
            (name, getattr(a, name), getattr(b, name)) for name in SITUATION_FIGURES
            if getattr(a, name) is not None or getattr(b, name) is not None
        ]


def situations(mission: Mission, as_of: date | None = None) -> list[tuple[date, Situation]]:
    found = [(e.date, e.situation) for e in mission.entries if e.situation is not None]
    return sorted(
        ((d, s) for d, s in found if as_of is None or d <= as_of), key=lambda pair: pair[0]
    )


def figures_on(mission: Mission, as_of: date | None = None) -> Figures:
    found = situations(mission, as_of)
    return Figures(found[0] if found else None, found[-1] if found else None)
