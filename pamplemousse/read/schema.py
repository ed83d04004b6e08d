"""JSON Schemas of the five mission files, for editors with the YAML language server.

`mission_schemas()` builds one schema per file from the Pydantic models of
model.py, then adapts them to what an editor sees. pmp reads every YAML scalar
as a string and lets the models convert it (`days: 1,5`, `consent: "true"`),
whereas an editor reads YAML 1.2 types (`days: 1.5` is a number, `title: 2026`
a number too). So a number field accepts a number or a numeric string, a text
field a string, a number or a boolean, a field that is not required also an empty
value (null), and a date is a string `AAAA-MM-JJ`. Unknown keys are refused, as
pmp refuses them.

Each property gets its description, in French then English, from
`i18n/fields.yaml`, keyed by its dotted path (`mission.client.siret`; list items
have no index: `recommendations.recommendations.indicators.target`). A model
used at several places (a Dees criterion) has its fields keyed once, with `*`
for the part that varies (`vision.dees.*.score`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from pamplemousse.errors import UsageError
from pamplemousse.read import model, values

FIELDS_CATALOG = Path(__file__).resolve().parent.parent / "text" / "i18n" / "fields.yaml"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_INT_TEXT = r"^[+-]?[0-9]+$"
_NUMBER_TEXT = r"^[+-]?[0-9]+([.,][0-9]+)?$"
_BOOL_TEXT = r"^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
# a date as pmp reads it, in the years it computes with (values.YEARS: 1900 to 2200)
_DATE_TEXT = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"
_SIRET_TEXT = r"^[ \u00a0]*([0-9][ \u00a0]*){14}$"


def schema_file_name(filename: str) -> str:
    """`mission.yaml` -> `mission.schema.json`."""
    return filename.removesuffix(".yaml") + ".schema.json"


def _closure(func: Any) -> dict[str, Any]:
    cells = func.__closure__ or ()
    return dict(zip(func.__code__.co_freevars, (c.cell_contents for c in cells)))


def _constraints_of(func: Any) -> dict[str, Any]:
    """What a validator of model.py checks, said in JSON Schema words."""
    if func is values._non_empty:
        return {"pattern": r"\S"}
    if func is values._check_id:
        return {"pattern": "^" + values._ID.pattern + "$"}
    if func is values._check_email:
        return {"pattern": r"^\s*" + values._EMAIL.pattern + r"\s*$", "format": "email"}
    if func is values._check_siret:
        return {"pattern": _SIRET_TEXT, "x-pmp-siret": True}
    if func is values._bounded:
        return {"minimum": -values.MAX_NUMBER, "maximum": values.MAX_NUMBER}
    if func is model._check_schema_version:
        return {"x-pmp-const": model.SCHEMA_VERSION}
    name = getattr(func, "__qualname__", "")
    if name.startswith("_between."):
        bounds = _closure(func)
        return {"minimum": bounds["low"], "maximum": bounds["high"]}
    if name.startswith("_at_least."):
        return {"minimum": _closure(func)["low"]}
    return {}


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, plus the checks that model.py makes in its validators."""

    def function_after_schema(self, schema):
        result = dict(self.generate_inner(schema["schema"]))
        result.update(_constraints_of(schema["function"]["function"]))
        return result


# adapting to what an editor sees --------------------------------------------

