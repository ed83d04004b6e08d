"""The sandbox templates run in: Jinja's own, plus bounds on what one render may use.

A workspace template is code that pmp did not write (a consultancy's override,
perhaps copied from somewhere). Jinja's sandbox already refuses `__class__`,
`__globals__` and the like, and one `range()` of more than 100 000 items.
`BoundedSandbox` adds what stops a template that would fill the disk or never end:

- a budget of `range()` items for the whole render, so nested loops made from
  nothing stop (`range(99999)` inside `range(99999)`);
- sizes checked before `*`, `**`, `+` and `%` compute, and after `~`, every
  filter and every call (`'x' * 10**10`, `10**10**10`, `'x'.ljust(10**10)`);
- `ContainedLoader`: a template reads only files inside its templates folder
  (no `{% include '../../etc/passwd' %}`, no symbolic link leading outside);
- `render_bounded`: the output is streamed and stops past `MAX_OUTPUT` characters.

A workspace's own templates are also rendered in a process of their own
(untrusted.py), with a deadline (`MAX_SECONDS`) and, where the system enforces
one, a cap on the memory it may add (`MAX_MEMORY`): `too_long` and
`too_much_memory` are what they then say.

Each breach raises `TemplateLimit` (a Jinja `SecurityError`) with a message in
French; render.py reports it with the template's file and line. The limits can
be changed with the environment variables PMP_MAX_OUTPUT_MB, PMP_RENDER_SECONDS
and PMP_RENDER_MEMORY_MB.
"""

from __future__ import annotations

import functools
import math
import os
import re
from itertools import islice
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from pamplemousse.errors import display_path, display_unresolved

_MB = 1024 * 1024
MAX_OUTPUT = int(float(os.environ.get("PMP_MAX_OUTPUT_MB", "32")) * _MB)  # characters of one document
MAX_TEXT = MAX_OUTPUT  # characters (or items) of one value built by a template
MAX_RANGE_ITEMS = 100_000  # items of all the range() calls of one render together
MAX_POWER_BITS = 4096  # size of the result of `**`
MAX_SECONDS = float(os.environ.get("PMP_RENDER_SECONDS", "60"))
MAX_MEMORY = int(float(os.environ.get("PMP_RENDER_MEMORY_MB", "512")) * _MB)
NB = "\u00a0"


class TemplateLimit(SecurityError):
    """A template went past one of the bounds of the sandbox."""


def _words(key: str, **kw) -> str:
    """A refusal of the sandbox, `errors.<key>` of the catalog (French: the consultancy's templates)."""
    from pamplemousse.text.i18n import message

    return message("fr", key, **kw)


def too_long(seconds: float) -> TemplateLimit:
    """What a template that ran past the deadline is told."""
    return TemplateLimit(_words("template_time", seconds=f"{seconds:g}"))


