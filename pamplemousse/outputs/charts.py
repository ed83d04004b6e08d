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
``decimal`` (decimal separator, "," by default), and legend entries drawn
only when given: ``overdue``, ``expected``, ``measures``, ``gap``.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from html import escape

from pamplemousse.views.chart import Chart

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID, RULE, SHADE, WHITE = "#1a1a1a", "#595959", "#d4d4d4", "#9a9a9a", "#f5f5f5", "#ffffff"
BLUE, GREEN, ORANGE, VERMILION = "#0072B2", "#009E73", "#E69F00", "#D55E00"
# status -> (colour, outline dash): blocked and dropped show without colour too
STATUS = {
    "todo": (MUTED, ""),
    "in_progress": (BLUE, ""),
    "done": (GREEN, ""),
    "blocked": (ORANGE, "4 2"),
    "dropped": ("#8c8c8c", "3 2"),
}
HALO = {"stroke": WHITE, "stroke_width": 3, "stroke_linejoin": "round", "paint_order": "stroke"}  # text over lines


# --- markup -----------------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate, as short as it can be written."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _tag(name: str, body: str = "", **attrs: object) -> str:
    """An element; ``cls`` is written class and ``_`` becomes ``-`` in names.

    ``body`` is markup: escape text with ``_e`` or use ``_text``."""
    out = []
    for key, value in attrs.items():
        if value is None or value == "":
            continue
        key = "class" if key == "cls" else key.replace("_", "-")
        out.append(f' {key}="{_n(value) if isinstance(value, float) else _e(value)}"')
    return f"<{name}{''.join(out)}>{body}</{name}>" if body else f"<{name}{''.join(out)}/>"


def _text(x: float, y: float, text: object, **attrs: object) -> str:
    return _tag("text", _e(text), x=float(x), y=float(y), **attrs)


def _line(x1: float, y1: float, x2: float, y2: float, **attrs: object) -> str:
    return _tag("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)


def _rect(x: float, y: float, w: float, h: float, **attrs: object) -> str:
    return _tag("rect", x=float(x), y=float(y), width=float(w), height=float(h), **attrs)


def _circle(cx: float, cy: float, r: float, body: str = "", **attrs: object) -> str:
    return _tag("circle", body, cx=float(cx), cy=float(cy), r=float(r), **attrs)


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)


def _diamond(x: float, y: float, size: float, **attrs: object) -> str:
    pts = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    return _tag("polygon", points=_points(pts), **attrs)


def _tip(text: str) -> str:
    """A tooltip, also read by screen readers."""
    return _tag("title", _e(text))


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


def _num(value: float, labels: dict) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if labels.get("decimal", ",") == ",":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def _uid(kind: str, *content: object) -> str:
    return f"pmp-{kind}-" + hashlib.sha1(repr(content).encode()).hexdigest()[:10]


def _svg(uid: str, kind: str, box: tuple, labels: dict, body: str, defs: str = "") -> str:
    x0, y0, width, height = (_n(v) for v in box)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{uid}" class="pmp-chart pmp-{kind}" '
        f'viewBox="{x0} {y0} {width} {height}" width="100%" style="max-width:{width}px;height:auto" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{uid}-t">{_e(labels.get("title", ""))}</title>'
        f'<desc id="{uid}-d">{_e(labels.get("desc", ""))}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        + body
        + "</svg>"
    )


def _empty(kind: str, labels: dict) -> str:
    message = _text(240, 40, labels.get("empty", "—"), text_anchor="middle", dominant_baseline="central",
                    fill=MUTED, cls="empty")
    return _svg(_uid(kind, "empty", labels), kind, (0, 0, 480, 80), labels, message)


def _hatch(pid: str, colour: str) -> str:
    return _tag("pattern", _line(0, 0, 0, 6, stroke=colour, stroke_width=2.5), id=pid, width=6, height=6,
                patternUnits="userSpaceOnUse", patternTransform="rotate(45)")


def _gap_mark() -> str:
    """A "!" in a circle, centred on 0,0."""
    bang = _text(0, 0, "!", text_anchor="middle", dominant_baseline="central", fill=WHITE, font_weight=700)
    return _circle(0, 0, 8, fill=VERMILION) + bang


