"""Read a mission folder into a `Mission`, or the problems that prevent it.

Each file is read strictly (yamlread), validated by its model, and every
validation error is worded plainly and placed on the YAML node it is about. Then
the rules across files (rules.py) run on the whole mission. All problems of a
mission come back at once, sorted by file and line.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pamplemousse.errors import MissionProblems, Problem, display_unresolved, sort_problems
from pamplemousse.read import rules
from pamplemousse.read.cache import kept as kept_in_cache
from pamplemousse.read.model import FILES, JournalFile, Mission
from pamplemousse.read.workspace import language_of
from pamplemousse.read.yamlread import YamlDoc, read_yaml
from pamplemousse.text.messages import did_you_mean, suggest, t

_language_of = language_of  # its former name here (serve/ reads it so)

# The most recommendations pmp reads in one mission. Measured (benchmarks/many.py): a synthetic mission
# of 1,000 recommendations (with 10,000 journal entries) takes about 1.7 s of processor time for
# `pmp status` and 3 s for `pmp render`, its pilotage 7.5 MB; both grow linearly, so 10,000 would take
# 15 s and 30 s, and that pilotage would pass the 32 MB a document may weigh. A real mission has tens.
MAX_RECOMMENDATIONS = 1000


def _key_of(loc: tuple) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "?"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the mapping at `loc` (to list its allowed keys)."""
    current: Any = model
    if "root" in getattr(model, "model_fields", {}):  # a RootModel (journal.yaml's list): its items
        current = _unwrap(model.model_fields["root"].annotation)
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    """list[X], Optional[X], Annotated[X, ...] -> X."""
    while True:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin in (list, typing.Union, typing.Annotated) or str(origin) == "types.UnionType":
            if not args:
                return annotation
            annotation = args[0]
            continue
        return annotation


def word_error(err: Mapping[str, Any], doc: YamlDoc, model: type[BaseModel], lang: str) -> Problem:
    """A pydantic error as a plain message at the position of its YAML node."""
    kind = err["type"]
    loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    if model is JournalFile:
        loc = tuple(p for p in loc if p != "root")
    key = _key_of(loc)
    ctx = err.get("ctx") or {}
    value = err.get("input")
    at_key = False

    if kind == "missing":
        message = t(lang, "missing", key=key)
    elif kind == "extra_forbidden":
        at_key = True
        holder = _model_at(model, loc[:-1])
        allowed = list(holder.model_fields) if holder else []
        hint = did_you_mean(lang, key, allowed)
        if not hint and allowed:
            hint = t(lang, "allowed_keys", allowed=", ".join(allowed))
        message = t(lang, "unknown_key", key=key) + hint
    elif kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = t(lang, "enum", key=key, allowed=", ".join(allowed))
        if isinstance(value, str):
            message += _enum_hint(lang, value, allowed)
    elif value == "" and kind != "pmp_empty":
        message = t(lang, "empty_value", key=key)
    elif kind == "pmp_date" and _as_iso(value):
        message = t(lang, "expect_date_as", key=key, iso=_as_iso(value))
    elif kind.startswith("pmp_"):
        message = _word_pmp_error(kind[4:], key, ctx, lang)
    elif kind in ("int_parsing", "int_from_float", "int_type"):
        message = t(lang, "expect_int", key=key)
    elif kind in ("float_parsing", "finite_number", "float_type"):
        message = t(lang, "expect_number", key=key)
    elif kind == "string_type":
        message = t(lang, "expect_text", key=key)
    elif kind == "list_type":
        message = t(lang, "expect_list", key=key)
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = t(lang, "expect_mapping", key=key)
        if isinstance(value, str) and re.search(r":\S", value):
            message += t(lang, "colon_hint")
    else:
        message = t(lang, "yaml_syntax")
    line, col = doc.position(loc, at_key=at_key)
    return Problem(doc.name, line, col, message)


def _as_iso(value: Any) -> str | None:
    """'15/03/2026' (or 15.03.2026, 15-03-2026: day first, as written in France) as '2026-03-15'."""
    from datetime import date

    m = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", value) if isinstance(value, str) else None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat() if m else None
    except ValueError:
        return None


