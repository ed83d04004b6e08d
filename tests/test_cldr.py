"""Dates, numbers and plurals as Babel writes them, from the CLDR table pmp ships (text/cldr.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal, format_percent

from pamplemousse.text.cldr import LOCALES
from pamplemousse.text.i18n import Formats

LANGS = sorted(LOCALES)


@pytest.mark.parametrize("lang", LANGS)
def test_every_day_of_four_years_in_every_style(lang):
    fmt, day = Formats(lang), date(2025, 1, 1)
    while day < date(2029, 1, 1):
        for style in ("long", "medium", "short"):
            babel = format_date(day, format=style, locale=LOCALES[lang])
            if lang == "fr" and style == "long" and day.day == 1:
                babel = "1er" + babel[1:]
            assert fmt.date(day, style) == babel, (lang, style, day)
        day += timedelta(days=1)


def test_the_french_first_of_the_month():
    assert Formats("fr").date(date(2026, 3, 1)) == "1er mars 2026"
    assert Formats("fr").date(date(2026, 4, 6), "medium") == "6 avr. 2026"
    assert Formats("en").date(date(2026, 3, 1)) == "1 March 2026"


@pytest.mark.parametrize("lang", LANGS)
def test_month_names(lang):
    assert Formats(lang).months() == list(get_month_names("abbreviated", locale=LOCALES[lang]).values())


NUMBERS = [0, 1, -1, 0.5, 12.5, -12.5, 12.25, 12.255, 0.001, -0.001, -0.004, 0.005, 0.015, 999, 1000, 1234.5,
           -1234.56, 12345678.9, 10**12, -(10**12), 2.675, 1.005, 7, 38, 0.1 + 0.2, 1e-7, 99.999, 100]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", NUMBERS + [n / 7 for n in range(-300, 300, 13)] + list(range(-2000, 2000, 97)))
def test_numbers_and_percents(lang, value):
    locale, fmt = LOCALES[lang], Formats(lang)
    assert fmt.number(value) == format_decimal(round(value, 2) + 0, format="#,##0.##", locale=locale)
    assert fmt.percent(value) == format_percent((round(value) + 0) / 100, locale=locale)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms(lang):
    rule = Locale.parse(LOCALES[lang]).plural_form
    for n in [0, 1, 1.5, 2, 5, 1000000, 0.5] + list(range(0, 200)):
        assert Formats(lang)._plural(n) == rule(n), (lang, n)
    assert Formats("fr").plural({"one": "{n} mission", "other": "{n} missions"}, 0) == "0 mission"
    assert Formats("en").plural({"one": "{n} mission", "other": "{n} missions"}, 0) == "0 missions"


def test_no_babel_locale_loaded_to_write_words():
    """A date, a number, a percent and a plural without loading a Babel locale's data."""
    import subprocess
    import sys

    code = ("import sys; from datetime import date; from pamplemousse.text.i18n import Formats; f = Formats('fr'); "
            "print(f.date(date(2026, 4, 6)), f.number(12.5), f.percent(45), f.plural({'one': 'un', 'other': 'x'}, 2)); "
            "print('babel.localedata' in sys.modules and bool(sys.modules['babel.localedata']._cache))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["6 avril 2026 12,5 45\u00a0% x", "False"]
