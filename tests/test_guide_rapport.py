"""The method: pmp check's warnings, the chain of evidence, the interview guide and the mission report."""

from __future__ import annotations

from pathlib import Path

from pamplemousse.read.load import load_mission


def _sp(text: str) -> str:
    """No-break spaces as plain ones: a message compared whatever its typography."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _raw(result, stream: str = "stdout") -> str:
    """What the command wrote, exactly (the `pmp` fixture may make no-break spaces plain)."""
    return getattr(result, f"raw_{stream}", getattr(result, stream))

NB = "\u00a0"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _warnings(folder: Path) -> list[str]:
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return [f"{p.file.split('/')[-1]}:{p.line}:{p.column}: {p.message}" for p in problems if p.severity == "warning"]


# pmp check: the method's warnings ------------------------------------------------


def test_the_example_has_no_error_and_the_method_warnings(pmp, example):
    result = pmp("check", str(example))
    assert result.exit_code == 0
    assert "0 erreur" in result.stderr
    warnings = [_sp(w) for w in _warnings(example)]
    assert "questions.yaml:55:5: la question Q10 n'a été posée dans aucune séance" in warnings
    consent = [w for w in warnings if "n'a pas donné son accord" in w]
    assert [w.split(": ", 1)[0] for w in consent] == [
        "questions.yaml:184:17", "questions.yaml:193:17", "questions.yaml:241:17", "questions.yaml:250:17",
    ]
    assert consent[0].endswith(
        "P5 n'a pas donné son accord pour être nommé·e (consent: false) : dans une réponse partageable, "
        "cette citation sera attribuée à son rôle"
    )


def test_check_prints_warnings_and_its_summary_in_french_typography(pmp, example):
    result = pmp("check", str(example))
    assert result.exit_code == 0
    assert any(
        line.endswith(f"questions.yaml:55:5: avertissement{NB}: la question Q10 n'a été posée dans aucune séance")
        for line in _raw(result).splitlines()
    ), result.stdout
    assert _raw(result, "stderr") == f"1 mission vérifiée{NB}: 0 erreur, 10 avertissements.\n"


def test_a_recommendation_that_answers_no_finding(example):
    _edit(example / "recommendations.yaml", "    because: [F8]\n", "")
    _edit(example / "recommendations.yaml", "    because: [F7, F9]\n", "    because: []\n")
    warnings = _warnings(example)
    assert f"recommendations.yaml:185:14: la préconisation R8 ne répond à aucun constat{NB}; indiquez-les dans because" in warnings
    assert f"recommendations.yaml:199:5: la préconisation R9 ne répond à aucun constat{NB}; indiquez-les dans because" in warnings


def test_a_finding_with_no_source(example):
    _edit(example / "questions.yaml", "    sources: [S6, Q14]\n", "")
    assert f"questions.yaml:393:5: le constat F11 n'a aucune source{NB}; indiquez les séances ou questions dans sources" in _warnings(example)


def test_a_question_is_never_asked_only_once_sessions_exist(example):
    assert any("la question Q10 n'a été posée" in w for w in _warnings(example))
    _edit(example / "questions.yaml", "      - question: Q13\n        notes: >-\n          Engagements",
          "      - question: Q10\n        notes: >-\n          Engagements")
    assert not any("Q10" in w for w in _warnings(example))


def test_a_quote_without_consent_in_a_confidential_or_private_answer_is_not_flagged(example):
    # P7 is quoted in S4 (confidential) and in S5 (shareable): only S5 is flagged
    flagged = [w for w in _warnings(example) if w.split(": ", 1)[1].startswith("P7 ")]
    assert [w.split(": ", 1)[0] for w in flagged] == ["questions.yaml:250:17"]
    _edit(example / "questions.yaml", "l’animation de bénévoles.\n        shareable: true",
          "l’animation de bénévoles.\n        shareable: false")
    assert not any(w.split(": ", 1)[1].startswith("P7 ") for w in _warnings(example))


def test_warnings_are_in_english_for_an_english_mission(example):
    _edit(example / "mission.yaml", "language: fr", "language: en")
    assert "questions.yaml:55:5: question Q10 was asked in no session" in _warnings(example)


# the chain of evidence and the candidates' gaps -----------------------------------

from pamplemousse.plan import evidence  # noqa: E402
from pamplemousse.read.model import Candidate  # noqa: E402

AS_OF = "2026-06-30"


def _render(pmp, mission: Path, *args: str) -> dict[str, str]:
    out = mission / "out"
    result = pmp("render", str(mission), "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text("utf-8") for p in out.iterdir()}


def test_chain_of_evidence_of_the_example(example):
    mission, _ = load_mission(example)
    chains = {c.recommendation.id: c for c in evidence.chains(mission)}
    r1 = chains["R1"]
    assert [s.finding.id for s in r1.sources] == ["F4", "F1"]
    assert [[x.id for x in s.sessions] for s in r1.sources] == [["S2", "S3"], ["S2", "S3"]]
    assert [[q.id for q in s.questions] for s in r1.sources] == [["Q2"], ["Q2"]]
    assert [f.id for f in evidence.unanswered(mission)] == ["F11"]


def test_the_report_shows_why_each_recommendation_exists(pmp, example):
    """The chain of evidence as one grid: a row per recommendation, a column per finding it answers,
    and each finding's text and sources written once below the grid."""
    md = _render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"]
    chain = md[md.index("## Chaîne de preuves"):]
    lines = chain.splitlines()
    head = lines.index("| Préconisation | F1 | F2 | F3 | F4 | F5 | F6 | F7 | F8 | F9 | F10 |")
    assert lines[head + 1] == "|---|" + ":---:|" * 10
    assert lines[head + 2] == "| **R1** Créer un parcours d’accueil des nouveaux bénévoles | ● |  |  | ● |" + "  |" * 6
    assert lines[head + 11].startswith("| **R10** Organiser une immersion") and lines[head + 11].endswith(
        "|  |  |  |  |  |  | ● | ● |  |  |")
    below = chain[chain.index("#### Les constats repris par les préconisations"):chain.index("### Constats sans")]
    f4 = below[below.index("- **F4**"):below.index("- **F5**")].splitlines()
    assert f4 == [
        "- **F4** Pas de parcours d’accueil\u00a0: un nouveau bénévole sur deux ne revient plus après trois mois, "
        "et le taux de rotation annuel atteint 42\u00a0%. Le planning papier laisse 20 à 25 créneaux vides chaque "
        "mois. *(Frein)*",
        f"  - Entendu lors de{NB}: S2 · Entretien avec la coordinatrice de la vie associative (03/03/2026), "
        "S3 · Atelier Découvrir avec les bénévoles (10/03/2026)",
        f"  - Questions{NB}: Q2 · Racontez-moi votre arrivée comme bénévole. Qu’est-ce qui vous a donné envie "
        "de revenir la deuxième fois\u00a0?",
    ]
    # each finding's text once in the chain (F4 answers R1 and R2), none repeated under a recommendation
    assert chain.count("Pas de parcours d’accueil") == 1
    assert [line.split("**")[1] for line in below.splitlines() if line.startswith("- **F")] == [
        f"F{i}" for i in range(1, 11)]
    unanswered = chain[chain.index("### Constats sans préconisation"):chain.index("## Entrepreneuriat social")]
    assert "- **F11** La trésorerie reste tendue" in unanswered
    assert f"  - Entendu lors de{NB}: S6 · Atelier Construire sur l’essaimage vers Est Ensemble (12/05/2026)" in unanswered
    assert unanswered.count("- **F") == 1


