"""The consultancy's own templates: pmp templates list / copy, and one theme override for every document."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamplemousse.outputs.render import DOCUMENTS
from pamplemousse.paths import builtin_templates_dir
from pamplemousse.text.messages import did_you_mean

NB = "\u00a0"
AS_OF = "2026-11-26"
HEADER = f"Modèles des documents{NB}; ceux du dossier templates/ de l’espace de travail l’emportent{NB}:"
FOOTER = f"Pour remplacer un modèle{NB}: pmp templates copy NOM (par exemple html/theme.html.j2)"
HTML_DOCS = [doc for doc, d in DOCUMENTS.items() if "html" in d.templates]


def builtin_names() -> list[str]:
    root = builtin_templates_dir()
    return sorted(
        p.relative_to(root).as_posix()
        for part in ("html", "md") for p in (root / part).rglob("*") if p.is_file()
    )


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    root = example.parent.parent
    monkeypatch.chdir(root)
    return root


def test_list_shows_every_built_in_template_as_built_in(ws, pmp):
    result = pmp("templates", "list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == HEADER and lines[-1] == FOOTER
    assert [line.split()[0] for line in lines[1:-1]] == builtin_names()
    assert all(line.endswith("  intégré") for line in lines[1:-1])
    assert "html/theme.html.j2" in builtin_names() and "html/pilotage.html.j2" in builtin_names()


def test_copy_then_list_shows_the_override(ws, pmp):
    copied = pmp("templates", "copy", "theme.html.j2")
    assert copied.exit_code == 0, copied.stderr
    assert copied.stdout == (
        f"Modèle copié{NB}: templates/html/theme.html.j2\n"
        f"Modifiez-le{NB}: pmp render l’utilisera à la place du modèle intégré.\n"
    )
    own = ws / "templates" / "html" / "theme.html.j2"
    assert own.read_bytes() == (builtin_templates_dir() / "html" / "theme.html.j2").read_bytes()
    (ws / "templates" / "html" / "logo.html.j2").write_text("<img alt=''>", "utf-8")
    lines = pmp("templates", "list").stdout.splitlines()
    width = max(len(n) for n in builtin_names())
    assert f"  {'html/theme.html.j2'.ljust(width)}  remplacé par templates/html/theme.html.j2" in lines
    assert f"  {'html/logo.html.j2'.ljust(width)}  ajouté par l’espace de travail{NB}: templates/html/logo.html.j2" in lines
    assert f"  {'html/pilotage.html.j2'.ljust(width)}  intégré" in lines


def test_copy_accepts_the_path_under_templates(ws, pmp):
    assert pmp("templates", "copy", "md/pilotage.md.j2").exit_code == 0
    assert (ws / "templates" / "md" / "pilotage.md.j2").is_file()


def test_copy_never_replaces_a_file(ws, pmp):
    own = ws / "templates" / "html" / "theme.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text("mine", "utf-8")
    result = pmp("templates", "copy", "html/theme.html.j2")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"pmp : templates/html/theme.html.j2 existe déjà{NB}: pmp ne remplace pas un modèle de l’espace de travail\n"
    )
    assert own.read_text("utf-8") == "mine"


def test_copy_of_an_unknown_template_suggests_one(ws, pmp):
    result = pmp("templates", "copy", "pilotage.htm.j2")
    assert (result.exit_code, result.stdout) == (2, "")
    hint = did_you_mean("fr", "pilotage.htm.j2", ["pilotage.html.j2"])
    assert "pilotage.html.j2" in hint
    assert result.stderr == f"pmp : pilotage.htm.j2{NB}: aucun modèle intégré de ce nom{hint}\n"
    assert not (ws / "templates").exists()


def test_copy_inside_pmps_own_repository_is_refused(pmp, monkeypatch):
    monkeypatch.chdir(builtin_templates_dir().parent)
    result = pmp("templates", "copy", "theme.html.j2")
    assert result.exit_code == 3
    assert "c’est le dossier des modèles intégrés de pmp" in result.stderr


# one override brands every document -------------------------------------------------

BRAND = """{% extends "html/base.html.j2" %}
{% block brand %}<p class="brand">Conseil &amp; Co</p>{% endblock %}
{% block style_extra %}:root { --accent: #8a1538; }{% endblock %}
"""


@pytest.mark.parametrize("doc", HTML_DOCS)
def test_one_theme_override_brands_every_html_document(ws, pmp, doc):
    own = ws / "templates" / "html" / "theme.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text(BRAND, "utf-8")
    result = pmp("render", "ressourcerie-du-val", "--doc", doc, "--format", "html", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    html = (ws / "missions" / "ressourcerie-du-val" / "out" / f"{doc}.html").read_text("utf-8")
    page_start = html.index('<div class="page">')
    assert html.index('<p class="brand">Conseil &amp; Co</p>') > page_start
    assert html.index(":root { --accent: #8a1538; }") < html.index("</style>")
    assert html.count("Conseil &amp; Co") == 1


@pytest.mark.parametrize("doc", HTML_DOCS)
def test_without_an_override_the_brand_blocks_add_nothing(ws, pmp, doc):
    assert pmp("render", "ressourcerie-du-val", "--doc", doc, "--format", "html", "--as-of", AS_OF).exit_code == 0
    html = (ws / "missions" / "ressourcerie-du-val" / "out" / f"{doc}.html").read_text("utf-8")
    assert 'class="brand"' not in html and "{%" not in html


# one section of a document, and the whole-document overrides of 0.1 --------------------

GOLDEN_01 = Path(__file__).parent / "golden" / "override-0.1"
SECTIONS = ["synthese", "plan", "calendrier", "matrice", "indicateurs", "comite"]


def render_pilotage(ws: Path, pmp) -> str:
    result = pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    return (ws / "missions" / "ressourcerie-du-val" / "out" / "pilotage.html").read_text("utf-8")


def test_the_pilotage_sections_are_partials_listed_after_their_document(ws, pmp):
    names = [line.split()[0] for line in pmp("templates", "list").stdout.splitlines()[1:-1]]
    document = names.index("html/pilotage.html.j2")
    partials = [n for n in names if n.startswith("html/pilotage/")]
    assert names[document + 1:document + 1 + len(partials)] == partials
    for part in ("header", "summary", "plan", "timeline", "matrix", "indicators", "committee", "changes"):
        assert f"html/pilotage/{part}.html.j2" in partials


def test_copying_one_section_overrides_that_section_alone(ws, pmp):
    before = render_pilotage(ws, pmp)
    copied = pmp("templates", "copy", "html/pilotage/plan.html.j2")
    assert copied.exit_code == 0, copied.stderr
    assert copied.stdout.startswith(f"Modèle copié{NB}: templates/html/pilotage/plan.html.j2\n")
    own = ws / "templates" / "html" / "pilotage" / "plan.html.j2"
    assert render_pilotage(ws, pmp) == before  # the copy alone changes nothing
    text = own.read_text("utf-8")
    assert '<h2 id="plan-title">{{ L.plan }}</h2>' in text
    own.write_text(text.replace('<h2 id="plan-title">{{ L.plan }}</h2>', '<h2 id="plan-title">Notre feuille de route</h2>'), "utf-8")
    after = render_pilotage(ws, pmp)
    assert after.count("Notre feuille de route") == 1
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('  <h2 id="plan-title">Plan d’action</h2>', '  <h2 id="plan-title">Notre feuille de route</h2>')]
    width = max(len(n) for n in builtin_names())
    lines = pmp("templates", "list").stdout.splitlines()
    name = "html/pilotage/plan.html.j2"
    assert f"  {name.ljust(width)}  remplacé par templates/html/pilotage/plan.html.j2" in lines


def test_a_section_name_shared_by_two_documents_asks_for_the_path(ws, pmp):
    result = pmp("templates", "copy", "header.html.j2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"pmp : header.html.j2{NB}: plusieurs modèles portent ce nom{NB}; précisez{NB}: "
        "html/pilotage/header.html.j2, html/rapport/header.html.j2\n"
    )
    assert not (ws / "templates").exists()


def test_a_whole_pilotage_written_for_0_1_still_renders(ws, pmp):
    """A consultancy's pilotage.html.j2 from 0.1 (one file, no partials) replaces the built-in document."""
    own = ws / "templates" / "html" / "pilotage.html.j2"
    own.parent.mkdir(parents=True)
    text = (GOLDEN_01 / "pilotage.html.j2").read_text("utf-8")
    own.write_text(text.replace("<h2 id=\"plan-title\">{{ L.plan }}</h2>", "<h2 id=\"plan-title\">Plan 0.1</h2>"), "utf-8")
    html = render_pilotage(ws, pmp)
    assert html.count("Plan 0.1") == 1
    for section in SECTIONS:
        assert f'<section id="{section}"' in html
    assert "R1" in html and "{%" not in html


def test_a_base_written_for_0_1_frames_the_partials(ws, pmp):
    own = ws / "templates" / "html" / "base.html.j2"
    own.parent.mkdir(parents=True)
    base = (builtin_templates_dir() / "html" / "base.html.j2").read_text("utf-8")
    own.write_text(base.replace("<main id=\"content\">", "<p class=\"house\">Maison</p>\n<main id=\"content\">"), "utf-8")
    html = render_pilotage(ws, pmp)
    assert html.index('<p class="house">Maison</p>') < html.index('<section id="synthese"')
    for section in SECTIONS:
        assert f'<section id="{section}"' in html
