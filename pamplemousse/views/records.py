"""The named shapes of the view: each fact with its raw values and its words side by side.

TypedDicts rather than classes: the view is read by Jinja templates (a
consultancy's own too, which write `r.id` or `r["id"]`), written as JSON
(`--format json`, the site's manifest), kept in pmp's cache and set in French
typography by walking it (text/typography.py), all of which take mappings. The
shapes are checked by `mypy --strict` where the view is built (views/) and read
(outputs/); at run time they are plain dicts.
"""

from __future__ import annotations

from typing import Any, Optional, TypedDict

View = dict[str, Any]  # a whole document's view, as its templates read it (its parts typed below)
Labels = dict[str, Any]  # the catalog of one language (text/i18n)


class Day(TypedDict):
    """A date and its words: {"iso": "2026-04-06", "long": "6 avril 2026", "short": "06/04/2026"}."""

    iso: str
    long: str
    short: str


class Share(TypedDict):
    """A share on 0–100 (progress, advance, time elapsed) and its words: {"value": 45, "label": "45 %"}."""

    value: float
    label: str


class Weather(TypedDict):
    key: str  # sunny, cloudy, rainy, none
    label: str
    icon: str


class NextMilestone(TypedDict):
    title: str
    date: Day


class Milestone(TypedDict):
    """A milestone of a recommendation, in date order; `rank` is its place in the file (R3.2: 2)."""

    title: str
    date: Day
    passed: bool
    rank: int
    ref: str  # its own id, or R3.1
    state: str  # met, missed, upcoming, late
    state_label: str
    met_on: Optional[Day]
    logged_on: Optional[Day]
    milestone_note: Optional[str]


class Measure(TypedDict):
    date: Day
    value: str  # with its unit, in words
    raw: float
    note: Optional[str]


class Indicator(TypedDict):
    id: str
    name: str
    unit: Optional[str]
    rec_id: str
    baseline_value: float
    target_value: float
    latest_value: Optional[float]
    baseline: str
    target: str
    latest: Optional[str]
    latest_date: Optional[Day]
    advance: Optional[Share]
    lower_is_better: bool
    stale: bool
    stale_label: Optional[str]
    measures: list[Measure]
    svg: str  # the trajectory, drawn for HTML only


class Finding(TypedDict):
    id: str
    kind: Optional[str]
    kind_label: Optional[str]
    text: str


class Recommendation(TypedDict):
    id: str
    title: str
    description: Optional[str]
    owner: str
    theme: str
    theme_label: str
    priority: str
    priority_label: str
    impact: int
    effort: int
    start: Day
    due: Day
    status: str
    status_label: str
    progress: Share
    elapsed: Share
    counted: bool
    weather: Weather
    last_note: Optional[str]
    last_note_date: Optional[Day]
    last_update: Optional[Day]
    overdue: bool
    days_late: int
    late_label: Optional[str]
    late_short: Optional[str]
    stale: bool
    stale_label: Optional[str]
    next_milestone: Optional[NextMilestone]
    milestones: list[Milestone]
    indicators: list[Indicator]
    why: list[Finding]


class Reason(TypedDict):
    key: str  # blocked, overdue, stale, milestone_late, milestone_missed (plan/attention.py)
    label: str


class AttentionItem(TypedDict):
    id: str
    title: str
    owner: str
    status: str
    status_label: str
    due: Day
    reasons: list[Reason]
    expected: list[str]  # what is expected next, in sentences
    last_note: Optional[str]


class Attention(TypedDict):
    """« À traiter en priorité »."""

    items: list[AttentionItem]
    count: int
    count_label: str


class Phase(TypedDict):
    """A phase of the mission with its dates (either may be missing)."""

    id: str
    title: str
    start: Optional[Day]
    end: Optional[Day]


class JournalRow(TypedDict):
    """One entry of the journal up to the date of the state, as the workbook lists it."""

    date: Day
    kind: str  # recommendation, indicator, committee, milestone, time, situation
    kind_label: str
    ref: Optional[str]  # what it is about: R3, I2, the committee's title, R3.1, a phase
    status: Optional[str]
    status_label: Optional[str]  # a recommendation's status or a milestone's state, in words
    progress: Optional[int]
    value: Optional[float]  # a measure, or the days spent
    note: Optional[str]


class PhaseRef(TypedDict):
    id: str
    title: str


class NextDeadline(TypedDict):
    date: Optional[Day]
    recommendation: str
    is_milestone: bool
    what: str


class PortfolioRow(TypedDict):
    """A mission in one line of a portfolio (pmp status, the site's index, pmp serve)."""

    slug: str
    client: str
    title: str
    language: str
    phase: Optional[PhaseRef]
    weather: Weather
    progress: Optional[Share]
    overdue: int
    stale: int
    attention: int
    next_deadline: Optional[NextDeadline]
    errors: int


class FailedRow(TypedDict):
    """A mission whose files do not check: its folder and its number of errors."""

    slug: str
    errors: int
