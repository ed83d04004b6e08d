"""pmp render: the outil de pilotage in HTML and Markdown.

The Markdown of the example mission, byte for byte, is tests/test_snapshots.py's
(tests/snapshots/pilotage.md). The HTML is parsed with the standard library's html.parser and checked for
structure and escaping; writes are checked to be atomic and to refuse links.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import snapshot

from pamplemousse.outputs.render import _autoescape, md_cell, md_escape, mermaid_text
from pamplemousse.text.i18n import Formats, flat_keys, labels

AS_OF = "2026-11-26"
REC_IDS = [f"R{i}" for i in range(1, 11)]


@pytest.fixture
def at(tmp_path, monkeypatch):
    """Run from the workspace folder, so that printed paths are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(pmp, mission: Path, *args: str):
    return pmp("render", str(mission), "--as-of", AS_OF, *args)


# --- what render writes -------------------------------------------------------


def test_render_of_one_format_prints_the_one_file_it_wrote(pmp, example, at):
    result = render(pmp, example, "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout == "missions/ressourcerie-du-val/out/pilotage.md\n"
    assert [p.name for p in (example / "out").iterdir()] == ["pilotage.md"]


def test_render_writes_both_formats_into_out_by_default(pmp, example, at):
    result = render(pmp, example)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "missions/ressourcerie-du-val/out/pilotage.html",
        "missions/ressourcerie-du-val/out/pilotage.md",
    ]
    assert sorted(p.name for p in (example / "out").iterdir()) == ["pilotage.html", "pilotage.md"]


def test_render_accepts_a_slug_and_an_output_folder(pmp, example, at):
    result = pmp("render", "ressourcerie-du-val", "--as-of", AS_OF, "--format", "html", "-o", "livrables")
    assert result.exit_code == 0, result.output
    assert result.stdout == "livrables/pilotage.html\n"
    assert (at / "livrables" / "pilotage.html").is_file()
    assert not (example / "out").exists()


# --- Markdown: tables, headings, Mermaid ---------------------------------------------


