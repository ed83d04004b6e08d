"""French typography and accent-blind comparison, for every message pmp prints.

- `french`: French typography (a no-break space before : ; ? ! % and inside « »);
- `plain`: a word without accents or case, to compare what users type;
- `fold`: a text without accents or case, apostrophes and spaces made plain, to search in;
- `singular`: a unit typed in the plural (« candidatures ») in the singular, for 0 and 1;
(the "did you mean" hint is messages.did_you_mean)
"""

from __future__ import annotations

import re
import unicodedata

NBSP = "\u00a0"


def french(text: str) -> str:
    """French typography: a no-break space before : ; ? ! % and inside « »."""
    for mark in (":", ";", "?", "!", "%"):
        text = text.replace(f" {mark}", f"{NBSP}{mark}")
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


# words that end in -s or -x in the singular too (« 1 repas », « 0 fois »)
_SAME_IN_SINGULAR = frozenset(["avis", "bras", "cas", "choix", "colis", "concours", "cours", "corps", "dos", "fois", "jus", "mois", "pas", "poids", "prix", "procès", "process", "progrès", "propos", "puits", "recours", "relais", "repas", "secours", "taux", "temps", "tiers", "univers", "voix", "kms"])
# words after which the rest of a unit is its complement, left as typed (« tonnes de textile »)
_COMPLEMENT = frozenset(["de", "d’", "d'", "du", "des", "à", "au", "aux", "par", "pour", "en", "sur", "chez", "avec"])
_WORD = re.compile(r"(\w+(?:[·.-]\w+)*)(\W*)")


def _singular_word(word: str) -> str:
    low = word.casefold()
    if len(word) < 3 or low in _SAME_IN_SINGULAR or (not word.isalpha() and "·" not in word):
        return word
    if low.endswith("eaux"):  # créneaux, bureaux
        return word[:-1]
    if low.endswith("s") and not low.endswith("ss"):  # candidatures, bénévoles, adhérent·es
        return word[:-1]
    return word  # journaux, travaux: irregular, as typed


def singular(unit: str) -> str:
    """A French unit written in the plural as the singular that 0 and 1 take: « personnes formées » →
    « personne formée », « créneaux » → « créneau », « tonnes de textile » → « tonne de textile »;
    symbols (%, €, h/semaine), invariable words (repas, fois) and irregular plurals kept as typed."""
    out, rest = [], unit
    while rest:
        m = _WORD.match(rest)
        if m is None:  # leading punctuation or symbols
            out.append(rest[0])
            rest = rest[1:]
            continue
        word, tail = m.group(1), m.group(2)
        if word.casefold() in _COMPLEMENT or tail.startswith(("’", "'")):
            out.append(rest)
            break
        out.append(_singular_word(word) + tail)
        rest = rest[m.end():]
        if tail.strip().startswith("/"):  # heures/mois: what is counted, then what it is counted by
            out.append(rest)
            break
    return "".join(out)


def plain(word: str) -> str:
    """'Bloqué' → 'bloque': lower case, no accents, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", word)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes and spaces made plain (the question bank's search)."""
    text = text.replace("\u2019", "'").replace(NBSP, " ").replace("\u202f", " ")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