def test_the_evidence_grid_in_html_and_its_list_for_a_phone(pmp, example):
    html = _render(pmp, example, "--doc", "rapport", "--format", "html")["rapport.html"]
    grid = html[html.index('<table class="grid">'):html.index("</table>", html.index('<table class="grid">'))]
    r2 = grid[grid.index('<tr id="preuve-R2">'):grid.index("</tr>", grid.index('<tr id="preuve-R2">'))]
    assert r2.count("●") == 2
    assert '<span class="visually-hidden">R2 répond F2</span>' in r2 and "R2 répond F4" in r2
    assert grid.count('<th scope="col" class="mark">') == 10
    phone = html[html.index('<ul class="grid-list">'):html.index("</ul>", html.index('<ul class="grid-list">'))]
    assert ('<li><a href="#R2">R2</a> · Remplacer le planning papier par un planning partagé en ligne'
            f'{NB}: <a href="#source-F4">F4</a>, <a href="#source-F2">F2</a></li>') in phone  # in `because` order
    chain = html[html.index('<section id="preuves"'):html.index("</section>", html.index('<section id="preuves"'))]
    assert chain.count("Pas de parcours d’accueil") == 1  # F4 answers R1 and R2: its text once


def test_the_report_tells_only_the_sessions_held_by_its_date(pmp, example):
    def heard(as_of: str) -> str:
        assert pmp("render", str(example), "--doc", "rapport", "--format", "md", "--as-of", as_of).exit_code == 0
        md = (example / "out" / "rapport.md").read_text("utf-8")
        return md[md.index("## Ce que nous avons entendu"):md.index("## Constats du diagnostic partagé")]

    held = heard("2026-06-09")
    assert "#### S7 · Restitution au conseil d’administration" in held
    assert held.splitlines()[2].startswith("6 séances · ")  # of seven, S4 being confidential
    before = heard("2026-06-08")
    assert "S7" not in before and "Restitution" not in before
    assert before.splitlines()[2].startswith("5 séances · ")


