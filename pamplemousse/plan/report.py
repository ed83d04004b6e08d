"""One report of a mission's plan for a date: computed once per command, read by every view.

`report(mission, as_of, …)` folds the journal once on `as_of` (the state), and,
when a window is asked (`since` or `since_last_committee`), says what changed
in it, reusing that state for the window's end (only the eve of its start is
folded again). Every view and output reads the same Report, so a figure shown
in two places comes from one computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pamplemousse.plan.changes import Changes, changes_between
from pamplemousse.plan.since import Window, since_window
from pamplemousse.plan.state import STALE_WEEKS, PlanState, state_on
from pamplemousse.read.model import Mission


@dataclass(frozen=True)
class Report:
    state: PlanState
    window: Window | None = None  # where the changes start, when asked
    changes: Changes | None = None  # what changed from window.since to state.as_of

    @property
    def as_of(self) -> date:
        return self.state.as_of


def report(
    mission: Mission, as_of: date, stale_weeks: int = STALE_WEEKS,
    since: date | None = None, since_last_committee: bool = False,
) -> Report:
    state = state_on(mission, as_of, stale_weeks)
    window = since_window(mission, as_of, since, since_last_committee)
    if window is None:
        return Report(state)
    return Report(state, window, changes_between(mission, window.since, as_of, stale_weeks, after=state))
