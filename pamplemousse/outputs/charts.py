"""Inline SVG charts for the steering tool and the report.

Pure functions: plain numbers, strings and dates in, one ``<svg>`` string out;
no I/O and nothing beyond the standard library. Every text comes from the
caller's ``labels`` (already in the reader's language) and is escaped here
(the primitives are in outputs/svg.py).

Every chart has a <title> and a <desc> (its text equivalent), scales to its
container (``width="100%"``) and never relies on colour alone: the lateness is
hatched from the due date on, gaps carry a "!" marker, baseline, target and
measures have different marker shapes. The colour of a status is the same on
every chart and badge (svg.STATUS). Labels that cross lines sit on a white
rectangle (readable in WeasyPrint's PDF too).

The HTML draws the timeline, the matrix and the trajectories twice (`draw`): at
their full width, and narrow for a phone, where text stays at 12 px or more; the
narrow one is hidden except below 600 px by a rule the chart carries (TWIN_RULE), which
holds whatever base.html.j2 frames the page (a consultancy's own from 0.1 included).

Element ids derive from a hash of the chart's content: the output is the same
on every run (golden files) and two different charts on one page never clash.
An empty input gives a small chart saying ``labels.get("empty", "—")``.
Optional label keys: ``months`` (12 short month names; else "03/2026"),
``decimal`` (decimal separator, "," by default), ``statuses`` (status -> word,
for the timeline's legend), and legend entries drawn only when given:
``overdue``, ``expected``, ``measures``, ``gap``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from pamplemousse.outputs.chart_scores import bar_scores_svg, radar_svg
from pamplemousse.outputs.chart_trajectory import trajectory_svg
from pamplemousse.outputs.svg import (
    INK,
    MUTED,
    NARROW,
    RULE,
    SHADE,
    STATUS,
    VERMILION,
    WHITE,
    _circle,
    _date_scale,
    _diamond,
    _empty,
    _hatch,
    _legend,
    _line,
    _lines,
    _month_axis,
    _n,
    _next_month,
    _points,
    _rect,
    _scale,
    _svg,
    _tag,
    _text,
    _tip,
    _tw,
    _two_lines,
    _uid,
)
from pamplemousse.views.chart import Chart

__all__ = ["bar_scores_svg", "draw", "draw_all", "matrix_svg", "radar_svg", "timeline_svg", "trajectory_svg"]


# --- timeline ---------------------------------------------------------------


def _status_swatch(status: str) -> str:
    colour, dash = STATUS.get(status, STATUS["todo"])
    filled = status in ("in_progress", "done", "blocked")
    swatch = _rect(-7, -5, 14, 10, fill=colour if filled else WHITE, stroke=colour, stroke_dasharray=dash,
                   stroke_width=1.5)
    if status == "dropped":
        swatch += _line(-9, 0, 9, 0, stroke=INK, stroke_width=1.5)
    return swatch


def _timeline_bar(row: dict, x, y: float, h: float, today_x: float, hatch: str) -> str:
    status = row.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    x0 = x(row["start"])
    w = max(x(row["end"]) - x0, 2.0)
    progress = min(max(int(row.get("progress", 0)), 0), 100)
    overdue = bool(row.get("overdue"))
    parts = [_rect(x0, y, w, h, fill=WHITE, stroke=colour, stroke_dasharray=dash, cls="track")]
    parts.append(_rect(x0, y, w * progress / 100, h, fill=colour, cls="progress"))
    if overdue and today_x > x0 + w:  # the lateness, hatched from the due date to today
        parts.append(_rect(x0 + w, y, today_x - x0 - w, h, fill=f"url(#{hatch})", stroke=VERMILION,
                           stroke_width=1.5, cls="overdue-mark"))
    if status == "dropped":
        parts.append(_line(x0 - 3, y + h / 2, x0 + w + 3, y + h / 2, stroke=INK, stroke_width=1.5, cls="strike"))
    tip = _tip(f"{row['id']} {row.get('label', '')} — {progress}\u00a0%")
    return _tag("g", tip + "".join(parts), cls=f"bar {status}" + (" overdue" if overdue else ""),
                data_id=row["id"], opacity=0.55 if status == "dropped" else None)


# a milestone's state -> (fill, outline, inner mark): told apart by shape too, in black and white
_MARKS = {"met": (STATUS["done"][0], WHITE, "check"), "missed": (VERMILION, WHITE, "cross"),
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


def _timeline_legend(rows: list[dict], labels: dict, hatch: str) -> list[tuple[str, str]]:
    """Every style the chart uses, named: the statuses present, milestones, lateness, today."""
    words = labels.get("statuses") or {}
    present = {r.get("status", "todo") for r in rows}
    legend = [(_status_swatch(s), words[s]) for s in STATUS if s in present and words.get(s)]
    states = [m.get("state") for r in rows for m in r.get("milestones", ())]
    legend += [(_milestone_mark(0, 0, 6, st), labels.get(f"milestone_{st}", "")) for st in _MARKS if st in states]
    if any(r.get("milestones") for r in rows) and not any(st in _MARKS for st in states):
        legend.append((_diamond(0, 0, 6, fill=INK), labels.get("milestone", "")))
    if labels.get("overdue") and any(r.get("overdue") for r in rows):
        legend.append((_rect(-7, -5, 14, 10, fill=f"url(#{hatch})", stroke=VERMILION, stroke_width=1.5),
                       labels["overdue"]))
    return legend


def timeline_svg(rows: list[dict], today: date, labels: dict, narrow: bool = False) -> str:
    """A Gantt-like chart: one row per item (its name on two lines at most), its milestones, and a today line.

    Wide, the names are in a column on the left; narrow (a phone), each name is above its bar."""
    if not rows:
        return _empty("timeline", labels)
    uid = _uid("timeline", rows, today, labels, narrow)
    hatch = f"{uid}-hatch"
    dates = [today, *(r["start"] for r in rows), *(r["end"] for r in rows),
             *(m["date"] for r in rows for m in r.get("milestones", ()))]
    d0, d1 = date(min(dates).year, min(dates).month, 1), _next_month(max(dates))
    size = 12.0
    if narrow:
        width, left, right, chars = NARROW, 8.0, NARROW - 8, 44
    else:
        width, left, right, chars = 800.0, 270.0, 780.0, 38
    top = 40.0
    names = [_two_lines(f"{r['id']} {r.get('label', '')}".strip(), chars) for r in rows]
    heights = [(len(n) * size * 1.2 + 24) if narrow else 36.0 for n in names]
    bottom = top + sum(heights)
    x = _date_scale(d0, d1, left, right)
    zebra = [_rect(0, top + sum(heights[:i]), width, heights[i], fill=SHADE, cls="zebra") for i in range(0, len(rows), 2)]
    body = [*zebra, _month_axis(d0, d1, x, 14, (top - 6, bottom), labels)]
    y, bar_spans = top, []
    for i, (row, lines, h) in enumerate(zip(rows, names, heights)):
        if narrow:  # the name above its bar, on its row's own background (no grid line through it)
            body.append(_rect(0, y + 1, width, len(lines) * size * 1.2 + 3, fill=SHADE if i % 2 == 0 else WHITE))
        lines = [lines[0][len(row["id"]):].strip(), *lines[1:]]
        if narrow:
            ty, bar_y = y + 15, y + len(lines) * size * 1.2 + 6
        else:
            ty, bar_y = y + (h - size * 1.2 * (len(lines) - 1)) / 2 + 4, y + 10
        body.append(_tag("g", _text(8.0, ty, row["id"], font_weight=600, font_size=size)
                         + _lines(8.0 + _tw(row["id"], size) * 1.15 + 4, ty, lines[:1], size)
                         + _lines(8.0, ty + size * 1.2, lines[1:], size), cls="row-label"))
        bar_h = 12.0 if narrow else 16.0
        body.append(_timeline_bar(row, x, bar_y, bar_h, x(today), hatch))
        if narrow:
            bar_spans.append((bar_y - 4, bar_y + bar_h + 4))
        for m in row.get("milestones", ()):
            state = m.get("state", "")
            said = labels.get(f"milestone_{state}", "")
            tip = _tip(f"{labels.get('milestone', '')} — {m.get('title', '')}" + (f" ({said})" if said else ""))
            mark = _milestone_mark(x(m["date"]), bar_y + bar_h / 2, 7, state)
            body.append(_tag("g", tip + mark, cls=f"milestone {state}".strip()))
        y += h
    tx, today_text = x(today), labels.get("today", "")
    today_line = {"stroke": INK, "stroke_width": 1.5, "stroke_dasharray": "5 3"}
    body.append(_line(tx, top - 6, tx, bottom + 6, cls="today", **today_line, **({"stroke_opacity": 0} if narrow else {})))
    body.extend(_line(tx, y0, tx, y1, **today_line) for y0, y1 in bar_spans)  # narrow: across the bars, not the names
    anchor = "end" if tx > right - _tw(today_text, 11) / 2 else "middle" if tx > left + _tw(today_text, 11) / 2 else "start"
    body.append(_text(tx, bottom + 20, today_text, text_anchor=anchor, font_size=12, font_weight=600,
                      cls="today-label"))
    legend, legend_h = _legend(_timeline_legend(rows, labels, hatch), 14, bottom + 44, right=width - 4)
    body.append(legend)
    return _svg(uid, "timeline", (0, 0, width, bottom + 34 + legend_h), labels, "".join(body),
                _hatch(hatch, VERMILION), variant="narrow" if narrow else "")


# --- impact / effort matrix --------------------------------------------------


def _point(p: dict, cx: float, cy: float, r: float, size: float) -> str:
    status = p.get("status", "todo")
    colour, dash = STATUS.get(status, STATUS["todo"])
    if status in ("todo", "dropped"):  # hollow
        fill, stroke, ink = WHITE, colour, colour
    else:
        fill, stroke, ink = colour, INK if dash else WHITE, WHITE
    circle = _circle(cx, cy, r, fill=fill, stroke=stroke, stroke_width=1.5, stroke_dasharray=dash)
    name = _text(cx, cy, p["id"], text_anchor="middle", dominant_baseline="central", fill=ink,
                 font_size=size, font_weight=600)
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


def matrix_svg(points: list[dict], labels: dict, narrow: bool = False) -> str:
    """Impact (vertical, high at top) against effort (horizontal, low at left).

    The quadrant lines lie between the scores 2 and 3 (at 2.5): no point sits on a line."""
    if not points:
        return _empty("matrix", labels)
    uid = _uid("matrix", points, labels, narrow)
    cell, band, left, top = (50.0, 22.0, 34.0, 8.0) if narrow else (76.0, 24.0, 56.0, 8.0)
    size = 12.0
    side = 5 * cell + 2 * band  # five cells and a band for the quadrant names at top and bottom
    end = top + side
    cx = _scale(0.5, 5.5, left, left + side)  # effort 1..5 at the centres of five columns
    cy = _scale(0.5, 5.5, end - band, top + band)
    div_x, div_y = cx(2.5), cy(2.5)
    body = []
    for key, x0, x1, y0, y1, fill, anchor, ty in [
        ("quick_wins", left, div_x, top, div_y, "#e3f1eb", "start", top + 16),
        ("major_projects", div_x, left + side, top, div_y, SHADE, "end", top + 16),
        ("fill_ins", left, div_x, div_y, end, SHADE, "start", end - 7),
        ("thankless", div_x, left + side, div_y, end, "#fbece4", "end", end - 7),
    ]:
        body.append(_rect(x0, y0, x1 - x0, y1 - y0, fill=fill, cls=f"quadrant {key}"))
        tx = x0 + 6 if anchor == "start" else x1 - 6
        body.append(_text(tx, ty, labels.get(key, ""), text_anchor=anchor, fill=MUTED, font_weight=600,
                          font_size=size))
    body.append(_rect(left, top, side, side, fill="none", stroke=RULE))
    body.append(_line(div_x, top, div_x, end, stroke=RULE, cls="divider")
                + _line(left, div_y, left + side, div_y, stroke=RULE, cls="divider"))
    for v in range(1, 6):
        body.append(_text(left - 8, cy(v), v, text_anchor="end", dominant_baseline="central", fill=MUTED,
                          font_size=size))
        body.append(_text(cx(v), end + 16, v, text_anchor="middle", fill=MUTED, font_size=size))
    body.append(_text(12, (top + end) / 2, labels.get("impact", ""), text_anchor="middle", font_weight=600,
                      font_size=size, transform=f"rotate(-90 12 {_n((top + end) / 2)})"))
    body.append(_text(left + side / 2, end + 36, labels.get("effort", ""), text_anchor="middle", font_weight=600,
                      font_size=size))
    cells: dict[tuple[int, int], list[dict]] = {}
    for p in points:
        impact, effort = (min(max(round(p.get(axis, 3)), 1), 5) for axis in ("impact", "effort"))
        cells.setdefault((impact, effort), []).append(p)
    for (impact, effort), group in cells.items():
        offsets, step = _spread(len(group), side / 5 - 4, math.ceil(math.sqrt(len(group))))
        for p, (dx, dy) in zip(group, offsets):
            body.append(_point(p, cx(effort) + dx, cy(impact) + dy, max(min(15.0, step / 2 - 1.5), 11.0),
                               11.0 if not narrow else size))
    return _svg(uid, "matrix", (0, 0, left + side + 8, end + 46), labels, "".join(body),
                variant="narrow" if narrow else "")


_DRAWINGS: dict[str, Callable[..., str]] = {
    "timeline": timeline_svg, "matrix": matrix_svg, "trajectory": trajectory_svg,
    "radar": radar_svg, "bar_scores": bar_scores_svg,
}
_NARROW = ("timeline", "matrix", "trajectory", "radar", "bar_scores")  # also drawn for a phone


# Which of the two drawings shows, carried by the chart's own markup: a page framed by a
# consultancy's older base.html.j2 (0.1, written before the narrow drawings) hides the narrow one too.
TWIN_RULE = (
    "<style>svg.pmp-narrow{display:none}"
    "@media screen and (max-width:600px){svg.pmp-wide{display:none}svg.pmp-narrow{display:block}}</style>"
)


def draw(chart: Chart) -> str:
    """The inline SVG of a chart a view described (and its narrow twin, for a phone, where it has one)."""
    drawing = _DRAWINGS[chart.kind]
    svg = drawing(*chart.args, **chart.options)
    css = {"bar_scores": "scores"}.get(chart.kind, chart.kind)
    if chart.kind in _NARROW and f'class="pmp-chart pmp-{css}"' in svg and 'class="empty"' not in svg:
        narrow = drawing(*chart.args, **chart.options, narrow=True)
        svg = svg.replace(f'class="pmp-chart pmp-{css}"', f'class="pmp-chart pmp-{css} pmp-wide"', 1)
        svg = TWIN_RULE + svg + narrow  # the narrow one hidden (TWIN_RULE) unless on a phone
    return svg


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