def _legend(entries: list[tuple[str, str]], x: float, y: float) -> str:
    """One line of (swatch drawn around 0,0 within ±7, text) entries."""
    out = []
    for swatch, text in entries:
        out.append(f'<g transform="translate({_n(x)},{_n(y)})">{swatch}</g>')
        out.append(_text(x + 12, y + 4, text, fill=MUTED, font_size=11))
        x += 32 + _tw(text, 11)
    return _tag("g", "".join(out), cls="legend")


def _scale(d0: float, d1: float, r0: float, r1: float):
    span = (d1 - d0) or 1
    return lambda v: float(r0 + (v - d0) * (r1 - r0) / span)


# --- dates ------------------------------------------------------------------


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _date_scale(d0: date, d1: date, r0: float, r1: float):
    scale = _scale(d0.toordinal(), d1.toordinal(), r0, r1)
    return lambda d: scale(d.toordinal())


def _month_axis(d0: date, d1: date, x, y_text: float, y_grid: tuple[float, float], labels: dict) -> str:
    """A grid line at each month start from d0 to d1, its name at ``y_text`` and the year below."""
    names = labels.get("months")
    names = names if names and len(names) == 12 else None
    starts, d = [], date(d0.year, d0.month, 1)
    while d <= d1:
        starts += [d] if d >= d0 else []
        d = _next_month(d)
    month_w = (x(d1) - x(d0)) / max(len(starts) - 1, 1)
    step = math.ceil((max(_tw(n, 11) for n in names or ["00/0000"]) + 10) / month_w)
    out = []
    for i, m in enumerate(starts):
        out.append(_line(x(m), y_grid[0], x(m), y_grid[1], stroke=GRID, cls="month"))
        if i % step or m >= d1:
            continue
        out.append(_text(x(m) + 3, y_text, names[m.month - 1] if names else f"{m.month:02d}/{m.year}",
                         fill=MUTED, font_size=11))
        if names and (i == 0 or m.month == 1):
            out.append(_text(x(m) + 3, y_text + 13, m.year, fill=MUTED, font_size=10))
    return "".join(out)


# --- timeline ---------------------------------------------------------------


def _timeline_bar(row: dict, x, y: float, h: float, today_x: float, hatch: str) -> str:
    status = row.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    x0 = x(row["start"])
    w = max(x(row["end"]) - x0, 2.0)
    progress = min(max(int(row.get("progress", 0)), 0), 100)
    overdue = bool(row.get("overdue"))
    parts = [_rect(x0, y, w, h, fill=WHITE, stroke=colour, stroke_dasharray=dash, cls="track")]
    if overdue:  # hatched where work remains, a thick outline, and a dotted delay up to today
        if today_x > x0 + w:
            parts.append(_line(x0 + w, y + h / 2, today_x, y + h / 2, stroke=VERMILION, stroke_dasharray="2 2",
                               cls="delay"))
        parts.append(_rect(x0, y, w, h, fill=f"url(#{hatch})", cls="overdue-mark"))
    parts.append(_rect(x0, y, w * progress / 100, h, fill=colour, cls="progress"))
    if overdue:
        parts.append(_rect(x0, y, w, h, fill="none", stroke=VERMILION, stroke_width=2, cls="overdue-outline"))
    if status == "dropped":
        parts.append(_line(x0 - 3, y + h / 2, x0 + w + 3, y + h / 2, stroke=INK, stroke_width=1.5, cls="strike"))
    tip = _tip(f"{row['id']} {row.get('label', '')} — {progress}\u00a0%")
    return _tag("g", tip + "".join(parts), cls=f"bar {status}" + (" overdue" if overdue else ""),
                data_id=row["id"], opacity=0.45 if status == "dropped" else None)


# a milestone's state -> (fill, outline, inner mark): told apart by shape too, in black and white
_MARKS = {"met": (GREEN, WHITE, "check"), "missed": (VERMILION, WHITE, "cross"),
          "late": (WHITE, VERMILION, "bang"), "upcoming": (WHITE, INK, "")}


