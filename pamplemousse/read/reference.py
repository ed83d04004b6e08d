"""The reference of every field of the five mission files, made from the models themselves, the words of
the `reference` section of text/i18n and the descriptions of text/i18n/fields.yaml (so that it cannot
drift from what pmp reads); French by default, as the guide is.

The user guide's « Référence des champs » page is this Markdown (tools/mkdocs_hooks.py writes it at
build time); a test checks that every field of the models is in it.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Literal

from pydantic import BaseModel

from pamplemousse.read import model

# model.py's field types, worded by `reference.kinds` of the catalog
_TYPES = ("Text", "Id", "Day", "Bool", "Number", "Count", "Days", "Score4", "Score5", "Percent", "Email", "Siret")
_PLAIN_TYPES = {str: "Text", int: "int", float: "float", bool: "Bool"}


def _words(lang: str) -> dict:
    from pamplemousse.text.i18n import labels

    return labels(lang)["reference"]


def _named(annotation: Any, metadata: tuple = (), lang: str = "fr") -> str | None:
    """The words of one of model.py's field types (Text, Day, Score4…); pydantic keeps a bare
    `title: Text` as `str` with Text's validators in the field's metadata."""
    for name in _TYPES:
        alias = getattr(model, name)
        if annotation == alias or (metadata and (annotation, *metadata) == typing.get_args(alias)):
            return _words(lang)["kinds"][name]
    return None


def _kind(annotation: Any, lang: str = "fr") -> str:
    """A field's type in words: « texte », « liste de dates AAAA-MM-JJ », « une valeur parmi : … »."""
    named = _named(annotation, lang=lang)
    if named:
        return named
    words = _words(lang)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        inner = _nested(args[0])
        return words["list_of_blocks"] if inner else words["list_of"].format(kind=_kind(args[0], lang))
    if origin is Literal:
        return words["one_of"].format(values=", ".join(f"`{a}`" for a in args))
    if origin is typing.Union or str(origin) == "types.UnionType":
        return _kind(next(a for a in args if a is not type(None)), lang)
    if origin is typing.Annotated:
        return _kind(args[0], lang)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return words["block"]
    return words["kinds"][_PLAIN_TYPES.get(annotation, "Text")]


def _nested(annotation: Any) -> type[BaseModel] | None:
    while True:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not args or typing.get_origin(annotation) is Literal:
            return None
        annotation = args[0]


def fields_of(filename: str, lang: str = "fr") -> list[tuple[str, str, str, bool]]:
    """Every field of one file, in the models' order: (path as written, catalog key, type in words, required)."""
    root: Any = model.FILES[filename]
    stem = filename.removesuffix(".yaml")
    rows: list[tuple[str, str, str, bool]] = []

    def visit(cls: type[BaseModel], shown: str, key: str) -> None:
        for name, info in cls.model_fields.items():
            path = f"{shown}{name}"
            listed = typing.get_origin(info.annotation) is list
            kind = _named(info.annotation, tuple(info.metadata), lang) or _kind(info.annotation, lang)
            rows.append((path, f"{key}.{name}", kind, info.is_required()))
            sub = _nested(info.annotation)
            if sub is not None:
                visit(sub, f"{path}[]." if listed else f"{path}.", f"{key}.{name}")

    if "root" in root.model_fields:  # journal.yaml: a list of entries
        entry = _nested(root.model_fields["root"].annotation)
        assert entry is not None
        visit(entry, "[].", stem)
    else:
        visit(root, "", stem)
    return rows


def _description(key: str, descriptions: dict[str, dict[str, str]], lang: str = "fr") -> str:
    if key in descriptions:
        return descriptions[key][lang]
    for pattern, entry in descriptions.items():  # a model used at several places: `vision.dees.*.score`
        if "*" in pattern and re.fullmatch(re.escape(pattern).replace(r"\*", r"[^.]+"), key):
            return entry[lang]
    return ""


def _cell(text: str) -> str:
    return re.sub(r"[ \t\n]+", " ", text.replace("|", "\\|")).strip()  # no-break spaces kept


def reference_markdown(lang: str = "fr") -> str:
    """The page « Référence des champs » of the user guide, in `lang`."""
    from pamplemousse.read.schema import load_field_descriptions

    descriptions = load_field_descriptions()
    words = _words(lang)
    out = [words["title"], "", words["intro"], ""]
    for filename in model.FILES:
        stem = filename.removesuffix(".yaml")
        out += [words["file"].format(file=filename, title=words["files"][stem]), "",
                _description(stem, descriptions, lang), ""]
        out += [words["columns"], "|---|---|---|---|"]
        for path, key, kind, required in fields_of(filename, lang):
            out.append(f"| `{path}` | {_cell(kind)} | {words['yes'] if required else words['no']} | "
                       f"{_cell(_description(key, descriptions, lang))} |")
        out.append("")
    return "\n".join(out)
