"""Write the JSON Schemas of a mission's files (pmp schema, pmp new-mission)."""

from __future__ import annotations

from pathlib import Path

from pamplemousse.read.schema import schema_texts
from pamplemousse.write.files import prepare_out_dir, write_all


def write_schemas(folder: Path, only_missing: bool = False) -> list[Path]:
    """Write the five schemas into `folder` (created if needed); return the files written.

    With `only_missing`, a schema already there is left as it is.
    """
    prepare_out_dir(folder)
    wanted = {folder / name: text for name, text in schema_texts().items()}
    return write_all({p: t for p, t in wanted.items() if not (only_missing and p.exists())})
