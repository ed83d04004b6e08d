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
from typing import Callable

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


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with lists inside a mapping indented like the example files."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data):  # the same date twice is written twice: pmp refuses anchors and aliases
        return True


@dataclass(frozen=True)
class Added:
    """What --add did: the questions added (new id, bank id), and those already in the guide."""

    added: list[tuple[str, str]]
    already: list[tuple[str, str]]  # (bank id, id of the same question in the guide)


def fresh_ids(mission: Mission, n: int, prefix: str = "Q") -> list[str]:
    """`n` ids <prefix><k> (Q12, R11…) after the highest such id used anywhere in the mission, none already taken."""
    used = {ident for ident, _, _ in all_ids(mission)}
    pattern = _QN if prefix == "Q" else re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(m.group(1)) for ident in used if (m := pattern.fullmatch(ident))]
    k = max(numbers, default=0)
    ids: list[str] = []
    while len(ids) < n:
        k += 1
        if f"{prefix}{k}" not in used:
            ids.append(f"{prefix}{k}")
    return ids


def guide_item(q: BankQuestion, new_id: str, lang: str) -> dict:
    """The bank question as a guide entry of questions.yaml (keys of model.Question only)."""
    local = q.in_language(lang)
    item: dict = {"id": new_id, "phase": local.phase, "theme": local.theme, "text": local.text, "purpose": local.purpose}
    if local.follow_ups:
        item["follow_ups"] = local.follow_ups
    return item


def dump_item(item: dict) -> list[str]:
    """One block list item (`- id: …`) as YAML lines, quoted where needed, lists indented like the example files."""
    return yaml.dump([item], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6).splitlines()


def _dump_block(items: list[tuple[list[str], str | None]], indent: int, lead: str = "") -> str:
    """Block list items (their lines) at column `indent`; a comment after the first line of each when given."""
    out = []
    for lines, comment in items:
        lines = list(lines)
        if comment:
            lines[0] += "  # " + comment
        out += [" " * indent + line if line else "" for line in lines]
    return lead + "\n".join(out) + "\n"


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


def insert_into_guide(text: str, root: Node | None, items: list[tuple[dict, str]], lang: str) -> str:
    """`text` with `items` (guide entry, bank id) added at the end of its `guide:` list (see insert_into_list)."""
    from pamplemousse.text.i18n import labels

    note = labels(lang)["cli"]["file_comments"]["bank_note"]
    return insert_into_list(text, root, "guide", [(item, note.format(id=bank_id)) for item, bank_id in items], QUESTIONS)


def insert_into_list(
    text: str, root: Node | None, list_key: str, items: list[tuple[dict, str | None]], filename: str, lead: str = "",
    transform: Callable[[list[str]], list[str]] | None = None,
) -> str:
    """`text` with `items` (entry, comment on its first line or None) added at the end of its `list_key:` list.

    `root` is the composed node tree of `text`. Handles a block list (the usual
    case), a missing key, an empty one (`guide:`), an empty flow list
    (`guide: []`, replaced on its line only) and a non-empty flow list. `lead`
    goes before the items added to a block list that has items (a blank line);
    `transform` may rework each item's dumped lines (to add comments).
    """
    if not isinstance(root, MappingNode) or root.flow_style:
        raise UsageError(key="edit_not_block", file=filename)
    key_col = root.start_mark.column
    lines = [((transform or list)(dump_item(item)), comment) for item, comment in items]
    for key, value in root.value:  # noqa: B007 - `value` is the list's node once the loop breaks
        if isinstance(key, ScalarNode) and key.value == list_key:
            break
    else:  # no such list yet: add one at the end of the file
        block = " " * key_col + f"{list_key}:\n" + _dump_block(lines, key_col + 2)
        return _insert_lines(text, len(text), block)

    if isinstance(value, SequenceNode) and not value.flow_style:
        offset = _line_end(text, _content_end(value, text))
        return _insert_lines(text, offset, _dump_block(lines, value.start_mark.column, lead))
    if isinstance(value, SequenceNode) and value.value:  # [a, b] -> [a, b, c]
        close = value.end_mark.index - 1
        if text[close] != "]":
            raise UsageError(key="edit_flow_list", file=filename, key_name=list_key)
        return text[:close] + "".join(", " + _dump_flow(item) for item, _ in items) + text[close:]
    if isinstance(value, SequenceNode) or (isinstance(value, ScalarNode) and value.value == ""):
        # `guide: []`, `guide: ""` or `guide:` -> `guide:` followed by block items; only that line changes
        start, end = value.start_mark.index, value.end_mark.index
        head = text[:start]
        if text[end:end + 1] in ("\n", "\r", ""):
            head = head.rstrip(" ")
        text = head + text[end:]
        offset = _line_end(text, key.end_mark.index)
        return _insert_lines(text, offset, _dump_block(lines, key_col + 2))
    raise UsageError(key="edit_not_list", file=filename, key_name=list_key)


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


def loads_as_intended(folder: Path, filename: str, new_bytes: bytes, check: Callable[[Mission | None], bool]) -> bool:
    """Whether the mission, loaded from a temporary copy holding `filename` edited as `new_bytes`, passes `check`."""
    with tempfile.TemporaryDirectory(prefix="pmp-add-") as tmp:
        copy = Path(tmp) / folder.name
        copy.mkdir()
        for name in FILES:
            if (folder / name).is_file():
                shutil.copyfile(folder / name, copy / name)
        (copy / filename).write_bytes(new_bytes)
        return check(load_mission(copy, cache=False)[0])


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

    ids = fresh_ids(mission, len(todo))
    entries = [guide_item(q, new_id, lang) for q, new_id in zip(todo, ids)]
    edit_checked(
        folder, QUESTIONS, lang,
        lambda text, root: insert_into_guide(text, root, list(zip(entries, [q.id for q in todo])), lang),
        lambda loaded: _check_result(loaded, mission, entries), "edit_what_questions",
    )
    return Added(list(zip(ids, [q.id for q in todo])), already)


def edit_checked(
    folder: Path, filename: str, lang: str, edit: Callable[[str, Node | None], str],
    check: Callable[[Mission | None], bool], what: str,
) -> Path:
    """Rewrite `filename` of the mission as `edit(text, root)` gives it, only if the result loads and passes `check`
    (`what`: the catalog's key naming what is inserted, for the refusal).

    The edit is tried on a temporary copy of the mission first; a BOM is kept; if
    the file changed meanwhile (the check fails once written), it is put back.
    """
    from pamplemousse.text.i18n import message

    path = folder / filename
    original = path.read_bytes().decode("utf-8")
    bom = BOM if original.startswith(BOM) else ""
    doc, problems = read_yaml(path, display_path(path), lang)
    if doc is None:  # changed since it was loaded
        raise MissionProblems(problems)
    new_text = bom + edit(original[len(bom):], doc.root)
    if not loads_as_intended(folder, filename, new_text.encode("utf-8"), check):
        raise PmpError(message(lang, "edit_not_inserted", path=display_path(path), what=message(lang, what)))
    write_atomic(path, new_text)
    if not check(load_mission(folder)[0]):  # pragma: no cover - a concurrent edit
        write_atomic(path, original)
        raise PmpError(message(lang, "edit_changed", path=display_path(path)))
    return path
