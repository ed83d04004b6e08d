"""What needs the steering committee's attention: the one rule every output reads.

A recommendation still open (neither done nor dropped) needs attention when it
is blocked, overdue (its due date passed), without news for too long (stale),
or when one of its milestones is behind: late (its date passed with nothing
logged) or missed. `reasons_of` says why, in that order; `priority` orders the
list « À traiter en priorité » (blocked first, then overdue, the latest first,
then the others in plan order). The weather (plan.state.weather_of) reads the
same reasons: blocked or overdue is rainy, any other reason cloudy at best, so
a recommendation in the list is never sunny.

Everything that shows or counts what needs attention — the pilotage in every
format, `pmp status`, the portfolio row (the terminal, the site, `pmp serve`) —
reads `RecState.attention` and `PlanState.attention`, built here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pamplemousse.read.model import CLOSED_STATUSES

BLOCKED, OVERDUE, STALE = "blocked", "overdue", "stale"
MILESTONE_LATE, MILESTONE_MISSED = "milestone_late", "milestone_missed"
BEHIND = ("late", "missed")  # the milestone states that put a recommendation in the list


@dataclass(frozen=True)
class Reason:
    """Why a recommendation needs attention: `key` is one of the names above; `milestone` the
    reference of the milestone behind (R3.1 or its own id) for the milestone reasons."""

    key: str
    milestone: str | None = None


def reasons_of(status: str, overdue: bool, stale: bool, milestones: Iterable[tuple[str, str]]) -> tuple[Reason, ...]:
    """Why a recommendation needs attention (empty: it does not).

    `milestones`: the (reference, state) of its milestones, in date order.
    """
    if status in CLOSED_STATUSES:
        return ()
    found = [Reason(key) for key, present in ((BLOCKED, status == "blocked"), (OVERDUE, overdue), (STALE, stale))
             if present]
    found += [Reason(f"milestone_{state}", ref) for ref, state in milestones if state in BEHIND]
    return tuple(found)


def priority(reasons: tuple[Reason, ...], days_late: int) -> tuple[int, int]:
    """The place in the list: blocked first, then overdue (the latest first), then the others."""
    keys = {r.key for r in reasons}
    return (0 if BLOCKED in keys else 1 if OVERDUE in keys else 2, -days_late)
