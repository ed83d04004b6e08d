"""Read one YAML file strictly, keeping the position of every node.

- bytes must be UTF-8 (a bad byte is reported at its line and column); a BOM is
  accepted and skipped;
- every scalar is read as a string (the base resolver): `no`, `012` or `10:30`
  stay text, and the model's field types convert them;
- duplicate keys, non-scalar keys, tags, anchors, aliases and merge keys are
  problems, never silent surprises;
- libyaml (the C parser) is used when present; the pure parser otherwise.

`read_yaml` returns a `YamlDoc` (data made of dicts, lists and strings, plus the
composed node tree to find positions later) or the problems that stopped it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pamplemousse.errors import Problem
from pamplemousse.read.characters import FORBIDDEN, forbidden_char, invisible_char
from pamplemousse.read.yamltraps import (
    apostrophe_problem,
    conflict_markers,
    hash_comments,
    indentation_problem,
    syntax_problems,
)
from pamplemousse.text.messages import t

try:  # libyaml is about 8 times faster
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

_DEFAULT_TAG = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_BaseLoader):
    """The base loader (every plain scalar is a string) without its per-node resolver walk.

    The base resolver has no implicit resolvers, so the answer is always the
    default tag of the node's kind; the parser still keeps explicit tags.
    """

    def resolve(self, kind, value, implicit):
        return _DEFAULT_TAG[kind]

    def descend_resolver(self, current_node, current_index):  # no path resolvers to follow
        pass

    def ascend_resolver(self):
        pass


MAX_BYTES = int(float(os.environ.get("PMP_MAX_FILE_MB", "2")) * 1024 * 1024)
MAX_DEPTH = 64
STR_TAG = "tag:yaml.org,2002:str"
DEFAULT_TAGS = {STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.M)


@dataclass
class YamlDoc:
    """A file read: its plain data and its nodes (for positions)."""

    path: Path
    name: str  # the file as shown in messages
    data: Any
    root: Node | None
    comments: list = field(default_factory=list)  # plain values cut by ` #` (yamltraps.hash_comments)
    text: str = ""  # the file as read (to place a problem inside a value: `place`)

    def position(self, loc: tuple, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at `loc`, or of the deepest node on the way.

        With `at_key`, the position of the last key itself (for an unknown key).
        A part of `loc` that is not there (a missing key) stops at the mapping or
        list that lacks it.
        """
        node = self.node(loc, at_key)
        if node is None:
            return 1, 1
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def source(self, loc: tuple) -> tuple[str, int]:
        """The characters of the file that make the value at `loc` (quotes, block indicator and
        indentation included), and the index in the file where they start."""
        node = self.node(loc)
        if node is None:
            return "", 0
        return self.text[node.start_mark.index:node.end_mark.index], node.start_mark.index

    def inside(self, loc: tuple, find: Callable[[str], int | None]) -> tuple[int, int]:
        """1-based (line, column) of what `find` finds in the value at `loc` as written in the file
        (`find(source)` gives its index in the value's source, or None: the value itself)."""
        source, offset = self.source(loc)
        at = find(source)
        return self.place(offset + at) if at is not None else self.position(loc)

    def place(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of the character at `index` of the file."""
        return _line_col(self.text, index)

    def node(self, loc: tuple, at_key: bool = False) -> Node | None:
        """The node at `loc`, or the deepest node on the way (see `position`)."""
        node = self.root
        if node is None:
            return None
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == part:
                        node = key_node if (last and at_key) else value_node
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                else:
                    break
            else:
                break
        return node


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _translate_yaml_error(err: yaml.YAMLError, text: str, lang: str) -> tuple[int, int, str, bool | None]:
    """A YAML syntax error as (line, column, plain message, go on): never the parser's own words.

    `go on` says whether the parser may go on once that line is set aside: True, False (the rest of
    the file is unread), or None (a problem of the whole file, nothing more to say).
    """
    problem = getattr(err, "problem", "") or ""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    context = getattr(err, "context", "") or ""
    lines = text.split("\n")
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "tab" in problem:
        return line, col, t(lang, "tab"), True
    if "single document" in problem + context or "another document" in problem:
        return line, col, t(lang, "several_documents"), None
    if "nesting depth" in problem or "recursion" in problem:
        return line, col, t(lang, "too_deep"), None
    apostrophe = apostrophe_problem(lines, line, lang)
    if apostrophe:
        return line, apostrophe[0], apostrophe[1], True
    if "mapping values are not allowed" in problem or "expected key" in problem or "block end" in problem:
        indented = indentation_problem(lines, line, lang)
        if indented:
            return line, indented[0], indented[1], True
    if "mapping values are not allowed" in problem:
        key = "colon_in_value"
    elif "could not find expected ':'" in problem or "simple key" in context:
        key = "missing_colon"
        key_mark = getattr(err, "context_mark", None) or mark  # the key, not the line after it
        if key_mark is not None:
            line, col = key_mark.line + 1, key_mark.column + 1
    elif "alias" in problem or "anchor" in problem:
        key = "alias"
    elif "escape" in problem:
        key = "bad_escape"
    elif "end of stream" in problem or "quoted scalar" in context or "flow" in context:
        opened = getattr(err, "context_mark", None) or mark  # where the quote or bracket opened
        if opened is not None:
            line, col = opened.line + 1, opened.column + 1
        return line, col, t(lang, "unclosed_quote"), False
    elif "character" in problem and ("special" in problem or "control" in problem):
        return line, col, t(lang, "bad_char", code="?"), True
    else:
        key = "yaml_syntax"
    return line, col, t(lang, key), True


class _Walker:
    """Turns composed nodes into dicts, lists and strings, noting what is not allowed."""

    def __init__(self, name: str, lang: str):
        self.name = name
        self.lang = lang
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliases: list[Problem] = []  # reported only if the event scan found no anchor

    def problem(self, node: Node, message_id: str, **kw) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, t(self.lang, message_id, **kw)))

    def walk(self, node: Node, depth: int = 0) -> Any:
        if id(node) in self.seen:  # an alias: never walk a node twice (alias bombs)
            mark = node.start_mark
            self.aliases.append(Problem(self.name, mark.line + 1, mark.column + 1, t(self.lang, "alias")))
            return None
        self.seen.add(id(node))
        if node.tag not in DEFAULT_TAGS:
            self.problem(node, "tag")
        if type(node) is ScalarNode:
            bad = forbidden_char(node.value) if node.style == '"' else None
            if bad:
                self.problem(node, "bad_char", code=bad)
            return node.value
        if depth >= MAX_DEPTH:
            self.problem(node, "too_deep")
            return None
        if type(node) is SequenceNode:
            return [self._value(item, depth) for item in node.value]
        result: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.problem(key_node, "complex_key")
                continue
            key = key_node.value
            if key in lines or (key == "<<" and not key_node.style):
                if key in lines:
                    self.problem(key_node, "duplicate_key", key=key, line=lines[key])
                else:
                    self.problem(key_node, "merge_key")
                continue
            lines[key] = key_node.start_mark.line + 1
            result[key] = self._value(value_node, depth)
        return result

    def _value(self, node: Node, depth: int) -> Any:
        """A child: plain scalars inline (most nodes are), the rest through walk()."""
        if type(node) is ScalarNode and node.style != '"' and node.tag == STR_TAG:
            return node.value  # an alias to a scalar needs an anchor, which the event scan reports
        return self.walk(node, depth + 1)


def _anchor_problems(text: str, name: str, lang: str) -> list[Problem]:
    """Anchors and aliases, at their own places, from the parser's events.

    Only the (rare) files with something like an anchor need this second pass.
    """
    if "&" not in text or not _ANCHOR_HINT.search(text):
        return []
    found = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if getattr(event, "anchor", None):
                m = event.start_mark
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                if m is not None:
                    found.append(Problem(name, m.line + 1, m.column + 1, t(lang, kind)))
    except yaml.YAMLError:
        pass  # the composer reports syntax errors
    return found


class TooBig(OSError):
    """A file larger than pmp reads; `size` is what was found (at least the limit plus one byte)."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


class NotRegular(OSError):
    """Not a regular file: a FIFO, a device, a folder."""


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them, else TooBig or NotRegular.

    The bound is on the bytes actually read, not on what `stat` says (a link to
    /dev/zero says 0); the file is opened without blocking, so a FIFO is refused
    rather than waited on.
    """
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(str(path))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise TooBig(max(total, os.fstat(fd).st_size))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_yaml(
    path: Path,
    name: str,
    lang: str = "fr",
    expect: type = dict,
    max_bytes: int | None = None,
    raw: bytes | None = None,
) -> tuple[YamlDoc | None, list[Problem]]:
    """Read `path` (or its bytes `raw`, already read); `expect` is dict or list (the shape of the top level).

    Files over `max_bytes` (default MAX_BYTES: 2 MB, or PMP_MAX_FILE_MB) are not read,
    nor anything but a regular file (a FIFO, a device).
    """
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes

    def fail(line: int, col: int, message_id: str, **kw) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, col, t(lang, message_id, **kw))]

    if raw is None:
        try:
            raw = read_bounded(path, max_bytes)
        except TooBig as err:
            return fail(1, 1, "file_too_big", size=err.size, limit=max_bytes)
        except NotRegular:
            return fail(1, 1, "not_regular", name=path.name)
        except OSError:  # missing, or unreadable: either way there is nothing to read
            return fail(1, 1, "file_missing", name=path.name)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        good = raw[: err.start].decode("utf-8")
        line, col = _line_col(good, len(good))
        return fail(line, col, "bad_utf8")
    bad = FORBIDDEN.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        return fail(line, col, "bad_char", code=f"U+{ord(bad.group()):04X}")
    invisible = invisible_char(text)
    if invisible is not None:
        line, col = _line_col(text, invisible)
        return fail(line, col, "invisible_char", code=f"U+{ord(text[invisible]):04X}")

    conflicts = conflict_markers(text, name, lang)
    if conflicts:
        return None, conflicts
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None, syntax_problems(text, name, lang, _translate_yaml_error, _Loader)
    except RecursionError:
        return fail(1, 1, "too_deep")

    what = t(lang, "a_mapping" if expect is dict else "a_list")
    if root is None:
        if expect is list:
            return YamlDoc(path, name, [], None), []
        return fail(1, 1, "empty_file", expected=what)
    shape = MappingNode if expect is dict else SequenceNode
    if not isinstance(root, shape):
        m = root.start_mark
        key = "expect_mapping" if expect is dict else "expect_list"
        return fail(m.line + 1, m.column + 1, key, key=path.name)

    walker = _Walker(name, lang)
    data = walker.walk(root)
    problems = walker.problems + (_anchor_problems(text, name, lang) or walker.aliases)
    if problems:
        return None, problems
    return YamlDoc(path, name, data, root, hash_comments(root, text), text), []