def _cells(row: str) -> int:
    """Cells of a GFM table row: pipes not escaped by a backslash, less the outer ones."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def _tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


def _assert_tables_intact(text: str) -> None:
    tables = _tables(text)
    assert tables
    for table in tables:
        width = _cells(table[0])
        assert re.fullmatch(r"\|(---:?\|)+", table[1]), table[1]
        for row in table:
            assert _cells(row) == width, row


def test_markdown_tables_have_as_many_cells_in_every_row(pmp, example, at):
    render(pmp, example, "--format", "md")
    _assert_tables_intact((example / "out" / "pilotage.md").read_text("utf-8"))


def test_markdown_timeline_is_a_mermaid_gantt_with_clean_task_names(pmp, example, at):
    render(pmp, example, "--format", "md")
    text = (example / "out" / "pilotage.md").read_text("utf-8")
    block = text.split("```mermaid\n", 1)[1].split("\n```", 1)[0].splitlines()
    assert block[:11] == [
        "---", "config:", "  gantt:", "    leftPadding: 180", "---",
        "gantt",
        "    title Calendrier du plan d’action",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m/%Y",
        "    todayMarker off",
        "    section Bénévolat",
    ]
    tasks = [line for line in block[10:] if not line.strip().startswith("section ")]
    for line in tasks:
        assert line.count(":") == 1 and "#" not in line and ";" not in line, line
    # generated task ids; late and in progress is crit and active, blocked crit, done done, dropped named so
    assert "    [R5] Écrire ensemble une charte salarié·es–bénévoles et des fiches de rôle par atelier " \
           ":crit, active, t17, 2026-06-15, 2026-10-15" in block
    assert "    [R2] Remplacer le planning papier par un planning partagé en ligne :done, t5, 2026-06-15, 2026-09-30" \
        in block
    assert any(line.startswith("    [R6] ") and "(bloqué) :crit, t" in line for line in block)
    assert any(line.startswith("    [R4] ") and "(abandonné) :t" in line for line in block)
    assert "    [R1] Bilan des points à un mois :milestone, t4, 2026-12-15, 0d" in block
    assert "    Au 26/11/2026 :milestone, crit, t25, 2026-11-26, 0d" in block


# --- HTML structure --------------------------------------------------------------------


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.tables: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"th": 0, "scoped": 0, "caption": False})
        elif self.tables and tag == "th":
            self.tables[-1]["th"] += 1
            self.tables[-1]["scoped"] += "scope" in attrs
        elif self.tables and tag == "caption":
            self.tables[-1]["caption"] = True
        if tag not in ("br", "meta", "img", "input", "hr", "link", "line", "rect", "circle", "polygon",
                       "polyline", "path"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if "style" not in self.stack:
            self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def words(self) -> str:
        return re.sub(r"[ \t\r\n]+", " ", "".join(self.text)).strip()  # no-break spaces kept


@pytest.fixture
def html_page(pmp, example, at) -> tuple[str, Page]:
    result = render(pmp, example, "--format", "html")
    assert result.exit_code == 0, result.output
    text = (example / "out" / "pilotage.html").read_text("utf-8")
    return text, Page(text)


def test_html_has_one_h1_and_headings_in_order(html_page):
    _, page = html_page
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:]):
        assert after <= before + 1, page.headings


def test_html_tables_have_scoped_headers_and_captions(html_page):
    _, page = html_page
    assert len(page.tables) >= 8
    for table in page.tables:
        assert table["th"] > 0 and table["scoped"] == table["th"] and table["caption"], table


def test_html_declares_its_language_and_charset(html_page):
    _text, page = html_page
    assert page.all("html", lang="fr")
    assert page.all("meta", charset="utf-8")
    assert page.all("meta", name="viewport")


def pmp_script_only(text: str, page) -> bool:
    """The page's scripts are pmp's own, inline and as its templates write them: the presentation mode's,
    the client's update form's, and the form's data (JSON, not run)."""
    from pamplemousse.paths import builtin_templates_dir

    bodies = []
    for name in ("present", "update"):
        own = (builtin_templates_dir() / "html" / "pilotage" / f"{name}.html.j2").read_text("utf-8")
        bodies.append(own.split("<script>", 1)[1].split("</script>", 1)[0])
    scripts = page.all("script")
    data = [s for s in scripts if s.get("type") == "application/json"]
    run = [s for s in scripts if s not in data]
    return (run == [{}, {}] and data == [{"type": "application/json", "id": "pmp-update-data"}]
            and text.count("<script") == 3 and all(f"<script>{body}</script>" in text for body in bodies))


def test_html_is_self_contained(html_page):
    text, page = html_page
    assert pmp_script_only(text, page)  # the presentation mode's and the update form's, nothing else
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    for _, attrs in page.tags:
        for name in ("src", "href", "xlink:href", "action"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|data:|javascript:)", value, re.I), (name, value)
    assert "@import" not in text and "url(http" not in text


def test_html_shows_every_recommendation_with_its_anchor(html_page):
    _, page = html_page
    ids = {a.get("id") for _, a in page.tags}
    for rec in REC_IDS:
        assert rec in ids
        assert page.all("a", href=f"#{rec}")


def test_html_timeline_is_an_inline_svg_with_a_today_line(html_page):
    _, page = html_page
    timeline = page.all("svg", role="img")
    assert len(timeline) >= 3  # timeline, matrix, trajectories
    assert any("pmp-timeline" in a.get("class", "") for a in timeline)
    assert page.all("line", **{"class": "today"})
    assert "Au 26/11/2026" in page.words


def test_html_reads_in_french(html_page):
    text, page = html_page
    words = page.words
    assert "État au 26 novembre 2026" in words
    assert "Avancement global 45\u00a0%" in words
    common = labels("fr")["common"]  # the catalog's words for R5's 42 days and the stale R6/R8: the facts, not the wording
    assert Formats("fr").plural(common["days_late"], 42) in words
    assert common["stale"].format(weeks=6) in words
    assert "\u2602\ufe0epluvieux" in words  # the weather: a symbol and its word
    assert "Décisions" in words and "COPIL n°2" in words
    assert "@page { size: A4; margin: 15mm; }" in text
    assert "break-inside: avoid" in text


