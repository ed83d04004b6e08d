"""French typography for what users type, at display time: `typeset(text)`.

The mission's files hold what the consultant typed (`l'accueil : "premiers pas"`);
French documents show it set the French way (`l’accueil : « premiers pas »`, with
no-break spaces U+00A0, as the catalog fr.yaml does):

- a straight apostrophe becomes ’;
- "double quotes" become « guillemets », a no-break space inside every « »;
- a no-break space before : ; ? ! used as punctuation (followed by a space, the end
  of the text or a closing mark), replacing the spaces typed there or put where
  none was typed — not in 14:30, 1:2, a:b or « R3:x », where the mark joins two words;
- a no-break space, not an ordinary one, between a number and %;
- three dots become an ellipsis « … ».

URLs (http://…, https://…, www.…) and e-mail addresses are left exactly as typed,
and so are the text's letters and digits: only punctuation and spaces change. The
function is idempotent (tests/test_typography.py checks all three with hypothesis).
No library on PyPI does French typography on plain text and is kept up: hand-written.

`typeset_all(data)` applies it to every string of a document's view (views/*.py)
except the catalog and HTML already made: outputs/render.py calls it
once, for the templates of a French document, never for the exports whose data
comes back through `pmp import` (xlsx) or is read by programs (json, ics).
"""

from __future__ import annotations

import dataclasses
import functools
import re

NBSP = "\u00a0"
_SPACES = " \t\u00a0\u202f"  # the horizontal spaces a user may have typed (never a line break)
_URL = re.compile(r"(?:https?://|ftp://|mailto:|www\.)[^\s\"<>«»]+|[^\s\"<>«»()\[\]@:;,]+@[^\s\"<>«»()\[\]@]+\.[^\s\"<>«»()\[\]@]+",
                  re.IGNORECASE)
_URL_TAIL = ".,;:!?)]}'’…»\""  # punctuation ending a sentence, not the URL before it
_MARKS = re.compile(rf"([{_SPACES}]*)([:;!?]+)")
_AFTER_MARK = set(_SPACES + "\n\r»)]}\"'’….,") | {""}  # what follows a mark used as punctuation
_OPENERS = "([{«\u201c\u2018—–-/"  # after these a mark is not punctuation of the sentence: (?), «?»
_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_QUOTE = re.compile(rf"[{_SPACES}]*»")
_PERCENT = re.compile(r"(?<=\d)[ \u202f]%")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def _protected(text: str) -> list[tuple[int, int]]:
    """The spans of the URLs and e-mail addresses of `text`, without the punctuation after them."""
    spans = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        if end > m.start():
            spans.append((m.start(), end))
    return spans


def _quotes(text: str) -> str:
    """Straight double quotes made « guillemets »: paired in order when they are even in number,
    else each by what surrounds it (after a space it opens, after a word it closes; one between
    two spaces closes the last one opened, or opens). None is left, so that a second pass finds none."""
    if '"' not in text:
        return text
    parts = text.split('"')
    out = [parts[0]]
    even = len(parts) % 2 == 1
    last = "»"
    for i, after in enumerate(parts[1:]):
        before = out[-1][-1:]
        spaced_before = before in ("", *_SPACES, "\n", "\r")
        if even:
            last = "«" if i % 2 == 0 else "»"
        elif (spaced_before or before in _OPENERS) and after[:1] not in ("", *_SPACES, "\n", "\r"):
            last = "«"
        elif not spaced_before:
            last = "»"
        else:
            last = "»" if last == "«" else "«"
        out.append(last + after)
    return "".join(out)


def _mark(m: re.Match) -> str:
    marks = m.group(2)
    text, start, end = m.string, m.start(), m.end()
    after = text[end:end + 1]
    before = text[start - 1:start] if start else ""
    if after not in _AFTER_MARK or before in ("", "\n", "\r") or before in _OPENERS:
        return m.group(0)  # 14:30, a:b, (?), a mark opening a line: as typed
    return NBSP + marks


def _free(text: str) -> str:
    """The rules, on a text without URLs (each one stands as a single non-space character)."""
    text = _ELLIPSIS.sub("…", text.replace("'", "’"))
    text = _quotes(text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _MARKS.sub(_mark, text)
    return _PERCENT.sub(NBSP + "%", text)


_AT_WORK = re.compile(r"['\"«»:;?!%]|\.\.\.")  # a text without any of these is left as it is


@functools.lru_cache(maxsize=8192)  # a document repeats its words (owners, statuses, dates)
def typeset(text: str) -> str:
    """`text` with French typography (see the module); URLs, e-mail addresses and letters as typed."""
    if not _AT_WORK.search(text):
        return text
    spans = _protected(text)
    if not spans:
        return _free(text)
    # each URL stands in as one character the text does not hold, restored afterwards
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    masked, kept, last = [], [], 0
    for start, end in spans:
        masked.append(text[last:start] + stand_in)
        kept.append(text[start:end])
        last = end
    masked.append(text[last:])
    pieces = _free("".join(masked)).split(stand_in)
    return pieces[0] + "".join(url + piece for url, piece in zip(kept, pieces[1:]))


def typeset_all(data, keep: frozenset[str] = frozenset({"labels"})):
    """`data` (a view: dicts, lists, tuples, strings, dataclasses such as views.chart.Chart) with every
    string typeset, as a new structure; the entries named in `keep` (the catalog: pmp's own words,
    already set) and HTML already made (`__html__`) are kept as they are."""
    if isinstance(data, str):
        return data if hasattr(data, "__html__") else typeset(data)
    if isinstance(data, dict):
        return {k: v if k in keep else typeset_all(v, keep) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(typeset_all(v, keep) for v in data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return dataclasses.replace(data, **{f.name: typeset_all(getattr(data, f.name), keep)
                                            for f in dataclasses.fields(data) if f.init})
    return data
