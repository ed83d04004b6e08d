"""The reference of every field of the five mission files, in French, made from the models themselves
and the descriptions of text/i18n/fields.yaml (so that it cannot drift from what pmp reads).

The user guide's « Référence des champs » page is this Markdown (tools/mkdocs_hooks.py writes it at
build time); a test checks that every field of the models is in it.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Literal

from pydantic import BaseModel

from pamplemousse.read import model

_KINDS = {
    "Text": "texte", "Id": "identifiant (lettres, chiffres, - et _)", "Day": "date AAAA-MM-JJ",
    "Bool": "true ou false", "Number": "nombre (12 ou 12,5)", "Count": "nombre entier, 0 ou plus",
    "Days": "nombre de jours (1,5 accepté)", "Score4": "note de 0 à 4", "Score5": "note de 1 à 5",
    "Percent": "nombre de 0 à 100", "Email": "adresse e-mail", "Siret": "SIRET (14 chiffres)",
}
_FILE_TITLES = {
    "mission.yaml": "Le cadrage de la mission",
    "vision.yaml": "La vision, le projet social, la grille Dees, l’essaimage",
    "questions.yaml": "Le guide d’entretien, les participant·es, les séances, les constats",
    "recommendations.yaml": "Les préconisations et leurs indicateurs",
    "journal.yaml": "Le journal de suivi",
}


def _named(annotation: Any, metadata: tuple = ()) -> str | None:
    """The words of one of model.py's field types (Text, Day, Score4…); pydantic keeps a bare
    `title: Text` as `str` with Text's validators in the field's metadata."""
    for name in _KINDS:
        alias = getattr(model, name)
        if annotation == alias or (metadata and (annotation, *metadata) == typing.get_args(alias)):
            return _KINDS[name]
    return None


def _kind(annotation: Any) -> str:
    """A field's type in words: « texte », « liste de dates AAAA-MM-JJ », « une valeur parmi : … »."""
    named = _named(annotation)
    if named:
        return named
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        inner = _nested(args[0])
        return "liste de blocs de champs (ci-dessous)" if inner else f"liste ({_kind(args[0])})"
    if origin is Literal:
        return "une valeur parmi\u00a0: " + ", ".join(f"`{a}`" for a in args)
    if origin is typing.Union or str(origin) == "types.UnionType":
        return _kind(next(a for a in args if a is not type(None)))
    if origin is typing.Annotated:
        return _kind(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "bloc de champs (ci-dessous)"
    return {str: "texte", int: "nombre entier", float: "nombre", bool: "true ou false"}.get(annotation, "texte")


def _nested(annotation: Any) -> type[BaseModel] | None:
    while True:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not args or typing.get_origin(annotation) is Literal:
            return None
        annotation = args[0]


def fields_of(filename: str) -> list[tuple[str, str, str, bool]]:
    """Every field of one file, in the models' order: (path as written, catalog key, type in words, required)."""
    root: Any = model.FILES[filename]
    stem = filename.removesuffix(".yaml")
    rows: list[tuple[str, str, str, bool]] = []

    def visit(cls: type[BaseModel], shown: str, key: str) -> None:
        for name, info in cls.model_fields.items():
            path = f"{shown}{name}"
            listed = typing.get_origin(info.annotation) is list
            kind = _named(info.annotation, tuple(info.metadata)) or _kind(info.annotation)
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


def _description(key: str, descriptions: dict[str, dict[str, str]]) -> str:
    if key in descriptions:
        return descriptions[key]["fr"]
    for pattern, entry in descriptions.items():  # a model used at several places: `vision.dees.*.score`
        if "*" in pattern and re.fullmatch(re.escape(pattern).replace(r"\*", r"[^.]+"), key):
            return entry["fr"]
    return ""


def _cell(text: str) -> str:
    return re.sub(r"[ \t\n]+", " ", text.replace("|", "\\|")).strip()  # no-break spaces kept


def reference_markdown() -> str:
    """The page « Référence des champs » of the user guide."""
    from pamplemousse.read.schema import load_field_descriptions

    descriptions = load_field_descriptions()
    out = [
        "# Référence des champs",
        "",
        "Chaque champ des cinq fichiers d’une mission, tel que pmp le lit. Cette page est produite à partir "
        "du programme lui-même (ses modèles et les descriptions que l’éditeur affiche au survol d’une clé)\u00a0: "
        "elle ne peut pas s’en écarter. Un champ non obligatoire peut être omis ou laissé vide. Dans la colonne "
        "«\u00a0Champ\u00a0», `[]` marque les éléments d’une liste (lignes commençant par `- `).",
        "",
    ]
    for filename in model.FILES:
        stem = filename.removesuffix(".yaml")
        out += [f"## {filename}\u00a0: {_FILE_TITLES[filename]}", "", _description(stem, descriptions), ""]
        out += ["| Champ | Type | Obligatoire | Description |", "|---|---|---|---|"]
        for path, key, kind, required in fields_of(filename):
            out.append(f"| `{path}` | {_cell(kind)} | {'oui' if required else 'non'} | "
                       f"{_cell(_description(key, descriptions))} |")
        out.append("")
    return "\n".join(out)
