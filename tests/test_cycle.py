"""The DLA's cycle: framing, closing, follow-up, time and situation entries; the documents
cadrage, bilan and suivi in every format (docx and odt opened back with python-docx and odfpy);
the checks of pmp check on days and dates."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import build_tree, last_id, without_ids
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt

from pamplemousse.read.load import load_mission

NB = "\u00a0"
AS_OF = "2026-11-26"
SCREEN_AND_OFFICE = ("html", "md", "docx", "odt")
PDF = [pytest.mark.slow, pytest.mark.needs("pango")]  # WeasyPrint's layout, on the system's Pango

MINIMAL = {
    "mission.yaml": "schema_version: 1\ntitle: Une petite mission\nclient:\n  name: Les Amis du Val\n",
    "vision.yaml": "vision: Un quartier où chacun répare.\nsocial_mission: Réparer ensemble.\n",
    "questions.yaml": "guide: []\n",
    "recommendations.yaml": "recommendations: []\n",
    "journal.yaml": "[]\n",
}


def _render(pmp, mission: Path, doc: str, fmt: str, out: Path, *extra: str) -> Path:
    r = pmp("render", str(mission), "--doc", doc, "--format", fmt, "-o", str(out), *extra)
    assert r.exit_code == 0, r.output
    return out / f"{doc}.{fmt}"


def _docx_text(path: Path) -> tuple[list[tuple[str, str]], list[list[str]], str]:
    d = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in d.paragraphs]
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    return paragraphs, rows, d.sections[0].footer.paragraphs[0]._p.xml


def _odt_headings(path: Path) -> list[tuple[int, str]]:
    doc = load_odt(str(path))
    return [(int(h.getAttribute("outlinelevel")), teletype.extractText(h)) for h in doc.getElementsByType(odf_text.H)]


# the fields -------------------------------------------------------------------

def test_the_example_holds_every_new_field(example):
    mission, problems = load_mission(example)
    assert [p for p in problems if p.severity == "error"] == []
    meta = mission.meta
    assert meta.framing.request and meta.framing.context and meta.framing.scope and meta.framing.method
    assert len(meta.framing.objectives) == 4 and len(meta.framing.deliverables) == 4
    assert meta.closing.summary and meta.closing.results and meta.closing.difficulties and meta.closing.new_needs
    assert len(meta.closing.gaps) == 2
    assert meta.funding.follow_up == date(2027, 9, 30)
    time = [e for e in mission.journal if e.time is not None]
    assert sum(e.time for e in time) == 4.75 and {e.phase for e in time} == {p.id for p in meta.phases}
    situations = [e.situation for e in sorted(mission.journal, key=lambda e: e.date) if e.situation is not None]
    assert [(s.employees, s.fte, s.permanent_contracts) for s in situations] == [(14, 11.2, 6), (16, 12.8, 8)]


def test_pmp_log_days_and_situation_append_what_the_user_said(example_in_cwd, pmp):
    journal = example_in_cwd / "journal.yaml"
    before = journal.read_text("utf-8")
    r = pmp("log", "ressourcerie-du-val", "--days", "0,5", "--phase", "suivi", "--consultant", "Yanis Ferrand",
            "--date", AS_OF)
    assert r.exit_code == 0, r.output
    assert r.stdout == (f"Ajouté à missions/ressourcerie-du-val/journal.yaml (26 novembre 2026){NB}: "
                        f"0,5 jour sur la phase suivi (Yanis Ferrand){NB}; entrée {last_id(journal)}.\n")
    r = pmp("log", "ressourcerie-du-val", "--situation", "--employees", "17", "--fte", "13,5", "--result", "-3200",
            "--date", AS_OF)
    assert r.exit_code == 0, r.output
    assert "chiffres clés (salarié·es 17, équivalents temps plein 13,5, résultat (€) -3" in r.stdout
    assert without_ids(journal.read_text("utf-8")) == before + (
        "- {date: 2026-11-26, time: 0.5, phase: suivi, consultant: Yanis Ferrand}\n"
        "- {date: 2026-11-26, situation: {employees: 17, fte: 13.5, result: -3200}}\n"
    )


@pytest.mark.parametrize("args, message", [
    (("--days", "0,5"), f"--days 0,5{NB}: il manque --phase"),
    (("--days", "0,5", "--phase", "diagnostik"),
     f"--phase diagnostik{NB}: aucune phase de ce nom dans mission.yaml{NB}; vouliez-vous dire «{NB}diagnostic{NB}»{NB}?"),
    (("--days", "beaucoup", "--phase", "suivi"),
     f"--days beaucoup{NB}: un nombre de jours positif est attendu (par exemple 0,5)"),
    (("--fte", "3"), "--fte va avec --situation (pmp log MISSION --situation --employees 7 …)"),
    (("--situation",), f"--situation{NB}: donnez au moins un chiffre (--employees, --fte, --permanent-contracts, "
                       "--volunteers, --budget, --result)"),
    (("--situation", "--employees", "2,5"), f"--employees 2,5{NB}: un nombre entier positif est attendu"),
])
def test_pmp_log_refuses_a_bad_time_or_situation_and_writes_nothing(example_in_cwd, pmp, args, message):
    journal = example_in_cwd / "journal.yaml"
    before = journal.read_bytes()
    r = pmp("log", "ressourcerie-du-val", *args, "--date", AS_OF)
    assert r.exit_code == 2
    assert r.stderr == f"pmp : {message}\n"
    assert journal.read_bytes() == before


# pmp check ----------------------------------------------------------------------

def test_check_warns_on_days_and_the_follow_up_and_refuses_an_unknown_phase(example, pmp):
    m = example / "mission.yaml"
    m.write_text(m.read_text("utf-8").replace("  days: 5\n", "  days: 4\n")
                 .replace("follow_up: 2027-09-30", "follow_up: 2027-04-30"), encoding="utf-8")
    j = example / "journal.yaml"
    lines = j.read_text("utf-8").splitlines()
    extra = "- date: 2026-11-26\n  time: 0.5\n  phase: diagnostic\n- date: 2026-11-26\n  time: 1\n  phase: cadrag\n"
    j.write_text(j.read_text("utf-8") + extra, encoding="utf-8")
    r = pmp("check", str(example))
    assert r.exit_code == 1
    out = r.output.replace(NB, " ")
    n = len(lines)
    assert f"journal.yaml:{n + 6}:10: « cadrag » ne correspond à aucune phase de mission.yaml ; vouliez-vous dire « cadrage » ?" in out
    assert (f"journal.yaml:{n + 2}:9: avertissement : d'après le journal, 2 jours passés sur la phase diagnostic, "
            "plus que ses jours prévus (1,5 jour)") in out
    days_line = m.read_text("utf-8").splitlines().index("  days: 4") + 1
    assert (f"mission.yaml:{days_line}:9: avertissement : les phases comptent 5 jours, plus que les jours financés "
            "(4 jours, funding.days)") in out
    assert f"mission.yaml:{days_line + 2}:14: avertissement : le suivi (30 avril 2027) est avant la fin de la mission (30 juin 2027)" in out


def test_the_example_passes_the_new_checks(example, pmp):
    out = pmp("check", str(example)).output
    for words in ("jours financés", "jours prévus", "le suivi (", "aucune phase"):
        assert words not in out


# the documents of the example ------------------------------------------------------

@pytest.mark.parametrize("fmt", [*SCREEN_AND_OFFICE, pytest.param("pdf", marks=PDF)])
@pytest.mark.parametrize("doc", ["cadrage", "bilan", "suivi"])
def test_the_example_renders_in_every_format(example, pmp, tmp_path, doc, fmt):
    path = _render(pmp, example, doc, fmt, tmp_path, "--as-of", AS_OF)
    assert path.stat().st_size > 1000, path


def test_the_bilan_shows_days_planned_and_spent_per_phase_and_the_gaps(example, pmp, tmp_path):
    md = _render(pmp, example, "bilan", "md", tmp_path, "--as-of", AS_OF).read_text("utf-8")
    assert "| Co-construction des pistes d’amélioration (ateliers Rêver et Construire) | 22/05/2026 | 1,5 jour | 1,25 jour | −0,25 |" in md
    assert "| **Total** | | **5 jours** | **4,75 jours** | −0,25 |" in md
    assert "4,75 jours passés sur 5 jours financés" in md
    assert "| **Total** | **6** | **6** |" in md  # sessions held against planned
    gaps = md[md.index("### Écarts et leurs causes"):md.index("## Résultats")]
    assert "- Le second atelier Construire prévu avec les bénévoles a été écourté" in gaps
    assert "- L’étude de faisabilité de la deuxième boutique n’a pas été menée" in gaps
    start = md[md.index("## Chiffres clés au démarrage"):]
    assert "*Au 5 février 2026*" in start and "| Salarié·es | 14 |" in start and "| Résultat (€) | -18\u202f500 |" in start
    paragraphs, rows, footer = _docx_text(_render(pmp, example, "bilan", "docx", tmp_path, "--as-of", AS_OF))
    assert ("Heading 1", "Déroulement de la mission") in paragraphs and ("Heading 2", "Écarts et leurs causes") in paragraphs
    assert ["Co-construction des pistes d’amélioration (ateliers Rêver et Construire)", "22/05/2026", "1,5 jour",
            "1,25 jour", "−0,25"] in rows
    assert "PAGE" in footer and "NUMPAGES" in footer
    headings = _odt_headings(_render(pmp, example, "bilan", "odt", tmp_path, "--as-of", AS_OF))
    assert (1, "Déroulement de la mission") in headings and (2, "Temps passé par phase") in headings


def test_the_suivi_shows_jobs_from_the_first_to_the_latest_situation(example, pmp, tmp_path):
    md = _render(pmp, example, "suivi", "md", tmp_path).read_text("utf-8")  # dated funding.follow_up
    assert f"- **Date du suivi**{NB}: 30 septembre 2027" in md
    assert "| Indicateur | 05/02/2026 | 20/11/2026 | Évolution |" in md
    assert "| Salarié·es | 14 | 16 | +2 |" in md
    assert "| Équivalents temps plein | 11,2 | 12,8 | +1,6 |" in md
    assert "| CDI | 6 | 8 | +2 |" in md
    # after the end of the mission (30 June 2027): then and now
    assert "| R2 · Remplacer le planning papier par un planning partagé en ligne (Sophie) | fait · 100" in md
    assert "## Ce dont la structure a encore besoin" in md and "- Une formation des administrateur·ices" in md
    # each recommendation's milestones, counted by state (R1: two met, R1.3 late; R5: one met, one missed)
    rows = {line.split(" · ", 1)[0]: line for line in md.splitlines() if line.startswith("| R")}
    assert f"Jalons{NB}: 2 tenus · 1 en retard |" in rows["| R1"]
    assert f"Jalons{NB}: 1 tenu · 1 manqué |" in rows["| R5"]
    assert "Jalons" not in rows["| R2"]  # no milestone, no word
    doc = load_odt(str(_render(pmp, example, "suivi", "odt", tmp_path)))
    cells = [teletype.extractText(c) for c in doc.getElementsByType(odf_table.TableCell)]
    assert cells[cells.index("Salarié·es"):cells.index("Salarié·es") + 4] == ["Salarié·es", "14", "16", "+2"]
    assert any(f"Jalons{NB}: 1 tenu · 1 manqué" in c for c in cells)  # the editable copy says the same


def test_the_cadrage_tells_the_request_method_calendar_and_deliverables(example, pmp, tmp_path):
    paragraphs, rows, _ = _docx_text(_render(pmp, example, "cadrage", "docx", tmp_path, "--as-of", AS_OF))
    headings = [t for s, t in paragraphs if s.startswith("Heading")]
    assert headings == ["La structure et son contexte", "La demande", "Objectifs de l’accompagnement", "Périmètre",
                        "Méthode", "Calendrier et temps prévu", "Qui participe", "Livrables", "Financement"]
    assert ("Title", "Note de cadrage · La Ressourcerie du Val") in paragraphs  # as the Markdown says it
    texts = [t for _, t in paragraphs]
    assert any(t.startswith("Découvrir") for t in texts) and any("démarche appréciative" in t for t in texts)
    assert ["Total des phases", "", "", "5 jours"] in rows and ["Jours financés", "", "", "5 jours"] in rows
    assert f"Suivi du DLA{NB}: 30 septembre 2027" in texts
    assert any("Dispositif local d’accompagnement (DLA) · DLA 94 · Référence DLA94-2026-017" in t for t in texts)


def test_the_funder_copies_hold_no_interview_content(example, pmp, tmp_path):
    for doc in ("bilan", "suivi"):
        for fmt in ("md", "docx"):
            _render(pmp, example, doc, fmt, tmp_path, "--audience", "funder", "--as-of", AS_OF)
    md = (tmp_path / "bilan.md").read_text("utf-8") + (tmp_path / "suivi.md").read_text("utf-8")
    for heard in ("Aminata Diallo", "On recrute très bien", "Atelier Découvrir avec les bénévoles"):
        assert heard not in md
    assert "Ce document ne reprend aucun contenu des entretiens." in md


# a mission with none of the new fields ----------------------------------------------

def _no_empty_heading_md(md: str) -> None:
    lines = [line for line in md.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#"))
        if line.startswith("#") and line[level:level + 1] == " ":
            following = lines[i + 1] if i + 1 < len(lines) else ""
            deeper = following.startswith("#") and len(following) - len(following.lstrip("#")) > level
            assert following and (not following.startswith("#") or deeper), line
            if deeper:
                continue


@pytest.mark.parametrize("doc", ["cadrage", "bilan", "suivi"])
def test_a_minimal_mission_renders_every_document_without_an_empty_heading(tmp_path, pmp, doc):
    mission = build_tree(tmp_path / "missions" / "m", MINIMAL)
    out = tmp_path / "out"
    for fmt in SCREEN_AND_OFFICE:
        _render(pmp, mission, doc, fmt, out, "--as-of", AS_OF)
    md = (out / f"{doc}.md").read_text("utf-8")
    _no_empty_heading_md(md)
    if doc != "cadrage":  # nothing logged yet: the document says what to fill in
        assert f"*Rien n’est encore consigné pour ce {'bilan' if doc == 'bilan' else 'suivi'}{NB}:" in md
    else:
        assert "## Méthode" in md and "## La demande" not in md
    html = (out / f"{doc}.html").read_text("utf-8")
    body = re.sub(r"<nav.*?</nav>", "", html, flags=re.S)
    for heading in re.finditer(r"<h([23])[^>]*>(.*?)</h\1>\s*(</section>|<h[1-3])", body, flags=re.S):
        raise AssertionError(f"empty heading {heading.group(2)!r}")
    paragraphs, _, _ = _docx_text(out / f"{doc}.docx")
    styles = [s for s, t in paragraphs]
    for i, s in enumerate(styles):
        if s == "Heading 1":
            assert i + 1 < len(styles) and styles[i + 1] != "Heading 1", paragraphs[i]


@pytest.mark.parametrize("doc", [pytest.param(doc, marks=PDF) for doc in ("cadrage", "bilan", "suivi")])
def test_a_minimal_mission_renders_as_pdf(tmp_path, pmp, doc):
    mission = build_tree(tmp_path / "missions" / "m", MINIMAL)
    assert _render(pmp, mission, doc, "pdf", tmp_path / "out", "--as-of", AS_OF).read_bytes().startswith(b"%PDF-")


def test_a_missing_office_library_is_named_and_nothing_is_written(example, pmp, tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_docx(name, *args, **kwargs):
        if name == "docx":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    r = pmp("render", str(example), "--doc", "bilan", "--format", "html,docx", "-o", str(tmp_path / "out"))
    assert r.exit_code == 2
    assert r.stderr == (f"pmp : le format docx demande python-docx{NB}: pip install python-docx "
                        f"(ou pip install 'pamplemousse[office]'){NB}; rien n’a été écrit\n")
    assert not (tmp_path / "out").exists()


def test_the_follow_up_defaults_to_twelve_months_after_the_last_phase(example):
    from pamplemousse.plan.cycle import follow_up_date, mission_end, months_after

    m = example / "mission.yaml"
    m.write_text(m.read_text("utf-8").replace("  follow_up: 2027-09-30\n", ""), encoding="utf-8")
    mission, _ = load_mission(example)
    assert mission_end(mission) == date(2027, 6, 30)
    assert follow_up_date(mission) == date(2028, 6, 30)
    assert months_after(date(2027, 2, 28), 12) == date(2028, 2, 28)
    assert months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_render_all_dates_each_suivi_at_its_own_follow_up(example_in_cwd, pmp):
    r = pmp("render", "--all", "--doc", "suivi", "--format", "md")
    assert r.exit_code == 0, r.output
    md = (example_in_cwd / "out" / "suivi.md").read_text("utf-8")
    assert f"- **Date du suivi**{NB}: 30 septembre 2027" in md