def test_html_in_english_uses_the_english_labels(pmp, example, at):
    result = render(pmp, example, "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.output
    page = Page((example / "out" / "pilotage.html").read_text("utf-8"))
    assert page.all("html", lang="en")
    words = page.words
    assert "Status as of 26 November 2026" in words and "42 days late" in words
    for french in ("Synthèse", "Tableau de bord", "Échéance", "Avancement", "Chemin parcouru"):
        assert french not in words


def test_a_mission_without_recommendations_renders_a_short_document(pmp, example, at):
    (example / "recommendations.yaml").write_text("recommendations: []\n", "utf-8")
    (example / "journal.yaml").write_text("[]\n", "utf-8")
    result = render(pmp, example)
    assert result.exit_code == 0, result.output
    text = (example / "out" / "pilotage.md").read_text("utf-8")
    _assert_tables_intact(text)
    assert "Aucune préconisation pour l’instant." in text
    assert "Aucun comité de pilotage ne s’est encore réuni à cette date." in text
    assert "```mermaid" not in text
    page = Page((example / "out" / "pilotage.html").read_text("utf-8"))
    assert page.headings.count(1) == 1 and not page.all("svg")
    assert "Aucune préconisation pour l’instant." in page.words


# --- escaping ----------------------------------------------------------------------------

NASTY = "<script>alert(1)</script> | # injected"


@pytest.fixture
def nasty(example) -> Path:
    """The example mission with markup, pipes and headings in a title, a note and a measure note."""
    recs = example / "recommendations.yaml"
    text = recs.read_text("utf-8")
    assert "title: Créer un parcours d’accueil des nouveaux bénévoles" in text
    recs.write_text(
        text.replace("title: Créer un parcours d’accueil des nouveaux bénévoles", f'title: "R1 {NASTY}"'), "utf-8"
    )
    with (example / "journal.yaml").open("a", encoding="utf-8") as journal:
        journal.write(
            "- date: 2026-11-25\n"
            "  recommendation: R1\n"
            "  progress: 85\n"
            f'  note: "{NASTY}\\n# heading\\n- item\\n1. first"\n'
            "- date: 2026-11-25\n"
            "  indicator: I1\n"
            "  value: 70\n"
            f'  note: "a | b\\n# c"\n'
        )
    return example


def test_html_escapes_user_text(pmp, nasty, at):
    result = render(pmp, nasty, "--format", "html")
    assert result.exit_code == 0, result.output
    text = (nasty / "out" / "pilotage.html").read_text("utf-8")
    page = Page(text)
    assert pmp_script_only(text, page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | # injected" in text
    assert NASTY in page.words


def test_markdown_escapes_user_text(pmp, nasty, at):
    result = render(pmp, nasty, "--format", "md")
    assert result.exit_code == 0, result.output
    text = (nasty / "out" / "pilotage.md").read_text("utf-8")
    _assert_tables_intact(text)
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\> \| # injected" in text
    assert "| R1 | R1 \\<script\\>alert(1)\\</script\\> \\| # injected | Bénévolat |" in text
    assert "| 25/11/2026 | 70\u00a0% | a \\| b<br>\\# c |" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not any("heading" in h or h.startswith("# c") for h in headings), headings
    assert "\\# heading<br>\\- item<br>1\\. first" in text  # the note's lines stay text, in one block
    assert "    [R1] R1 script alert(1) /script | injected :active, t1, 2026-06-15, 2026-12-15\n" in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain text", "plain text"),
        ("a | b", r"a \| b"),
        ("# title", r"\# title"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("12. item", r"12\. item"),
        ("===", r"\==="),
        ("*bold* _it_ `code` [link](x) <b>", r"\*bold\* \_it\_ \`code\` \[link\](x) \<b\>"),
        (r"back\slash", r"back\\slash"),
        ("line one\n\n  # two", "line one<br>\\# two"),
        (None, ""),
    ],
)
def test_md_filter_escapes_markdown(text, expected):
    assert md_escape(text) == expected


def test_md_cell_filter_keeps_a_cell_on_one_line():
    assert md_cell("a | b\n# c\n\nd") == r"a \| b<br>\# c<br>d"


def test_mermaid_filter_removes_what_breaks_a_task():
    assert mermaid_text("Étape : 1 ; #2 <b>\nsuite") == "Étape – 1 , 2 b suite"
    assert mermaid_text("%%{init: {}}%% Bilan: 50 %") == "％％ init – ％％ Bilan – 50 ％"


@pytest.mark.parametrize(
    "name, escaped",
    [
        ("html/pilotage.html.j2", True),
        ("html/pilotage.j2", True),
        ("html/odd.md.j2", True),
        ("rapport.html", True),
        ("md/pilotage.md.j2", False),
        ("pilotage.md.j2", False),
        ("other/thing.txt", True),
        (None, True),
    ],
)
def test_html_templates_are_always_autoescaped(name, escaped):
    assert _autoescape(name) is escaped


# --- failures write nothing ------------------------------------------------------------------


def test_a_failing_template_leaves_the_earlier_output_intact(pmp, example, at):
    assert render(pmp, example).exit_code == 0
    before = snapshot(example / "out")
    # a consultancy's override of the Markdown template that fails half-way
    (at / "templates" / "md").mkdir(parents=True)
    (at / "templates" / "md" / "pilotage.md.j2").write_text("# {{ header.client }}\n\n{{ summary.nope }}\n", "utf-8")
    result = render(pmp, example, "--as-of", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "pmp : templates/md/pilotage.md.j2:3\u00a0: 'dict object' has no attribute 'nope'\u00a0; rien n’a été écrit\n"
    )
    assert result.stdout == ""
    assert snapshot(example / "out") == before  # HTML rendered fine, but was not written either


def test_a_workspace_template_overrides_the_built_in_one(pmp, example, at):
    (at / "templates" / "md").mkdir(parents=True)
    (at / "templates" / "md" / "pilotage.md.j2").write_text(
        "# {{ header.client|md }} · {{ header.as_of.long }}\n", "utf-8"
    )
    assert render(pmp, example).exit_code == 0
    assert (example / "out" / "pilotage.md").read_text("utf-8") == "# La Ressourcerie du Val · 26 novembre 2026\n"
    assert "<!DOCTYPE html>" in (example / "out" / "pilotage.html").read_text("utf-8")  # built-in


def test_templates_run_in_a_sandbox(pmp, example, at):
    (at / "templates" / "html").mkdir(parents=True)
    (at / "templates" / "html" / "pilotage.html.j2").write_text("{{ ''.__class__.__mro__ }}", "utf-8")
    result = render(pmp, example, "--format", "html")
    assert result.exit_code == 2
    assert "unsafe" in result.stderr
    assert not (example / "out").exists()


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    from pamplemousse.write import files

    target = tmp_path / "pilotage.html"
    target.write_text("before", "utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        files.write_atomic(target, "after")
    assert target.read_text("utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["pilotage.html"]


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    from pamplemousse.write.files import write_atomic

    target = tmp_path / "pilotage.md"
    target.write_text("before", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "after\n")
    assert target.read_text("utf-8") == "after\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_symlinked_out_folder_is_refused(pmp, example, at):
    elsewhere = at / "elsewhere"
    elsewhere.mkdir()
    (example / "out").symlink_to(elsewhere, target_is_directory=True)
    result = render(pmp, example)
    assert result.exit_code == 3
    assert result.stderr == (
        "pmp : missions/ressourcerie-du-val/out\u00a0: le dossier de sortie est un lien symbolique\u00a0; "
        "pmp n’écrit pas à travers un lien\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_output_file_is_refused(pmp, example, at):
    victim = at / "victim.txt"
    victim.write_text("keep me", "utf-8")
    (example / "out").mkdir()
    (example / "out" / "pilotage.html").symlink_to(victim)
    result = render(pmp, example, "--format", "html")
    assert result.exit_code == 3
    assert "pilotage.html\u00a0: le fichier est un lien symbolique" in result.stderr
    assert victim.read_text("utf-8") == "keep me"


def test_a_mission_with_errors_is_not_rendered(pmp, example, at):
    recs = example / "recommendations.yaml"
    recs.write_text(recs.read_text("utf-8").replace("impact: 5", "impact: 9", 1), "utf-8")
    result = render(pmp, example)
    assert result.exit_code == 1
    assert "missions/ressourcerie-du-val/recommendations.yaml:" in result.stderr
    assert not (example / "out").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--doc", "budget"], "pmp : --doc budget\u00a0: document inconnu\u00a0; documents disponibles\u00a0: pilotage"),
        (["--format", "gif"], "pmp : --format gif\u00a0: format inconnu\u00a0; formats possibles\u00a0: html, md"),
        (["--lang", "de"], "pmp : --lang de\u00a0: langue inconnue\u00a0; langues possibles\u00a0: fr, en\n"),
        (["--as-of", "26/11/2026"], "pmp : --as-of 26/11/2026\u00a0: date attendue au format AAAA-MM-JJ\u00a0: écrivez 2026-11-26\n"),
    ],
)
def test_bad_options_are_usage_errors_and_write_nothing(pmp, example, at, args, message):
    result = pmp("render", str(example), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert not (example / "out").exists()


# --- labels and formats -------------------------------------------------------------------------


def test_both_catalogs_have_the_same_keys():
    fr, en = flat_keys(labels("fr")), flat_keys(labels("en"))
    assert sorted(fr - en) == [], "keys only in fr.yaml"
    assert sorted(en - fr) == [], "keys only in en.yaml"


def test_both_catalogs_use_the_same_placeholders():
    def placeholders(catalog, prefix=""):
        out = {}
        for key, value in catalog.items():
            if isinstance(value, dict):
                out.update(placeholders(value, f"{prefix}{key}."))
            elif isinstance(value, str):
                out[prefix + key] = set(re.findall(r"\{(\w+)\}", value))
        return out

    fr, en = placeholders(labels("fr")), placeholders(labels("en"))
    assert {k: v for k, v in fr.items() if en.get(k) != v} == {}


def test_french_labels_have_no_breaking_space_before_high_punctuation():
    def strings(catalog):
        for value in catalog.values():
            yield from strings(value) if isinstance(value, dict) else [value]

    catalog = labels("fr")
    del catalog["cli"]["file_comments"]  # written into the user's files as they are, with plain spaces
    bad = [s for s in strings(catalog) if isinstance(s, str) and re.search(r" [:;!?»]|« ", s)]
    assert bad == []


def test_french_formats():
    fmt = Formats("fr")
    assert fmt.date(date(2026, 11, 26)) == "26 novembre 2026"
    assert fmt.date(date(2026, 9, 1)) == "1er septembre 2026"
    assert fmt.date(date(2026, 4, 6), "short") == "06/04/2026"
    assert fmt.percent(45.4) == "45\u00a0%"
    assert fmt.number(12.5) == "12,5"
    assert fmt.quantity(50, "%") == "50\u00a0%"
    assert fmt.plural(labels("fr")["common"]["days_late"], 1) == "en retard de 1 jour"
    assert fmt.plural(labels("fr")["common"]["days_late"], 12) == "en retard de 12 jours"


def test_several_formats_in_one_render(pmp, example, at):
    result = pmp("render", str(example), "--as-of", "2026-11-26", "--format", "md,json", "--format", "md")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (example / "out").iterdir())
    assert written == ["pilotage.json", "pilotage.md"]
    assert result.stdout.splitlines() == [
        "missions/ressourcerie-du-val/out/pilotage.md", "missions/ressourcerie-du-val/out/pilotage.json"]