def too_much_memory(extra: int) -> TemplateLimit:
    """What a template that asked for more memory than the cap is told."""
    return TemplateLimit(_words("template_memory", mb=extra // _MB))


def _too_big(what: str, **kw) -> TemplateLimit:
    """`what` (the key of its words, filled with kw) went past the size allowed in a template."""
    return TemplateLimit(_words("template_too_big", what=_words(what, **kw), mb=MAX_TEXT // _MB))


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _check_args(args: tuple, kwargs: dict) -> None:
    """An integer argument larger than any text a template may build (`ljust(10**10)`) is refused."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEXT:
            raise _too_big("template_what_argument", arg=arg)


# filters whose integer arguments say how much text they make (`center(10**10)`)
_WIDENING_FILTERS = frozenset(["center", "indent", "wordwrap", "format", "batch", "slice"])


def _bounded_filter(name: str, func):
    widening = name in _WIDENING_FILTERS

    @functools.wraps(func)  # keeps the pass_context / pass_environment marks
    def bounded(*args, **kwargs):
        if widening:
            _check_args(args[1:], kwargs)
        result = func(*args, **kwargs)
        if _size(result) > MAX_TEXT:
            raise _too_big("template_what_filter", name=func.__name__)
        return result

    return bounded


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` so that its result is measured like the other operators'."""

    def visit_Concat(self, node, frame):
        self.write("environment.bounded_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with bounds on loops, sizes, output, time and memory (see the module)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args, **kwargs):
        # No constant folding while compiling: Jinja's optimizer would compute `'x'|replace(…)`
        # chains there, outside every bound; left to the render, they meet the bounded filters.
        kwargs.setdefault("optimized", False)
        super().__init__(*args, **kwargs)
        self.range_left = MAX_RANGE_ITEMS
        self.globals["range"] = self.bounded_range
        self.globals.pop("lipsum", None)  # pages of text from one short call
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`r.title` on plain data is its item, looked up first: templates receive dicts
        (present.py), and an item of a dict is data, never a way into Python's internals.
        Everything else goes through the sandbox's own checks."""
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def bounded_range(self, *args: int) -> range:
        items = range(*args)
        self.range_left -= len(items)
        if self.range_left < 0:
            raise TemplateLimit(_words("template_range", limit=f"{MAX_RANGE_ITEMS:,}".replace(",", NB)))
        return items

    def bounded_concat(self, value: Any) -> Any:
        if _size(value) > MAX_TEXT:
            raise _too_big("template_what_joined")
        return value

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_TEXT:
                    raise _too_big("template_what_operator", operator="*")
        elif operator == "+":
            if _size(left) + _size(right) > MAX_TEXT:
                raise _too_big("template_what_operator", operator="+")
        elif operator == "**":
            if (isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0
                    and right * math.log2(abs(left)) > MAX_POWER_BITS):
                raise TemplateLimit(_words("template_power", left=left, right=right))
        elif operator == "%" and isinstance(left, str):
            _check_args(tuple(int(w) for w in _widths(left)), {})
        result = super().call_binop(context, operator, left, right)
        if _size(result) > MAX_TEXT:
            raise _too_big("template_what_operator", operator=operator)
        return result

    def call(__self, __context, __obj, *args, **kwargs):
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if isinstance(getattr(method, "__self__", None), (str, list, tuple)):  # 'x'.ljust(10**10)
            _check_args(args, kwargs)
        if getattr(method, "__name__", "") in ("format", "format_map") and isinstance(
            getattr(method, "__self__", None), str
        ):  # '{:>999999999}'.format(x)
            _check_args(tuple(int(w) for w in _FORMAT_WIDTH.findall(method.__self__)), {})
        result = super().call(__context, __obj, *args, **kwargs)
        if _size(result) > MAX_TEXT:
            raise _too_big("template_what_call")
        return result


_FORMAT_WIDTH = re.compile(r"\{[^{}]*?:[^{}]*?(\d+)")


class ContainedLoader(FileSystemLoader):
    """Jinja's file loader, refusing any template whose file lies outside its folder,
    and any symbolic link on the way to it (the folder itself, a folder below, the file)."""

    def get_source(self, environment, template: str):
        pieces = template.replace("\\", "/").split("/")
        if ".." in pieces:
            raise SecurityError(_words("template_parent", template=template))
        for root in self.searchpath:
            parts = [p for p in pieces if p not in ("", ".")]
            path = Path(root, *parts)
            if path.is_file():
                if not path.resolve().is_relative_to(Path(root).resolve()):
                    raise SecurityError(_words("template_outside_link", template=template, root=display_path(Path(root))))
                link = linked_part(Path(root), parts)
                if link is not None:  # even one that stays inside: the folder is read as it is, links not followed
                    from pamplemousse.text.i18n import message

                    raise SecurityError(message("fr", "template_link", name=display_unresolved(link)))
                break
        return super().get_source(environment, template)


def linked_part(root: Path, parts: list[str]) -> Path | None:
    """The first symbolic link among `root` and the paths `parts` below it (folders, then the file), or None."""
    path = root
    for part in [None, *parts]:
        path = path if part is None else path / part
        if path.is_symlink():
            return path
    return None


def _widths(fmt: str) -> list[str]:
    """The field widths of a `%` format (`%10000000s`), to refuse huge ones before formatting."""
    return re.findall(r"%[-+ #0]*(\d+)", fmt)


def render_bounded(template, context: dict) -> str:
    """Render `template` with `context`, stopping past MAX_OUTPUT characters."""
    env = template.environment
    if isinstance(env, BoundedSandbox):
        env.range_left = MAX_RANGE_ITEMS
    parts: list[str] = []
    size = 0
    chunks = template.generate(**context)
    # pieces are taken 64 at a time (joined in C), then measured: each piece is itself
    # bounded (MAX_TEXT), and a render makes hundreds of thousands of them at 100×
    while batch := list(islice(chunks, 64)):
        block = "".join(batch)
        size += len(block)
        if size > MAX_OUTPUT:  # thrown in where the template stands, so its line is reported
            chunks.throw(TemplateLimit(_words("template_output", mb=MAX_OUTPUT // _MB)))
        parts.append(block)
    return "".join(parts)
