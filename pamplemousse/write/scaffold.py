"""Scaffold a new mission folder (`pmp new-mission`), all or nothing.

The files come from the built-in templates (templates/scaffold/<lang>/), are
rendered in memory, written into a temporary folder next to the target and
renamed into place: either the whole mission appears, or nothing changes. An
existing folder or file at the target is never touched. The only side effect
allowed is creating the workspace's `missions/` folder, and only together with
the mission.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from pamplemousse.errors import RefusedWrite, UsageError, display_path, display_unresolved
from pamplemousse.paths import SCHEMAS_DIR, builtin_schemas_dir, builtin_templates_dir, template_cache
from pamplemousse.read.workspace import MISSIONS_DIR
from pamplemousse.text.i18n import LANGUAGES, Formats

SLUG_MAX = 60
EXAMPLE_SLUG = "ressourcerie-du-val"
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)]
)
# file written -> template in templates/scaffold/<lang>/
OUTPUTS = {
    "mission.yaml": "mission.yaml.j2",
    "vision.yaml": "vision.yaml.j2",
    "questions.yaml": "questions.yaml.j2",
    "recommendations.yaml": "recommendations.yaml.j2",
    "journal.yaml": "journal.yaml.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TRANSLITERATE = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": " ", "'": " "})
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# characters a YAML file must not hold raw (C0/C1 controls, line and paragraph
# separators, BOM, surrogates, non-characters)
_YAML_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# characters refused in a client name or a title (line breaks, controls, bidi overrides)
_TEXT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def suggest_slug(text: str) -> str:
    """A valid slug made from any text: "Ressourcerie du Val" -> "ressourcerie-du-val"."""
    plain = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    plain = plain.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:SLUG_MAX].rstrip("-")
    if not slug:
        return EXAMPLE_SLUG
    if slug in WINDOWS_RESERVED:
        return f"{slug}-mission"
    return slug


def check_slug(slug: str) -> str:
    """The slug if it is a valid mission folder name, else UsageError saying what a good one is."""
    if _SLUG.fullmatch(slug) and len(slug) <= SLUG_MAX and slug not in WINDOWS_RESERVED:
        return slug
    example = suggest_slug(slug)
    if not slug.strip():
        raise UsageError(key="slug_empty", example=example)
    shown = slug if slug.isprintable() else ascii(slug)
    if "/" in slug or "\\" in slug or ".." in slug:
        raise UsageError(key="slug_path", slug=shown, example=example)
    if slug in WINDOWS_RESERVED:
        raise UsageError(key="slug_reserved", slug=shown, example=example)
    if len(slug) > SLUG_MAX:
        raise UsageError(key="slug_too_long", length=len(slug), limit=SLUG_MAX, example=example)
    raise UsageError(key="slug_invalid", slug=shown, example=example)


def yaml_str(value: object) -> str:
    """`value` as a double-quoted YAML scalar: no `: `, `#` or quote can break the file."""
    text = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def md_text(value: object) -> str:
    """`value` as Markdown text: its punctuation cannot make a heading, a link or a table."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _clean_text(value: str | None, option: str, default: str) -> str:
    if value is None:
        return default
    text = value.strip()
    if not text:
        raise UsageError(key="empty_text", option=option)
    if _TEXT_UNSAFE.search(text):
        raise UsageError(key="control_char", option=option)
    return text


def _default_title(client: str, lang: str) -> str:
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["new_mission"]["default_title"].format(client=client)


