"""Write what was rendered in memory: a document's formats, the portfolio site, and their manifests.

Everything is rendered before anything is written, so a failing template
leaves the folder as it was; the files are then written as one set
(files.write_all): every target checked, every file written in full, then each
renamed over its target. Beside the outputs, a manifest (outputs/incremental.py)
records what they were rendered from, so that `pmp render --all` and `--site`
skip what has not changed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Iterable

from pamplemousse.outputs.incremental import MANIFEST, MANIFEST_FORMAT, entry_for, read_manifest
from pamplemousse.outputs.render import output_name, render_outputs
from pamplemousse.read.model import Mission
from pamplemousse.write.files import prepare_out_dir, write_all, write_atomic


def render_document(
    mission: Mission, doc: str, fmt: str | Iterable[str] | None, as_of: date, out_dir: Path,
    lang: str | None = None, audience: str | None = None, options: dict | None = None,
) -> list[Path]:
    """Render `doc` in the formats asked (all when None) into `out_dir`; return the paths written.

    Everything is rendered before anything is written: a failing template
    leaves the folder as it was. The manifest's entry for `doc`, if any, is
    forgotten: these outputs were made with options that `render --all` does not know.
    """
    outputs = render_outputs(mission, doc, fmt, as_of, lang, audience=audience, options=options)
    return write_rendered(outputs, doc, Path(out_dir), None)


def write_rendered(outputs: dict[str, str | bytes], doc: str, out_dir: Path, key: str | None) -> list[Path]:
    """Write a document's formats into `out_dir` as one set and note them in its manifest (forget them when `key` is None)."""
    out = prepare_out_dir(out_dir)
    written = write_all({out / output_name(doc, f): data for f, data in outputs.items()})
    manifest = read_manifest(out)
    if key is None:
        if manifest["documents"].pop(doc, None) is not None:
            _write_manifest(out, manifest)
    else:
        manifest["documents"][doc] = entry_for(key, out, written)
        _write_manifest(out, manifest)
    return written


def _write_manifest(folder: Path, manifest: dict) -> None:
    write_atomic(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_site(build, out_dir: Path) -> list[Path]:
    """Write a SiteBuild's pages under `out_dir` as one set; remove the pages of missions gone.

    Only the files the manifest lists as pmp's are ever removed, and a mission's
    folder only when nothing else is left in it.
    """
    out = prepare_out_dir(Path(out_dir))
    for rel in build.pages:
        prepare_out_dir((out / rel).parent)
    written = write_all({out / rel: text for rel, text in build.pages.items()})
    for entry in build.gone.values():
        _remove_pages(out, entry)
    documents = dict(build.kept)
    pages_of: dict[str, list[Path]] = {}  # each mission's pages, found once (not a scan of every page per mission)
    for rel in build.pages:
        if "/" in rel:
            pages_of.setdefault(rel.split("/", 1)[0], []).append(out / rel)
    for slug, entry in build.entries.items():
        files = pages_of.get(slug, [])
        documents[slug] = {**entry_for(entry["key"], out, files), **{k: v for k, v in entry.items() if k != "key"}}
    _write_manifest(out, {"format": MANIFEST_FORMAT, "documents": documents})
    return written


def _remove_pages(out: Path, entry: dict) -> None:
    root = out.resolve()
    folders = set()
    for rel in entry.get("files") or {}:
        path = out / rel
        if not path.resolve().is_relative_to(root) or path.is_symlink() or not path.is_file():
            continue
        path.unlink()
        folders.add(path.parent)
    for folder in folders:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            pass
