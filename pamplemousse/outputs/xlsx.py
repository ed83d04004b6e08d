"""The steering tool as a spreadsheet (`pmp render --format xlsx`).

Six sheets named in the mission's language — the action plan, what needs
attention first, the indicators, the journal, the steering committees and the
milestones — laid out the same way: a title on
row 1, the date of the state in C2 (a real date), the column headers on row 4,
one row per item from row 5. Headers and the top block stay frozen, every table
has a filter, dates are real dates and progress is a percentage.

The plan sheet is also a form that comes back (`pmp import`, see import_xlsx):
its status column is a drop-down list of the statuses in the mission's language;
the days-late column and the highlighting of overdue rows are formulas on the
due date, the status and the date of the state, so they stay right while the
client edits. The layout constants below are shared with the importer.
"""

from __future__ import annotations

import io
from datetime import date

from pamplemousse.read.model import STATUSES, Mission
from pamplemousse.text.i18n import labels

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
DATE_CELL = "C2"
STATE_DATE_PROPERTY = "pmp_state_date"
MISSION_PROPERTY = "pmp_mission"
PLAN_MARK_CELL = "A3"  # write/sheets.py MARK_CELL reads it back

# (key, label in the "pilotage" or "xlsx" catalog, width) — the order is the sheet's.
PLAN_COLUMNS = (
    ("id", "pilotage.col_id", 7),
    ("theme", "pilotage.col_theme", 18),
    ("title", "pilotage.col_recommendation", 48),
    ("owner", "pilotage.col_owner", 16),
    ("start", "pilotage.col_start", 12),
    ("due", "pilotage.col_due", 12),
    ("status", "pilotage.col_status", 13),
    ("progress", "pilotage.col_progress", 12),
    ("note", "pilotage.last_note", 60),
    ("late", "xlsx.col_days_late", 10),
)
INDICATOR_COLUMNS = (
    ("id", "pilotage.col_id", 7),
    ("name", "pilotage.col_indicator", 44),
    ("rec", "xlsx.col_rec", 14),
    ("unit", "xlsx.col_unit", 12),
    ("baseline", "pilotage.col_baseline", 12),
    ("target", "pilotage.col_target", 12),
    ("date", "xlsx.col_measure_date", 14),
    ("value", "pilotage.col_value", 12),
    ("note", "pilotage.col_note", 50),
)
JOURNAL_COLUMNS = (
    ("date", "pilotage.col_date", 12),
    ("kind", "xlsx.col_kind", 18),
    ("ref", "xlsx.col_ref", 14),
    ("status", "pilotage.col_status", 13),
    ("progress", "pilotage.col_progress", 12),
    ("value", "pilotage.col_value", 12),
    ("note", "pilotage.col_note", 70),
)
MILESTONE_COLUMNS = (
    ("ref", "xlsx.col_milestone_ref", 12),
    ("rec", "xlsx.col_rec", 14),
    ("title", "pilotage.col_milestone", 48),
    ("due", "pilotage.col_due", 12),
    ("state", "pilotage.col_state", 13),
    ("on", "xlsx.col_milestone_on", 14),
    ("note", "pilotage.col_note", 50),
)
COMMITTEE_COLUMNS = (
    ("date", "pilotage.col_date", 12),
    ("title", "xlsx.col_committee", 22),
    ("attendees", "pilotage.attendees", 40),
    ("decisions", "pilotage.decisions", 70),
    ("note", "pilotage.col_note", 40),
)
ATTENTION_COLUMNS = (
    ("id", "pilotage.col_id", 7),
    ("title", "pilotage.col_recommendation", 48),
    ("owner", "attention.col_owner", 16),
    ("status", "pilotage.col_status", 13),
    ("reasons", "attention.reasons", 50),
    ("expected", "attention.expected", 60),
)
WRAPPED = {"title", "note", "name", "attendees", "decisions", "reasons", "expected"}

