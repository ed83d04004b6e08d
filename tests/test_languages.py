"""Two languages, properly: an English render of the French example has no French word of pmp's own.

The example mission is written in French; `pmp render --lang en` must show it
with English labels, English dates and English numbers. The mission's own text
(titles, notes, names) stays French, so it is taken out of the output first;
what remains must hold none of the French catalog's values that differ from
their English counterpart.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pamplemousse.outputs.render import DOCUMENTS
from pamplemousse.read.model import FILES
from pamplemousse.read.yamlread import read_yaml
from pamplemousse.text.i18n import LANGUAGES, flat_keys, labels

AS_OF = "2026-11-26"
FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre", "janv.", "févr.", "sept.", "déc."]


def _value(catalog: dict, key: str):
    for part in key.split("."):
        catalog = catalog[part]
    return catalog


def french_only_fragments() -> set[str]:
    """Every piece of French label text (around placeholders) that English never uses."""
    fr, en = labels("fr"), labels("en")
    english = {str(_value(en, k)) for k in flat_keys(en)}
    fragments = set()
    for key in flat_keys(fr):
        value, other = _value(fr, key), _value(en, key)
        if value == other or value in english:
            continue
        for piece in re.split(r"\{[^}]*\}", value):
            piece = piece.strip(" \u00a0\u202f:;,.()·–—-")
            if len(piece) >= 4 and not any(piece in e for e in english):
                fragments.add(piece)
    return fragments


def user_texts(mission: Path) -> list[str]:
    """Every string of the mission's files, longest first (they are taken out of the output)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and node.strip():
            found.append(" ".join(node.split()))

    for name in FILES:
        doc, problems = read_yaml(mission / name, name, "fr", expect=list if name == "journal.yaml" else dict)
        assert doc is not None, problems
        walk(doc.data)
    return sorted(set(found), key=len, reverse=True)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    text = path.read_text("utf-8")
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(text)
        text = "\n".join(parser.parts)
    else:
        text = unescape(re.sub(r"\\(.)", r"\1", text))  # Markdown escapes
    return " ".join(text.split())


def without_user_text(text: str, mission: Path) -> str:
    for piece in user_texts(mission):
        text = text.replace(piece, " ")
    return text


TEMPLATED = [(doc, fmt) for doc, d in DOCUMENTS.items() for fmt in d.templates]


@pytest.mark.parametrize("doc, fmt", TEMPLATED, ids=[f"{d}.{f}" for d, f in TEMPLATED])
def test_the_english_render_of_the_french_example_has_no_french_label(example, pmp, monkeypatch, doc, fmt):
    monkeypatch.chdir(example.parent.parent)
    result = pmp("render", str(example), "--doc", doc, "--format", fmt, "--lang", "en", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    path = example / "out" / f"{doc}.{fmt}"
    if fmt == "html":
        assert '<html lang="en">' in path.read_text("utf-8")
    rest = without_user_text(visible_text(path), example)
    left = sorted(f for f in french_only_fragments() if f in rest)
    assert left == [], [rest[max(0, rest.index(f) - 40): rest.index(f) + 40] for f in left]
    assert [m for m in FRENCH_MONTHS if re.search(rf"\b{re.escape(m)}", rest)] == []


@pytest.mark.parametrize("doc, fmt", TEMPLATED, ids=[f"{d}.{f}" for d, f in TEMPLATED])
def test_the_check_above_can_fail(example, pmp, monkeypatch, doc, fmt):
    """The same comparison on the French render finds French labels: the test above is not empty."""
    monkeypatch.chdir(example.parent.parent)
    assert pmp("render", str(example), "--doc", doc, "--format", fmt, "--as-of", AS_OF).exit_code == 0
    rest = without_user_text(visible_text(example / "out" / f"{doc}.{fmt}"), example)
    assert len([f for f in french_only_fragments() if f in rest]) >= 5


def test_every_label_exists_in_both_languages():
    keys = {lang: flat_keys(labels(lang)) for lang in LANGUAGES}
    assert sorted(keys["fr"] ^ keys["en"]) == []


def test_no_key_of_a_catalog_is_written_twice():
    """YAML keeps the last of two equal keys: a message added again would silently replace the first."""
    import yaml

    import pamplemousse.text.i18n as i18n

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(k) for k, _ in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert twice == [], f"{node.start_mark}: {twice}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for lang in LANGUAGES:
        yaml.load((Path(i18n.__file__).parent / f"{lang}.yaml").read_text("utf-8"), Loader=Strict)


def test_every_field_description_exists_in_both_languages():
    from pamplemousse.read.schema import load_field_descriptions

    incomplete = [k for k, v in load_field_descriptions().items() if set(v) != {"fr", "en"}]
    assert incomplete == []
