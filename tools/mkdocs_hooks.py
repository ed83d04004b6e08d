"""MkDocs hook of the user guide: the « Référence des champs » page, written at build time from pmp's
models and the descriptions of text/i18n/fields.yaml (pamplemousse.read.reference), so it never drifts."""

from __future__ import annotations

from mkdocs.structure.files import File


def on_files(files, config):
    from pamplemousse.read.reference import reference_markdown

    files.append(File.generated(config, "reference.md", content=reference_markdown()))
    return files
