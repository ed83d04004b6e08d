"""A Rich table of many rows (the portfolio's), laid out exactly as Rich lays it out, in a fraction of the time.

Rich's `Table` measures every cell twice and renders each through its whole
machinery (a Padding, a Text, its wrapping, its segments): for the 1,000 rows of
a portfolio, most of `pmp status`'s time. `ManyRows` gives the same characters
and styles:

- the column widths are Rich's own (`Table._calculate_column_widths`), computed
  on a table of two rows per column: the cell whose narrowest width is the
  largest and the one whose widest is. A column's measure is the largest of its
  cells' measures, capped by widths: those two cells give it alone;
- a plain cell (a string without markup, emoji codes nor control characters) that fits
  its column is one line, padded as Rich pads it; any other cell (one to wrap,
  a Text, markup) is rendered by Rich itself, as `Table` does, once for all
  the cells of the same text in the column; every line is as wide as its column
  (Rich's `render_lines` pads them), so that a row is shaped by adding blank lines.

Any box or option other than those of the portfolio, or a Rich without the
method above, and the whole table is left to Rich (`rich_table()`).
tests/test_terminal_table.py compares both, character for character, at many widths.
"""

from __future__ import annotations

import re
from typing import Any

_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f\[:]")  # control characters (Rich strips them), markup, emoji codes
_TABLE: dict[str, Any] = {"show_edge": False, "pad_edge": False, "collapse_padding": True, "header_style": "bold"}


class ManyRows:
    """The portfolio's table: box SIMPLE_HEAD without edges, padding collapsed; `add_column` and
    `add_row` as Rich's Table's (the column options: no_wrap, min_width, justify)."""

    def __init__(self) -> None:
        self.columns: list[tuple[str, dict[str, Any]]] = []
        self.rows: list[tuple[tuple, str | None]] = []

    def add_column(self, header: str, **options: Any) -> None:
        self.columns.append((header, options))

    def add_row(self, *cells: Any, style: str | None = None) -> None:
        self.rows.append((cells, style))

    def rich_table(self, rows=None):
        """The same table as Rich's Table (with only `rows` when given)."""
        from rich import box
        from rich.table import Table

        table = Table(box=box.SIMPLE_HEAD, **_TABLE)
        for header, options in self.columns:
            table.add_column(header, **options)
        for cells, style in self.rows if rows is None else rows:
            table.add_row(*cells, style=style)
        return table

    def __rich_console__(self, console, options):
        from rich import box

        try:
            if box.SIMPLE_HEAD.substitute(options, safe=console.safe_box) is not box.SIMPLE_HEAD:
                raise AttributeError("another box")  # an ASCII terminal, an old Windows console
            layout = _Layout(self, console, options)
        except AttributeError:  # that, or a Rich whose Table lays out its columns otherwise
            yield self.rich_table()
            return
        yield from layout.render()

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, self._widest())

    def _widest(self):
        """A table of the cells that give each column its measure: the widths of the whole table."""
        picked: list[list] = []
        for index in range(len(self.columns)):
            cells = list(dict.fromkeys(c[index] for c, _ in self.rows if isinstance(c[index], str)))
            others = [c[index] for c, _ in self.rows if not isinstance(c[index], str)]  # measured by Rich alone
            measured = {cell: _measure(cell) for cell in cells}
            others += [cell for cell, m in measured.items() if m is None]
            sizes = {cell: m for cell, m in measured.items() if m is not None}
            picked.append([max(sizes, key=lambda c: sizes[c][0]), max(sizes, key=lambda c: sizes[c][1])]
                          if sizes else [])
            picked[-1] += others
        height = max(len(p) for p in picked)
        rows = [(tuple(p[i] if i < len(p) else (p[0] if p else "") for p in picked), None) for i in range(height)]
        return self.rich_table(rows)


def _plain(cell) -> bool:
    return isinstance(cell, str) and cell == cell.strip() and not _NOT_PLAIN.search(cell)


def _measure(cell) -> tuple[int, int] | None:
    """(narrowest, widest) of a plain cell, as Rich measures a Text; None for any other cell."""
    from rich.cells import cell_len

    if not _plain(cell):
        return None
    words = cell.split()
    widest = cell_len(cell)
    return (max(cell_len(w) for w in words) if words else widest), widest


