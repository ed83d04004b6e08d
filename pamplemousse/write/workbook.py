"""A client's workbook read as a stream, within caps (`pmp import`).

openpyxl's read-only mode parses a sheet row by row instead of building every
cell in memory, and only the plan's columns are taken from each row; before
that, the archive's table of contents says how large it would be once
unpacked, and a workbook past MAX_UNPACKED (or with too many parts) is refused
without being parsed: a 209 KB file that expands to 16 384 columns × 400 rows
took 2.5 GB otherwise.
"""

from __future__ import annotations

from pathlib import Path

from pamplemousse.errors import UsageError, display_path
from pamplemousse.outputs.xlsx import FIRST_ROW, HEADER_ROW

MAX_ROWS = 5000  # rows of recommendations read at most (a plan has tens)
_MB = 1024 * 1024
MAX_UNPACKED = 32 * _MB  # a workbook that unpacks past this is not read (pmp's own is a few dozen KB)
MAX_MEMBERS = 200


def open_workbook(path: Path, x: dict):
    """The workbook, opened read-only (streamed): refused before parsing when it would unpack past the caps."""
    import zipfile

    from openpyxl import load_workbook

    if not path.is_file():
        raise UsageError(x["no_file"].format(file=display_path(path)))
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            unpacked = sum(m.file_size for m in members)
    except (zipfile.BadZipFile, OSError):
        raise UsageError(x["not_xlsx"].format(file=display_path(path))) from None
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise UsageError(x["too_big"].format(file=display_path(path), size=unpacked // _MB + 1, limit=MAX_UNPACKED // _MB))
    try:
        return load_workbook(path, data_only=True, read_only=True)
    except Exception:
        raise UsageError(x["not_xlsx"].format(file=display_path(path))) from None


class Grid:
    """The cells of the plan sheet that pmp reads, taken from the streamed rows (read-only mode
    has no random access): the header rows, then the rows of recommendations one at a time."""

    def __init__(self, ws, columns: int):
        self.ws = ws
        self.columns = columns
        self.top = [list(row) for row in ws.iter_rows(min_row=1, max_row=HEADER_ROW, max_col=columns)]

    def value(self, row: int, col: int):
        cells = self.top[row - 1] if row - 1 < len(self.top) else []
        return cells[col - 1].value if col - 1 < len(cells) else None

    def rows(self):
        """(row number, [cells]) from FIRST_ROW on, at most MAX_ROWS of them."""
        for n, row in enumerate(self.ws.iter_rows(min_row=FIRST_ROW, max_col=self.columns), FIRST_ROW):
            if n >= FIRST_ROW + MAX_ROWS:
                return
            yield n, list(row) + [None] * (self.columns - len(row))


def coordinate(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"
