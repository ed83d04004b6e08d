"""The report's score charts: a radar (the Dees grid) and bars (the candidates' criteria)."""

from __future__ import annotations

import math
from typing import Any

from pamplemousse.outputs.svg import (
    BLUE,
    GRID,
    MUTED,
    RULE,
    VERMILION,
    WHITE,
    _circle,
    _e,
    _empty,
    _gap_mark,
    _hatch,
    _legend,
    _line,
    _n,
    _num,
    _points,
    _rect,
    _short,
    _svg,
    _tag,
    _text,
    _tw,
    _uid,
    _wrap,
)


def _polar(i: int, n: int, r: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n  # the first axis points up, then clockwise
    return r * math.cos(angle), r * math.sin(angle)


def radar_svg(axes: list[tuple[str, float]], max_score: float, labels: dict[str, Any], narrow: bool = False) -> str:
    """A radar (spider) chart centred on 0,0, one axis per criterion (smaller, its names on shorter lines, narrow)."""
    if len(axes) < 3 or max_score <= 0:
        return _empty("radar", labels)
    uid = _uid("radar", axes, max_score, labels, narrow)
    n, radius, chars = len(axes), 74.0 if narrow else 120.0, 13 if narrow else 18
    body = []
    for k in range(1, int(max_score) + 1):
        ring = [_polar(i, n, radius * k / max_score) for i in range(n)]
        body.append(_tag("polygon", points=_points(ring), fill="none", stroke=RULE if k == int(max_score) else GRID,
                         cls="grid"))
        body.append(_text(4, ring[0][1] - 2, k, fill=MUTED, font_size=12 if narrow else 11))
    body.extend(_line(0, 0, *_polar(i, n, radius), stroke=GRID) for i in range(n))
    scores = [min(max(float(s), 0.0), float(max_score)) for _, s in axes]
    vertices = [_polar(i, n, radius * s / max_score) for i, s in enumerate(scores)]
    body.append(_tag("polygon", points=_points(vertices), fill=BLUE, fill_opacity=0.18, stroke=BLUE, stroke_width=2,
                     cls="score"))
    body.extend(_circle(px, py, 3.5, fill=BLUE, stroke=WHITE) for px, py in vertices)
    xmin, xmax, ymin, ymax = -radius, radius, -radius, radius
    for i, ((name, _), score) in enumerate(zip(axes, scores)):
        lines = [*_wrap(str(name), chars), f"{_num(score, labels)} / {_num(max_score, labels)}"]
        lx, ly = _polar(i, n, radius + 14)
        cos, sin = lx / (radius + 14), ly / (radius + 14)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        y0 = ly + 10 if sin > 0.3 else ly - 14 * len(lines) + 6 if sin < -0.3 else ly - 7 * len(lines) + 10
        tspans = "".join(_tag("tspan", _e(t), x=lx, y=y0 + 14 * j, font_weight=600 if j == len(lines) - 1 else None)
                         for j, t in enumerate(lines))
        body.append(_tag("text", tspans, text_anchor=anchor, cls="axis-label"))
        w = max(_tw(t) for t in lines)  # grow the view box so that no label is clipped
        x_left = lx - w if anchor == "end" else lx - w / 2 if anchor == "middle" else lx
        xmin, xmax = min(xmin, x_left), max(xmax, x_left + w)
        ymin, ymax = min(ymin, y0 - 12), max(ymax, y0 + 14 * (len(lines) - 1) + 4)
    return _svg(uid, "radar", (xmin - 8, ymin - 8, xmax - xmin + 16, ymax - ymin + 16), labels, "".join(body),
                variant="narrow" if narrow else "")


def bar_scores_svg(items: list[tuple[str, float]], max_score: float, labels: dict[str, Any],
                   highlight_below: float = 2, narrow: bool = False) -> str:
    """One horizontal bar per criterion; a score below ``highlight_below`` is a gap: hatched, with a "!".

    Narrow (a phone), each criterion's name is above its bar."""
    if not items or max_score <= 0:
        return _empty("scores", labels)
    uid = _uid("scores", items, max_score, labels, highlight_below, narrow)
    hatch = f"{uid}-hatch"
    left, bar_w, row_h, bar_h = (24.0, 240.0, 44.0, 14.0) if narrow else (230.0, 280.0, 28.0, 14.0)
    unit = bar_w / max_score
    body, gaps = [], 0
    for i, (name, raw) in enumerate(items):
        score = min(max(float(raw), 0.0), float(max_score))
        gap = score < highlight_below
        gaps += gap
        y, yc = 8 + i * row_h + (20 if narrow else 4), 8 + i * row_h + (27 if narrow else 11)
        parts = [_text(left if narrow else 0, 8 + i * row_h + 11, _short(str(name), 42 if narrow else 32),
                       dominant_baseline="central"),
                 _rect(left, y, bar_w, bar_h, fill="#ececec", cls="track")]
        style = {"fill": f"url(#{hatch})", "stroke": VERMILION, "stroke_width": 1.5} if gap else {"fill": BLUE}
        parts.append(_rect(left, y, unit * score, bar_h, cls="value", **style))
        parts.extend(_line(left + unit * k, y, left + unit * k, y + bar_h, stroke=WHITE)
                     for k in range(1, math.ceil(max_score)))
        parts.append(_text(left + bar_w + 10, yc, f"{_num(score, labels)} / {_num(max_score, labels)}",
                           dominant_baseline="central", font_weight=600 if gap else None))
        if gap:
            parts.append(_tag("g", _gap_mark(), cls="gap-mark", transform=f"translate({_n(left - 14)},{_n(yc)})"))
        body.append(_tag("g", "".join(parts), cls="criterion gap" if gap else "criterion"))
    height = 16 + row_h * len(items)
    if gaps and labels.get("gap"):
        swatch = _rect(-32, -6, 18, 12, fill=f"url(#{hatch})", stroke=VERMILION) + _gap_mark()
        body.append(_legend([(swatch, labels["gap"])], 40, height + 4, right=left + bar_w + 64, size=12 if narrow else 11)[0])
        height += 24
    return _svg(uid, "scores", (0, 0, left + bar_w + 64, height), labels, "".join(body), _hatch(hatch, VERMILION),
                variant="narrow" if narrow else "")