class _Layout:
    """One rendering of a ManyRows on a console: Table._render, with plain cells written directly."""

    def __init__(self, rows: ManyRows, console, options):
        from rich.style import Style

        self.t, self.console = rows, console
        widest = rows._widest()
        self.widths = widest._calculate_column_widths(console, options.update_width(options.max_width - widest._extra_width))
        self.options = options.update(width=sum(self.widths) + widest._extra_width, highlight=False, height=None)
        last = len(rows.columns) - 1
        # Table._get_cells's padding (0, 1) collapsed, without edges: a space on the right but the last column's
        self.pads = [(0, 0 if i == last else 1) for i in range(last + 1)]
        self.header_style = console.get_style("bold") + console.get_style("")
        self.null = Style.null()
        self.plain = console.color_system is None and not console.record  # no style is written: each line one segment
        self.cells: dict = {}  # (column, text, style): its lines; a portfolio repeats its phases, bars and weathers

    def render(self):
        from rich import box
        from rich.segment import Segment

        t, widths = self.t, self.widths
        yield from self._row([h for h, _ in t.columns], self.header_style, self.null, header=True)
        yield Segment(box.SIMPLE_HEAD.get_row(widths, "head", edge=False))
        yield Segment.line()
        styles: dict[str | None, Any] = {}
        for cells, style in t.rows:
            if style not in styles:
                styles[style] = self.null + (self.console.get_style(style) if style is not None else self.null)
            yield from self._row(cells, self.null, styles[style])

    def _row(self, cells, cell_style, row_style, header: bool = False):
        from rich.segment import Segment

        style = cell_style + row_style
        rendered = [self._cell(cell, i, style) for i, cell in enumerate(cells)]
        height = max(len(lines) for lines in rendered)
        if any(len(lines) != height for lines in rendered):  # Segment.align_top (the header: bottom)
            blanks = [[[Segment(" " * w, style)]] * (height - len(lines)) for lines, w in zip(rendered, self.widths)]
            rendered = [(blank + lines if header else lines + blank) for lines, blank in zip(rendered, blanks)]
        divider = Segment(" ", row_style.background_style)
        for n in range(height):
            line = list(rendered[0][n])
            for lines in rendered[1:]:
                line.append(divider)
                line += lines[n]
            if self.plain:
                yield Segment("".join(seg.text for seg in line))
            else:
                yield from _joined(line)
            yield Segment.line()

    def _cell(self, cell, index: int, style) -> list:
        """The lines of a cell, each a list of segments; a plain cell that fits, one line written here."""
        from rich.cells import cell_len
        from rich.padding import Padding
        from rich.segment import Segment

        key = (index, cell, style) if isinstance(cell, str) else None
        if key in self.cells:
            return self.cells[key]
        options = self.t.columns[index][1]
        left, right = self.pads[index]
        width = self.widths[index]
        room = width - left - right
        if room > 0 and _plain(cell) and cell_len(cell) <= room:
            gap = " " * (room - cell_len(cell))
            text = gap + cell if options.get("justify") == "right" else cell + gap
            lines = [[Segment(" " * left + text + " " * right, style)]]
        else:
            column_options = self.options.update(
                width=width, justify=options.get("justify", "left"), no_wrap=options.get("no_wrap", False),
                overflow=options.get("overflow", "ellipsis"), height=None, highlight=False,
            )
            lines = self.console.render_lines(Padding(cell, (0, right, 0, left)), column_options, style=style)
        if key is not None:
            self.cells[key] = lines
        return lines


def _joined(line: list):
    """The segments of a line, those of the same style side by side made one (what Rich writes: the same)."""
    from rich.segment import Segment

    text, style = "", None
    for seg in line:
        if seg.control is not None:
            if text:
                yield Segment(text, style)
            yield seg
            text, style = "", None
            continue
        seg_style = seg.style or None  # Rich writes no style and the null style alike
        if text and seg_style is not style and seg_style != style:
            yield Segment(text, style)
            text, style = seg.text, seg_style
        else:
            text, style = text + seg.text, seg_style
    if text:
        yield Segment(text, style)
