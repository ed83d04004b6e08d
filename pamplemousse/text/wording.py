"""French typography and accent-blind comparison, for every message pmp prints.

- `french`: French typography (a no-break space before : ; ? ! % and inside « »);
- `plain`: a word without accents or case, to compare what users type;
- `fold`: a text without accents or case, apostrophes and spaces made plain, to search in;
(the "did you mean" hint is messages.did_you_mean)
"""

from __future__ import annotations

import unicodedata

NBSP = "\u00a0"


def french(text: str) -> str:
    """French typography: a no-break space before : ; ? ! % and inside « »."""
    for mark in (":", ";", "?", "!", "%"):
        text = text.replace(f" {mark}", f"{NBSP}{mark}")
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


def plain(word: str) -> str:
    """'Bloqué' → 'bloque': lower case, no accents, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", word)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes and spaces made plain (the question bank's search)."""
    text = text.replace("\u2019", "'").replace(NBSP, " ").replace("\u202f", " ")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