def _milestone_mark(x: float, y: float, size: float, state: str | None) -> str:
    """A diamond: filled with a tick (met), filled with a cross (missed), hollow with « ! » (late), hollow (upcoming)."""
    if state not in _MARKS:
        return _diamond(x, y, size, fill=INK, stroke=WHITE)
    fill, stroke, inner = _MARKS[state]
    out = _diamond(x, y, size, fill=fill, stroke=stroke, stroke_width=1.5 if fill == WHITE else 1)
    d = size * 0.4
    if inner == "check":
        out += _tag("polyline", points=_points([(x - d, y), (x - d / 3, y + d * 0.8), (x + d, y - d * 0.7)]),
                    fill="none", stroke=WHITE, stroke_width=1.6)
    elif inner == "cross":
        out += _line(x - d, y - d, x + d, y + d, stroke=WHITE, stroke_width=1.6)
        out += _line(x - d, y + d, x + d, y - d, stroke=WHITE, stroke_width=1.6)
    elif inner == "bang":
        out += _line(x, y - d, x, y + d * 0.3, stroke=VERMILION, stroke_width=1.6)
    return out


def timeline_svg(rows: list[dict], today: date, labels: dict) -> str:
    """A Gantt-like chart: one row per item, its milestones, and a today line."""
    if not rows:
        return _empty("timeline", labels)
    uid = _uid("timeline", rows, today, labels)
    hatch = f"{uid}-hatch"
    dates = [today, *(r["start"] for r in rows), *(r["end"] for r in rows),
             *(m["date"] for r in rows for m in r.get("milestones", ()))]
    d0, d1 = date(min(dates).year, min(dates).month, 1), _next_month(max(dates))
    width, left, right, top, row_h = 800.0, 240.0, 780.0, 40.0, 30.0
    bottom = top + row_h * len(rows)
    x = _date_scale(d0, d1, left, right)
    body = [_month_axis(d0, d1, x, 14, (top - 6, bottom), labels)]
    for i, row in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            body.append(_rect(0, y, width, row_h, fill=SHADE, cls="zebra"))
        name = _tag("tspan", _e(row["id"]), font_weight=600) + " " + _e(_short(str(row.get("label", "")), 30))
        body.append(_tag("text", name, x=8.0, y=y + 19, cls="row-label"))
        body.append(_timeline_bar(row, x, y + 7, row_h - 14, x(today), hatch))
        for m in row.get("milestones", ()):
            state = m.get("state", "")
            said = labels.get(f"milestone_{state}", "")
            tip = _tip(f"{labels.get('milestone', '')} — {m.get('title', '')}" + (f" ({said})" if said else ""))
            mark = _milestone_mark(x(m["date"]), y + row_h / 2, 7, state)
            body.append(_tag("g", tip + mark, cls=f"milestone {state}".strip()))
    tx, today_text = x(today), labels.get("today", "")
    body.append(_line(tx, top - 6, tx, bottom + 6, stroke=INK, stroke_width=1.5, stroke_dasharray="5 3", cls="today"))
    anchor = "end" if tx > right - _tw(today_text, 11) / 2 else "middle" if tx > left + 60 else "start"
    body.append(_text(tx, bottom + 20, today_text, text_anchor=anchor, font_size=11, font_weight=600,
                      cls="today-label"))
    states = [m.get("state") for r in rows for m in r.get("milestones", ())]
    legend = [(_milestone_mark(0, 0, 6, st), labels.get(f"milestone_{st}", "")) for st in _MARKS if st in states]
    legend = legend or [(_diamond(0, 0, 6, fill=INK), labels.get("milestone", ""))]
    if labels.get("overdue") and any(r.get("overdue") for r in rows):
        swatch = _rect(-6, -5, 12, 10, fill=f"url(#{hatch})", stroke=VERMILION, stroke_width=2)
        legend.append((swatch, labels["overdue"]))
    body.append(_legend(legend, left + 6, bottom + 42))
    return _svg(uid, "timeline", (0, 0, width, bottom + 56), labels, "".join(body), _hatch(hatch, VERMILION))


# --- impact / effort matrix --------------------------------------------------


