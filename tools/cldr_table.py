"""Write pamplemousse/text/i18n/cldr.json from the installed Babel (see pamplemousse/text/cldr.py).

    python tools/cldr_table.py
"""

from pamplemousse.text.cldr import TABLE_FILE, cldr_table, table_text

if __name__ == "__main__":
    TABLE_FILE.write_text(table_text(cldr_table()), encoding="utf-8", newline="\n")
    print(TABLE_FILE)
