"""Write the data tables pmp ships, from the installed libraries they come from:

- pamplemousse/text/i18n/cldr.json: the words and patterns of CLDR that pmp writes dates and
  numbers with, from Babel (pamplemousse/text/cldr.py);
- pamplemousse/read/latin_confusables.json: the characters that look like Latin letters, from
  confusable-homoglyphs' copy of Unicode's confusables.txt (pamplemousse/read/names.py).

    python tools/tables.py

tests/test_tables.py fails when a shipped table differs from what its library gives.
"""

from pamplemousse.read.matching import LATIN_CONFUSABLES, _latin_skeletons
from pamplemousse.text.cldr import TABLE_FILE, cldr_table, table_text

if __name__ == "__main__":
    TABLE_FILE.write_text(table_text(cldr_table()), encoding="utf-8", newline="\n")
    LATIN_CONFUSABLES.write_text(table_text(_latin_skeletons()), encoding="utf-8", newline="\n")
    print(TABLE_FILE)
    print(LATIN_CONFUSABLES)
