"""What every view shares: the writer of one language (labels, dates, numbers) and the header of a document."""

from __future__ import annotations

from datetime import date
from typing import Any, overload

from pamplemousse.plan.state import IndicatorState, PlanState
from pamplemousse.read.model import Finding, Mission
from pamplemousse.text.i18n import Formats, labels
from pamplemousse.views.records import Day, Labels, Share, Weather

# Text symbols found in common fonts (DejaVu, Segoe UI Symbol, Apple Symbols), not
# colour emoji, each followed by U+FE0E (text style), so they print in black and
# white like the word beside them.
WEATHER_ICONS = {"sunny": "\u2600\ufe0e", "cloudy": "\u2601\ufe0e", "rainy": "\u2602\ufe0e", "none": "–"}


class Writer:
    """The labels and formats of one language, with the small helpers every section uses
    (of the steering tool here, of the report, the guide and the site's index elsewhere)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.labels: Labels = labels(lang)
        self.fmt = Formats(lang)
        self.decimal = "," if lang == "fr" else "."  # the decimal separator, for the charts

    @overload
    def date(self, day: date) -> Day: ...
    @overload
    def date(self, day: None) -> None: ...
    @overload
    def date(self, day: date | None) -> Day | None: ...

    def date(self, day: date | None) -> Day | None:
        if day is None:
            return None
        return {"iso": day.isoformat(), "long": self.fmt.date(day, "long"), "short": self.fmt.date(day, "short")}

    def findings_by_id(self, mission: Mission) -> dict[str, Finding]:
        """The mission's findings by id, built once per document."""
        if getattr(self, "_findings", None) is None:
            self._findings: dict[str, Finding] = {f.id: f for f in mission.questions.findings}
        return self._findings

    def indicators_of(self, state: PlanState, rec_id: str) -> list[IndicatorState]:
        """The indicator states of one recommendation, grouped once per document."""
        if getattr(self, "_indicators", None) is None:
            self._indicators: dict[str, list[IndicatorState]] = {}
            for i in state.indicators:
                self._indicators.setdefault(i.rec.id, []).append(i)
        return self._indicators.get(rec_id, [])

    def weather(self, key: str | None) -> Weather:
        key = key or "none"
        return {"key": key, "label": self.labels["weather"][key], "icon": WEATHER_ICONS[key]}

    @overload
    def progress(self, value: float) -> Share: ...
    @overload
    def progress(self, value: None) -> None: ...
    @overload
    def progress(self, value: float | None) -> Share | None: ...

    def progress(self, value: float | None) -> Share | None:
        """A share on 0–100 (a progress, an advance, the time elapsed): the number to one
        decimal (46.7; whole numbers as such) and its written form (« 47 % »)."""
        if value is None:
            return None
        exact = round(float(value), 1)
        return {"value": int(exact) if exact.is_integer() else exact, "label": self.fmt.percent(value)}


def header(mission: Mission, as_of: date, w: Writer) -> dict[str, Any]:
    """Who, what, for whom and when: the top of every document."""
    meta = mission.meta
    funding = None
    if meta.funding is not None:
        funding = {
            "scheme": meta.funding.scheme,
            "scheme_label": w.labels["funding_scheme"][meta.funding.scheme],
            "operator": meta.funding.operator,
            "reference": meta.funding.reference,
        }
    return {
        "client": meta.client.name,
        "legal_form": meta.client.legal_form,
        "territory": meta.client.territory,
        "mission_title": meta.title,
        "consultants": [c.name for c in meta.consultants],
        "funding": funding,
        "as_of": w.date(as_of),
        "state_on": w.labels["common"]["state_on"].format(date=w.fmt.date(as_of)),
    }
