"""Add bank questions to the end of a mission's interview guide (`pmp questions --add`).

The file is edited as text, never re-dumped: the new items are inserted at one
offset, found from the positions of the composed YAML nodes, so that every other
byte (comments, blank lines, quotes, line ends, a BOM) stays as it was. The new
items are written by `yaml.safe_dump` (quotes where a colon or a `#` needs them)
and indented like the existing ones.

Before anything is written, the edited mission is loaded from a temporary copy
and checked: the old guide unchanged, the new questions there with their ids.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pamplemousse.errors import MissionProblems, PmpError, UsageError, display_path
from pamplemousse.read.bank import BankQuestion
from pamplemousse.read.load import load_mission, load_or_fail
from pamplemousse.read.model import FILES, Mission
from pamplemousse.read.rules import all_ids
from pamplemousse.read.yamlread import read_yaml
from pamplemousse.write.files import write_atomic

QUESTIONS = "questions.yaml"
BOM = "\ufeff"
_QN = re.compile(r"Q(\d+)")
_BANK_NOTE = {"fr": "banque : {id}", "en": "bank: {id}"}


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with lists inside a mapping indented like the example files."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


@dataclass(frozen=True)
class Added:
    """What --add did: the questions added (new id, bank id), and those already in the guide."""

    added: list[tuple[str, str]]
    already: list[tuple[str, str]]  # (bank id, id of the same question in the guide)


def fresh_ids(mission: Mission, n: int) -> list[str]:
    """`n` ids Q<k> after the highest Q<k> used anywhere in the mission, none already taken."""
    used = {ident for ident, _, _ in all_ids(mission)}
    numbers = [int(m.group(1)) for ident in used if (m := _QN.fullmatch(ident))]
    k = max(numbers, default=0)
    ids = []
    while len(ids) < n:
        k += 1
        if f"Q{k}" not in used:
            ids.append(f"Q{k}")
    return ids


def guide_item(q: BankQuestion, new_id: str, lang: str) -> dict:
    """The bank question as a guide entry of questions.yaml (keys of model.Question only)."""
    local = q.in_language(lang)
    item = {"id": new_id, "phase": local.phase, "theme": local.theme, "text": local.text, "purpose": local.purpose}
    if local.follow_ups:
        item["follow_ups"] = local.follow_ups
    return item


def _dump_block(items: list[tuple[dict, str]], indent: int, lang: str) -> str:
    """Block list items at column `indent`; each id line notes the bank id in a comment."""
    out = []
    for item, bank_id in items:
        lines = yaml.dump([item], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6).splitlines()
        lines[0] += "  # " + _BANK_NOTE.get(lang, _BANK_NOTE["fr"]).format(id=bank_id)
        out += [" " * indent + line for line in lines]
    return "\n".join(out) + "\n"


def _dump_flow(item: dict) -> str:
    return yaml.dump(item, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=True).strip()


def _line_end(text: str, index: int) -> int:
    """The offset just after the line break that ends the line holding `index`."""
    j = text.find("\n", index)
    return len(text) if j < 0 else j + 1


def _content_end(node: Node, text: str) -> int:
    """The offset just after the last character written for `node` (trailing blanks excluded)."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    i = node.end_mark.index
    while i > 0 and text[i - 1] in " \t\r\n":
        i -= 1
    return i


def _insert_lines(text: str, offset: int, block: str) -> str:
    """`block` (whole lines) inserted at `offset`, a line start or the end of the text."""
    if "\r\n" in text:  # keep Windows line ends
        block = block.replace("\n", "\r\n")
    if offset == len(text) and text and not text.endswith("\n"):
        block = ("\r\n" if "\r\n" in text else "\n") + block
    return text[:offset] + block + text[offset:]


