"""The update form's JSON, found in what carries it: the file itself, a saved e-mail (.eml), or a text.

Bounds, so that what a client sends never costs more than it should:

- a .json or .txt file over MAX_BYTES is refused; so is an e-mail over
  MAX_EMAIL (a saved e-mail carries its photos and signature images). Of an
  e-mail, only the text parts and the JSON attachments are decoded, each within
  MAX_BYTES; the other attachments are never decoded;
- an e-mail of more than MAX_MULTIPARTS multipart parts is refused before it is
  parsed (Python's parser checks each line against every open boundary, and
  recurses once per level: 2,000 nested parts would exhaust its stack);
- the search for the form's block is linear: a `{"pmp":` start is parsed only
  when it lies past where the previous attempt stopped (no character is parsed
  twice), at most MAX_ATTEMPTS starts are tried (each failed parse costs the
  json module a count of the lines before it), and a block nested too deep to
  parse is refused at once, never re-parsed from each inner start.
"""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy
from pathlib import Path

from pamplemousse.errors import UsageError
from pamplemousse.read.yamlread import NotRegular, TooBig, read_bounded
from pamplemousse.views.update import FORMAT

_MB = 1024 * 1024
MAX_BYTES = 2 * _MB  # a form's file is a few KB; so is the part of an e-mail that holds it
MAX_EMAIL = 25 * _MB  # what mail services accept in one message, photos included
MAX_MULTIPARTS = 100  # a message with its JSON, photos, a forwarded message: a handful
MAX_ATTEMPTS = 50  # a form's block is found at the first or second start; an e-mail thread quotes it a few times
_START = re.compile(r'\{\s*"pmp"\s*:')
_TAG = re.compile(r"<[^<>]*>")  # [^<>]: a text of a million « < » is read once, not once per « < »


def read_file(path: Path, file: str, x: dict) -> bytes:
    """The bytes of the form's file or e-mail at `path`, within its bound; a refusal naming the file."""
    eml = path.suffix.lower() == ".eml"
    limit = MAX_EMAIL if eml else MAX_BYTES
    try:
        return read_bounded(path, limit)
    except TooBig as err:
        raise UsageError(x["email_too_big" if eml else "form_too_big"].format(
            file=file, size=err.size // _MB + 1, limit=limit // _MB)) from None
    except (NotRegular, OSError):
        raise UsageError(x["no_file"].format(file=file)) from None


def _parts(data: bytes, file: str, x: dict) -> list:
    """The leaf parts of the e-mail in `data`; a refusal when it has too many multipart parts to parse."""
    if data.lower().count(b"boundary") > MAX_MULTIPARTS:  # each multipart part declares its boundary
        raise UsageError(x["email_too_deep"].format(file=file))
    message = message_from_bytes(data, policy=policy.default)
    return [part for part in message.walk() if not part.is_multipart()]


def texts(data: bytes, eml: bool, file: str, x: dict) -> tuple[list[str], int]:
    """The texts that may hold the form's JSON: the file itself, or each text part and JSON attachment of an
    e-mail; and how many such parts were left out for being over MAX_BYTES."""
    if not eml:
        return [data.decode("utf-8", errors="replace")], 0
    found, too_big = [], 0
    for part in _parts(data, file, x):
        kind, name = part.get_content_type(), (part.get_filename() or "").lower()
        if not (kind.startswith("text/") or kind == "application/json" or name.endswith(".json")):
            continue  # a photo, a PDF: never decoded
        encoded = part.get_payload()
        if isinstance(encoded, str) and len(encoded) > 2 * MAX_BYTES:  # base64 or quoted-printable: ≤ 2× the bytes
            too_big += 1
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            continue
        text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
        if len(text) > MAX_BYTES:
            too_big += 1
            continue
        if part.get_param("format") == "flowed":  # RFC 3676: a line ending in a space goes on with the next
            delsp = str(part.get_param("delsp") or "").lower() == "yes"
            text = re.sub(r" \r?\n", "" if delsp else " ", text)
        if kind == "text/html":
            import html

            text = html.unescape(_TAG.sub("", text))
        found.append(text)
    return found, too_big


def _bad_constant(name: str):
    raise ValueError(name)


def find(found: list[str], too_big: int, file: str, x: dict) -> dict:
    """The first form block in `found`, parsed; UsageError when there is none, it is damaged, or the only
    candidates were parts over the bound."""
    decoder = json.JSONDecoder(parse_constant=_bad_constant)
    damaged, attempts = None, 0
    for text in found:
        resume = 0  # every start before this lies inside a block already parsed: not parsed again
        for start in _START.finditer(text):
            if start.start() < resume:
                continue
            attempts += 1
            if attempts > MAX_ATTEMPTS:
                raise UsageError(x["form_bad_json"].format(file=file, error=damaged or x["form_too_deep"]))
            try:
                block, resume = decoder.raw_decode(text, start.start())
            except RecursionError:
                raise UsageError(x["form_bad_json"].format(file=file, error=x["form_too_deep"])) from None
            except ValueError as err:
                damaged = damaged or getattr(err, "msg", None) or str(err)
                resume = getattr(err, "pos", start.end())
                continue
            if isinstance(block, dict) and block.get("pmp") == FORMAT:
                return block
    if damaged:
        raise UsageError(x["form_bad_json"].format(file=file, error=damaged))
    if too_big:
        raise UsageError(x["email_part_too_big"].format(file=file, limit=MAX_BYTES // _MB))
    raise UsageError(x["form_unreadable"].format(file=file, format=FORMAT))
