"""A mission in one line of a portfolio: the same row for `pmp status` (text and JSON) and the site's index.

Built from the state alone (no whole view of each mission), so that a
portfolio of hundreds of missions stays quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pamplemousse.text.i18n import LANGUAGES
from pamplemousse.views.records import FailedRow, PortfolioRow

if TYPE_CHECKING:  # light at run time: a portfolio read from the cache needs neither the models nor the plan
    from pamplemousse.plan.state import PlanState
    from pamplemousse.read.model import Mission
    from pamplemousse.views.common import Writer


def portfolio_row(mission: Mission, state: PlanState, w: Writer) -> PortfolioRow:
    """Who, where it stands, what comes next; `w` writes in the portfolio's language."""
    deadline = state.next_deadlines[0] if state.next_deadlines else None
    phase = state.current_phase
    return {
        "slug": mission.slug,
        "client": mission.meta.client.name,
        "title": mission.meta.title,
        "language": mission.language,
        "phase": {"id": phase.id, "title": phase.title} if phase else None,
        "weather": w.weather(state.weather),
        "progress": w.progress(state.progress),
        "overdue": len(state.overdue),
        "stale": len(state.stale),
        "attention": len(state.attention),  # « À traiter en priorité » (plan/attention.py)
        "next_deadline": None if deadline is None else {
            "date": w.date(deadline.date),
            "recommendation": deadline.rec.id,
            "is_milestone": deadline.milestone is not None,
            "what": deadline.milestone.title if deadline.milestone else deadline.rec.title,
        },
        "errors": 0,
    }


def failed_row(folder: Path, errors: int) -> FailedRow:
    """A mission whose files do not check: its folder and its number of errors."""
    return {"slug": folder.name, "errors": errors}


def portfolio_language(missions: list[Mission], lang: str | None = None) -> str:
    """The portfolio's language: `lang` when given, else the one all missions share, else French."""
    return lang if lang is not None else language_among([m.language for m in missions])


def language_among(languages: list[str]) -> str:
    """The one language all of `languages` share, else French."""
    found = set(languages)
    return found.pop() if len(found) == 1 else LANGUAGES[0]
