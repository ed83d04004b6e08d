"""Inline SVG charts for the steering tool and the report.

Pure functions: plain numbers, strings and dates in, one ``<svg>`` string out;
no I/O and nothing beyond the standard library. Every text comes from the
caller's ``labels`` (already in the reader's language) and is escaped here.

Every chart has a <title> and a <desc> (its text equivalent), scales to its
container (``width="100%"``) and never relies on colour alone: overdue bars are
hatched *and* outlined, gaps carry a "!" marker, baseline, target and measures
have different marker shapes. Colours are from the Okabe-Ito palette, told
apart by colour-blind readers and still distinct in grey on paper.

Element ids derive from a hash of the chart's content: the output is the same
on every run (golden files) and two different charts on one page never clash.
An empty input gives a small chart saying ``labels.get("empty", "—")``.
Optional label keys: ``months`` (12 short month names; else "03/2026"),
``decimal`` (decimal separator, "," by default), ``overdue``, ``expected``,
``measures``, ``gap`` (legend entries, drawn only when given).
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID, SHADE, WHITE = "#1a1a1a", "#595959", "#d4d4d4", "#f5f5f5", "#ffffff"
BLUE, GREEN, ORANGE, VERMILION = "#0072B2", "#009E73", "#E69F00", "#D55E00"
# status -> (colour, outline dash); blocked is dashed so it shows without colour
STATUS = {
    "todo": (MUTED, ""),
    "in_progress": (BLUE, ""),
    "done": (GREEN, ""),
    "blocked": (ORANGE, "4 2"),
    "dropped": ("#8c8c8c", "3 2"),
}


# --- markup helpers ---------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate, as short as it can be written."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _tag(name: str, body: str = "", **attrs: object) -> str:
    """An element; ``cls`` is written class, ``_`` becomes ``-`` in names.

    ``body`` is markup (escape text yourself, or use ``_text``)."""
    out = []
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        name_ = "class" if key == "cls" else key.replace("_", "-")
        out.append(f' {name_}="{_n(value) if isinstance(value, float) else _e(value)}"')
    return f"<{name}{''.join(out)}>{body}</{name}>" if body else f"<{name}{''.join(out)}/>"


def _text(x: float, y: float, text: object, **attrs: object) -> str:
    return _tag("text", _e(text), x=float(x), y=float(y), **attrs)


def _tw(text: str, size: float = 12) -> float:
    """A generous estimate of a text's width in a sans-serif font."""
    return len(text) * size * 0.58