def test_a_recommendation_without_finding_says_so(pmp, example):
    _edit(example / "recommendations.yaml", "    because: [F8]\n", "")
    md = _render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"]
    row = next(line for line in md.splitlines() if line.startswith("| **R9** "))
    assert row == ("| **R9** Choisir le ou la porteur·euse du second site sur une grille explicite — "
                   "**Cette préconisation ne répond à aucun constat consigné.** |" + "  |" * 10)  # F8 stays: R10 answers it


def test_the_report_has_every_section_in_html(pmp, example):
    html = _render(pmp, example, "--doc", "rapport", "--format", "html")["rapport.html"]
    for section in ("cadrage", "vision", "entendu", "constats", "preconisations", "preuves", "dees", "echelle"):
        assert f'<section id="{section}"' in html
    # each chart twice: at its full width, and narrow for a phone
    assert html.count('class="pmp-chart pmp-radar pmp-wide"') == html.count('class="pmp-chart pmp-radar pmp-narrow"') == 1
    assert html.count('class="pmp-chart pmp-scores pmp-wide"') == 2  # one chart per candidate
    assert html.count('class="pmp-chart pmp-scores pmp-narrow"') == 2
    assert '<ul class="gaps"><li>Aucun·e candidat·e ne connaît à la fois le territoire et le secteur.</li>' in html
    assert '<td data-label="Malik Haddad" class="num gap"><span title="Écart à combler (note inférieure à 2)">⚠</span> 1 / 4</td>' in html
    assert "<li>Jour 1\u00a0: collecte en déchèterie" in html
    assert "https://" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    # the Dees evidence beside the radar
    assert "Environ 180 tonnes détournées de l’enfouissement en 2025" in html


def test_the_gap_sentences_of_the_example(pmp, example):
    md = _render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"]
    start = md.index("#### Ce qui manque")
    gaps = md[start:md.index("| Critère |", start)]
    assert gaps.strip().splitlines()[2:] == [
        "- ⚠ Aucun·e candidat·e ne connaît à la fois le territoire et le secteur.",
        f"- ⚠ Le territoire et le secteur sont connus, mais par des personnes différentes{NB}: "
        "un binôme les réunirait.",
    ]
    assert "| Connaissance du territoire | ⚠ **1 / 4** | 4 / 4 |" in md
    assert "| Connaissance du secteur | 4 / 4 | ⚠ **1 / 4** |" in md


def _candidate(cid: str, **scores) -> Candidate:
    base = dict(meaning=3, entrepreneurship=3, human_qualities=3, humanist_values=3,
                territory_knowledge=3, sector_knowledge=3, management=3)
    return Candidate(id=cid, name=cid, scores={**base, **scores})


def test_candidate_gaps():
    assert evidence.candidate_gaps([]) == []
    assert evidence.candidate_gaps([_candidate("C1")]) == []
    both_but_no_manager = [_candidate("C1", management=2), _candidate("C2", territory_knowledge=1, management=4)]
    assert [g.kind for g in evidence.candidate_gaps(both_but_no_manager)] == ["all_at_once"]
    apart = [_candidate("C1", territory_knowledge=1), _candidate("C2", sector_knowledge=2)]
    assert [g.kind for g in evidence.candidate_gaps(apart)] == ["pair", "complement"]
    nobody = [_candidate("C1", sector_knowledge=1, entrepreneurship=2), _candidate("C2", sector_knowledge=2)]
    assert [(g.kind, g.criteria) for g in evidence.candidate_gaps(nobody)] == [
        ("pair", evidence.TERRITORY_SECTOR), ("criterion", ("sector_knowledge",))
    ]


def test_the_report_in_english(pmp, example):
    md = _render(pmp, example, "--doc", "rapport", "--format", "md", "--lang", "en")["rapport.md"]
    assert md.startswith("# Mission report · La Ressourcerie du Val\n")
    assert "## Chain of evidence" in md and "### Findings without a recommendation" in md
    assert "- ⚠ Neither candidate knows both the territory and the sector." in md
    assert "For the organisation supported." in md


# the interview guide ------------------------------------------------------------


def test_the_guide_groups_questions_by_phase_in_the_4d_order(pmp, example):
    md = _render(pmp, example, "--doc", "guide", "--format", "md")["guide.md"]
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Découvrir", "## Rêver", "## Construire", "## Agir"]
    questions = [line.split(" · ")[0] for line in md.splitlines() if line.startswith("### ")]
    assert questions == ["### Q1", "### Q2", "### Q3", "### Q4", "### Q5", "### Q6", "### Q7", "### Q8",
                         "### Q9", "### Q10", "### Q11", "### Q12", "### Q13", "### Q14"]
    q11 = md[md.index("### Q11 ·"):md.index("### Q12 ·")]
    assert "**Relances**\n\n- Dans quel atelier commencer\u00a0?\n- Qui tranche quand un désaccord survient\u00a0?" in q11
    assert sum(line.startswith(". . . .") for line in q11.splitlines()) == 8  # room for notes
    assert md.startswith("> **Document interne – ne pas diffuser**\n")  # internal by default


