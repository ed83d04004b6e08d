"""Small helpers for the one-line messages of pmp log and pmp status.

- `french`: French typography (a no-break space before : ; ? ! % and inside « »);
- `plain`: a word without accents or case, to compare what users type;
- `hint`: " ; vouliez-vous dire « R1 » ?" for a misspelt id or name, compared
  without case or accents; among equally close candidates, the one sharing the
  longest beginning wins (R12 → R1, not R2), then the first in file order.
"""

from __future__ import annotations

import difflib
import os
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


def hint(word: str, known) -> str:
    """ ; vouliez-vous dire « R1 » ? — or "" when nothing is close enough."""
    word = plain(word)
    scored = []
    for k in known:
        ratio = difflib.SequenceMatcher(None, word, plain(k)).ratio()
        if ratio >= 0.6:
            scored.append((ratio, len(os.path.commonprefix([word, plain(k)])), k))
    if not scored:
        return ""
    best = max(scored, key=lambda x: x[:2])[2]  # the first of equals, in the order given
    return f" ; vouliez-vous dire « {best} » ?"