def _point(p: dict, cx: float, cy: float, r: float) -> str:
    status = p.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    if status in ("todo", "dropped"):  # hollow
        fill, stroke, ink = WHITE, colour, colour
    else:
        fill, stroke, ink = colour, INK if dash else WHITE, INK if colour == ORANGE else WHITE
    circle = _circle(cx, cy, r, fill=fill, stroke=stroke, stroke_width=1.5, stroke_dasharray=dash)
    name = _text(cx, cy, p["id"], text_anchor="middle", dominant_baseline="central", fill=ink,
                 font_size=round(min(10.0, r * 0.75), 1), font_weight=600)
    return _tag("g", _tip(f"{p['id']} {p.get('label', '')}") + circle + name, cls=f"point {status}",
                data_id=p["id"])


def _spread(n: int, step_max: float, per_row: int) -> tuple[list[tuple[float, float]], float]:
    """Offsets from a cell's centre for n points on a centred grid of ``per_row`` columns, and the spacing."""
    n_rows = math.ceil(n / per_row)
    step = step_max / max(per_row, n_rows)
    offsets = []
    for j in range(n):
        row = j // per_row
        in_row = min(per_row, n - row * per_row)
        offsets.append(((j % per_row - (in_row - 1) / 2) * step, (row - (n_rows - 1) / 2) * step))
    return offsets, step


def matrix_svg(points: list[dict], labels: dict) -> str:
    """Impact (vertical, high at top) against effort (horizontal, low at left)."""
    if not points:
        return _empty("matrix", labels)
    uid = _uid("matrix", points, labels)
    cell, band, left, top = 76.0, 24.0, 56.0, 8.0
    side = 5 * cell + 2 * band  # five cells and a band for the quadrant names at top and bottom
    mid_x, mid_y, end = left + side / 2, top + side / 2, top + side
    body = []
    for key, qx, qy, fill, anchor, ty in [
        ("quick_wins", left, top, "#e3f1eb", "start", top + 16),
        ("major_projects", mid_x, top, SHADE, "end", top + 16),
        ("fill_ins", left, mid_y, SHADE, "start", end - 8),
        ("thankless", mid_x, mid_y, "#fbece4", "end", end - 8),
    ]:
        body.append(_rect(qx, qy, side / 2, side / 2, fill=fill, cls=f"quadrant {key}"))
        tx = qx + 8 if anchor == "start" else qx + side / 2 - 8
        body.append(_text(tx, ty, labels.get(key, ""), text_anchor=anchor, fill=MUTED, font_weight=600))
    body.append(_rect(left, top, side, side, fill="none", stroke=GRID))
    body.append(_line(mid_x, top, mid_x, end, stroke=RULE) + _line(left, mid_y, left + side, mid_y, stroke=RULE))
    cx = _scale(0.5, 5.5, left, left + side)  # effort 1..5 at the centres of five columns
    cy = _scale(0.5, 5.5, end - band, top + band)
    for v in range(1, 6):
        body.append(_text(left - 8, cy(v), v, text_anchor="end", dominant_baseline="central", fill=MUTED))
        body.append(_text(cx(v), end + 16, v, text_anchor="middle", fill=MUTED))
    body.append(_text(16, mid_y, labels.get("impact", ""), text_anchor="middle", font_weight=600,
                      transform=f"rotate(-90 16 {_n(mid_y)})"))
    body.append(_text(mid_x, end + 38, labels.get("effort", ""), text_anchor="middle", font_weight=600))
    cells: dict[tuple[int, int], list[dict]] = {}
    for p in points:
        key = tuple(min(max(round(p.get(axis, 3)), 1), 5) for axis in ("impact", "effort"))
        cells.setdefault(key, []).append(p)
    for (impact, effort), group in cells.items():
        n = len(group)  # points of a cell on a quadrant line stay on it: none seems to change quadrant
        per_row = 1 if effort == 3 != impact and n <= 4 else n if impact == 3 != effort and n <= 4 else 0
        offsets, step = _spread(n, cell - 4, per_row or math.ceil(math.sqrt(n)))
        for p, (dx, dy) in zip(group, offsets):
            body.append(_point(p, cx(effort) + dx, cy(impact) + dy, min(14.0, step / 2 - 1.5)))
    return _svg(uid, "matrix", (0, 0, left + side + 12, end + 48), labels, "".join(body))