def _enum_hint(lang: str, value: str, allowed: list[str]) -> str:
    """"Did you mean" for an enumerated value, also when it was typed as its label.

    A consultant writes `status: en cours`: the French label of `in_progress`.
    The labels come from the reader's catalog (i18n), section by section.
    """
    from pamplemousse.text.i18n import labels
    from pamplemousse.text.wording import plain

    by_label: dict[str, str] = {}
    for section in labels(lang).values():
        if isinstance(section, dict) and set(allowed) <= set(section):
            by_label.update({plain(str(section[v])): v for v in allowed if isinstance(section[v], str)})
    exact = by_label.get(plain(value))
    if exact is None:
        close = suggest(value, list(by_label))
        exact = by_label[close] if close and not suggest(value, allowed) else None
    if exact is not None:
        return t(lang, "did_you_mean", suggestion=exact)
    return did_you_mean(lang, value, allowed)


def _word_pmp_error(kind: str, key: str, ctx: dict, lang: str) -> str:
    simple = {
        "date": "expect_date", "impossible_date": "impossible_date", "bool": "expect_bool",
        "empty": "empty_value", "id": "slug_id", "email": "email", "siret": "siret",
        "number": "expect_number", "int": "expect_int", "milestone_ref": "milestone_ref",
    }
    if kind in simple:
        return t(lang, simple[kind], key=key)
    if kind == "journal_kind":
        from pamplemousse.read.model import JOURNAL_KINDS
        from pamplemousse.text.messages import one_of

        return t(lang, "journal_kind", kinds=one_of(lang, JOURNAL_KINDS))
    if kind == "journal_needs":
        return t(lang, "journal_needs", key=ctx["key"], kind=ctx["kind"])
    if kind == "range":
        return t(lang, "range", key=key, low=ctx["low"], high=ctx["high"])
    if kind == "date_range":
        return t(lang, "date_range", key=key, low=ctx["low"], high=ctx["high"])
    if kind == "number_range":
        return t(lang, "number_range", key=key)
    if kind == "at_least":
        return t(lang, "at_least", key=key, low=ctx["low"])
    if kind == "schema_version":
        from pamplemousse.read.model import SCHEMA_VERSION

        return t(lang, "schema_version", found=ctx["found"], known=SCHEMA_VERSION)
    if kind == "journal_field":
        return t(lang, "journal_field", key=ctx["key"], kind=ctx["kind"])
    return t(lang, "yaml_syntax")


def load_mission(
    folder: Path, lang: str | None = None, max_bytes: int | None = None, cache: bool = True,
) -> tuple[Mission | None, list[Problem]]:
    """Load the mission in `folder`: (mission, problems). The mission is None on errors.

    Problems include warnings (severity "warning"), which do not prevent loading.
    The result comes from the cache of loaded missions (cache.py) when none of
    the five files has changed since it was kept (`cache=False`: a temporary copy, not worth keeping).
    """
    if not cache:
        return _fresh(folder, lang, max_bytes)
    hit, found = kept_in_cache("mission", folder, (lang or language_of(folder), max_bytes),
                               lambda: _fresh(folder, lang, max_bytes), as_plain)
    if not hit:
        return found
    problems, data = found
    return (None if data is None else Mission.from_plain(folder, data)), [Problem.from_row(p) for p in problems]


def as_plain(loaded: tuple[Mission | None, list[Problem]]) -> tuple[list, dict | None]:
    """A load's result as the cache keeps it: its problems as rows (the head), the mission as plain data (the body)."""
    mission, problems = loaded
    return [p.as_row() for p in problems], (None if mission is None else mission.plain())


def _fresh(folder: Path, lang: str | None, max_bytes: int | None) -> tuple[Mission | None, list[Problem]]:
    return _load(folder, lang or language_of(folder), max_bytes)


def load_or_fail(folder: Path, lang: str | None = None) -> Mission:
    """The mission in `folder`, or MissionProblems carrying its errors (warnings are left out)."""
    mission, problems = load_mission(folder, lang)
    if mission is None:
        raise MissionProblems([p for p in problems if p.severity == "error"])
    return mission


