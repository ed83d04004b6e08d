"""What a render depends on, and whether its outputs are still those of the same inputs (incremental renders).

A render's key is a hash of everything its outputs are made from: the bytes of
the mission's five files, the templates (the workspace's overrides and the
built-in ones, by content), pmp itself (read/cache.code_key), the document, its
formats, language, audience and options, and the date of the state. A small
manifest beside the outputs (`out/.pmp-manifest.json`, or the site's
`DIR/.pmp-manifest.json`) records, for each document, the key it was rendered
with and the size and modification time of each file written. When the key is
the same and the files are still there as written, there is nothing to render
again. Reading here; write/outputs.py writes the manifests.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from pamplemousse.outputs.render import template_dirs
from pamplemousse.read.cache import code_key, files_digest
from pamplemousse.read.model import FILES

MANIFEST = ".pmp-manifest.json"
MANIFEST_FORMAT = 1


def templates_key(workspace: Path) -> str:
    """A hash of every template file that a render in `workspace` may read (relative path and bytes)."""
    h = hashlib.sha256()
    for i, folder in enumerate(template_dirs(workspace)):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(f"{i}:{path.relative_to(folder).as_posix()}:".encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def render_key(
    folder: Path, templates: str, doc: str, formats: list[str], as_of: date, lang: str | None,
    audience: str | None = None, options: dict | None = None,
) -> str:
    """The key of a render of the mission in `folder` (see the module's docstring); `templates`: templates_key(workspace)."""
    shown = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in sorted((options or {}).items()) if v is not None}
    parts = [code_key(), files_digest(folder, FILES), templates, doc, sorted(formats),
             as_of.isoformat(), lang, audience, shown]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def read_manifest(folder: Path) -> dict:
    """The manifest in `folder` ({"documents": {name: entry}}), empty when missing, unreadable or of another shape."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {"format": MANIFEST_FORMAT, "documents": {}}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("documents"), dict):
        return {"format": MANIFEST_FORMAT, "documents": {}}
    return data


def file_stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def entry_for(key: str, folder: Path, files: list[Path], **extra) -> dict:
    """A manifest entry: the key, and each file written (relative to `folder`) with its size and date."""
    return {"key": key, "files": {p.relative_to(folder).as_posix(): file_stamp(p) for p in files}, **extra}


def up_to_date(manifest: dict, name: str, key: str, folder: Path) -> dict | None:
    """The entry `name` of the manifest when it has `key` and its files are still as written, else None."""
    entry = manifest["documents"].get(name)
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("files"), dict):
        return None
    for rel, stamp in entry["files"].items():
        if stamp is None or file_stamp(folder / rel) != stamp:
            return None
    return entry
