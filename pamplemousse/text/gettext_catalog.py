"""The command line's own words (Click's and Typer's, and pmp's usage errors) as a gettext catalog.

Typer and Click write their help sections and errors in English and pass some of
them through gettext (`gettext.gettext`, the standard library's); pmp passes the
rest through it too. The translations live with every other word, in the `cli.gettext`
section of text/i18n/en.yaml (the English text, the msgid) and fr.yaml (its French),
and are compiled once into locale/fr/LC_MESSAGES/pmp.mo, which pmp installs at
startup (cli/app.py): reading a small .mo costs far less than reading YAML.

    python -m pamplemousse.text.gettext_catalog   # after editing the catalogs

A test keeps the .mo equal to what the catalogs give.
"""

from __future__ import annotations

from pathlib import Path

DOMAIN = "pmp"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
MO_FILE = LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{DOMAIN}.mo"


def pairs() -> dict[str, str]:
    """{English text: its French} for every entry of the `cli.gettext` catalogs."""
    from pamplemousse.text.i18n import labels
    from pamplemousse.text.wording import french

    en, fr = labels("en")["cli"]["gettext"], labels("fr")["cli"]["gettext"]
    return {en[key]: french(fr[key]) for key in en}


def mo_bytes() -> bytes:
    """The compiled catalog (GNU .mo), made by Babel from `pairs()`."""
    import io
    from datetime import datetime, timezone

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    fixed = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the same bytes from the same catalogs
    catalog = Catalog(locale="fr", domain=DOMAIN, project="pamplemousse", fuzzy=False,
                      creation_date=fixed, revision_date=fixed)
    for msgid, msgstr in pairs().items():
        catalog.add(msgid, msgstr)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


if __name__ == "__main__":
    MO_FILE.parent.mkdir(parents=True, exist_ok=True)
    MO_FILE.write_bytes(mo_bytes())
    print(f"{MO_FILE}: {len(pairs())} messages")
