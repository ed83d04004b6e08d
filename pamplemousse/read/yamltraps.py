"""The YAML traps a consultant falls into, named as such (yamlread calls these).

- a git conflict left in a file (`<<<<<<<`, `=======`, `>>>>>>>`), found before
  any YAML parsing, at its line, with what to do (in the journal: keep both sides);
- a syntax error worded by what the user did: a key indented too deep (with the
  line where its list item began), a key aligned on no other, an apostrophe
  inside a single-quoted value;
- every syntax error of a file, where the parser can go on once the faulty line
  is set aside; otherwise the one shown is said to be the first;
- ` #` inside a plain value: what follows is a comment, silently dropped by YAML.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pamplemousse.errors import Problem
from pamplemousse.text.messages import t

MAX_SYNTAX_ERRORS = 10
_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.M)
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[^\s#'\"\[\]{}:,&*!|>-][^:#]*?) *:(?: |$)")
_APOSTROPHE = re.compile(r"(?:^|:\s|-\s)\s*'(?:[^']|'')*'[^\s'#,\]}]")
_AFTER_VALUE_COMMENT = re.compile(r"\S[ \t]+#")


def conflict_markers(text: str, name: str, lang: str) -> list[Problem]:
    """A problem at each `<<<<<<<` of an unresolved git merge (or at a stray marker when none opens)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text:
        return []
    marks = [(m.group(1)[0], m.start()) for m in _MARKER.finditer(text)]
    opening = [at for kind, at in marks if kind == "<"] or [at for _kind, at in marks[:1]]
    journal = name.replace("\\", "/").rsplit("/", 1)[-1] == "journal.yaml"
    key = "git_conflict_journal" if journal else "git_conflict"
    return [Problem(name, text.count("\n", 0, at) + 1, 1, t(lang, key)) for at in opening]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_at(lines: list[str], line: int) -> re.Match | None:
    return _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None


def _key_column(m: re.Match) -> int:
    return len(m.group("indent")) + len(m.group("dash"))


def indentation_problem(lines: list[str], line: int, lang: str) -> tuple[int, str] | None:
    """A key that the parser met where no key may start, named as an indentation mistake: (column, message).

    Too deep under a list item: the message says the line where the item began and the field to align on.
    """
    here = _key_at(lines, line)
    if here is None or here.group("dash"):
        return None
    column, key = _key_column(here), here.group("key")
    deeper = None  # the nearest key above, more indented than this one
    for above in range(line - 1, 0, -1):
        prev = _key_at(lines, above)
        if prev is None:
            continue  # a comment, a blank line or a value's continuation
        prev_col = _key_column(prev)
        if prev_col == column:
            return None  # aligned on a sibling: some other mistake
        if prev_col > column:
            deeper = deeper or prev
            continue
        if deeper is not None:
            return column + 1, t(lang, "indent_misaligned", key=key, sibling=deeper.group("key"))
        item = _item_start(lines, above, prev_col)
        if item:
            return column + 1, t(lang, "indent_in_item", key=key, line=item, sibling=prev.group("key"))
        return column + 1, t(lang, "indent_too_deep", key=key, line=above, sibling=prev.group("key"))
    return column + 1, t(lang, "indent_misaligned", key=key, sibling="…")


def _item_start(lines: list[str], line: int, column: int) -> int | None:
    """The line where the list item holding the key at (line, column) began, if it is in one."""
    for above in range(line, 0, -1):
        m = _key_at(lines, above)
        if m is None:
            continue
        if _key_column(m) != column:
            return None
        if m.group("dash"):
            return above
    return None


def apostrophe_problem(lines: list[str], line: int, lang: str) -> tuple[int, str] | None:
    """An apostrophe that closed a single-quoted value early ('Organiser l'immersion'): (column of the quote, message)."""
    m = _APOSTROPHE.search(lines[line - 1]) if 0 < line <= len(lines) else None
    return (m.group(0).index("'") + m.start() + 1, t(lang, "apostrophe")) if m else None


def blank_line(text: str, line: int) -> str:
    """`text` with line `line` (1-based) emptied, every other line where it was."""
    lines = _lines(text)
    if 0 < line <= len(lines):
        lines[line - 1] = ""
    return "\n".join(lines)


def hash_comments(root: Node, text: str) -> list[tuple[tuple, int, int, str]]:
    """Plain values followed on their line by ` # …` (a comment to YAML): (loc, line, column, value kept).

    Only files where some value is followed by a `#` are walked.
    """
    if not _AFTER_VALUE_COMMENT.search(text):
        return []
    found: list[tuple[tuple, int, int, str]] = []

    def check(node: Node, loc: tuple) -> None:
        if type(node) is ScalarNode:
            if not node.style and node.value:
                end = node.end_mark.index
                line_end = text.find("\n", end)
                rest = text[end: len(text) if line_end < 0 else line_end]
                if rest.lstrip(" \t").startswith("#") and rest[:1] in (" ", "\t"):
                    found.append((loc, node.start_mark.line + 1, node.start_mark.column + 1, node.value))
        elif type(node) is SequenceNode:
            for i, item in enumerate(node.value):
                check(item, (*loc, i))
        elif type(node) is MappingNode:
            for key_node, value_node in node.value:
                if type(key_node) is ScalarNode:
                    check(value_node, (*loc, key_node.value))

    check(root, ())
    return found


def syntax_problems(text: str, name: str, lang: str, translate, loader) -> list[Problem]:
    """Every syntax error the parser can get past (each faulty line set aside in turn, at most 10).

    When it cannot go on (an unclosed quote, or no progress), the last error shown says it is the first one.
    """
    problems: list[Problem] = []
    last_line = 0
    while len(problems) < MAX_SYNTAX_ERRORS:
        try:
            yaml.compose(text, Loader=loader)
            return problems
        except yaml.YAMLError as err:
            line, col, message, can_go_on = translate(err, text, lang)
        except RecursionError:
            line, col, message, can_go_on = 1, 1, t(lang, "too_deep"), None
        if line <= last_line:
            break
        problems.append(Problem(name, line, col, message))
        if can_go_on is None:
            return problems
        if not can_go_on:
            break
        last_line = line
        text = blank_line(text, line)
    if problems:
        last = problems[-1]
        key = "syntax_first" if len(problems) == 1 else "syntax_rest_unread"
        problems[-1] = Problem(last.file, last.line, last.column, last.message + t(lang, key))
    return problems
