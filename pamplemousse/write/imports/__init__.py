"""`pmp import`: what a client sends back, read, compared, shown and appended.

changes.py is the use case (read, compare, append); files.py opens .xlsx, .ods
and .csv within bounds; plan.py reads the plan sheet, others.py the Indicateurs
and Jalons sheets, formulas.py refuses formulas in the cells read; form.py reads
the update form's file (.json, .eml); values.py reads what the client typed;
results.py holds what they find; compare.py compares it with the journal;
show.py writes the table of differences.
"""

from pamplemousse.write.imports.changes import append_all, read_changes
from pamplemousse.write.imports.compare import compare
from pamplemousse.write.imports.plan import MAX_BLANK_ROWS, read_plan
from pamplemousse.write.imports.results import SheetImport, SheetRefused
from pamplemousse.write.imports.show import changes_table, summary_lines

__all__ = [
    "MAX_BLANK_ROWS", "SheetImport", "SheetRefused", "append_all", "changes_table", "compare", "read_changes",
    "read_plan", "summary_lines",
]
