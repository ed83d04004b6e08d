"""An indicator's trajectory: the expected path from its baseline to its target, and the measures taken.

Drawn wide (640) for a screen or paper, narrow (svg.NARROW) for a phone; its
value labels sit on white rectangles, readable over the grid in any renderer.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from pamplemousse.outputs.svg import (
    BLUE,
    GRID,
    INK,
    MUTED,
    NARROW,
    WHITE,
    _circle,
    _date_scale,
    _label,
    _legend,
    _line,
    _month_axis,
    _next_month,
    _num,
    _points,
    _rect,
    _scale,
    _svg,
    _tag,
    _text,
    _tip,
    _uid,
)


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def trajectory_svg(baseline: float, target: float, measures: list[Any], start: date, end: date, unit: str,
                   labels: dict[str, Any], narrow: bool = False) -> str:
    """The expected path from baseline to target, and the measures taken."""
    measures = sorted(measures)
    uid = _uid("trajectory", baseline, target, measures, start, end, unit, labels, narrow)
    d0 = min([start, *(d for d, _ in measures)])
    d1 = max([end, *(d for d, _ in measures), _next_month(d0) if end <= d0 else end])
    values = [baseline, target, *(v for _, v in measures)]
    pad = (max(values) - min(values)) * 0.18 or abs(baseline) * 0.2 or 1
    lo, hi = min(values) - pad, max(values) + pad
    if narrow:
        width, left, right, top, bottom, size = NARROW, 48.0, NARROW - 10, 12.0, 200.0, 12.0
    else:
        width, left, right, top, bottom, size = 640.0, 64.0, 620.0, 12.0, 232.0, 11.0
    x, y = _date_scale(d0, d1, left, right), _scale(lo, hi, bottom, top)
    body = [_month_axis(d0, d1, x, bottom + 18, (top, bottom), labels)]
    for v in _nice_ticks(lo, hi, 4 if narrow else 5):
        body.append(_line(left, y(v), right, y(v), stroke=GRID, cls="tick"))
        body.append(_text(left - 8, y(v), _num(v, labels), text_anchor="end", dominant_baseline="central",
                          fill=MUTED, font_size=size))
    body.append(_line(left, bottom, right, bottom, stroke=MUTED))
    xs, ys, xe, ye = x(start), y(baseline), x(end), y(target)
    body.append(_line(xs, ys, xe, ye, stroke=MUTED, stroke_width=1.5, stroke_dasharray="6 4", cls="expected"))
    rising = target >= baseline  # labels go on the side away from the line

    def quantity(v: float) -> str:  # the unit as the view words it beside v (« 1 candidature »)
        return f"{_num(v, labels)} {labels.get('units', {}).get(v, unit)}".strip()

    def value(key: str, v: float) -> str:
        return f"{labels.get(key, '')} {quantity(v)}".strip()

    body.append(_rect(xs - 5, ys - 5, 10, 10, fill=WHITE, stroke=INK, stroke_width=1.5, cls="baseline"))
    body.append(_label(xs + 10, ys + (18 if rising else -10), value("baseline", baseline), size, fill=MUTED,
                       cls="baseline-label"))
    bullseye = _circle(xe, ye, 7, fill=WHITE, stroke=INK, stroke_width=1.5) + _circle(xe, ye, 2.5, fill=INK)
    body.append(_tag("g", bullseye, cls="target"))
    body.append(_label(xe - 10, ye + (-12 if rising else 20), value("target", target), size, anchor="end",
                       font_weight=600, cls="target-label"))
    pts = [(x(d), y(v)) for d, v in measures]
    if len(pts) > 1:
        body.append(_tag("polyline", points=_points(pts), fill="none", stroke=BLUE, stroke_width=2, cls="measures"))
    for (d, v), (px, py) in zip(measures, pts):
        body.append(_circle(px, py, 4.5, _tip(f"{d.isoformat()} — {quantity(v)}"), fill=BLUE,
                            stroke=WHITE, stroke_width=1.5, cls="measure"))
    if pts:
        last = quantity(measures[-1][1])
        anchor = "end" if pts[-1][0] > right - 40 else "middle"
        body.append(_label(pts[-1][0], pts[-1][1] - 10, last, size, anchor=anchor, font_weight=600, fill=BLUE,
                           cls="last"))
    else:
        ty = top + (bottom - top) * (0.25 if rising else 0.75)  # in the corner the line leaves empty
        body.append(_label(left + (right - left) * 0.3, ty, labels.get("empty", "—"), size, anchor="middle",
                           fill=MUTED, cls="empty"))
    legend = []
    if labels.get("expected"):
        dashed = _line(-7, 0, 7, 0, stroke=MUTED, stroke_width=1.5, stroke_dasharray="4 2")
        legend.append((dashed, labels["expected"]))
    if labels.get("measures"):
        legend.append((_circle(0, 0, 4.5, fill=BLUE), labels["measures"]))
    drawn, legend_h = _legend(legend, left + 6, bottom + 50, right=width - 4, size=size)
    body.append(drawn)
    return _svg(uid, "trajectory", (0, 0, width, bottom + 40 + legend_h), labels, "".join(body),
                variant="narrow" if narrow else "")