# --- indicator trajectory ----------------------------------------------------


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [round(first + i * step, 10) for i in range(int((hi - first) / step + 1e-9) + 1)]


def trajectory_svg(baseline: float, target: float, measures: list, start: date, end: date, unit: str,
                   labels: dict) -> str:
    """The expected path from baseline to target, and the measures taken."""
    measures = sorted(measures)
    uid = _uid("trajectory", baseline, target, measures, start, end, unit, labels)
    d0 = min([start, *(d for d, _ in measures)])
    d1 = max([end, *(d for d, _ in measures), _next_month(d0) if end <= d0 else end])
    values = [baseline, target, *(v for _, v in measures)]
    pad = (max(values) - min(values)) * 0.18 or abs(baseline) * 0.2 or 1
    lo, hi = min(values) - pad, max(values) + pad
    width, left, right, top, bottom = 640.0, 64.0, 620.0, 12.0, 232.0
    x, y = _date_scale(d0, d1, left, right), _scale(lo, hi, bottom, top)
    body = [_month_axis(d0, d1, x, bottom + 18, (top, bottom), labels)]
    for v in _nice_ticks(lo, hi):
        body.append(_line(left, y(v), right, y(v), stroke=GRID, cls="tick"))
        body.append(_text(left - 10, y(v), _num(v, labels), text_anchor="end", dominant_baseline="central",
                          fill=MUTED, font_size=11))
    body.append(_line(left, bottom, right, bottom, stroke=MUTED))
    xs, ys, xe, ye = x(start), y(baseline), x(end), y(target)
    body.append(_line(xs, ys, xe, ye, stroke=MUTED, stroke_width=1.5, stroke_dasharray="6 4", cls="expected"))
    rising = target >= baseline  # labels go on the side away from the line

    def value(key: str, v: float) -> str:
        return f"{labels.get(key, '')} {_num(v, labels)} {unit}".strip()

    body.append(_rect(xs - 5, ys - 5, 10, 10, fill=WHITE, stroke=INK, stroke_width=1.5, cls="baseline"))
    body.append(_text(xs + 10, ys + (18 if rising else -10), value("baseline", baseline), font_size=11, fill=MUTED,
                      **HALO))
    bullseye = _circle(xe, ye, 7, fill=WHITE, stroke=INK, stroke_width=1.5) + _circle(xe, ye, 2.5, fill=INK)
    body.append(_tag("g", bullseye, cls="target"))
    body.append(_text(xe - 10, ye + (-12 if rising else 20), value("target", target), text_anchor="end",
                      font_size=11, font_weight=600, **HALO))
    pts = [(x(d), y(v)) for d, v in measures]
    if len(pts) > 1:
        body.append(_tag("polyline", points=_points(pts), fill="none", stroke=BLUE, stroke_width=2, cls="measures"))
    for (d, v), (px, py) in zip(measures, pts):
        body.append(_circle(px, py, 4.5, _tip(f"{d.isoformat()} — {_num(v, labels)} {unit}"), fill=BLUE,
                            stroke=WHITE, stroke_width=1.5, cls="measure"))
    if pts:
        body.append(_text(pts[-1][0], pts[-1][1] - 10, f"{_num(measures[-1][1], labels)} {unit}".strip(),
                          text_anchor="middle", font_size=11, font_weight=600, fill=BLUE, cls="last", **HALO))
    else:
        ty = top + (bottom - top) * (0.25 if rising else 0.75)  # in the corner the line leaves empty
        body.append(_text(left + (right - left) * 0.3, ty, labels.get("empty", "—"), text_anchor="middle",
                          fill=MUTED, cls="empty", **HALO))
    legend = []
    if labels.get("expected"):
        dashed = _line(-7, 0, 7, 0, stroke=MUTED, stroke_width=1.5, stroke_dasharray="4 2")
        legend.append((dashed, labels["expected"]))
    if labels.get("measures"):
        legend.append((_circle(0, 0, 4.5, fill=BLUE), labels["measures"]))
    body.append(_legend(legend, left + 6, bottom + 50))
    return _svg(uid, "trajectory", (0, 0, width, bottom + 62), labels, "".join(body))


