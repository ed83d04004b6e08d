"""Opening what a client sends back (`pmp import`): .xlsx, .ods or .csv, within bounds.

Every format is opened into the same small interface that write/imports.py
reads: a workbook with `sheetnames`, `wb[name]` giving a sheet whose
`cell(row, column)` has `value`, `coordinate` and `number_format`, its
`max_row`, `made_for` (the mission it was made for, or None) and `where`
(how a refusal names a cell: `Plan!F7`, or `ligne 7, colonne F` in a CSV).

- .xlsx: openpyxl (its percentage formats tell 40 % from 0,4); its
  `pmp_mission` property, else the mark in A3 of the plan sheet.
- .ods: python-calamine reads the cells (bounded, in Rust); the `pmp_mission`
  user-defined property is read from meta.xml, else the mark.
- .csv: comma or semicolon (sniffed), UTF-8 (with or without its BOM) or
  cp1252, the encoding French Excel writes; the mark in A3 says the mission.

Bounds before anything is parsed: a file over MAX_FILE bytes, or a zip (xlsx,
ods) whose members would unpack beyond MAX_UNPACKED bytes (or that has more
than MAX_MEMBERS of them), is refused whole,
so a compressed bomb never reaches a parser. A sheet over MAX_ROWS rows is
refused by the importer.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

_MB = 1024 * 1024
MAX_FILE = 20 * _MB
MAX_UNPACKED = 32 * _MB  # pmp's own workbook unpacks to a few dozen KB
MAX_MEMBERS = 200
MAX_ROWS = 5_000
MARK_CELL = "A3"  # "pmp · <mission> · <date>", written by outputs/xlsx.py on the plan sheet
_MARK = re.compile(r"\s*pmp\s*·\s*([A-Za-z0-9][A-Za-z0-9_-]*)\s*·\s*(\d{4}-\d{2}-\d{2})\s*")
_DAY = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


class Unreadable(Exception):
    """The file cannot be opened as a spreadsheet; `key` names the message of the import catalog."""

    def __init__(self, key: str, **kw):
        super().__init__(key)
        self.key, self.kw = key, kw


def mark(value) -> tuple[str, date] | None:
    """(mission, date) from the mark cell's text, or None."""
    m = _MARK.fullmatch(value) if isinstance(value, str) else None
    return (m.group(1), date.fromisoformat(m.group(2))) if m else None


