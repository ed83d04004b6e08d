"""pmp render --all [--site DIR]: every mission, and the portfolio as a static site."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import EXAMPLE, snapshot

from pamplemousse.text.i18n import Formats

NB = "\u00a0"
AS_OF = "2026-11-26"
SLUG = "ressourcerie-du-val"


class Links(HTMLParser):
    """Every href and src of a page, and the text of its table rows."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src"):
                self.urls.append(value)
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(re.sub(r"[ \t\n]+", " ", "".join(self._cell)).strip())  # no-break spaces kept
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Links:
    page = Links()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    """A workspace with the example mission and a second, English one (a copy with another client)."""
    root = example.parent.parent
    other = root / "missions" / "val-repair"
    shutil.copytree(EXAMPLE, other)
    text = (other / "mission.yaml").read_text("utf-8")
    text = text.replace("language: fr", "language: en").replace("  name: La Ressourcerie du Val", "  name: Val Repair")
    (other / "mission.yaml").write_text(text, "utf-8")
    monkeypatch.chdir(root)
    return root


def test_the_site_has_a_page_per_mission_and_an_index(ws, pmp):
    result = pmp("render", "--all", "--site", "public", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Site écrit dans public (2 missions){NB}: public/index.html\n"
    files = sorted(str(p.relative_to(ws / "public")) for p in (ws / "public").rglob("*") if p.is_file())
    assert files == [
        ".nojekyll", ".pmp-manifest.json", "index.html",  # the manifest: what each page was rendered from
        f"{SLUG}/index.html", f"{SLUG}/pilotage.md",
        "val-repair/index.html", "val-repair/pilotage.md",
    ]


def test_the_index_shows_client_weather_progress_next_deadline_and_a_link(ws, pmp):
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    page = parse(ws / "public" / "index.html")
    header, *rows = page.rows
    assert header == [
        "Structure accompagnée", "Mission", "Météo", "Avancement", "En retard", "À traiter en priorité",
        "Prochaine échéance",
    ]
    assert rows[0] == [
        "La Ressourcerie du Val",
        "Engagement bénévole et essaimage de la Ressourcerie du Valversion Markdown",  # <br> between
        "☂︎pluvieux", Formats("fr").percent(45), "1", "4", "10/12/2026 · R8 Décision du conseil d’administration",
    ]
    assert rows[1][0] == "Val Repair"
    index = (ws / "public" / "index.html").read_text("utf-8")
    assert "<p>Document produit avec pamplemousse à partir des fichiers des missions.</p>" in index
    assert f'href="{SLUG}/index.html"' in (ws / "public" / "index.html").read_text("utf-8")


def test_every_link_is_relative_and_leads_to_a_file_of_the_site(ws, pmp):
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    site = ws / "public"
    for page_path in site.rglob("*.html"):
        for url in parse(page_path).urls:
            parts = urlsplit(url)
            if url.startswith("#") or parts.scheme == "data":
                continue
            if parts.scheme == "mailto":  # the update form's e-mail to the mission's consultants: no request made
                assert page_path.name == "index.html" and "@" in parts.path, (page_path, url)
                continue
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), (page_path, url)
            target = (page_path.parent / unquote(parts.path)).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), (page_path, url)


def test_a_mission_page_is_its_outil_de_pilotage(ws, pmp):
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    assert pmp("render", SLUG, "--as-of", AS_OF).exit_code == 0
    out = ws / "missions" / SLUG / "out"
    assert (ws / "public" / SLUG / "index.html").read_bytes() == (out / "pilotage.html").read_bytes()
    assert (ws / "public" / SLUG / "pilotage.md").read_bytes() == (out / "pilotage.md").read_bytes()
    english = (ws / "public" / "val-repair" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in english  # each mission in its own language


def test_lang_en_makes_the_whole_site_english(ws, pmp):
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF, "--lang", "en").exit_code == 0
    index = (ws / "public" / "index.html").read_text("utf-8")
    assert '<html lang="en">' in index and "<h1>Portfolio of missions</h1>" in index
    assert '<html lang="en">' in (ws / "public" / SLUG / "index.html").read_text("utf-8")


def test_the_consultancy_theme_brands_the_index_too(ws, pmp):
    (ws / "templates" / "html").mkdir(parents=True)
    (ws / "templates" / "html" / "theme.html.j2").write_text(
        '{% extends "html/base.html.j2" %}{% block brand %}<p class="brand">Conseil</p>{% endblock %}', "utf-8"
    )
    assert pmp("render", "--all", "--site", "public", "--as-of", AS_OF).exit_code == 0
    for page in ("index.html", f"{SLUG}/index.html", "val-repair/index.html"):
        assert '<p class="brand">Conseil</p>' in (ws / "public" / page).read_text("utf-8"), page


def test_a_mission_with_errors_stops_the_site_and_nothing_is_written(ws, pmp):
    (ws / "public").mkdir()
    (ws / "public" / "old.txt").write_text("kept", "utf-8")
    before = snapshot(ws / "public")
    recs = ws / "missions" / "val-repair" / "recommendations.yaml"
    recs.write_text(recs.read_text("utf-8").replace("priority: high", "priority: urgent", 1), "utf-8")
    result = pmp("render", "--all", "--site", "public", "--as-of", AS_OF)
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.match(r"missions/val-repair/recommendations\.yaml:\d+:\d+: ", result.stderr), result.stderr
    assert snapshot(ws / "public") == before


def test_render_all_writes_each_missions_out_folder(ws, pmp):
    result = pmp("render", "--all", "--as-of", AS_OF, "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"missions/{SLUG}/out/pilotage.md", "missions/val-repair/out/pilotage.md",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["render", SLUG, "--all"], f"{SLUG}{NB}: --all produit toutes les missions{NB}; ne donnez pas de mission"),
        (["render", "--all", "--site", "public", "--doc", "guide"],
         f"--site fait le site des outils de pilotage (HTML et Markdown){NB}: sans --doc, --format ni -o"),
        (["render", "--site", "public", "--format", "md"],
         f"--site fait le site des outils de pilotage (HTML et Markdown){NB}: sans --doc, --format ni -o"),
        (["render"], "donnez la mission à produire (dossier ou nom), ou --all pour toutes"),
    ],
)
def test_bad_combinations_are_usage_errors(ws, pmp, args, message):
    result = pmp(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"pmp : {message}\n")
    assert not (ws / "public").exists()


def test_outside_a_workspace_there_is_nothing_to_render(tmp_path, monkeypatch, pmp):
    monkeypatch.chdir(tmp_path)
    result = pmp("render", "--all", "--site", "public")
    assert result.exit_code == 2
    assert result.stderr == "pmp : aucune mission trouvée (pas de dossier missions/ ici)\n"