def load_for_append(folder: Path, journal: bytes) -> tuple[Mission, YamlDoc]:
    """The mission in `folder` with `journal` as the bytes of its journal.yaml (read once by the
    caller), and the journal as read; or MissionProblems. The journal is parsed here only."""
    docs: dict[str, YamlDoc] = {}
    mission, problems = _load(folder, language_of(folder), None, {"journal.yaml": journal}, docs)
    if mission is None:
        raise MissionProblems([p for p in problems if p.severity == "error"])
    return mission, docs["journal.yaml"]


def _load(
    folder: Path, lang: str, max_bytes: int | None,
    raw: dict[str, bytes] | None = None, docs: dict[str, YamlDoc] | None = None,
) -> tuple[Mission | None, list[Problem]]:
    docs = {} if docs is None else docs
    raw = raw or {}
    models: dict[str, Any] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for filename, model in FILES.items():
        name = display_unresolved(folder / filename)  # a linked file by its own name
        expect = list if model is JournalFile else dict
        doc, found = read_yaml(folder / filename, name, lang, expect=expect, max_bytes=max_bytes,
                               raw=raw.get(filename))
        problems += found
        if doc is None:
            continue
        docs[filename] = doc
        if filename == "recommendations.yaml" and (past := _past_limit(doc, lang)):
            problems.append(past)  # refused before the models are made: that is where the time goes
            continue
        try:
            models[filename] = model.model_validate(doc.data)
        except ValidationError as err:
            problems += [word_error(e, doc, model, lang) for e in err.errors(include_url=False)]
        warnings += _hash_comment_warnings(doc, model, lang)
    if problems:
        return None, sort_problems(_dedupe(problems + warnings))

    mission = Mission(
        slug=folder.name,
        path=folder,
        meta=models["mission.yaml"],
        vision=models["vision.yaml"],
        questions=models["questions.yaml"],
        recommendations=models["recommendations.yaml"].recommendations,
        journal=models["journal.yaml"].root,
    )
    problems = warnings + rules.check(mission, docs, lang)
    if any(p.severity == "error" for p in problems):
        return None, sort_problems(problems)
    return mission, sort_problems(problems)


def _past_limit(doc: YamlDoc, lang: str) -> Problem | None:
    """The refusal of more than MAX_RECOMMENDATIONS recommendations, at the first one past the limit."""
    from pamplemousse.text.i18n import Formats

    listed = doc.data.get("recommendations") if isinstance(doc.data, dict) else None
    if not isinstance(listed, list) or len(listed) <= MAX_RECOMMENDATIONS:
        return None
    line, col = doc.position(("recommendations", MAX_RECOMMENDATIONS))
    return Problem(doc.name, line, col, t(lang, "too_many_recommendations", limit=Formats(lang).number(MAX_RECOMMENDATIONS)))


def _is_text(annotation: Any, metadata: tuple = ()) -> bool:
    """Whether a field holds free text (Text, Optional[Text], list[Text]), not an id, a date or a choice.

    Pydantic keeps a bare `Text` field as `str` with Text's validator in the field's metadata.
    """
    from pamplemousse.read.model import Text

    if annotation is str:
        return any(m in typing.get_args(Text)[1:] for m in metadata)
    if annotation == Text:
        return True
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union) or str(origin) == "types.UnionType":
        return any(_is_text(a) for a in typing.get_args(annotation))
    return False


def _hash_comment_warnings(doc: YamlDoc, model: Any, lang: str) -> list[Problem]:
    """A warning for each free-text value that YAML cut at ` #` (what follows is a comment to it)."""
    found = []
    for loc, line, col, kept in doc.comments:
        names = tuple(p for p in loc if isinstance(p, str))  # list indexes do not change the model
        holder = _model_at(model, names[:-1]) if names else None
        info = holder.model_fields.get(names[-1]) if holder is not None else None
        if info is not None and _is_text(info.annotation, tuple(info.metadata)):
            shown = kept if len(kept) <= 60 else kept[:59] + "…"
            found.append(Problem(doc.name, line, col, t(lang, "hash_comment", kept=shown), "warning",
                                 t(lang, "warning_tag")))
    return found


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
