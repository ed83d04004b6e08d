"""Characters that no mission file may hold, wherever they are (read/yamlread.py refuses the file at the
first one, at its line and column; `pmp log` and the imports refuse a text that holds one)."""

from __future__ import annotations

import re
import unicodedata

# Characters that have no place in a mission file: C0 controls (but tab, LF, CR),
# DEL, C1 controls, bidi overrides and isolates (they make text read differently
# from what it is), lone surrogates and non-characters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def forbidden_char(text: str) -> str | None:
    """The first character of `text` that no mission file may hold (`FORBIDDEN`, or an invisible one:
    `invisible_char`), as its code ("U+202E"), or None."""
    bad = FORBIDDEN.search(text)
    at = invisible_char(text)
    if bad and (at is None or bad.start() < at):
        return f"U+{ord(bad.group()):04X}"
    return f"U+{ord(text[at]):04X}" if at is not None else None


# What `str.isprintable` says no to but a mission file may hold: line ends, tabs, and the no-break
# spaces of French typography (the other spaces, rarer, are looked at one by one).
_PRINTABLE_SPACES = ("\n", "\r", "\t", "\u00a0", "\u202f")


def _printable(text: str) -> bool:
    for space in _PRINTABLE_SPACES:
        text = text.replace(space, " ")  # each at C speed (a translate table is 20 times slower)
    return text.isprintable()


def invisible_char(text: str) -> int | None:
    """The index in `text` of its first invisible format character (Unicode category Cf: the soft
    hyphen U+00AD pasted from a word processor, the zero-width space U+200B and non-joiner U+200C,
    U+2060 the word joiner, U+FEFF the BOM inside a file…), or None. They hide inside a word (a name
    no longer reads as itself to a program) and show as nothing. A zero-width joiner between two
    symbols stays: it joins emoji (👩‍💻)."""
    if text.isascii() or _printable(text):  # at C speed: nearly every file
        return None
    for i, ch in enumerate(text):
        if ch.isprintable() or unicodedata.category(ch) != "Cf":
            continue
        if ch == "\u200d" and i > 0 and i + 1 < len(text) and not (text[i - 1].isalnum() or text[i + 1].isalnum()):
            continue
        return i
    return None
