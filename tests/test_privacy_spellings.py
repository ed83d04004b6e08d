"""A name without consent in every spelling people really type, in every output (issue 22).

The example gets a participant P9, « Zoé Quintard », who did not consent, and
recommendations R1…R8 titled « Piste k avec <a spelling of her name> ». Every
spelling (no accent, capitals, surname first, hyphen, a comma, Cyrillic
look-alike letters) must be replaced by her role in every document (HTML,
Markdown, PDF, JSON, xlsx, ics, docx, odt) for the client and the funder, in
`pmp search`, `pmp status` and the site, and `pmp check` must warn at each, at
its line and column. An invisible character inside a name is refused by `pmp
check` at its exact place. The oracle of absence is independent of pmp's
matcher: the letters « ntard » (of Quintard, ASCII in every spelling) appear
nowhere else in the mission.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE

from pamplemousse.cli import run

NB = "\u00a0"
AS_OF = "2026-11-26"
SLUG = "ressourcerie-du-val"
FOLDER = f"missions/{SLUG}"
ROLE = "Chargée de mission RH"
SPELLINGS = [
    "Zoe Quintard",  # no accent
    "ZOÉ QUINTARD",  # capitals
    "QUINTARD Zoé",  # the surname first, the French administrative habit
    "Quintard Zoé",
    "Zoé-Quintard",  # a hyphen for the space
    "QUINTARD, Zoé",
    "Z\u043e\u00e9 Quintard",  # a Cyrillic « о »
    "ZO\u00c9 QU\u0406NTARD",  # a Cyrillic « І »
]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def _titled(text: str) -> str:
    """`text` (recommendations.yaml) with R1…R8 titled « Piste k avec <spelling k> »."""
    lines = text.split("\n")
    k = 0
    for i, line in enumerate(lines):
        if line.startswith("    title: ") and k < len(SPELLINGS):
            lines[i] = f"    title: Piste {k + 1} avec {SPELLINGS[k]}"
            k += 1
    assert k == len(SPELLINGS)
    return "\n".join(lines)


def build(root: Path) -> Path:
    """A workspace at `root` holding the example with P9 and the titles above."""
    import shutil

    mission = root / "missions" / SLUG
    shutil.copytree(EXAMPLE, mission, ignore=shutil.ignore_patterns("out"))
    q = mission / "questions.yaml"
    text = q.read_text("utf-8")
    anchor = "    role: Trésorier, administrateur bénévole\n    consent: true\n"
    assert text.count(anchor) == 1
    q.write_text(text.replace(anchor, anchor + f"  - id: P9\n    name: Zoé Quintard\n    role: {ROLE}\n"
                              "    consent: false\n"), "utf-8")
    r = mission / "recommendations.yaml"
    r.write_text(_titled(r.read_text("utf-8")), "utf-8")
    assert "ntard" not in (EXAMPLE / "recommendations.yaml").read_text("utf-8") + (EXAMPLE / "journal.yaml").read_text("utf-8")
    return mission


def plain(text: str) -> str:
    """Text as a reader sees it: spaces of any kind as one, no-break ones included."""
    return re.sub(r"\s+", " ", text.replace(NB, " ").replace("\u202f", " "))


def readable(path: Path) -> str:
    """The text a reader of the file sees, whatever its format."""
    kind = path.suffix
    if kind in (".html", ".md"):
        return html.unescape(path.read_text("utf-8"))
    if kind == ".json":
        strings: list[str] = []

        def walk(value):
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    strings.append(k)
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(json.loads(path.read_text("utf-8")))
        return "\n".join(strings)
    if kind == ".ics":
        import icalendar

        cal = icalendar.Calendar.from_ical(path.read_bytes())
        return "\n".join(str(c.get(k)) for c in cal.walk() for k in ("SUMMARY", "DESCRIPTION", "LOCATION") if c.get(k))
    if kind == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path)
        return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    if kind == ".docx":
        import docx

        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    if kind == ".odt":
        with zipfile.ZipFile(path) as z:
            xml = z.read("content.xml").decode("utf-8")
        return html.unescape(re.sub(r"<[^>]+>", " ", xml.replace("<text:s/>", " ")))
    if kind == ".pdf":
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
    raise AssertionError(path)


OUTPUTS = [("pilotage", f) for f in ("html", "md", "json", "ics", "xlsx")] + [
    ("rapport", f) for f in ("docx", "odt")
] + [pytest.param("pilotage", "pdf", marks=pytest.mark.slow)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("spellings")
    build(root)
    return root


@pytest.fixture(scope="module")
def rendered(workspace):
    """{(doc, format, audience): the text its reader sees}, each rendered once, when first asked."""
    import os

    done: dict[tuple[str, str, str], str] = {}

    def get(doc: str, fmt: str, audience: str) -> str:
        key = (doc, fmt, audience)
        if key not in done:
            out = workspace / "out" / audience / fmt
            here = os.getcwd()
            os.chdir(workspace)
            try:
                code = run(["render", SLUG, "--doc", doc, "--format", fmt, "--audience", audience,
                            "--as-of", AS_OF, "-o", str(out)])
            finally:
                os.chdir(here)
            assert code == 0, key
            [path] = [p for p in out.iterdir() if p.suffix == f".{fmt}"]
            done[key] = plain(readable(path))
        return done[key]

    return get


@pytest.mark.parametrize(("doc", "fmt"), OUTPUTS)
@pytest.mark.parametrize("audience", ["client", "funder"])
@pytest.mark.parametrize("k", range(1, len(SPELLINGS) + 1), ids=SPELLINGS)
def test_every_spelling_is_replaced_by_the_role_in_every_output(rendered, doc, fmt, audience, k):
    text = rendered(doc, fmt, audience)
    assert f"Piste {k} avec {ROLE}".casefold() in text.casefold(), (fmt, audience)
    assert "ntard" not in text.casefold(), (fmt, audience)
    assert SPELLINGS[k - 1].casefold() not in text.casefold()


@pytest.mark.parametrize(("doc", "fmt"), [("pilotage", "html"), ("pilotage", "json"), ("pilotage", "xlsx")])
def test_the_internal_copy_keeps_every_spelling_so_the_oracle_sees_them(rendered, doc, fmt):
    text = rendered(doc, fmt, "internal")
    for k, spelling in enumerate(SPELLINGS, start=1):
        assert f"Piste {k} avec {spelling}".casefold() in text.casefold(), spelling


def _place(folder: Path, k: int) -> str:
    """`file:line:col` of spelling k, read from the file as written (independently of pmp)."""
    lines = (folder / "recommendations.yaml").read_text("utf-8").split("\n")
    [i] = [i for i, line in enumerate(lines) if line.startswith(f"    title: Piste {k} avec ")]
    return f"{FOLDER}/recommendations.yaml:{i + 1}:{len(f'    title: Piste {k} avec ') + 1}"


def _warning(ref: str) -> str:
    return (f"avertissement{NB}: {ref} n'a pas donné son accord pour être nommé·e (consent: false){NB}: son nom "
            f"est dans ce texte, qui va au client{NB}; écrivez son rôle ou retirez le nom")


@pytest.fixture
def spelt(tmp_path, monkeypatch) -> Path:
    mission = build(tmp_path)
    monkeypatch.chdir(tmp_path)
    return mission


def test_check_warns_at_every_spelling_at_its_line_and_column(spelt, pmp):
    result = pmp("check", SLUG)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stdout.splitlines() if "P9" in line]
    assert warned == [f"{_place(spelt, k)}: {_warning('P9')}" for k in range(1, len(SPELLINGS) + 1)]
    assert "ntard" not in result.output.casefold()  # ids only, never the name


def test_search_status_and_site_show_the_role_for_every_spelling(spelt, pmp):
    for audience in ("client", "funder"):
        found = pmp("search", "piste", "--kind", "recommendation", "--format", "json", "--as-of", AS_OF,
                    "--audience", audience)
        assert found.exit_code == 0, found.output
        snippets = plain(" ".join(hit["snippet"] for hit in json.loads(found.stdout)))
        status = pmp("status", SLUG, "--format", "json", "--as-of", AS_OF, "--audience", audience)
        terminal = pmp("status", SLUG, "--as-of", AS_OF, "--audience", audience)
        assert status.exit_code == 0 and terminal.exit_code == 0, status.output + terminal.output
        for k in range(1, len(SPELLINGS) + 1):
            assert f"Piste {k} avec {ROLE}" in snippets, (audience, k)
            assert f"Piste {k} avec {ROLE}" in plain(status.stdout), (audience, k)
        for shown in (found.output, status.output, terminal.output):
            assert "ntard" not in shown.casefold(), audience
    for day, k in (("2026-10-15", 5), ("2027-03-01", 3)):  # the portfolio's next deadline: R5, then R3
        portfolio = pmp("status", "--format", "json", "--as-of", day)
        assert portfolio.exit_code == 0, portfolio.output
        assert json.loads(portfolio.stdout)[0]["next_deadline"]["what"] == f"Piste {k} avec {ROLE}"
        assert "ntard" not in portfolio.output.casefold()
        table = pmp("status", "--as-of", day)
        assert "ntard" not in table.output.casefold()
    site = pmp("render", "--all", "--site", "site", "--as-of", "2026-10-15")  # the index's next deadline: R5
    assert site.exit_code == 0, site.output
    pages = {p.relative_to(spelt.parent.parent / "site"): readable(p) for p in (spelt.parent.parent / "site").rglob("*")
             if p.suffix in (".html", ".md")}
    assert {Path("index.html"), Path(SLUG) / "index.html"} <= set(pages), sorted(pages)
    for name, text in pages.items():
        assert "ntard" not in text.casefold(), name
    assert f"Piste 1 avec {ROLE}" in plain(pages[Path(SLUG) / "index.html"])
    assert f"Piste 5 avec {ROLE}" in plain(pages[Path("index.html")])


def _journal_note(mission: Path, note: str) -> str:
    """The journal with an entry holding `note` at its end, as written."""
    journal = mission / "journal.yaml"
    text = journal.read_text("utf-8").rstrip("\n") + f"\n- date: 2026-11-20\n  recommendation: R9\n  note: {note}\n"
    journal.write_text(text, "utf-8")
    return text


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_an_invisible_character_inside_a_name_is_refused_at_its_place(spelt, pmp, char):
    text = _journal_note(spelt, f"Appel de Zo{char}é Quintard ce matin.")
    last = text.split("\n")[-2]
    line, col = len(text.split("\n")) - 1, last.index(char) + 1
    result = pmp("check", SLUG)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{FOLDER}/journal.yaml:{line}:{col}: caractère invisible (U+{ord(char):04X}), souvent collé depuis "
        f"un traitement de texte{NB}: il cache un mot (un nom ne se lit plus comme lui-même){NB}; supprimez-le"
    )
    out = spelt / "out"
    rendered = pmp("render", SLUG, "--audience", "client", "-o", str(out))
    assert rendered.exit_code == 1
    assert not out.exists()  # nothing went out


def test_an_invisible_character_in_a_note_given_to_pmp_log_is_refused_and_nothing_written(spelt, pmp):
    before = (spelt / "journal.yaml").read_bytes()
    result = pmp("log", SLUG, "R1", "--note", "Appel de Zo\u00adé Quintard", "--date", "2026-11-20")
    assert result.exit_code == 2
    assert "U+00AD" in result.stderr
    assert (spelt / "journal.yaml").read_bytes() == before


def test_a_joiner_between_two_emoji_stays(spelt, pmp):
    _journal_note(spelt, "Atelier numérique 👩\u200d💻 complet.")
    assert pmp("check", SLUG).exit_code == 0


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_pmp_log_warns_at_write_time_at_the_name(spelt, pmp, spelling):
    result = pmp("log", SLUG, "R1", "--note", f"Appel de {spelling} ce matin.", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Ajouté à {FOLDER}/journal.yaml")
    lines = (spelt / "journal.yaml").read_text("utf-8").split("\n")
    line = len(lines) - 1  # the entry just appended, on one line
    assert f"note: Appel de {spelling} ce matin." in lines[line - 1].replace("'", "")
    col = lines[line - 1].index(spelling) + 1
    assert result.stderr == f"{FOLDER}/journal.yaml:{line}:{col}: {_warning('P9')}\n"
    check = pmp("check", SLUG)
    assert f"{FOLDER}/journal.yaml:{line}:{col}: {_warning('P9')}" in check.stdout.splitlines()


def test_pmp_log_says_nothing_of_a_note_that_names_no_one(spelt, pmp):
    result = pmp("log", SLUG, "R1", "--note", "Appel de Mme Quintard, de Z. Quintard et de Zoé.", "--date", "2026-11-20")
    assert (result.exit_code, result.stderr) == (0, "")


def test_an_email_address_in_a_client_text_is_a_warning_at_the_address(spelt, pmp):
    text = _journal_note(spelt, "Écrire à zoe.quintard@asso-du-val.fr pour le planning.")
    line = len(text.split("\n")) - 1
    col = text.split("\n")[-2].index("zoe.quintard@") + 1
    result = pmp("check", SLUG)
    assert (
        f"{FOLDER}/journal.yaml:{line}:{col}: avertissement{NB}: une adresse électronique est dans ce texte, qui va "
        f"au client{NB}: c'est celle d'une personne, le plus souvent{NB}; retirez-la, ou gardez-la si cette "
        "personne l'accepte"
    ) in result.stdout.splitlines()
    logged = pmp("log", SLUG, "R1", "--note", "Contact : accueil@asso-du-val.fr", "--date", "2026-11-21")
    assert "adresse électronique" in logged.stderr


def test_redact_ignores_format_characters_that_reach_it_by_another_way(spelt):
    """The documents' scrubbing does not rely on check's refusal: a text built in memory with
    invisible characters inside the name is scrubbed the same."""
    import dataclasses

    from pamplemousse.plan.privacy import redact
    from pamplemousse.read.load import load_mission

    mission, _ = load_mission(spelt)
    spelled = [f"Zo{c}é Qu{c}intard" for c in INVISIBLE] + [unicodedata.normalize("NFD", "Zoé Quintard")]
    journal = list(mission.journal)
    for i, spelling in enumerate(spelled):
        journal[i] = journal[i].model_copy(update={"note": f"Vu {spelling}."})
    shown = redact(dataclasses.replace(mission, journal=journal), "client")
    assert [e.note for e in shown.journal[:len(spelled)]] == [f"Vu {ROLE}."] * len(spelled)
