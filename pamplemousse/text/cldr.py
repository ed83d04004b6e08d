"""What pmp reads of Unicode's CLDR to write dates, numbers and plurals, taken from Babel.

Babel loads the whole of a locale's data (every territory's and currency's name…)
at the first date or number it writes: most of the cost of a small render's
words. pmp needs a few dozen of them: month names, three date patterns, the
decimal, group and minus signs, the percent pattern and the plural rules.
`cldr_table()` takes exactly those from Babel; they are shipped as
`text/i18n/cldr.json`, which text/i18n reads (tests/test_tables.py holds the file
equal to `cldr_table()` of the installed Babel, tests/test_cldr.py the formats it
gives equal to Babel's own over every day of several years and many numbers).
After a Babel upgrade that changes them: `python tools/tables.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

TABLE_FILE = Path(__file__).resolve().parent / "i18n" / "cldr.json"
LOCALES = {"fr": "fr_FR", "en": "en_GB"}  # pmp's languages and the locale each is written in
DATE_STYLES: tuple[Literal["long", "medium", "short"], ...] = ("long", "medium", "short")
# date pattern fields (CLDR letter × count) that the table's str.format patterns can hold
DATE_FIELDS = {("d", 1): "d", ("d", 2): "dd", ("M", 1): "M", ("M", 2): "MM", ("M", 3): "MMM", ("M", 4): "MMMM",
               ("y", 1): "y", ("y", 4): "y"}


def cldr_table() -> dict:
    """{language: its words and patterns}, from Babel's data (loads it: for the generator and the tests)."""
    from babel import Locale
    from babel.dates import get_date_format, get_month_names
    from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    table = {}
    for lang, locale in LOCALES.items():
        seven = format_percent(0.07, locale=locale)
        if seven.count("7") != 1:  # pragma: no cover - a pattern this table cannot hold
            raise ValueError(f"{locale}: percent pattern {seven!r}")
        table[lang] = {
            "months": {width: list(get_month_names(width, locale=locale).values())
                       for width in ("wide", "abbreviated")},
            "dates": {style: _date_pattern(get_date_format(style, locale=locale).pattern) for style in DATE_STYLES},
            "decimal": get_decimal_symbol(locale),
            "group": get_group_symbol(locale),
            "minus": get_minus_sign_symbol(locale),
            "percent": seven.replace("{", "{{").replace("}", "}}").replace("7", "{n}"),
            "plural": dict(sorted(Locale.parse(locale).plural_form.rules.items())),
        }
    return table


def _date_pattern(pattern: str) -> str:
    """A CLDR date pattern ('d MMMM y') as a str.format pattern ('{d} {MMMM} {y}')."""
    from babel.dates import tokenize_pattern

    out = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "chars":
            out.append(str(value).replace("{", "{{").replace("}", "}}"))
        elif (field := DATE_FIELDS.get((str(value[0]), int(value[1])))) is not None:
            out.append("{" + field + "}")
        else:  # pragma: no cover - a field pmp's date formats do not write
            raise ValueError(f"date pattern {pattern!r}: field {value!r}")
    return "".join(out)


def table_text(table: dict) -> str:
    """The table as cldr.json holds it (ASCII: a no-break space is written \\u00a0, visibly)."""
    return json.dumps(table, ensure_ascii=True, indent=1, sort_keys=True) + "\n"