def _as_editor_sees(node: Any) -> Any:
    """Widen every scalar type to the forms that YAML 1.2 gives and pmp accepts."""
    if isinstance(node, list):
        return [_as_editor_sees(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        k: {p: _as_editor_sees(s) for p, s in v.items()} if k == "properties" else _as_editor_sees(v)
        for k, v in node.items()
        if k != "title"  # pydantic's "Legal Form"; a property called `title` stays
    }
    kind = node.get("type")
    if "x-pmp-const" in node:
        value = node.pop("x-pmp-const")
        return {"enum": [value, str(value)]}
    if "enum" in node or "const" in node or kind not in ("integer", "number", "boolean", "string"):
        return node
    if kind == "string" and node.get("format") == "date":
        return {**node, "pattern": _DATE_TEXT}
    if kind == "string" and node.pop("x-pmp-siret", False):
        return {"anyOf": [node, {"type": "integer"}]}
    if kind == "string":
        return {**node, "type": ["string", "number", "boolean"]}
    text = {"integer": _INT_TEXT, "number": _NUMBER_TEXT, "boolean": _BOOL_TEXT}[kind]
    return {"anyOf": [node, {"type": "string", "pattern": text}]}


def _flat(choices: list[dict]) -> list[dict]:
    """anyOf [anyOf [a, b], c] -> anyOf [a, b, c]."""
    flat = []
    for choice in choices:
        flat += _flat(choice["anyOf"]) if set(choice) == {"anyOf"} else [choice]
    return flat


def _nullable(node: dict) -> dict:
    """An empty value (`note:`) means "not given" for a field that is not required."""
    if "anyOf" in node:
        node = {**node, "anyOf": _flat(node["anyOf"])}
    if node.get("type") == "null" or any(s.get("type") == "null" for s in node.get("anyOf", [])):
        return node
    if "anyOf" in node:
        return {**node, "anyOf": [*node["anyOf"], {"type": "null"}]}
    if "type" in node and "enum" not in node:  # ["array", "null"]: errors stay precise
        kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
        return {**node, "type": [*kinds, "null"]}
    extra = {k: node.pop(k) for k in ("default", "description") if k in node}
    return {"anyOf": [node, {"type": "null"}], **extra}


def _objects(schema: dict) -> list[dict]:
    """The root object (when the file is a mapping) and every model definition."""
    found = list(schema.get("$defs", {}).values())
    if schema.get("type") == "object":
        found.append(schema)
    return found


def _journal_kinds(entry: dict) -> None:
    """A journal entry is about exactly one thing, with only that thing's fields."""
    others = {f for spec in model.JOURNAL_KINDS.values() for f in spec.fields}
    branches = []
    for kind, spec in model.JOURNAL_KINDS.items():
        required = ["date", kind, *spec.required]
        properties: dict[str, Any] = {k: {"type": "null"} for k in model.JOURNAL_KINDS if k != kind}
        properties |= dict.fromkeys(sorted(others - set(spec.fields)), False)
        if kind in model.KIND_STATUSES:
            properties["status"] = {"enum": list(model.KIND_STATUSES[kind])}
        branches.append({"required": required, "properties": properties})
    entry["oneOf"] = branches


# descriptions ---------------------------------------------------------------

def _targets(node: Any) -> list[str]:
    """The names of the definitions that a property's schema leads to ($ref, anyOf, items)."""
    if isinstance(node, list):
        return [name for item in node for name in _targets(item)]
    if not isinstance(node, dict):
        return []
    names = []
    if "$ref" in node:
        names.append(node["$ref"].rsplit("/", 1)[-1])
    for key in ("anyOf", "oneOf", "allOf", "items"):
        if key in node:
            names += _targets(node[key])
    return names


def _def_prefixes(schema: dict, stem: str) -> dict[str, str]:
    """For each definition, the dotted path of its fields' keys (`*` where paths differ)."""
    seen: dict[str, list[list[str]]] = {}

    def visit(obj: dict, prefix: list[str]) -> None:
        for prop, sub in obj.get("properties", {}).items():
            for name in _targets(sub):
                seen.setdefault(name, []).append(prefix + [prop])
                if len(seen[name]) == 1:
                    visit(schema["$defs"][name], prefix + [prop])

    if schema.get("type") == "object":
        visit(schema, [stem])
    for name in _targets([schema.get("items", {}), schema.get("anyOf", [])]):
        seen.setdefault(name, []).append([stem])
        visit(schema["$defs"][name], [stem])
    merged = {}
    for name, paths in seen.items():
        if any(len(p) != len(paths[0]) for p in paths):
            raise ValueError(f"{name} is used at paths of different depths: {paths}")
        merged[name] = ".".join(
            parts[0] if len(set(parts)) == 1 else "*" for parts in zip(*paths)
        )
    return merged


def field_keys(schema: dict, stem: str) -> dict[str, tuple[dict, str]]:
    """Every described key of one file: {dotted key: (holder of properties, property name)}."""
    keys: dict[str, tuple[dict, str]] = {}
    prefixes = _def_prefixes(schema, stem)
    holders = [(schema, stem)] if schema.get("type") == "object" else []
    holders += [(schema["$defs"][name], prefix) for name, prefix in prefixes.items()]
    for holder, prefix in holders:
        for prop in holder.get("properties", {}):
            keys[f"{prefix}.{prop}"] = (holder, prop)
    return keys


def load_field_descriptions(path: Path = FIELDS_CATALOG) -> dict[str, dict[str, str]]:
    """The catalog of field descriptions: {dotted key: {fr: …, en: …}}."""
    from pamplemousse.read.yamlread import read_yaml

    doc, problems = read_yaml(path, str(path), "fr", expect=dict)
    if doc is None:
        raise UsageError("; ".join(str(p) for p in problems))
    return doc.data


def _describe(entry: dict[str, str] | None) -> str | None:
    if not entry:
        return None
    return f"{entry['fr']}\n\n{entry['en']}"


# the schemas ----------------------------------------------------------------

def file_schema(filename: str, descriptions: dict[str, dict[str, str]]) -> dict:
    """The JSON Schema of one mission file (`mission.yaml`…)."""
    stem = filename.removesuffix(".yaml")
    raw = model.FILES[filename].model_json_schema(schema_generator=_Generator)
    raw.pop("description", None)
    for obj in raw.get("$defs", {}).values():
        obj.pop("description", None)
    schema = _as_editor_sees(raw)
    for obj in _objects(schema):
        required = set(obj.get("required", []))
        obj["additionalProperties"] = False
        for prop, sub in list(obj.get("properties", {}).items()):
            if sub.get("default", 0) is None:
                del sub["default"]
            if prop not in required:
                obj["properties"][prop] = _nullable(sub)
    for key, (holder, prop) in field_keys(schema, stem).items():
        text = _describe(descriptions.get(key))
        if text:
            holder["properties"][prop]["description"] = text
    if "JournalEntry" in schema.get("$defs", {}):
        _journal_kinds(schema["$defs"]["JournalEntry"])
    if schema.get("type") == "array":  # an empty journal is an empty document
        schema = {"anyOf": [{"type": "array", "items": schema.pop("items")}, {"type": "null"}], **schema}
        schema.pop("type")
    header = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"pmp\u00a0: {filename}",
    }
    text = _describe(descriptions.get(stem))
    if text:
        header["description"] = text
    return {**header, **schema}


def mission_schemas() -> dict[str, dict]:
    """{`mission.schema.json`: schema, …} for the five files of a mission."""
    descriptions = load_field_descriptions()
    return {schema_file_name(name): file_schema(name, descriptions) for name in model.FILES}


def schema_texts() -> dict[str, str]:
    """The schemas as the text of their files (UTF-8 JSON, two-space indent, a final newline)."""
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in mission_schemas().items()
    }