def _short(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _wrap(text: str, chars: int) -> list[str]:
    """Words packed into lines of about ``chars`` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _uid(kind: str, *content: object) -> str:
    return f"pmp-{kind}-" + hashlib.sha1(repr(content).encode()).hexdigest()[:10]


def _svg(uid: str, kind: str, box: tuple[float, float, float, float], labels: dict, body: str, defs: str = "") -> str:
    x0, y0, width, height = box
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{uid}" class="pmp-chart pmp-{kind}" '
        f'viewBox="{_n(x0)} {_n(y0)} {_n(width)} {_n(height)}" width="100%" '
        f'style="max-width:{_n(width)}px;height:auto" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{uid}-t">{_e(labels.get("title", ""))}</title>'
        f'<desc id="{uid}-d">{_e(labels.get("desc", ""))}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        + body
        + "</svg>"
    )


def _empty(kind: str, labels: dict) -> str:
    body = _text(240, 40, labels.get("empty", "—"), text_anchor="middle", dominant_baseline="middle", fill=MUTED, cls="empty")
    return _svg(_uid(kind, "empty", labels), kind, (0, 0, 480, 80), labels, body)


def _hatch(pid: str, colour: str) -> str:
    line = _tag("line", x1=0, y1=0, x2=0, y2=6, stroke=colour, stroke_width=2.5)
    return _tag("pattern", line, id=pid, width=6, height=6, patternUnits="userSpaceOnUse", patternTransform="rotate(45)")


def _scale(d0: float, d1: float, r0: float, r1: float):
    span = (d1 - d0) or 1
    return lambda v: r0 + (v - d0) * (r1 - r0) / span


def _legend(entries: list[tuple[str, str]], x: float, y: float) -> str:
    """One line of (swatch drawn around 0,0 in a 14×14 box, text) entries."""
    out = []
    for swatch, text in entries:
        out.append(f'<g transform="translate({_n(x)},{_n(y)})">{swatch}</g>')
        out.append(_text(x + 12, y + 4, text, fill=MUTED, font_size=11))
        x += 32 + _tw(text, 11)
    return _tag("g", "".join(out), cls="legend")


def _num(value: float, labels: dict) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if labels.get("decimal", ",") == ",":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def _diamond(x: float, y: float, size: float, **attrs: object) -> str:
    pts = f"{_n(x)},{_n(y - size)} {_n(x + size)},{_n(y)} {_n(x)},{_n(y + size)} {_n(x - size)},{_n(y)}"
    return _tag("polygon", points=pts, **attrs)


# --- dates ------------------------------------------------------------------


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _month_axis(d0: date, d1: date, x, plot_w: float, y_text: float, y_grid: tuple[float, float], labels: dict) -> str:
    """Month grid lines from d0 to d1 and month names at ``y_text`` (years below)."""
    names = labels.get("months")
    names = names if names and len(names) == 12 else None
    starts, d = [], date(d0.year, d0.month, 1)
    while d <= d1:
        if d >= d0:
            starts.append(d)
        d = _next_month(d)
    widest = max(_tw(names[m.month - 1] if names else "00/0000", 11) for m in starts)
    step = max(1, math.ceil((widest + 10) / (plot_w / max(len(starts) - 1, 1))))
    out = []
    for i, m in enumerate(starts):
        out.append(_tag("line", x1=x(m), x2=x(m), y1=float(y_grid[0]), y2=float(y_grid[1]), stroke=GRID, cls="month"))
        if i % step or m >= d1:
            continue
        out.append(_text(x(m) + 3, y_text, names[m.month - 1] if names else f"{m.month:02d}/{m.year}", fill=MUTED, font_size=11))
        if names and (i == 0 or m.month == 1):
            out.append(_text(x(m) + 3, y_text + 13, m.year, fill=MUTED, font_size=10))
    return "".join(out)


def _date_scale(d0: date, d1: date, r0: float, r1: float):
    scale = _scale(d0.toordinal(), d1.toordinal(), r0, r1)
    return lambda d: float(scale(d.toordinal()))


# --- timeline ---------------------------------------------------------------


def _timeline_bar(row: dict, x, y: float, h: float, today_x: float, hatch_id: str) -> str:
    status = row.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    x0 = x(row["start"])
    w = max(x(row["end"]) - x0, 2.0)
    progress = min(max(int(row.get("progress", 0)), 0), 100)
    overdue = bool(row.get("overdue"))
    parts = [_tag("rect", x=x0, y=y, width=w, height=h, fill=WHITE, stroke=colour, stroke_dasharray=dash, cls="track")]
    if overdue:
        if today_x > x0 + w:
            parts.append(_tag("line", x1=x0 + w, x2=today_x, y1=y + h / 2, y2=y + h / 2, stroke=VERMILION, stroke_dasharray="2 2", cls="delay"))
        parts.append(_tag("rect", x=x0, y=y, width=w, height=h, fill=f"url(#{hatch_id})", cls="overdue-mark"))
    parts.append(_tag("rect", x=x0, y=y, width=w * progress / 100, height=h, fill=colour, cls="progress"))
    if overdue:
        parts.append(_tag("rect", x=x0, y=y, width=w, height=h, fill="none", stroke=VERMILION, stroke_width=2, cls="overdue-outline"))
    if status == "dropped":
        parts.append(_tag("line", x1=x0 - 3, x2=x0 + w + 3, y1=y + h / 2, y2=y + h / 2, stroke=INK, stroke_width=1.5, cls="strike"))
    tip = _tag("title", _e(f"{row['id']} {row.get('label', '')} — {progress}\u00a0%"))
    classes = f"bar {status}" + (" overdue" if overdue else "")
    return _tag("g", tip + "".join(parts), cls=classes, data_id=row["id"], opacity=0.45 if status == "dropped" else None)


def timeline_svg(rows: list[dict], today: date, labels: dict) -> str:
    """A Gantt-like chart: one row per item, milestones, a today line."""
    if not rows:
        return _empty("timeline", labels)
    uid = _uid("timeline", rows, today, labels)
    milestones = [m["date"] for r in rows for m in r.get("milestones", ())]
    dates = [today, *milestones, *(r["start"] for r in rows), *(r["end"] for r in rows)]
    d0 = date(min(dates).year, min(dates).month, 1)
    d1 = _next_month(max(dates))
    width, left, right, top, row_h = 800.0, 240.0, 780.0, 40.0, 30.0
    bottom = top + row_h * len(rows)
    x = _date_scale(d0, d1, left, right)
    body = [_month_axis(d0, d1, x, right - left, 14, (top - 6, bottom), labels)]
    hatch_id = f"{uid}-hatch"
    for i, row in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            body.append(_tag("rect", x=0.0, y=y, width=width, height=row_h, fill=SHADE, cls="zebra"))
        name = _short(str(row.get("label", "")), 30)
        text = _tag("tspan", _e(row["id"]), font_weight=600) + " " + _e(name)
        body.append(_tag("text", text, x=8.0, y=y + 19, cls="row-label"))
        body.append(_timeline_bar(row, x, y + 7, row_h - 14, x(today), hatch_id))
        for m in row.get("milestones", ()):
            tip = _tag("title", _e(f"{labels.get('milestone', '')} — {m.get('title', '')}"))
            body.append(_tag("g", tip + _diamond(x(m["date"]), y + row_h / 2, 7, fill=INK, stroke=WHITE), cls="milestone"))
    tx = x(today)
    body.append(_tag("line", x1=tx, x2=tx, y1=top - 6, y2=bottom + 6, stroke=INK, stroke_width=1.5, stroke_dasharray="5 3", cls="today"))
    anchor = "end" if tx > right - _tw(labels.get("today", ""), 11) / 2 else "middle" if tx > left + 60 else "start"
    body.append(_text(tx, bottom + 20, labels.get("today", ""), text_anchor=anchor, font_size=11, font_weight=600, cls="today-label"))
    legend = [(_diamond(0, 0, 6, fill=INK), labels.get("milestone", ""))]
    if labels.get("overdue"):
        swatch = _tag("rect", x=-6.0, y=-5.0, width=12.0, height=10.0, fill=f"url(#{hatch_id})", stroke=VERMILION, stroke_width=2)
        legend.append((swatch, labels["overdue"]))
    body.append(_legend(legend, left + 6, bottom + 42))
    return _svg(uid, "timeline", (0, 0, width, bottom + 56), labels, "".join(body), _hatch(hatch_id, VERMILION))


# --- impact / effort matrix --------------------------------------------------


def _point(p: dict, cx: float, cy: float, r: float) -> str:
    status = p.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    hollow = status in ("todo", "dropped")
    fill, ink = (WHITE, colour) if hollow else (colour, INK if colour == ORANGE else WHITE)
    circle = _tag("circle", cx=cx, cy=cy, r=r, fill=fill, stroke=colour if hollow else WHITE, stroke_width=1.5, stroke_dasharray=dash)
    label = _text(cx, cy, p["id"], text_anchor="middle", dominant_baseline="central", fill=ink, font_size=round(min(10.0, r * 0.75), 1), font_weight=600)
    tip = _tag("title", _e(f"{p['id']} {p.get('label', '')}"))
    return _tag("g", tip + circle + label, cls=f"point {status}", data_id=p["id"])


def matrix_svg(points: list[dict], labels: dict) -> str:
    """Impact (vertical, high at top) against effort (horizontal, low at left)."""
    if not points:
        return _empty("matrix", labels)
    uid = _uid("matrix", points, labels)
    cell, band, left, top = 76.0, 24.0, 56.0, 8.0
    side = 5 * cell + 2 * band  # the square plot, with a band for names at top and bottom
    mid_x, mid_y = left + side / 2, top + side / 2
    body = []
    quadrants = [  # (label key, x, y, fill, text anchor, text y)
        ("quick_wins", left, top, "#e3f1eb", "start", top + 16),
        ("major_projects", mid_x, top, SHADE, "end", top + 16),
        ("fill_ins", left, mid_y, SHADE, "start", top + side - 8),
        ("thankless", mid_x, mid_y, "#fbece4", "end", top + side - 8),
    ]
    for key, qx, qy, fill, anchor, ty in quadrants:
        body.append(_tag("rect", x=qx, y=qy, width=side / 2, height=side / 2, fill=fill, cls=f"quadrant {key}"))
        tx = qx + 8 if anchor == "start" else qx + side / 2 - 8
        body.append(_text(tx, ty, labels.get(key, ""), text_anchor=anchor, fill=MUTED, font_weight=600))
    body.append(_tag("rect", x=left, y=top, width=side, height=side, fill="none", stroke=GRID))
    body.append(_tag("line", x1=mid_x, x2=mid_x, y1=top, y2=top + side, stroke="#9a9a9a"))
    body.append(_tag("line", x1=left, x2=left + side, y1=mid_y, y2=mid_y, stroke="#9a9a9a"))
    cx = _scale(0.5, 5.5, left, left + side)  # effort 1..5 at the centres of five columns
    cy = _scale(0.5, 5.5, top + side - band, top + band)
    for v in range(1, 6):
        body.append(_text(left - 8, cy(v), v, text_anchor="end", dominant_baseline="central", fill=MUTED))
        body.append(_text(cx(v), top + side + 16, v, text_anchor="middle", fill=MUTED))
    body.append(_text(16, mid_y, labels.get("impact", ""), text_anchor="middle", font_weight=600, transform=f"rotate(-90 16 {_n(mid_y)})"))
    body.append(_text(mid_x, top + side + 38, labels.get("effort", ""), text_anchor="middle", font_weight=600))
    cells: dict[tuple[int, int], list[dict]] = {}
    for p in points:
        key = (min(max(round(p.get("impact", 3)), 1), 5), min(max(round(p.get("effort", 3)), 1), 5))
        cells.setdefault(key, []).append(p)
    for (impact, effort), group in cells.items():
        per_row = math.ceil(math.sqrt(len(group)))
        n_rows = math.ceil(len(group) / per_row)
        step = (cell - 4) / per_row
        r = min(14.0, step / 2 - 1.5)
        for j, p in enumerate(group):
            px = cx(effort) + (j % per_row - (per_row - 1) / 2) * step
            py = cy(impact) + (j // per_row - (n_rows - 1) / 2) * step
            body.append(_point(p, px, py, r))
    return _svg(uid, "matrix", (0, 0, left + side + 12, top + side + 48), labels, "".join(body))


# --- indicator trajectory ----------------------------------------------------


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def trajectory_svg(baseline: float, target: float, measures: list, start: date, end: date, unit: str, labels: dict) -> str:
    """The expected path from baseline to target, and the measures taken."""
    measures = sorted(measures)
    uid = _uid("trajectory", baseline, target, measures, start, end, unit, labels)
    d0 = min([start, *(d for d, _ in measures)])
    d1 = max([end, *(d for d, _ in measures)])
    values = [baseline, target, *(v for _, v in measures)]
    pad = (max(values) - min(values)) * 0.18 or abs(baseline) * 0.2 or 1
    lo, hi = min(values) - pad, max(values) + pad
    width, left, right, top, bottom = 640.0, 64.0, 620.0, 12.0, 232.0
    x = _date_scale(d0, d1 if d1 > d0 else _next_month(d0), left, right)
    y = _scale(lo, hi, bottom, top)
    body = [_month_axis(d0, d1, x, right - left, bottom + 18, (top, bottom), labels)]
    for v in _nice_ticks(lo, hi):
        body.append(_tag("line", x1=left, x2=right, y1=y(v), y2=y(v), stroke=GRID, cls="tick"))
        body.append(_text(left - 6, y(v), _num(v, labels), text_anchor="end", dominant_baseline="central", fill=MUTED, font_size=11))
    body.append(_tag("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=MUTED))
    xs, ys, xe, ye = x(start), y(baseline), x(end), y(target)
    body.append(_tag("line", x1=xs, y1=ys, x2=xe, y2=ye, stroke=MUTED, stroke_width=1.5, stroke_dasharray="6 4", cls="expected"))
    rising = target >= baseline  # labels go on the side away from the line
    body.append(_tag("rect", x=xs - 5, y=ys - 5, width=10.0, height=10.0, fill=WHITE, stroke=INK, stroke_width=1.5, cls="baseline"))
    body.append(_text(xs + 10, ys + (18 if rising else -10), f"{labels.get('baseline', '')} {_num(baseline, labels)} {unit}".strip(), font_size=11, fill=MUTED))
    body.append(_tag("g", _tag("circle", cx=xe, cy=ye, r=7.0, fill=WHITE, stroke=INK, stroke_width=1.5) + _tag("circle", cx=xe, cy=ye, r=2.5, fill=INK), cls="target"))
    body.append(_text(xe - 10, ye + (-12 if rising else 20), f"{labels.get('target', '')} {_num(target, labels)} {unit}".strip(), text_anchor="end", font_size=11, font_weight=600))
    pts = [(x(d), y(v)) for d, v in measures]
    if len(pts) > 1:
        body.append(_tag("polyline", points=" ".join(f"{_n(a)},{_n(b)}" for a, b in pts), fill="none", stroke=BLUE, stroke_width=2, cls="measures"))
    for (d, v), (px, py) in zip(measures, pts):
        tip = _tag("title", _e(f"{d.isoformat()} : {_num(v, labels)} {unit}".strip()))
        body.append(_tag("circle", tip, cx=px, cy=py, r=4.5, fill=BLUE, stroke=WHITE, stroke_width=1.5, cls="measure"))
    if pts:
        last = f"{_num(measures[-1][1], labels)} {unit}".strip()
        body.append(_text(pts[-1][0], pts[-1][1] - 10, last, text_anchor="middle", font_size=11, font_weight=600, fill=BLUE, cls="last"))
    else:
        body.append(_text((left + right) / 2, (top + bottom) / 2, labels.get("empty", "—"), text_anchor="middle", fill=MUTED, cls="empty"))
    legend = []
    if labels.get("expected"):
        legend.append((_tag("line", x1=-7, x2=7, y1=0, y2=0, stroke=MUTED, stroke_width=1.5, stroke_dasharray="4 2"), labels["expected"]))
    if labels.get("measures"):
        legend.append((_tag("circle", cx=0, cy=0, r=4.5, fill=BLUE), labels["measures"]))
    body.append(_legend(legend, left + 6, bottom + 50))
    return _svg(uid, "trajectory", (0, 0, width, bottom + 62), labels, "".join(body))


# --- radar and score bars (Dees grid, candidates) ----------------------------


def _polar(i: int, n: int, r: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return r * math.cos(angle), r * math.sin(angle)


def _ring(n: int, radii: list[float]) -> str:
    return " ".join(f"{_n(px)},{_n(py)}" for px, py in (_polar(i, n, r) for i, r in enumerate(radii)))


def radar_svg(axes: list[tuple[str, float]], max_score: float, labels: dict) -> str:
    """A radar (spider) chart centred on 0,0; one axis per criterion."""
    if len(axes) < 3 or max_score <= 0:
        return _empty("radar", labels)
    uid = _uid("radar", axes, max_score, labels)
    n, radius = len(axes), 120.0
    body = []
    steps = range(1, int(max_score) + 1)
    for k in steps:
        outer = k == int(max_score)
        body.append(_tag("polygon", points=_ring(n, [radius * k / max_score] * n), fill="none", stroke="#9a9a9a" if outer else GRID, cls="grid"))
        body.append(_text(3, -radius * k / max_score - 2, k, fill=MUTED, font_size=9))
    for i in range(n):
        px, py = _polar(i, n, radius)
        body.append(_tag("line", x1=0.0, y1=0.0, x2=px, y2=py, stroke=GRID))
    scores = [min(max(float(s), 0.0), float(max_score)) for _, s in axes]
    body.append(_tag("polygon", points=_ring(n, [radius * s / max_score for s in scores]), fill=BLUE, fill_opacity=0.18, stroke=BLUE, stroke_width=2, cls="score"))
    xmin, xmax, ymin, ymax = -radius, radius, -radius, radius
    for i, ((name, _), score) in enumerate(zip(axes, scores)):
        px, py = _polar(i, n, radius * score / max_score)
        body.append(_tag("circle", cx=px, cy=py, r=3.5, fill=BLUE, stroke=WHITE))
        lines = [*_wrap(str(name), 18), f"{_num(score, labels)} / {_num(max_score, labels)}"]
        lx, ly = _polar(i, n, radius + 14)
        cos, sin = lx / (radius + 14), ly / (radius + 14)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        y0 = ly + 10 if sin > 0.3 else ly - 14 * len(lines) + 6 if sin < -0.3 else ly - 7 * len(lines) + 10
        tspans = "".join(
            _tag("tspan", _e(t), x=lx, y=y0 + 14 * j, font_weight=600 if j == len(lines) - 1 else None)
            for j, t in enumerate(lines)
        )
        body.append(_tag("text", tspans, text_anchor=anchor, cls="axis-label"))
        w = max(_tw(t) for t in lines)
        left_x = lx - w if anchor == "end" else lx - w / 2 if anchor == "middle" else lx
        xmin, xmax = min(xmin, left_x), max(xmax, left_x + w)
        ymin, ymax = min(ymin, y0 - 12), max(ymax, y0 + 14 * (len(lines) - 1) + 4)
    box = (xmin - 8, ymin - 8, xmax - xmin + 16, ymax - ymin + 16)
    return _svg(uid, "radar", box, labels, "".join(body))


def bar_scores_svg(items: list[tuple[str, float]], max_score: float, labels: dict, highlight_below: float = 2) -> str:
    """Horizontal bars, one per criterion; scores below the bar are gaps (hatched, "!")."""
    if not items or max_score <= 0:
        return _empty("scores", labels)
    uid = _uid("scores", items, max_score, labels, highlight_below)
    left, bar_w, row_h, bar_h = 230.0, 280.0, 28.0, 14.0
    hatch_id = f"{uid}-hatch"
    body, any_gap = [], False
    unit = bar_w / max_score
    for i, (name, raw) in enumerate(items):
        score = min(max(float(raw), 0.0), float(max_score))
        gap = score < highlight_below
        any_gap = any_gap or gap
        y = 8 + i * row_h
        parts = [_text(0, y + 11, _short(str(name), 32), dominant_baseline="central")]
        parts.append(_tag("rect", x=left, y=y + 4, width=bar_w, height=bar_h, fill="#ececec", cls="track"))
        fill, stroke = (f"url(#{hatch_id})", VERMILION) if gap else (BLUE, None)
        parts.append(_tag("rect", x=left, y=y + 4, width=unit * score, height=bar_h, fill=fill, stroke=stroke, stroke_width=1.5 if gap else None, cls="value"))
        parts.extend(_tag("line", x1=left + unit * k, x2=left + unit * k, y1=y + 4, y2=y + 4 + bar_h, stroke=WHITE) for k in range(1, math.ceil(max_score)))
        parts.append(_text(left + bar_w + 10, y + 11, f"{_num(score, labels)} / {_num(max_score, labels)}", dominant_baseline="central", font_weight=600 if gap else None))
        if gap:
            parts.append(_tag("g", _gap_mark(), cls="gap-mark", transform=f"translate({_n(left - 14)},{_n(y + 11)})"))
        body.append(_tag("g", "".join(parts), cls="criterion gap" if gap else "criterion"))
    height = 8 + row_h * len(items) + 8
    if any_gap and labels.get("gap"):
        swatch = _tag("rect", x=-32.0, y=-6.0, width=18.0, height=12.0, fill=f"url(#{hatch_id})", stroke=VERMILION) + _gap_mark()
        body.append(_legend([(swatch, labels["gap"])], 40, height + 4))
        height += 24
    return _svg(uid, "scores", (0, 0, left + bar_w + 64, height), labels, "".join(body), _hatch(hatch_id, VERMILION))


def _gap_mark() -> str:
    """A "!" in a circle, centred on 0,0."""
    return _tag("circle", cx=0.0, cy=0.0, r=8.0, fill=VERMILION) + _text(0, 0, "!", text_anchor="middle", dominant_baseline="central", fill=WHITE, font_weight=700, font_size=12)