def _render(
    slug: str, client: str, title: str, lang: str, today: date, check_path: str, schemas: str = "../../schemas"
) -> dict[str, str]:
    """Every file of the new mission, rendered in memory: {file name: text}."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(builtin_templates_dir() / "scaffold" / lang),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, escaped by the filters below
        bytecode_cache=template_cache("scaffold"),
    )
    env.filters["yaml_str"] = yaml_str
    env.filters["md_text"] = md_text
    dates = {
        "cadrage_end": today + timedelta(days=20),
        "diagnostic_start": today + timedelta(days=21),
        "diagnostic_end": today + timedelta(days=60),
        "session": today + timedelta(days=28),
        "start": today + timedelta(days=90),
        "milestone": today + timedelta(days=130),
        "due": today + timedelta(days=270),
    }
    context = {
        "slug": slug,
        "client": client,
        "title": title,
        "today": today,
        "today_text": Formats(lang).date(today),  # as the documents write dates: "1er avril 2026", "6 April 2026"
        "dates": {k: d.isoformat() for k, d in dates.items()},
        "check_path": check_path,
        "schemas": schemas,  # the schemas folder, relative to the mission (yaml-language-server line)
    }
    return {name: env.get_template(source).render(context) for name, source in OUTPUTS.items()}


def _command_path(target: Path, in_dir: bool) -> str:
    """How the mission is named in its own README and comments."""
    if not in_dir:
        return f"{MISSIONS_DIR}/{target.name}"
    shown = display_unresolved(target)
    return shlex.quote(shown) if shown.isprintable() else target.name


def create_mission(
    workspace_or_dir: Path,
    slug: str,
    client: str | None = None,
    title: str | None = None,
    lang: str = "fr",
    today: date | None = None,
    *,
    in_dir: bool = False,
) -> Path:
    """Create the mission `slug` and return its folder.

    The folder is `workspace_or_dir/missions/SLUG` (the `missions/` folder is
    created if needed), or with `in_dir` (option --dir) `workspace_or_dir/SLUG`,
    whose parent must exist. Raises UsageError for bad input, RefusedWrite when
    something is already there or cannot be written; nothing is changed then.
    """
    check_slug(slug)
    if lang not in LANGUAGES:
        raise UsageError(key="unknown_lang", value=lang, listed=", ".join(LANGUAGES))
    client = _clean_text(client, "--client", slug.replace("-", " ").capitalize())
    title = _clean_text(title, "--title", _default_title(client, lang))
    today = today or date.today()

    base = Path(workspace_or_dir)
    parent = base if in_dir else base / MISSIONS_DIR
    target = parent / slug
    if in_dir and not base.is_dir():
        raise UsageError(key="no_dir", path=display_path(base))
    if os.path.lexists(target):
        raise RefusedWrite(key="mission_exists", path=display_unresolved(target))
    if os.path.lexists(parent) and not parent.is_dir():
        raise RefusedWrite(key="exists_not_folder", path=display_unresolved(parent))

    schemas = os.path.relpath(schemas_folder(base, in_dir).resolve(), target.parent.resolve() / target.name)
    files = _render(slug, client, title, lang, today, _command_path(target, in_dir), Path(schemas).as_posix())
    _write_folder(parent, target, files)
    return target


def _write_folder(parent: Path, target: Path, files: dict[str, str]) -> None:
    """Write `files` into a temporary folder beside `target`, then rename it into place."""
    made_parent = False
    tmp = parent / f".{target.name}.pmp-tmp-{secrets.token_hex(4)}"
    try:
        if not parent.exists():
            os.mkdir(parent)
            made_parent = True
        os.mkdir(tmp)
        for name, text in files.items():
            with open(tmp / name, "x", encoding="utf-8", newline="\n") as f:
                f.write(text)
        if os.path.lexists(target):  # appeared meanwhile: still refuse
            raise RefusedWrite(key="mission_appeared", path=display_unresolved(target))
        os.rename(tmp, target)
    except BaseException as err:
        shutil.rmtree(tmp, ignore_errors=True)
        if made_parent:
            try:
                os.rmdir(parent)
            except OSError:
                pass
        if isinstance(err, OSError):
            raise RefusedWrite(key="scaffold_write_failed", path=display_path(parent), reason=err.strerror) from err
        raise


def schemas_folder(workspace_or_dir: Path, in_dir: bool = False) -> Path:
    """The workspace's `schemas/` folder, where the first line of each mission file points.

    With --dir, the workspace above DIR if there is one, else DIR itself.
    """
    from pamplemousse.read.workspace import workspace_root

    return (workspace_root(workspace_or_dir) if in_dir else Path(workspace_or_dir)) / SCHEMAS_DIR


def ensure_schemas(workspace_or_dir: Path, in_dir: bool = False) -> Path | None:
    """Write the editor schemas that are missing from `schemas_folder`; the folder if any was written.

    Called once the mission exists; a schemas folder that cannot be written is
    left alone (None): the mission is fine without it, and `pmp schema` can
    write it later.
    """
    from pamplemousse.write.files import prepare_out_dir, write_atomic_bytes

    folder = schemas_folder(workspace_or_dir, in_dir)
    try:
        missing = [p for p in sorted(builtin_schemas_dir().glob("*.schema.json")) if not (folder / p.name).exists()]
        if not missing:
            return None
        prepare_out_dir(folder)
        for source in missing:
            write_atomic_bytes(folder / source.name, source.read_bytes())
        return folder
    except (RefusedWrite, OSError):
        return None


def git_root(path: Path) -> Path | None:
    """The nearest folder from `path` up that holds a `.git` (folder or file), if any."""
    path = path.resolve()
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None
