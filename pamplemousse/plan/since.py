"""`--since DATE` and `--since-last-committee` (`pmp status`, `pmp render`): where the window starts.

`since_window` checks the two options against the mission and the date of the
state, and says from which day the changes are counted (and from which
committee, with `--since-last-committee`); `plan.changes_between` then says
what changed. UsageError, in French, on a bad combination.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pamplemousse.errors import UsageError
from pamplemousse.plan.changes import last_committee_date
from pamplemousse.read.model import JournalEntry, Mission
from pamplemousse.text.i18n import Formats


@dataclass(frozen=True)
class Window:
    since: date
    committee: JournalEntry | None  # the committee the window starts from (--since-last-committee)


def since_window(
    mission: Mission, as_of: date, since: date | None = None, since_last_committee: bool = False
) -> Window | None:
    """The start of the window the options ask for, or None when neither is given."""
    lang = mission.language
    fmt = Formats(lang)
    if since is not None and since_last_committee:
        raise UsageError(key="since_both", lang=lang)
    if since is not None and since > as_of:
        raise UsageError(key="since_after", lang=lang, since=since.isoformat(), date=fmt.date(as_of))
    if since_last_committee:
        since = last_committee_date(mission, as_of)
        if since is None:
            raise UsageError(key="since_no_committee", lang=lang, date=fmt.date(as_of))
        committee = [e for e in mission.entries if e.committee is not None and e.date == since][-1]
        return Window(since, committee)
    return Window(since, None) if since is not None else None
