"""The words and the number and date formats that readers of pmp's documents see.

`labels(lang)` returns the catalog of `fr.yaml` or `en.yaml` (nested dicts of
strings); templates take every label from it, never a hard-coded word. A label
with plural forms is a mapping `{one: …, other: …}`, chosen by `plural()`.

`Formats(lang)` writes dates and numbers the way the language does: "6 avril
2026", "06/04/2026", "12,5", "45 %" (with a no-break space) in French.
"""

from __future__ import annotations

import functools
from datetime import date
from functools import lru_cache
from pathlib import Path

from pamplemousse.text.cldr import LOCALES as _LOCALES  # the locale each language is written in

LANGUAGES = ("fr", "en")
_HERE = Path(__file__).resolve().parent


@functools.cache
def _catalog(lang: str) -> dict:
    import yaml

    try:  # the base loader reads every scalar as a string: no `no` turned into False
        from yaml import CBaseLoader as Loader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import BaseLoader as Loader  # type: ignore[assignment]

    text = (_HERE / f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=Loader)


def labels(lang: str) -> dict:
    """The labels of `lang` (fr or en) as nested dicts of strings; a copy the caller may keep."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    import copy

    return copy.deepcopy(_catalog(lang))


def problem_words(lang: str) -> dict:
    """The `problems` section of `lang`'s catalog (pmp check's messages), not copied: read, never kept."""
    return _catalog(lang)["problems"]


def help_texts(lang: str) -> dict:
    """The `help` section of `lang`'s catalog (the --help texts, by command and parameter), not copied:
    the caller reads it and keeps nothing of it."""
    return _catalog(lang if lang in LANGUAGES else "fr")["help"]


def flat_keys(catalog: dict, prefix: str = "") -> set[str]:
    """Every key of a catalog as a dotted path (`status.todo`), to compare languages."""
    keys = set()
    for key, value in catalog.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            keys |= flat_keys(value, path + ".")
        else:
            keys.add(path)
    return keys


@functools.cache
def _cldr(lang: str) -> dict:
    """The words and patterns of `lang` that pmp takes from Unicode's CLDR (text/cldr.py: Babel's data,
    shipped as cldr.json, so that no command loads a whole Babel locale to write a date)."""
    import json

    return json.loads((_HERE / "cldr.json").read_text(encoding="utf-8"))[lang]


@lru_cache(maxsize=4096)
def _format_date(day: date, style: str, lang: str) -> str:
    """The date as Babel's format_date writes it in `style` (the patterns and month names of cldr.json)."""
    cldr = _cldr(lang)
    months = cldr["months"]
    text = cldr["dates"][style].format(
        d=day.day, dd=f"{day.day:02d}", M=day.month, MM=f"{day.month:02d}", y=day.year,
        MMM=months["abbreviated"][day.month - 1], MMMM=months["wide"][day.month - 1],
    )
    if lang == "fr" and style == "long" and day.day == 1:
        text = "1er" + text[1:]
    return text


class Formats:
    """Dates, numbers and plurals written in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = _LOCALES[lang]

    @functools.cached_property
    def _plural(self):
        """The language's plural rule (Babel's, from CLDR's rules in cldr.json), made on first use."""
        from babel.plural import PluralRule

        return PluralRule(_cldr(self.lang)["plural"])

    def date(self, day: date | None, style: str = "long") -> str:
        """'6 avril 2026' (long), '06/04/2026' (short), '6 avr. 2026' (medium); '1er' in French."""
        if day is None:
            return ""
        return _format_date(day, style, self.lang)

    def months(self) -> list[str]:
        """The twelve abbreviated month names: 'janv.', 'févr.'… in French."""
        return list(_cldr(self.lang)["months"]["abbreviated"])

    def number(self, value: float | None) -> str:
        """'12,5' in French, '12.5' in English; at most two decimals, none for whole numbers
        (as Babel's format_decimal with the pattern #,##0.##)."""
        if value is None:
            return ""
        whole, _, decimals = f"{abs(round(value, 2)):.2f}".partition(".")  # -0.001: "0", not "-0"
        text = self._grouped(int(whole)) + (self._cldr["decimal"] + decimals.rstrip("0") if decimals.strip("0") else "")
        return self._cldr["minus"] + text if round(value, 2) < 0 else text

    def percent(self, value: float | None) -> str:
        """A share on a 0–100 scale, rounded: '45 %' in French (no-break space), '45%' in English
        (as Babel's format_percent)."""
        if value is None:
            return ""
        n = round(value)  # -0.4: "0 %", not "-0 %"
        return self._cldr["percent"].format(n=(self._cldr["minus"] if n < 0 else "") + self._grouped(abs(n)))

    @functools.cached_property
    def _cldr(self) -> dict:
        return _cldr(self.lang)

    def _grouped(self, whole: int) -> str:
        """A whole number with the language's group sign every three digits: '1 234' in French."""
        return f"{whole:,}".replace(",", self._cldr["group"])

    def quantity(self, value: float | None, unit: str | None) -> str:
        """A value with its unit: '50 %', '38 bénévoles' (no-break space in French)."""
        if value is None:
            return ""
        number = self.number(value)
        if not unit:
            return number
        if unit == "%":
            return number + ("\u00a0%" if self.lang == "fr" else "%")
        return f"{number}\u00a0{self.unit(value, unit)}"

    def unit(self, value: float, unit: str) -> str:
        """`unit` as written beside `value`: in French, 0 and 1 take the singular (the plural rule of
        `plural`), so a unit typed in the plural is put in the singular: « 1 candidature », « 0 personne »."""
        if self.lang != "fr" or self._plural(abs(value)) != "one":
            return unit
        from pamplemousse.text.wording import singular

        return singular(unit)

    def plural(self, forms: dict | str, n: float, **kw) -> str:
        """The plural form of `forms` ({one, other}) for `n`, filled with n and kw."""
        if isinstance(forms, str):
            return forms.format(n=n, **kw)
        form = self._plural(abs(n))
        text = forms.get(form) or forms["other"]
        return text.format(n=self.number(n), **kw)


def message(lang: str, key: str, **kw) -> str:
    """The message `errors.<key>` of the catalog of `lang` (French typography in French), filled with kw.

    The messages pmp prints when it stops a command (a full disk, a lock held
    elsewhere, a refused template…) live in the `errors` section of fr.yaml and
    en.yaml; an unknown language gets French.
    """
    from pamplemousse.text.wording import french

    lang = lang if lang in LANGUAGES else "fr"
    text = _catalog(lang)["errors"][key].format(**kw)
    return french(text) if lang == "fr" else text