def insert_into_guide(text: str, root: Node, items: list[tuple[dict, str]], lang: str) -> str:
    """`text` with `items` (guide entry, bank id) added at the end of its `guide:` list.

    `root` is the composed node tree of `text`. Handles a block list (the usual
    case), a missing `guide:` key, an empty one (`guide:`), an empty flow list
    (`guide: []`, replaced on its line only) and a non-empty flow list.
    """
    if not isinstance(root, MappingNode) or root.flow_style:
        raise UsageError("questions.yaml\u00a0: pmp ne sait ajouter des questions qu'à un fichier écrit en blocs (clé: valeur)")
    key_col = root.start_mark.column
    for key, value in root.value:  # noqa: B007 - `value` is the guide's node once the loop breaks
        if isinstance(key, ScalarNode) and key.value == "guide":
            break
    else:  # no guide yet: add one at the end of the file
        block = " " * key_col + "guide:\n" + _dump_block(items, key_col + 2, lang)
        return _insert_lines(text, len(text), block)

    if isinstance(value, SequenceNode) and not value.flow_style:
        offset = _line_end(text, _content_end(value, text))
        return _insert_lines(text, offset, _dump_block(items, value.start_mark.column, lang))
    if isinstance(value, SequenceNode) and value.value:  # [a, b] -> [a, b, c]
        close = value.end_mark.index - 1
        if text[close] != "]":
            raise UsageError("questions.yaml\u00a0: la liste guide est illisible pour pmp\u00a0; écrivez-la avec des tirets")
        return text[:close] + "".join(", " + _dump_flow(item) for item, _ in items) + text[close:]
    if isinstance(value, SequenceNode) or (isinstance(value, ScalarNode) and value.value == ""):
        # `guide: []`, `guide: ""` or `guide:` -> `guide:` followed by block items; only that line changes
        start, end = value.start_mark.index, value.end_mark.index
        head = text[:start]
        if text[end:end + 1] in ("\n", "\r", ""):
            head = head.rstrip(" ")
        text = head + text[end:]
        offset = _line_end(text, key.end_mark.index)
        return _insert_lines(text, offset, _dump_block(items, key_col + 2, lang))
    raise UsageError("questions.yaml\u00a0: «\u00a0guide\u00a0» doit être une liste de questions")


def _check_result(mission: Mission | None, before: Mission, expected: list[dict]) -> bool:
    if mission is None:
        return False
    old, guide = before.questions.guide, mission.questions.guide
    if guide[: len(old)] != old or len(guide) != len(old) + len(expected):
        return False
    return all(
        (q.id, q.phase, q.theme, q.text, q.purpose, q.follow_ups)
        == (e["id"], e["phase"], e["theme"], e["text"], e["purpose"], e.get("follow_ups", []))
        for q, e in zip(guide[len(old):], expected)
    )


def _try_in_copy(folder: Path, new_bytes: bytes, before: Mission, expected: list[dict]) -> bool:
    """Load the mission from a temporary copy holding the edited questions.yaml."""
    with tempfile.TemporaryDirectory(prefix="pmp-add-") as tmp:
        copy = Path(tmp) / folder.name
        copy.mkdir()
        for name in FILES:
            if (folder / name).is_file():
                shutil.copyfile(folder / name, copy / name)
        (copy / QUESTIONS).write_bytes(new_bytes)
        return _check_result(load_mission(copy)[0], before, expected)


def add_to_guide(folder: Path, chosen: list[BankQuestion]) -> Added:
    """Append `chosen` to the guide of the mission in `folder`, in its language, with fresh ids.

    Questions whose text is already in the guide are not added twice. Nothing is
    written when the mission has errors or when the edited file would not load
    back exactly as intended.
    """
    mission = load_or_fail(folder)
    lang = mission.language
    in_guide = {q.text: q.id for q in mission.questions.guide}
    already, todo, seen = [], [], set()
    for q in chosen:
        text = q.in_language(lang).text
        if text in in_guide:
            already.append((q.id, in_guide[text]))
        elif q.id not in seen:
            seen.add(q.id)
            todo.append(q)
    if not todo:
        return Added([], already)

    path = folder / QUESTIONS
    original = path.read_bytes().decode("utf-8")
    bom = BOM if original.startswith(BOM) else ""
    text = original[len(bom):]
    doc, problems = read_yaml(path, display_path(path), lang)
    if doc is None:  # changed since it was loaded
        raise MissionProblems(problems)
    ids = fresh_ids(mission, len(todo))
    entries = [guide_item(q, new_id, lang) for q, new_id in zip(todo, ids)]
    new_text = insert_into_guide(text, doc.root, list(zip(entries, [q.id for q in todo])), lang)
    new_bytes = (bom + new_text).encode("utf-8")
    if not _try_in_copy(folder, new_bytes, mission, entries):
        raise PmpError(f"{display_path(path)}\u00a0: pmp n'a pas su y insérer les questions sans rien changer d'autre\u00a0; "
                       "rien n'a été écrit")
    write_atomic(path, bom + new_text)
    if not _check_result(load_mission(folder)[0], mission, entries):  # pragma: no cover - a concurrent edit
        write_atomic(path, original)
        raise PmpError(f"{display_path(path)}\u00a0: le fichier a changé pendant l'ajout\u00a0; il a été remis comme avant")
    return Added(list(zip(ids, [q.id for q in todo])), already)