DATE_FORMAT = {"fr": "DD/MM/YYYY", "en": "DD/MM/YYYY"}
PERCENT_FORMAT = {"fr": "0 %", "en": "0%"}
OVERDUE_FILL = "F8D7DA"  # light red, still visible as grey when printed in black and white
HEADER_FILL = "E7E6E6"
ROW_HEIGHT = 15  # points, one line of the default font


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes in a wrapped column `width` characters wide."""
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(line) // per_line)) for line in text.splitlines() or [""])


def label(catalog: dict, dotted: str) -> str:
    section, key = dotted.split(".")
    return catalog[section][key]


def column_letter(columns: tuple, key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(next(i for i, c in enumerate(columns, 1) if c[0] == key))


def sheet_names(lang: str) -> dict[str, str]:
    x = labels(lang)["xlsx"]
    return {
        "plan": x["sheet_plan"],
        "indicators": x["sheet_indicators"],
        "journal": x["sheet_journal"],
        "committees": x["sheet_committees"],
        "milestones": x["sheet_milestones"],
        "attention": x["sheet_attention"],
    }


def _formula_text(text: str) -> str:
    """A string literal inside a spreadsheet formula."""
    return '"' + text.replace('"', '""') + '"'


class Formula(str):
    """A formula pmp writes itself (the days late); every other text starting with = is written as text."""


# What makes a spreadsheet program read a text as a formula (OWASP, CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell) -> None:
    """A text cell that starts like a formula stays text: stored as a string, shown with a quote prefix
    (so that editing it in the spreadsheet does not turn it into a formula either)."""
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


class _Sheet:
    """One sheet with the shared layout: title, date of the state, headers, rows."""

    def __init__(self, wb, kind: str, heading: str, columns: tuple, catalog: dict, view: dict, lang: str):
        """The sheet `kind` (a key of sheet_names) titled « heading — client »."""
        from openpyxl.styles import Alignment, Font, PatternFill

        as_of = _as_of(view)
        heading = f"{heading} — {view['mission']['client']}"
        self.ws = wb.create_sheet(catalog["xlsx"][f"sheet_{kind}"])
        self.columns = columns
        self.lang = lang
        self.row = FIRST_ROW
        ws = self.ws
        ws["A1"] = heading
        as_text(ws["A1"])
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = catalog["xlsx"]["state_date"]
        ws["A2"].font = Font(bold=True)
        ws[DATE_CELL] = as_of
        ws[DATE_CELL].number_format = DATE_FORMAT[lang]
        ws[DATE_CELL].alignment = Alignment(horizontal="left")
        for i, (_key, dotted, width) in enumerate(columns, 1):
            cell = ws.cell(HEADER_ROW, i, label(catalog, dotted))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[cell.column_letter].width = width
        ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate

    def add(self, values: dict) -> int:
        from openpyxl.styles import Alignment

        lines = 1
        for i, (key, _, width) in enumerate(self.columns, 1):
            value = values.get(key)
            cell = self.ws.cell(self.row, i, value)
            if not isinstance(value, Formula):
                as_text(cell)
            cell.alignment = Alignment(wrap_text=key in WRAPPED, vertical="top")
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT[self.lang]
            if key in WRAPPED and isinstance(value, str):
                lines = max(lines, wrapped_lines(value, width))
        # Not every program sizes rows to wrapped text when it opens a file: give the height.
        self.ws.row_dimensions[self.row].height = ROW_HEIGHT * lines
        self.row += 1
        return self.row - 1

    def finish(self) -> None:
        """Filter over the header and every row (at least one, so that the filter exists)."""
        last = max(self.row - 1, FIRST_ROW)
        self.ws.auto_filter.ref = f"A{HEADER_ROW}:{column_letter(self.columns, self.columns[-1][0])}{last}"
        self.ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _plan_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    x = catalog["xlsx"]
    sheet = _Sheet(wb, "plan", catalog["pilotage"]["plan"], PLAN_COLUMNS, catalog, view, lang)
    from openpyxl.styles import Font

    # The mission and the date in a text cell, which a sheet saved as .ods or .csv keeps (pmp import reads it)
    sheet.ws[PLAN_MARK_CELL] = f"pmp · {view['mission']['slug']} · {_as_of(view).isoformat()}"
    sheet.ws[PLAN_MARK_CELL].font = Font(size=8, color="808080")
    col = {key: column_letter(PLAN_COLUMNS, key) for key, _, _ in PLAN_COLUMNS}
    closed = [_formula_text(catalog["status"][s]) for s in ("done", "dropped")]
    date_ref = f"${DATE_CELL[0]}${DATE_CELL[1:]}"

    def overdue_test(row: int, anchor: str = "") -> str:
        """True when the row is overdue; `anchor` "$" pins the columns (conditional formatting)."""
        due, status = f"{anchor}{col['due']}{row}", f"{anchor}{col['status']}{row}"
        return f"AND({due}<{date_ref},{status}<>{closed[0]},{status}<>{closed[1]})"

    for r in view["recommendations"]:
        row = sheet.row
        sheet.add({
            "id": r["id"],
            "theme": r["theme_label"],
            "title": r["title"],
            "owner": r["owner"],
            "start": _day(r["start"]),
            "due": _day(r["due"]),
            "status": r["status_label"],
            "progress": r["progress"]["value"] / 100,
            "note": r["last_note"],
            "late": Formula(f"=IF({overdue_test(row)},{date_ref}-{col['due']}{row},\"\")"),
        })
        sheet.ws[f"{col['progress']}{row}"].number_format = PERCENT_FORMAT[lang]
        sheet.ws[f"{col['late']}{row}"].number_format = "0"
    sheet.finish()
    ws = sheet.ws
    last = max(sheet.row - 1, FIRST_ROW)

    statuses = ",".join(catalog["status"][s] for s in STATUSES)
    choose = DataValidation(
        type="list", formula1=f'"{statuses}"', allow_blank=True, showDropDown=False,
        showErrorMessage=True, errorTitle=x["status_error_title"],
        error=x["status_error"].format(statuses=", ".join(catalog["status"][s] for s in STATUSES)),
        promptTitle=catalog["pilotage"]["col_status"], prompt=x["status_prompt"], showInputMessage=True,
    )
    choose.add(f"{col['status']}{FIRST_ROW}:{col['status']}{last}")
    percent = DataValidation(
        type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True,
        showErrorMessage=True, errorTitle=x["progress_error_title"], error=x["progress_error"],
    )
    percent.add(f"{col['progress']}{FIRST_ROW}:{col['progress']}{last}")
    ws.add_data_validation(choose)
    ws.add_data_validation(percent)

    ws.conditional_formatting.add(
        f"A{FIRST_ROW}:{col['late']}{last}",
        FormulaRule(
            formula=[overdue_test(FIRST_ROW, anchor="$")],
            fill=PatternFill("solid", fgColor=OVERDUE_FILL, bgColor=OVERDUE_FILL),
            stopIfTrue=False,
        ),
    )


def _attention_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    """« À traiter en priorité » on the date of the state, as the pilotage lists it (views/attention.py): read only."""
    sheet = _Sheet(wb, "attention", catalog["attention"]["title"], ATTENTION_COLUMNS, catalog, view, lang)
    for item in view["attention"]["items"]:
        sheet.add({"id": item["id"], "title": item["title"], "owner": item["owner"], "status": item["status_label"],
                   "reasons": "\n".join(r["label"] for r in item["reasons"]), "expected": "\n".join(item["expected"])})
    sheet.finish()


def _indicator_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    sheet = _Sheet(wb, "indicators", catalog["pilotage"]["indicators"], INDICATOR_COLUMNS, catalog, view, lang)
    for ind in view["indicators"]:
        base = {
            "id": ind["id"], "name": ind["name"], "rec": ind["rec_id"], "unit": ind["unit"],
            "baseline": ind["baseline_value"], "target": ind["target_value"],
        }
        for m in ind["measures"] or (None,):
            sheet.add({**base, **({"date": _day(m["date"]), "value": m["raw"], "note": m["note"]} if m else {})})
    sheet.finish()


def _milestone_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    """One row per milestone with its state and the date it was met or missed; the client may
    choose « tenu » or « manqué » and give a date."""
    from openpyxl.worksheet.datavalidation import DataValidation

    x = catalog["xlsx"]
    words = x["milestone_states"]
    sheet = _Sheet(wb, "milestones", catalog["pilotage"]["milestones"], MILESTONE_COLUMNS, catalog, view, lang)
    for m in view["milestones"]:
        sheet.add({"ref": m["ref"], "rec": m["rec_id"], "title": m["title"], "due": _day(m["date"]),
                   "state": words[m["state"]], "on": _day(m["logged_on"]) if m["logged_on"] else None,
                   "note": m["milestone_note"]})
    sheet.finish()
    col, last = column_letter(MILESTONE_COLUMNS, "state"), max(sheet.row - 1, FIRST_ROW)
    listed = ",".join(words[k] for k in ("upcoming", "late", "met", "missed"))
    choose = DataValidation(
        type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
        errorTitle=x["milestone_error_title"], error=x["milestone_error"].format(states=listed.replace(",", ", ")),
        promptTitle=catalog["pilotage"]["col_state"], prompt=x["milestone_prompt"], showInputMessage=True,
    )
    choose.add(f"{col}{FIRST_ROW}:{col}{last}")
    sheet.ws.add_data_validation(choose)
    on = column_letter(MILESTONE_COLUMNS, "on")
    for row in range(FIRST_ROW, last + 1):
        sheet.ws[f"{on}{row}"].number_format = DATE_FORMAT[lang]


def _journal_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    x = catalog["xlsx"]
    sheet = _Sheet(wb, "journal", x["journal_title"], JOURNAL_COLUMNS, catalog, view, lang)
    for e in view["journal"]:  # views.mission.journal_rows
        row = sheet.add({
            "date": _day(e["date"]), "kind": e["kind_label"], "ref": e["ref"], "status": e["status_label"],
            "progress": e["progress"] / 100 if e["progress"] is not None else None, "value": e["value"], "note": e["note"],
        })
        sheet.ws[f"{column_letter(JOURNAL_COLUMNS, 'progress')}{row}"].number_format = PERCENT_FORMAT[lang]
    sheet.finish()


def _committee_sheet(wb, view: dict, catalog: dict, lang: str) -> None:
    sheet = _Sheet(wb, "committees", catalog["pilotage"]["committees"], COMMITTEE_COLUMNS, catalog, view, lang)
    for c in view["committees"]:
        sheet.add({
            "date": _day(c["date"]),
            "title": c["title"],
            "attendees": "\n".join(c["attendees"]) or None,
            "decisions": "\n".join(f"• {d}" for d in c["decisions"]) or None,
            "note": c["note"],
        })
    sheet.finish()


def _day(written: dict) -> date:
    """A date of the view ({"iso", "long", "short"}) as a real date for the cell."""
    return date.fromisoformat(written["iso"])


def _as_of(view: dict) -> date:
    return _day(view["header"]["as_of"])


def workbook(view: dict, lang: str):
    """The workbook of the steering tool, from the mission's view (views.mission), in `lang` (an openpyxl Workbook)."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    catalog = labels(lang)
    wb = Workbook()
    wb.remove(wb.active)
    _plan_sheet(wb, view, catalog, lang)
    _attention_sheet(wb, view, catalog, lang)
    _indicator_sheet(wb, view, catalog, lang)
    _journal_sheet(wb, view, catalog, lang)
    _committee_sheet(wb, view, catalog, lang)
    _milestone_sheet(wb, view, catalog, lang)
    wb.active = 0

    props = wb.properties
    props.title = f"{catalog['pilotage']['doc_title']} — {view['mission']['title']}"
    props.subject = view["mission"]["client"]
    props.creator = ", ".join(view["header"]["consultants"]) or "pamplemousse"
    as_of = _as_of(view)
    props.description = catalog["common"]["state_on"].format(date=as_of.isoformat())
    props.keywords = "pamplemousse"
    props.language = lang
    wb.custom_doc_props.append(StringProperty(name=STATE_DATE_PROPERTY, value=as_of.isoformat()))
    wb.custom_doc_props.append(StringProperty(name=MISSION_PROPERTY, value=view["mission"]["slug"]))
    return wb


def xlsx_bytes(mission: Mission, view: dict, lang: str) -> bytes:
    """The workbook as the bytes of an .xlsx file, from the mission's view and its journal's rows
    (views.mission.workbook_view: the sheets read nothing else)."""
    from pamplemousse.views.mission import workbook_view

    buffer = io.BytesIO()
    workbook(workbook_view(mission, view, lang), lang).save(buffer)
    return buffer.getvalue()
