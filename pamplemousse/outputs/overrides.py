"""A consultancy's own templates: which built-in ones its workspace overrides, and starting one.

A file in the workspace's `templates/` folder replaces the built-in template of
the same path (`templates/html/theme.html.j2` replaces `html/theme.html.j2`), the
mkdocs habit. A document's sections are partials of their own (`html/pilotage/plan.html.j2`),
so one section can be overridden without copying the whole document. `pmp templates list` shows them; `pmp templates copy NAME` copies
a built-in template there to start an override, and never replaces a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pamplemousse.errors import UsageError, display_path, display_unresolved
from pamplemousse.paths import builtin_templates_dir
from pamplemousse.text.messages import did_you_mean

TEMPLATES_DIR = "templates"
# looked up by render.py; the scaffold's templates are not overridable
RENDERED = ("html", "md")


@dataclass(frozen=True)
class TemplateEntry:
    """One template as `pmp templates list` shows it."""

    name: str  # path under templates/, with `/`: html/pilotage.html.j2
    builtin: bool  # pmp ships it
    override: Path | None  # the workspace's file, when there is one


def _files(root: Path) -> dict[str, Path]:
    found = {}
    for part in RENDERED:
        folder = root / part
        if folder.is_dir():
            # by path as written (a document, then its partials: html/pilotage.html.j2, html/pilotage/plan.html.j2)
            for path in sorted(folder.rglob("*"), key=lambda p: p.as_posix()):
                if path.is_file() and not path.name.startswith("."):
                    found[path.relative_to(root).as_posix()] = path
    return found


def own_templates_dir(workspace: Path) -> Path | None:
    """The workspace's `templates/` folder, unless it is pmp's own built-in folder (pmp's repository).

    A symbolic link there is refused (UsageError): `ln -s . templates` would make
    every file of the workspace (the missions' notes, .git/config) a template to include.
    """
    own = workspace / TEMPLATES_DIR
    if own.is_symlink():
        from pamplemousse.text.i18n import message

        raise UsageError(message("fr", "templates_link", name=display_unresolved(own)))
    if own.resolve() == builtin_templates_dir().resolve():
        return None
    return own


def has_overrides(workspace: Path | None) -> bool:
    """Does the workspace have templates of its own (any file of its templates/html or templates/md)?"""
    own = own_templates_dir(workspace) if workspace is not None else None
    return own is not None and own.is_dir() and bool(_files(own))


def list_templates(workspace: Path) -> list[TemplateEntry]:
    """Every built-in template (overridden or not), then the workspace's own additions."""
    builtin = _files(builtin_templates_dir())
    own_dir = own_templates_dir(workspace)
    own = _files(own_dir) if own_dir is not None and own_dir.is_dir() else {}
    entries = [TemplateEntry(name, True, own.get(name)) for name in builtin]
    entries += [TemplateEntry(name, False, path) for name, path in own.items() if name not in builtin]
    return entries


def resolve_builtin(name: str) -> str:
    """A built-in template's name from its path (`html/pilotage.html.j2`) or its file name alone."""
    builtin = _files(builtin_templates_dir())
    wanted = name.replace("\\", "/").removeprefix(f"{TEMPLATES_DIR}/")
    if wanted in builtin:
        return wanted
    by_file = [n for n in builtin if n.rsplit("/", 1)[-1] == wanted]
    if len(by_file) == 1:
        return by_file[0]
    if by_file:
        raise UsageError(key="template_ambiguous", name=name, listed=", ".join(by_file))
    choices = list(builtin) + [n.rsplit("/", 1)[-1] for n in builtin]
    if did_you_mean("fr", wanted, choices):
        raise UsageError(key="template_unknown_close", name=name, suggest=(wanted, choices))
    raise UsageError(key="template_unknown", name=name)


def list_lines(entries: list[TemplateEntry], lang: str = "fr") -> list[str]:
    """What `pmp templates list` prints, in `lang`: one template a line, with what replaces it."""
    from pamplemousse.text.i18n import labels

    words = labels(lang)["cli"]["templates"]
    width = max((len(e.name) for e in entries), default=0)
    lines = [words["list_head"]]
    for e in entries:
        if e.override is None:
            state = words["builtin"]
        elif e.builtin:
            state = words["replaced"].format(path=display_path(e.override))
        else:
            state = words["added"].format(path=display_path(e.override))
        lines.append(f"  {e.name.ljust(width)}  {state}")
    lines.append(words["how_to"])
    return lines
