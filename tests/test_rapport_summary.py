"""The report's first page (« Synthèse »), its framing and conclusion from mission.yaml, its sessions
with nothing to share, and the steering tool's attention list in Markdown."""

from __future__ import annotations

from pathlib import Path

from pamplemousse.plan import evidence
from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import Formats, labels

AS_OF = "2026-11-26"
NB = "\u00a0"
L = labels("fr")  # the catalog's words, looked up by key: the layout is the point here, not the labels
ATTENTION = f"## {L['attention']['title']}"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _render(pmp, mission: Path, *args: str) -> dict[str, str]:
    result = pmp("render", str(mission), "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text("utf-8") for p in (mission / "out").iterdir() if p.suffix in (".md", ".html")}


def _section(md: str, heading: str) -> str:
    start = md.index(heading + "\n")
    end = md.find("\n## ", start + len(heading))
    return md[start:end if end != -1 else len(md)]


# the rule by which the summary picks what was heard -------------------------------


def test_the_findings_most_answered_first_ties_in_file_order(example):
    mission, _ = load_mission(example)
    # F2 and F3 are answered three times each; F1, F4, F5, F7, F8 twice: the first of those in file order
    assert [f.id for f in evidence.most_answered(mission)] == ["F2", "F3", "F1", "F4", "F5"]
    assert [f.id for f in evidence.most_answered(mission, 3)] == ["F2", "F3", "F1"]


def test_a_finding_cited_twice_by_one_recommendation_counts_once(example):
    _edit(example / "recommendations.yaml", "    because: [F8]\n", "    because: [F8, F8, F8]\n")
    mission, _ = load_mission(example)
    assert [f.id for f in evidence.most_answered(mission)] == ["F2", "F3", "F1", "F4", "F5"]


# the summary ----------------------------------------------------------------------


def test_the_summary_comes_first_and_says_the_four_things(pmp, example):
    md = _render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"]
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings[:2] == ["## Synthèse", "## Cadrage de la mission"]
    summary = _section(md, "## Synthèse")
    assert [line for line in summary.splitlines() if line.startswith("### ")] == [
        "### Ce qui nous a été demandé", "### L’essentiel de ce que nous avons entendu",
        "### Les préconisations en un coup d’œil", "### Et maintenant",
    ]
    assert "> «\u00a0Nous avons beaucoup de bénévoles qui viennent une fois et ne reviennent pas" in summary
    assert [line.split("**")[1] for line in summary.splitlines() if line.startswith("- **F")] == [
        "F2", "F3", "F1", "F4", "F5"]
    assert "| N° | Préconisation | Priorité | Échéance | Responsable |" in summary
    assert "| R1 | Créer un parcours d’accueil des nouveaux bénévoles | haute | 15/12/2026 | Sophie |" in summary
    assert sum(line.startswith("| R") for line in summary.splitlines()) == 10
    lines = summary.splitlines()
    assert lines[lines.index("### Et maintenant"):] == [
        "### Et maintenant",
        "",
        f"- **Dernier comité**{NB}: COPIL n°2 · 20 octobre 2026",
        f"- **Suivi du DLA**{NB}: 30 septembre 2027",
        f"- **Prochaines échéances**{NB}:",
        "  - 10/12/2026 · R8 · Décision du conseil d’administration",
        "  - 15/12/2026 · R1 · échéance de la préconisation",
        "  - 15/12/2026 · R1 · Bilan des points à un mois",
    ]


def test_the_next_committee_planned_replaces_the_latest_one(pmp, example):
    _edit(example / "questions.yaml", "findings:\n", (
        "  - id: S9\n    date: 2027-01-14\n    kind: committee\n    title: COPIL n°3\n\nfindings:\n"))
    summary = _section(_render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"], "## Synthèse")
    assert f"- **Prochain comité**{NB}: COPIL n°3 · 14 janvier 2027" in summary
    assert "Dernier comité" not in summary


def test_without_a_request_the_summary_says_the_objectives_and_in_english(pmp, example):
    text = (example / "mission.yaml").read_text("utf-8")
    start = text.index("  request: >-")
    text = text[:start] + text[text.index("  context: >-"):]
    (example / "mission.yaml").write_text(text, "utf-8")
    summary = _section(_render(pmp, example, "--doc", "rapport", "--format", "md", "--lang", "en")["rapport.md"],
                       "## Summary")
    assert "### What we were asked\n\n- Comprendre pourquoi les bénévoles ne restent pas" in summary
    assert "### What we heard, in short" in summary and "### What comes next" in summary
    assert "| No. | Recommendation | Priority | Due | Owner |" in summary


def test_the_summary_in_html_is_a_section_before_the_framing(pmp, example):
    html = _render(pmp, example, "--doc", "rapport", "--format", "html")["rapport.html"]
    assert html.index('<section id="synthese"') < html.index('<section id="cadrage"')
    summary = html[html.index('<section id="synthese"'):html.index('<section id="cadrage"')]
    assert '<ul class="key-findings">' in summary and summary.count('<span class="fid">') == 5
    assert '<th scope="row"><a href="#R10">R10</a></th>' in summary
    assert '<li><a href="#synthese">Synthèse</a></li>' in html


# framing and closing from mission.yaml -----------------------------------------------


def test_the_framing_words_and_the_conclusion_where_the_mission_has_them(pmp, example):
    md = _render(pmp, example, "--doc", "rapport", "--format", "md")["rapport.md"]
    framing = _section(md, "## Cadrage de la mission")
    for heading in ("### La demande", "### Contexte", "### Objectifs de l’accompagnement", "### Périmètre",
                    "### Méthode", "### Livrables"):
        assert heading in framing
    assert md.splitlines()[-1] == "*Document produit avec pamplemousse à partir des fichiers de la mission.*"
    conclusion = _section(md, "## Conclusion")
    assert conclusion.startswith("## Conclusion\n\nLe diagnostic a été partagé par l’équipe")
    assert "### Nouveaux besoins\n\n- Un accompagnement à l’étude de faisabilité" in conclusion


def test_no_empty_heading_without_framing_nor_closing(pmp, example):
    text = (example / "mission.yaml").read_text("utf-8")
    text = text[:text.index("# La note de cadrage")]
    (example / "mission.yaml").write_text(text, "utf-8")
    out = _render(pmp, example, "--doc", "rapport", "--format", "md,html")
    md, html = out["rapport.md"], out["rapport.html"]
    assert "### La demande" not in md and "## Conclusion" not in md and "### Ce qui nous a été demandé" not in md
    assert 'id="conclusion"' not in html and "La demande" not in html and "#conclusion" not in html
    assert "## Synthèse" in md  # what was heard, the plan and what comes next remain


# a session with nothing the audience may read -------------------------------------------


def _unshare_s6(example: Path) -> None:
    text = (example / "questions.yaml").read_text("utf-8")
    start = text.index("  - id: S6\n")
    end = text.index("  - id: S7\n")
    (example / "questions.yaml").write_text(
        text[:start] + text[start:end].replace("shareable: true", "shareable: false") + text[end:], "utf-8")


def test_a_session_with_nothing_shared_says_so_to_the_client(pmp, example):
    _unshare_s6(example)
    out = _render(pmp, example, "--doc", "rapport", "--format", "md,html")
    md, html = out["rapport.md"], out["rapport.html"]
    s6 = md[md.index("#### S6 · "):md.index("\n### ", md.index("#### S6 · "))]
    assert s6.splitlines()[2].startswith("*12 mai 2026 · Participant·es")
    assert s6.splitlines()[4] == "Les échanges de cette séance ne sont pas repris ici."
    assert "**Q" not in s6 and ">" not in s6  # no question, note nor quote
    s6 = html[html.index('<article class="session" id="S6">'):html.index("</article>", html.index('id="S6"'))]
    assert '<p class="muted">Les échanges de cette séance ne sont pas repris ici.</p>' in s6
    assert '<div class="answer">' not in s6
    # the sessions with something shared say no such thing
    assert md.count("ne sont pas repris ici") == 1


def test_the_internal_report_shows_the_unshared_notes(pmp, example):
    _unshare_s6(example)
    md = _render(pmp, example, "--doc", "rapport", "--format", "md", "--audience", "internal")["rapport.md"]
    s6 = md[md.index("#### S6 · "):md.index("\n### ", md.index("#### S6 · "))]
    assert "ne sont pas repris ici" not in s6 and "Aucune note" not in s6
    assert s6.count("**Q") >= 2  # its answers, unshared, are in the internal document


def test_a_session_without_any_note_says_so_internally(pmp, example):
    text = (example / "questions.yaml").read_text("utf-8")
    start = text.index("  - id: S7\n")
    end = text.index("\n\n", start)
    block = text[start:end]
    kept = block[:block.index("    answers:")]
    (example / "questions.yaml").write_text(text[:start] + kept.rstrip("\n") + text[end:], "utf-8")
    md = _render(pmp, example, "--doc", "rapport", "--format", "md", "--audience", "internal")["rapport.md"]
    s7 = md[md.index("#### S7 · "):md.index("## Constats")]
    assert "Aucune note n’est consignée pour cette séance." in s7


# the attention list of the Markdown steering tool ------------------------------------------


def test_the_markdown_pilotage_opens_on_the_attention_list(pmp, example):
    md = _render(pmp, example, "--format", "md")["pilotage.md"]
    assert md.index(ATTENTION) < md.index("## Synthèse")
    attention = _section(md, ATTENTION)
    lines = attention.splitlines()
    assert lines[2].endswith(" · " + Formats("fr").plural(L["attention"]["count"], 4))
    assert lines[4] == ("1. **R6** Former les encadrant·es techniques à l’accueil et à l’animation de bénévoles — "
                        f"{L['status']['blocked']} · {L['common']['stale'].format(weeks=6)}")
    words = L["attention"]
    assert lines[5] == f"   - **{words['col_owner']}**{NB}: Karim"
    assert lines[6] == f"   - **{words['expected']}**{NB}: {words['next_unblock']} {words['next_news']}"
    assert [line.split("**")[1] for line in lines if line[:1].isdigit()] == ["R6", "R5", "R8", "R9"]


def test_the_attention_list_escapes_what_users_wrote(pmp, example):
    recs = example / "recommendations.yaml"
    _edit(recs, "title: Former les encadrant·es techniques à l’accueil et à l’animation de bénévoles\n",
          "title: \"# <b>Former</b> *vite* | [lien](http://x) les encadrant·es techniques\"\n")
    _edit(recs, "title: Charte validée par le conseil d’administration",
          "title: \"Charte _validée_ <i>ici</i>\"")
    attention = _section(_render(pmp, example, "--format", "md")["pilotage.md"], ATTENTION)
    assert ("1. **R6** \\# \\<b\\>Former\\</b\\> \\*vite\\* \\| \\[lien\\](http://x) les encadrant·es techniques"
            in attention)
    assert L["attention"]["milestone_missed"].format(title="Charte \\_validée\\_ \\<i\\>ici\\</i\\>", date="15 octobre 2026") in attention
    assert "<b>" not in attention and "<i>" not in attention


def test_nothing_to_attend_to_says_so_in_markdown(pmp, example):
    result = pmp("render", str(example), "--format", "md", "--as-of", "2026-03-01")
    assert result.exit_code == 0, result.output
    md = (example / "out" / "pilotage.md").read_text("utf-8")
    assert L["attention"]["none"] in _section(md, ATTENTION)
