"""The drawing primitives of pmp's inline SVG charts (outputs/charts.py draws with them).

Pure functions: numbers and strings in, SVG markup out; every text escaped here.
One table of colours per status (STATUS), read by the charts and, through
`status_css`, by the style sheet of every HTML document, so that « bloqué » has
one colour on the badge, the timeline and the matrix. Each colour is dark
enough to be text on white (4.5:1), and a status never shows by colour alone
(dashes, hollow points, a strike).
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID, RULE, SHADE, WHITE = "#1a1a1a", "#595959", "#d4d4d4", "#9a9a9a", "#f5f5f5", "#ffffff"
BLUE, VERMILION = "#0072B2", "#D55E00"
# status -> (colour, outline dash): blocked and dropped show without colour too
STATUS = {
    "todo": ("#5b6670", "4 2"),
    "in_progress": (BLUE, ""),
    "done": ("#007a57", ""),
    "blocked": ("#a3400c", "4 2"),
    "dropped": ("#6b6b6b", "2 2"),
}
NARROW = 340.0  # the width of a chart drawn for a phone (its text stays at 12 px or more on a 390 px screen)


def status_css() -> str:
    """The status colours as CSS variables (--status-blocked…), for the style sheet of the HTML documents."""
    return "".join(f"--status-{key}: {colour}; " for key, (colour, _) in STATUS.items()).strip()


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
    return _tag("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)  # type: ignore[arg-type]  # attrs are SVG attributes, never `body`


def _rect(x: float, y: float, w: float, h: float, **attrs: object) -> str:
    return _tag("rect", x=float(x), y=float(y), width=float(w), height=float(h), **attrs)  # type: ignore[arg-type]  # attrs are SVG attributes, never `body`


def _circle(cx: float, cy: float, r: float, body: str = "", **attrs: object) -> str:
    return _tag("circle", body, cx=float(cx), cy=float(cy), r=float(r), **attrs)


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)


def _diamond(x: float, y: float, size: float, **attrs: object) -> str:
    pts = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    return _tag("polygon", points=_points(pts), **attrs)  # type: ignore[arg-type]  # attrs are SVG attributes, never `body`


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


def _svg(uid: str, kind: str, box: tuple, labels: dict, body: str, defs: str = "", variant: str = "") -> str:
    """The chart's <svg>: it scales to its container's width (viewBox, width 100 %), up to its own width."""
    x0, y0, width, height = (_n(v) for v in box)
    cls = f"pmp-chart pmp-{kind}" + (f" pmp-{variant}" if variant else "")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{uid}" class="{cls}" '
        f'viewBox="{x0} {y0} {width} {height}" width="100%" style="max-width:{width}px;height:auto" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{uid}-t">{_e(labels.get("title", ""))}</title>'
        f'<desc id="{uid}-d">{_e(labels.get("desc", ""))}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
        + body
        + "</svg>"
    )


def _empty(kind: str, labels: dict) -> str:
    message = _text(160, 40, labels.get("empty", "—"), text_anchor="middle", dominant_baseline="central",
                    fill=MUTED, cls="empty")
    return _svg(_uid(kind, "empty", labels), kind, (0, 0, 320, 80), labels, message)


def _hatch(pid: str, colour: str) -> str:
    return _tag("pattern", _line(0, 0, 0, 6, stroke=colour, stroke_width=2.5), id=pid, width=6, height=6,
                patternUnits="userSpaceOnUse", patternTransform="rotate(45)")


def _gap_mark() -> str:
    """A "!" in a circle, centred on 0,0."""
    bang = _text(0, 0, "!", text_anchor="middle", dominant_baseline="central", fill=WHITE, font_weight=700)
    return _circle(0, 0, 8, fill=VERMILION) + bang


def _legend(entries: list[tuple[str, str]], x: float, y: float, right: float = 10_000, size: float = 11) -> tuple[str, float]:
    """Entries (a swatch drawn around 0,0 within ±7, a text) in lines that stop at ``right``;
    the markup and the height it takes."""
    out, x0, line = [], x, 0
    for swatch, text in entries:
        w = 28 + _tw(text, size)
        if x > x0 and x + w > right:
            x, line = x0, line + 1
        yy = y + line * (size + 9)
        out.append(f'<g transform="translate({_n(x)},{_n(yy)})">{swatch}</g>')
        out.append(_text(x + 12, yy + size / 3, text, fill=MUTED, font_size=size))
        x += w
    return _tag("g", "".join(out), cls="legend"), (line + 1) * (size + 9)


def _label(x: float, y: float, text: str, size: float = 11, anchor: str = "start", **attrs: object) -> str:
    """A text on a white rectangle, so that lines under it never hide it (a stroke drawn with
    paint-order would: WeasyPrint ignores paint-order and paints the stroke over the text)."""
    w = _tw(text, size)
    x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    box = _rect(x0 - 2, y - size * 0.85, w + 4, size * 1.15, fill=WHITE, fill_opacity=0.9, cls="label-box")
    return _tag("g", box + _text(x, y, text, font_size=size, text_anchor=None if anchor == "start" else anchor,
                                 **attrs), cls="label")


def _lines(x: float, y: float, lines: list[str], size: float, **attrs: object) -> str:
    """A text of several lines, one tspan a line, ``size`` * 1.2 apart (no nested tspan: WeasyPrint drops them)."""
    spans = "".join(_tag("tspan", _e(t), x=float(x), y=float(y + i * size * 1.2)) for i, t in enumerate(lines))
    return _tag("text", spans, font_size=size, **attrs) if lines else ""


def _two_lines(text: str, chars: int) -> list[str]:
    """Words on at most two lines of about ``chars`` characters, the second cut with « … » if need be."""
    lines = _wrap(text, chars)
    if len(lines) <= 2:
        return lines
    return [lines[0], _short(" ".join(lines[1:]), chars)]


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
            out.append(_text(x(m) + 3, y_text + 13, m.year, fill=MUTED, font_size=11))
    return "".join(out)
