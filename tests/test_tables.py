"""The data tables pmp ships are what their libraries give (regenerate: python tools/tables.py)."""

from __future__ import annotations

import subprocess
import sys

from pamplemousse.read.matching import LATIN_CONFUSABLES, _latin_skeletons, fold_text
from pamplemousse.text.cldr import TABLE_FILE, cldr_table, table_text


def test_the_cldr_table_is_babels():
    assert TABLE_FILE.read_text(encoding="utf-8") == table_text(cldr_table()), (
        "cldr.json differs from the installed Babel's data: python tools/tables.py, then review the diff")


def test_the_confusables_table_is_unicodes():
    assert LATIN_CONFUSABLES.read_text(encoding="utf-8") == table_text(_latin_skeletons()), (
        "latin_confusables.json differs from confusable-homoglyphs' data: python tools/tables.py")


def test_look_alikes_are_read_without_the_whole_unicode_table():
    """A Cyrillic « о » in « Zоé » is an « o » (from the shipped table; confusable-homoglyphs not imported)."""
    assert fold_text("Z\u043e\u00e9 \u00ab Quintard \u00bb") == "zoe \u00ab quintard \u00bb"
    code = ("import sys; from pamplemousse.read.matching import fold_text; print(fold_text('Z\\u043e\\u00e9')); "
            "print('confusable_homoglyphs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["zoe", "False"]