# --- radar and score bars (Dees grid, candidates) ----------------------------


def _polar(i: int, n: int, r: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n  # the first axis points up, then clockwise
    return r * math.cos(angle), r * math.sin(angle)


def radar_svg(axes: list[tuple[str, float]], max_score: float, labels: dict) -> str:
    """A radar (spider) chart centred on 0,0, one axis per criterion."""
    if len(axes) < 3 or max_score <= 0:
        return _empty("radar", labels)
    uid = _uid("radar", axes, max_score, labels)
    n, radius = len(axes), 120.0
    body = []
    for k in range(1, int(max_score) + 1):
        ring = [_polar(i, n, radius * k / max_score) for i in range(n)]
        body.append(_tag("polygon", points=_points(ring), fill="none", stroke=RULE if k == int(max_score) else GRID,
                         cls="grid"))
        body.append(_text(4, ring[0][1] - 2, k, fill=MUTED, font_size=9))
    body.extend(_line(0, 0, *_polar(i, n, radius), stroke=GRID) for i in range(n))
    scores = [min(max(float(s), 0.0), float(max_score)) for _, s in axes]
    vertices = [_polar(i, n, radius * s / max_score) for i, s in enumerate(scores)]
    body.append(_tag("polygon", points=_points(vertices), fill=BLUE, fill_opacity=0.18, stroke=BLUE, stroke_width=2,
                     cls="score"))
    body.extend(_circle(px, py, 3.5, fill=BLUE, stroke=WHITE) for px, py in vertices)
    xmin, xmax, ymin, ymax = -radius, radius, -radius, radius
    for i, ((name, _), score) in enumerate(zip(axes, scores)):
        lines = [*_wrap(str(name), 18), f"{_num(score, labels)} / {_num(max_score, labels)}"]
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
    return _svg(uid, "radar", (xmin - 8, ymin - 8, xmax - xmin + 16, ymax - ymin + 16), labels, "".join(body))


def bar_scores_svg(items: list[tuple[str, float]], max_score: float, labels: dict,
                   highlight_below: float = 2) -> str:
    """One horizontal bar per criterion; a score below ``highlight_below`` is a gap: hatched, with a "!"."""
    if not items or max_score <= 0:
        return _empty("scores", labels)
    uid = _uid("scores", items, max_score, labels, highlight_below)
    hatch = f"{uid}-hatch"
    left, bar_w, row_h, bar_h = 230.0, 280.0, 28.0, 14.0
    unit = bar_w / max_score
    body, gaps = [], 0
    for i, (name, raw) in enumerate(items):
        score = min(max(float(raw), 0.0), float(max_score))
        gap = score < highlight_below
        gaps += gap
        y, yc = 8 + i * row_h + 4, 8 + i * row_h + 11
        parts = [_text(0, yc, _short(str(name), 32), dominant_baseline="central"),
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
        body.append(_legend([(swatch, labels["gap"])], 40, height + 4))
        height += 24
    return _svg(uid, "scores", (0, 0, left + bar_w + 64, height), labels, "".join(body), _hatch(hatch, VERMILION))


_DRAWINGS = {
    "timeline": timeline_svg, "matrix": matrix_svg, "trajectory": trajectory_svg,
    "radar": radar_svg, "bar_scores": bar_scores_svg,
}


def draw(chart: Chart) -> str:
    """The inline SVG of a chart a view described."""
    return _DRAWINGS[chart.kind](*chart.args, **chart.options)


def draw_all(data: object, drawn: bool) -> object:
    """`data` with every Chart in it replaced by its SVG (`drawn`) or by an empty string.

    Dicts and lists are changed in place; the catalog under `labels` is skipped.
    """
    if isinstance(data, Chart):
        return draw(data) if drawn else ""
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "labels" and isinstance(value, (dict, list, Chart)):
                data[key] = draw_all(value, drawn)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, (dict, list, Chart)):
                data[i] = draw_all(value, drawn)
    return data
