"""Write what was rendered in memory: a document's formats, the portfolio site.

Everything is rendered before anything is written, so a failing template
leaves the folder as it was; the files are then written as one set
(files.write_all): every target checked, every file written in full, then each
renamed over its target.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from pamplemousse.outputs.render import output_name, render_outputs
from pamplemousse.read.model import Mission
from pamplemousse.write.files import prepare_out_dir, write_all


def render_document(
    mission: Mission, doc: str, fmt: str | Iterable[str] | None, as_of: date, out_dir: Path,
    lang: str | None = None, audience: str | None = None, options: dict | None = None,
) -> list[Path]:
    """Render `doc` in the formats asked (all when None) into `out_dir`; return the paths written.

    Everything is rendered before anything is written: a failing template leaves
    the folder as it was.
    """
    outputs = render_outputs(mission, doc, fmt, as_of, lang, audience=audience, options=options)
    out = prepare_out_dir(Path(out_dir))
    return write_all({out / output_name(doc, f): data for f, data in outputs.items()})


def write_site(pages: dict[str, str], out_dir: Path) -> list[Path]:
    """Write the pages under `out_dir`, each file atomically; return the files written."""
    out = prepare_out_dir(Path(out_dir))
    for rel in pages:
        prepare_out_dir((out / rel).parent)
    return write_all({out / rel: text for rel, text in pages.items()})