def column_name(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class Cell:
    value: object
    coordinate: str
    number_format: str = ""


@dataclass
class Grid:
    """One sheet as rows of values (row 1 first)."""

    rows: list[list]
    percent_known: bool = False
    formats: dict[str, str] = field(default_factory=dict)  # a cell's number format, when the reader knows it
    title: str = ""  # the sheet's name, as openpyxl's worksheets have it (the cells pmp names are « Sheet!C7 »)

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def cell(self, row: int, column: int) -> Cell:
        values = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        value = values[column - 1] if 0 < column <= len(values) else None
        if value == "":
            value = None
        if isinstance(value, datetime):
            value = value.date()
        coordinate = f"{column_name(column)}{row}"
        return Cell(value, coordinate, self.formats.get(coordinate, ""))

    def __getitem__(self, coordinate: str) -> Cell:
        m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
        assert m is not None
        column = 0
        for ch in m.group(1):
            column = column * 26 + ord(ch) - 64
        return self.cell(int(m.group(2)), column)


@dataclass
class Book:
    sheets: dict[str, Grid]
    made_for: str | None = None
    csv: bool = False
    sheetnames: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.sheetnames = list(self.sheets)

    def __getitem__(self, name: str) -> Grid:
        return self.sheets[name]


def _bounded(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE:
        raise Unreadable("file_too_big", size=size // _MB + 1, limit=MAX_FILE // _MB)
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as z:
                members = z.infolist()
        except (zipfile.BadZipFile, OSError):
            raise Unreadable("not_sheet") from None
        unpacked = sum(i.file_size for i in members)
        if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
            raise Unreadable("too_big", size=unpacked // _MB + 1, limit=MAX_UNPACKED // _MB)


def _ods_property(path: Path, name: str) -> str | None:
    from xml.etree import ElementTree

    ns = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("meta.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    for node in root.iter(f"{{{ns}}}user-defined"):
        if node.get(f"{{{ns}}}name") == name:
            return (node.text or "").strip() or None
    return None


def _calamine(path: Path):
    """Each sheet of an .xlsx or .ods as read by calamine, or Unreadable; a sheet over MAX_ROWS refused."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = {name: wb.get_sheet_by_name(name) for name in wb.sheet_names}
    except Exception:
        raise Unreadable("not_sheet") from None
    for name, sheet in sheets.items():
        if sheet.height > MAX_ROWS + 10:
            raise Unreadable("too_many_rows_in", sheet=name, limit=MAX_ROWS)
        merged = getattr(sheet, "merged_cell_ranges", None) or []
        if merged:
            (r0, c0), (r1, c1) = merged[0]
            where = f"{name}!{column_name(c0 + 1)}{r0 + 1}:{column_name(c1 + 1)}{r1 + 1}"
            raise Unreadable("merged", where=where)
    return sheets


def _ods(path: Path, property_name: str) -> Book:
    sheets = _calamine(path)
    try:
        grids = {name: Grid(sheet.to_python(nrows=MAX_ROWS + 10), title=name) for name, sheet in sheets.items()}
    except Exception:
        raise Unreadable("not_sheet") from None
    for name, percent in _ods_cells(path)[1].items():  # calamine gives values only: 1.2 shown « 120 % » is a share
        if name in grids:
            grids[name].formats = dict.fromkeys(percent, "0%")
    return Book(grids, _ods_property(path, property_name))


def _ods_cells(path: Path) -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
    """The formulas ({sheet: {cell: formula}}) and the percentage cells ({sheet: {cell}}) of an .ods,
    read from its content.xml as a stream (the archive's size was bounded before)."""
    from xml.etree.ElementTree import ParseError, iterparse

    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    formulas: dict[str, dict[str, str]] = {}
    percent: dict[str, set[str]] = {}
    name, row, column = "", 0, 0
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as content:
            for event, node in iterparse(content, events=("start", "end")):
                tag = node.tag.rsplit("}", 1)[-1]
                if event == "start" and tag == "table":
                    name, row = node.get(f"{{{table}}}name") or "", 0
                elif event == "start" and tag == "table-row":
                    column = 0
                elif event == "end" and tag == "table-row":
                    row += int(node.get(f"{{{table}}}number-rows-repeated") or 1)
                    node.clear()
                elif event == "end" and tag in ("table-cell", "covered-table-cell"):
                    repeat = int(node.get(f"{{{table}}}number-columns-repeated") or 1)
                    formula = node.get(f"{{{table}}}formula")
                    if row < MAX_ROWS + 10 and (formula or node.get(f"{{{office}}}value-type") == "percentage"):
                        for k in range(min(repeat, 64)):
                            cell = f"{column_name(column + k + 1)}{row + 1}"
                            if formula:
                                formulas.setdefault(name, {})[cell] = formula.split(":", 1)[-1]
                            else:
                                percent.setdefault(name, set()).add(cell)
                    column += repeat
    except (KeyError, zipfile.BadZipFile, ParseError, ValueError):
        raise Unreadable("not_sheet") from None
    return formulas, percent


def _xlsx_formulas(path: Path) -> dict[str, dict[str, str]]:
    """The formulas of an .xlsx ({sheet: {cell: formula}}); openpyxl reads the workbook a second time
    (without its cached values) only when a worksheet holds a formula at all."""
    with zipfile.ZipFile(path) as z:
        if not any(i.filename.startswith("xl/worksheets/") and b"<f" in z.read(i) for i in z.infolist()):
            return {}
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=False, read_only=True)
    found: dict[str, dict[str, str]] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=MAX_ROWS + 10):
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    found.setdefault(ws.title, {})[cell.coordinate] = str(cell.value)
    wb.close()
    return found


def formula_cells(path: Path) -> dict[str, dict[str, str]]:
    """The formulas of the workbook at `path` by sheet and cell ({} for a .csv, which has none)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".ods":
        return _ods_cells(path)[0]
    if suffix == ".csv":
        return {}
    try:
        return _xlsx_formulas(path)
    except Exception:
        raise Unreadable("not_sheet") from None


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv(path: Path, sheet: str) -> Book:
    import csv

    text = _decode(path.read_bytes())
    first = text.split("\n", 5)[:5]
    delimiter = ";" if sum(line.count(";") for line in first) > sum(line.count(",") for line in first) else ","
    rows = []
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        for n, row in enumerate(reader, 1):
            if n > MAX_ROWS + 10:
                break
            rows.append([_csv_value(v) for v in row])
    except csv.Error:  # a cell over csv.field_size_limit() characters: a quote never closed reads to the end
        raise Unreadable("csv_cell_too_long", line=reader.line_num, limit=csv.field_size_limit()) from None
    return Book({sheet: Grid(rows, title=sheet)}, None, csv=True)


def _csv_value(text: str):
    m = _DAY.fullmatch(text)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return text
    return text


def open_book(path: Path, plan_sheet: str, property_name: str):
    """The workbook at `path` (openpyxl's for .xlsx, a Book for .ods and .csv), or Unreadable."""
    path = Path(path)
    if not path.is_file():
        raise Unreadable("no_file")
    _bounded(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(path, plan_sheet)
    if suffix == ".ods":
        return _ods(path, property_name)
    from openpyxl import load_workbook

    _calamine(path)  # its size and merged cells checked first, in Rust, before openpyxl builds every cell
    try:
        return load_workbook(path, data_only=True, read_only=False)
    except Exception:
        raise Unreadable("not_sheet") from None
