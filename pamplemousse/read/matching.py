"""Where a name is in a text, whatever its spelling: the one matcher of names of pmp.

`pmp check` (read/rules.py), the documents' scrubbing (plan/privacy.py, hence
every document and format, `pmp search`, `pmp status` and the site), `pmp log`'s
warning, `pmp reuse`'s scrubbing (write/reuse.py) and the names of other missions
(read/elsewhere.py) all use `NameFinder`, so that each sees the same names.

A name is matched whole (every word of it, as written in questions.yaml's
`name`), in either order (« Zoé Quintard », « Quintard Zoé », « QUINTARD, Zoé »:
the surname first is the French administrative habit), whatever its spelling
once folded (`fold`): case, accents (« Zoe » is « Zoé »), Unicode form (NFC or
NFD), invisible format characters inside it (Unicode category Cf: the soft
hyphen pasted from Word, the zero-width space and joiners, the word joiner,
the BOM), hyphens, spaces and apostrophes alike and any run of them
(« Zoé-Quintard », a no-break space, the line break of a YAML block), and
letters that look like Latin ones mapped to them (Unicode TR39 confusables,
from the confusable-homoglyphs package: a Cyrillic « о » in « Zоé »). Never
inside another word (« Martine Leroyer » is not « Martine Leroy »). Initials, a
last or a first name alone are not matched: many are common words or other
people's names too (« Rose », « Martin », « Coste »), and a warning that is
wrong half the time is soon ignored. E-mail addresses are found apart (`EMAIL`).

Light on purpose (no models, no YAML): the check of a workspace reads what it
needs from the cache.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Between the words of a name, any run of these reads as one space: apostrophes (hyphens, Unicode's
# dash punctuation, category Pd, and every space are added by `_fold_char`).
_SEPARATORS = frozenset("'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032")

# An e-mail address: something@domain.tld (what a reader would take for one; not RFC 5322's every form)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


class _Folded(dict):
    """{code point: what it folds to}, filled as characters are met (for str.translate)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


def _fold_char(ch: str) -> str:
    """What `ch` is once folded (see the module's docstring): " " for a separator, "" for an invisible one."""
    if ch.isspace() or ch in _SEPARATORS:
        return " "
    kind = unicodedata.category(ch)
    if kind == "Pd":
        return " "
    if kind == "Cf":  # invisible: soft hyphen, zero-width space and joiners, word joiner, BOM…
        return ""
    out = _plain(ch)
    if not out.isascii():  # look-alikes: in small letters (Cyrillic « і » is « i »; TR39 reads « І » as « l »),
        # else as written (« Ζ », capital zeta, is « Z »; « ζ » is like no Latin letter)
        out = _plain("".join(c if c.isascii() else _latin(c.casefold()) or _latin(c) or c for c in _bare(ch)))
    return out


def _bare(text: str) -> str:
    """`text` without accents, compatibility forms as their letters (NFKD, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _plain(text: str) -> str:
    """`text` case-folded and bare (« Ｚé » is « ze »)."""
    return _bare(text.casefold())


_CONFUSABLES: dict[str, str] | None = None
# `_latin_skeletons()` as shipped (tools/tables.py writes it; tests/test_tables.py holds it equal):
# read in under a millisecond, where the package's whole table took about 40 ms.
LATIN_CONFUSABLES = Path(__file__).resolve().parent / "latin_confusables.json"


def _latin(ch: str) -> str | None:
    """The Latin (ASCII) letters `ch` looks like, per Unicode TR39's confusables, or None."""
    global _CONFUSABLES
    if _CONFUSABLES is None:
        _CONFUSABLES = json.loads(LATIN_CONFUSABLES.read_text(encoding="utf-8"))
    return _CONFUSABLES.get(ch)


def _latin_skeletons() -> dict[str, str]:
    """{character: the ASCII letters it is confusable with}, from confusable-homoglyphs' copy of
    Unicode's confusables.txt (what latin_confusables.json holds)."""
    from confusable_homoglyphs.confusables import confusables_data

    found = {}
    for ch, homoglyphs in confusables_data.items():
        if ch.isascii():
            continue
        for glyph in homoglyphs:
            plain = _bare(glyph["c"].replace("\u200e", ""))  # a few are written between LRM marks
            if plain.isascii() and plain.isalnum():
                found[ch] = plain
                break
    return found


_TABLE = _Folded()
_SPACES = re.compile(r" {2,}")


def fold(text: str) -> tuple[str, list[int]]:
    """`text` as compared (see the module's docstring: one plain space for any run of
    separators), and for each character of it the index of the character of `text` it comes from."""
    out: list[str] = []
    where: list[int] = []
    space = False
    table = _TABLE
    for i, ch in enumerate(text):
        f = table[ord(ch)]
        if not f:
            continue
        if f == " ":
            if space or not out:
                continue
            space = True
        else:
            space = False
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def fold_text(text: str) -> str:
    """What `fold` makes of `text`, without the index map (the whole string at once, at C speed)."""
    return _SPACES.sub(" ", text.translate(_TABLE)).strip(" ")


def name_key(name: str) -> tuple[str, ...]:
    """What two spellings of one name share (its folded words, in any order)."""
    return tuple(sorted(w for w in re.split("[ ,]+", fold_text(name)) if w))


class NameFinder:
    """Finds the names of `names` ({name as written: what it stands for}) in texts."""

    def __init__(self, names: dict[str, Any]):
        self.of: dict[tuple[str, ...], Any] = {}
        ways: set[str] = set()
        for name, value in names.items():
            words = fold_text(name).split(" ")
            if not words[0]:
                continue
            self.of.setdefault(name_key(name), value)
            ways.add(re.escape(" ".join(words)))
            for k in range(1, len(words)):  # the surname first: « Quintard Zoé », « QUINTARD, Zoé »
                ways.add(re.escape(" ".join(words[k:])) + ",? " + re.escape(" ".join(words[:k])))
        alternatives = "|".join(sorted(ways, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if ways else None

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _value(self, matched: str) -> Any:
        return self.of[name_key(matched)]

    def in_any(self, texts: list[str]) -> bool:
        """Whether a name is in one of `texts` (told at once: most missions name no one)."""
        return self.pattern is not None and bool(self.pattern.search(fold_text("\0".join(texts))))

    def find(self, text: str) -> Iterator[tuple[int, int, Any]]:
        """(start, end, what it stands for) of each name in `text`, as indexes of `text`."""
        if self.pattern is None or not self.pattern.search(fold_text(text)):
            return  # told at C speed, without the index map
        folded, where = fold(text)
        for m in self.pattern.finditer(folded):
            yield where[m.start()], where[m.end() - 1] + 1, self._value(m.group())

    def replace(self, text: str, by: Callable[[Any], str]) -> str:
        """`text` with each name, as spelt there, replaced by `by(what it stands for)`."""
        found = list(self.find(text))
        for start, end, value in reversed(found):
            text = text[:start] + by(value) + text[end:]
        return text


def name_words(text: str) -> set[str]:
    """The folded words of `text`: a name can be in a text only if all its words are (a quick sieve)."""
    return set(_WORDS.findall(fold_text(text)))


_WORDS = re.compile(r"\w+")


def first_of(finder: NameFinder, value: Any, text: str) -> int | None:
    """Where in `text` the first name of `finder` that stands for `value` starts, or None."""
    return next((start for start, _, found in finder.find(text) if found == value), None)