def test_the_printed_guide_has_ruled_lines_for_notes(pmp, example):
    html = _render(pmp, example, "--doc", "guide", "--format", "html")["guide.html"]
    line = '<div class="note-line" role="presentation"></div>'
    assert html.count(line) == 14 * 8
    q3 = html[html.index('<article class="question" id="q-Q3">'):html.index('<article class="question" id="q-Q4">')]
    head = q3[q3.index('<div class="q-head">'):q3.index("</div>\n", q3.rindex("<p class=\"note-label\">") )]
    assert head.count(line) == 3  # the first lines stay with their question, the others may go on
    assert html.index('id="phase-discover-title"') < html.index('id="phase-dream-title"') \
        < html.index('id="phase-design-title"') < html.index('id="phase-deliver-title"')
    assert '<h2 id="phase-design-title">Construire</h2>' in html


def test_the_guide_of_a_session(pmp, example):
    md = _render(pmp, example, "--doc", "guide", "--format", "md", "--session", "S3")["guide.md"]
    head = md[:md.index("## ")]
    assert f"- **Séance**{NB}: S3 · Atelier Découvrir avec les bénévoles" in head
    assert f"- **Date**{NB}: 10 mars 2026" in head
    assert f"- **Type**{NB}: Atelier" in head
    # named when they consented (P3, P4), by role otherwise (P5, P6)
    assert (f"- **Participant·es**{NB}: Sophie Lemoine, Jean-Pierre Vasseur, Bénévole à la boutique depuis 2025, "
            "Bénévole étudiant, ateliers de réparation") in head
    # the session lists its questions: the guide keeps those
    assert [line.split(" · ")[0] for line in md.splitlines() if line.startswith("### ")] == ["### Q2", "### Q3", "### Q7"]


def test_a_session_without_questions_gets_the_whole_guide(pmp, example):
    _edit(example / "questions.yaml", "    title: Restitution au conseil d’administration\n"
          "    participants: [P1, P2, P3, P8]\n    answers:\n      - question: Q13\n",
          "    title: Restitution au conseil d’administration\n"
          "    participants: [P1, P2, P3, P8]\n    answers:\n      - question:\n")
    md = _render(pmp, example, "--doc", "guide", "--format", "md", "--session", "S7")["guide.md"]
    assert md.count("\n### Q") == 14


def test_guide_session_errors(pmp, example):
    result = pmp("render", str(example), "--doc", "guide", "--session", "S33")
    assert result.exit_code == 2
    assert _sp(result.stderr).startswith("pmp : --session S33 : aucune séance de ce nom dans ce document ; "
                                         "vouliez-vous dire « S3 » ?")
    result = pmp("render", str(example), "--doc", "rapport", "--session", "S3")
    assert result.exit_code == 2
    assert _raw(result, "stderr") == f"pmp : --session{NB}: option sans effet pour --doc rapport\n"
    assert not (example / "out").exists()


def test_the_guide_escapes_markdown_in_questions(pmp, example):
    _edit(example / "questions.yaml", "text: Quelles trois choses concrètes rendraient ce rêve ordinaire dès la rentrée\u00a0?",
          "text: \"Quelles *trois* choses | concrètes ? # dès la rentrée\"")
    md = _render(pmp, example, "--doc", "guide", "--format", "md")["guide.md"]
    assert "### Q10 · Quelles \\*trois\\* choses \\| concrètes\u00a0? # dès la rentrée" in md


def test_an_empty_guide(pmp, example):
    _strip = example / "questions.yaml"
    text = _strip.read_text("utf-8")
    start, end = text.index("guide:\n"), text.index("# Noms fictifs.")
    participants = text[end:text.index("sessions:")]
    _strip.write_text(text[:start] + "guide: []\n" + participants + "sessions: []\nfindings: []\n", encoding="utf-8")
    _edit(example / "recommendations.yaml", "    because: [F4, F1]\n", "")
    recs = example / "recommendations.yaml"
    recs.write_text("\n".join(line for line in recs.read_text("utf-8").splitlines() if "because:" not in line) + "\n",
                    encoding="utf-8")
    md = _render(pmp, example, "--doc", "guide", "--format", "md")["guide.md"]
    assert f"Le guide ne contient encore aucune question{NB}; ajoutez-en avec pmp questions --add." in md
