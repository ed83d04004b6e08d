"""The words of pmp's problem messages, in French and English: the typed accessor of the `problems`
section of the catalogs (text/i18n/fr.yaml and en.yaml).

Messages never echo a value the user wrote in a free-text field (it may hold
personal data); they name keys, ids and allowed values only.
"""

from __future__ import annotations

from os.path import commonpath

from pamplemousse.text.wording import french, plain


def _problems(lang: str) -> dict:
    """The `problems` section of the catalog of `lang` (text/i18n/fr.yaml, en.yaml)."""
    from pamplemousse.text.i18n import problem_words

    return problem_words(lang if lang == "en" else "fr")


def ref_kind(lang: str, kind: str) -> str:
    """What « ne correspond à aucun{kind} » names (« e préconisation », " recommendation")."""
    return _problems(lang)["ref_kinds"][kind]


def t(lang: str, message_id: str, **kw) -> str:
    """The message `message_id` of the `problems` catalog in `lang` (French when the language is unknown),
    with French typography in French."""
    text = _problems(lang)[message_id].format(**kw)
    return text if lang == "en" else french(text)


def one_of(lang: str, words) -> str:
    """"a, b ou c" (or "a, b or c")."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + _problems(lang)["or"] + words[-1]


def suggest(word: str, choices) -> str | None:
    """The closest allowed word to a misspelt one, if any is close enough.

    Compared without case or accents; among equally close candidates, the one
    sharing the longest beginning wins (R12 → R1, not R2), then the first given.
    """
    import difflib  # only when a word is misspelt

    word = plain(str(word))
    cutoff = 0.5 if any(ch.isdigit() for ch in word) else 0.6  # ids: R2 → R1
    scored = []
    for order, choice in enumerate(choices):
        candidate = plain(str(choice))
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        if ratio >= cutoff:
            scored.append((ratio, len(commonpath([word, candidate])), -order, choice))
    return max(scored)[3] if scored else None


def did_you_mean(lang: str, word: str, choices) -> str:
    """" ; vouliez-vous dire « R1 » ?" (or its English), or "" when nothing is close."""
    s = suggest(word, choices)
    return t(lang, "did_you_mean", suggestion=s) if s else ""


def error_words(err, lang: str | None = None) -> str:
    """One of pmp's errors (errors.PmpError) in words: its catalog message when it was raised
    with a key, in `err.lang`, else `lang`, else French; its own text otherwise."""
    if getattr(err, "key", None):
        params, lang = dict(err.params), err.lang or lang or "fr"
        if "suggest" in params:  # (word, choices): the « vouliez-vous dire » of the reader's language
            params["close"] = did_you_mean(lang, *params.pop("suggest"))
        from pamplemousse.text.i18n import message

        return message(lang, err.key, **params)
    return str(err)
