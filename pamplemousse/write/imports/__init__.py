"""`pmp import`: what a client sends back, read (files, plan, others), compared, shown (show) and appended.

files.py opens .xlsx, .ods and .csv within bounds; plan.py reads the plan sheet
and compares it with the journal; others.py reads the Indicateurs and Jalons
sheets; show.py writes the table of differences.
"""

from pamplemousse.write.imports.plan import (
    MAX_BLANK_ROWS,
    SheetImport,
    SheetRefused,
    append_all,
    compare,
    read_changes,
    read_plan,
)
from pamplemousse.write.imports.show import changes_table, summary_lines

__all__ = [
    "MAX_BLANK_ROWS", "SheetImport", "SheetRefused", "append_all", "changes_table", "compare", "read_changes",
    "read_plan", "summary_lines",
]
