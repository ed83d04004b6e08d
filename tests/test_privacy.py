"""Privacy of what people said: no confidential word reaches a client's or a funder's copy.

A copy of the example mission gets a unique marker in every field that must
stay internal: the confidential session (title, notes, quotes, date), a
non-shareable answer (notes and a quote), the names of the participants who
did not consent, and a person met only in the confidential session. Every
document, in every format, for the client and the funder must hold none of them;
the internal copy holds them all.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from pamplemousse.plan import privacy
from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels

L = labels("fr")  # the catalog's own words: a label reworded there is reworded here


def _sp(text: str) -> str:
    """No-break spaces as plain ones: a message compared whatever its typography."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _raw(result, stream: str = "stdout") -> str:
    """What the command wrote, exactly (the `pmp` fixture may make no-break spaces plain)."""
    return getattr(result, f"raw_{stream}", getattr(result, stream))

AS_OF = "2026-11-02"  # after COPIL n°2, whose attendees include P7
NB = "\u00a0"

CONFIDENTIAL = ["ZZCONFTITLEZZ", "ZZCONFNOTESZZ1", "ZZCONFNOTESZZ2", "ZZCONFQUOTEZZ"]
PRIVATE = ["ZZPRIVNOTESZZ", "ZZPRIVQUOTEZZ"]
UNNAMED = ["ZZNAMEP5ZZ", "ZZNAMEP6ZZ", "ZZNAMEP7ZZ"]
ONLY_IN_CONFIDENTIAL = ["ZZONLYCONFNAMEZZ", "ZZONLYCONFROLEZZ"]
ALL_MARKERS = CONFIDENTIAL + PRIVATE + UNNAMED + ONLY_IN_CONFIDENTIAL
# The plan names the same people (a name matches whatever its case, read/names.py), written in lower
# case so that a test tells them from their words: an owner (P5), a contact (P6), a committee attendee (P7).
PLAN = ["zznamep5zz", "zznamep6zz", "zznamep7zz, encadrante technique"]
# A journal note that names P6: the documents' safety net writes the role instead.
NOTE, SCRUBBED = "ZZNOTEA ZZNAMEP6ZZ ZZNOTEB", "ZZNOTEA Bénévole étudiant, ateliers de réparation ZZNOTEB"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def secret(example: Path) -> Path:
    """The example mission with markers in every field that must stay internal."""
    q = example / "questions.yaml"
    # the confidential session S4: title, both notes, the quote, one more participant
    _edit(q, "title: Entretien individuel avec une encadrante technique",
          "title: Entretien ZZCONFTITLEZZ avec une encadrante technique")
    _edit(q, "Souhaite rester anonyme sur ce point.", "Souhaite rester anonyme sur ce point. ZZCONFNOTESZZ1")
    _edit(q, "référent salarié clairement identifié par les bénévoles.",
          "référent salarié clairement identifié par les bénévoles. ZZCONFNOTESZZ2")
    _edit(q, "pas pour être notés par quelqu’un qui vient le mardi.",
          "pas pour être notés par quelqu’un qui vient le mardi. ZZCONFQUOTEZZ")
    _edit(q, "    participants: [P7]\n    confidential: true",
          "    participants: [P7, P9]\n    confidential: true")
    _edit(q, "    role: Trésorier, administrateur bénévole\n    consent: true\n",
          "    role: Trésorier, administrateur bénévole\n    consent: true\n"
          "  - id: P9\n    name: ZZONLYCONFNAMEZZ\n    role: ZZONLYCONFROLEZZ\n    consent: true\n")
    # a non-shareable answer of a session that is not confidential (S6, Q14)
    _edit(q, "de versement.\n        shareable: false\n        quotes: []",
          "de versement. ZZPRIVNOTESZZ\n        shareable: false\n        quotes:\n"
          "          - by: P8\n            text: Il faut le dire ZZPRIVQUOTEZZ")
    # the people who did not agree to be named (P7 is also a committee attendee in the journal)
    _edit(q, "name: Aminata Diallo", "name: ZZNAMEP5ZZ")
    _edit(q, "name: Lucas Moreau", "name: ZZNAMEP6ZZ")
    _edit(q, "name: Nadia Ferreira", "name: ZZNAMEP7ZZ")
    # the plan: P7 attends a committee, P5 owns R2, P6 is a contact of the client (as written, whatever the consent)
    _edit(example / "journal.yaml", "Nadia Ferreira, encadrante technique", "zznamep7zz, encadrante technique")
    recs = (example / "recommendations.yaml").read_text("utf-8")
    at = recs.index("  - id: R2\n")
    recs = recs[:at] + recs[at:].replace("    owner: Sophie\n", "    owner: zznamep5zz\n", 1)
    (example / "recommendations.yaml").write_text(recs, encoding="utf-8")
    _edit(example / "mission.yaml", "    - name: Karim Benali\n", "    - name: zznamep6zz\n      role: Bénévole référent\n"
          "    - name: Karim Benali\n")
    # a free text naming P6: the last note of R2
    _edit(example / "journal.yaml", "- date: 2026-10-30\n", f"- date: 2026-10-29\n  recommendation: R2\n  note: {NOTE}\n"
          "- date: 2026-10-30\n")
    # a finding drawn from the confidential session only
    _edit(q, "    sources: [S4, S5, Q11]", "    sources: [S4, S5, Q11]\n  - id: F12\n    kind: obstacle\n"
          "    theme: hr\n    text: Un constat tiré du seul entretien confidentiel.\n    sources: [S4]")
    _edit(example / "recommendations.yaml", "because: [F5, F2]", "because: [F5, F2, F12]")
    mission, problems = load_mission(example)
    assert mission is not None, problems
    return example


def _texts(folder: Path) -> dict[str, str]:
    """Every file written in `folder`, as text (a workbook's XML parts joined)."""
    texts = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.suffix in (".xlsx", ".docx", ".odt"):  # zipped XML: the workbook, Word, LibreOffice
            with zipfile.ZipFile(path) as z:
                texts[path.name] = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        else:
            texts[path.name] = path.read_text("utf-8")
    return texts


def _render_everything(pmp, mission: Path, audience: str, out: Path) -> dict[str, str]:
    runs = [("pilotage", f) for f in ("html", "md", "json", "ics", "xlsx")]
    runs += [("rapport", f) for f in ("html", "md")] + [("guide", f) for f in ("html", "md")]
    runs += [(doc, f) for doc in ("cadrage", "bilan", "suivi") for f in ("html", "md")]
    runs += [(doc, f) for doc in ("cadrage", "rapport", "bilan", "suivi") for f in ("docx", "odt")]
    for doc, fmt in runs:
        result = pmp("render", str(mission), "--doc", doc, "--format", fmt, "--audience", audience,
                     "--as-of", AS_OF, "-o", str(out))
        assert result.exit_code == 0, (doc, fmt, result.output)
    if audience != "funder":  # the funder's copy has no session at all
        result = pmp("render", str(mission), "--doc", "guide", "--session", "S5", "--audience", audience,
                     "--as-of", AS_OF, "-o", str(out / "session"))
        assert result.exit_code == 0, result.output
        texts = _texts(out)
        texts.update({f"session/{k}": v for k, v in _texts(out / "session").items()})
        return texts
    return _texts(out)


@pytest.fixture(scope="module")
def _rendered() -> dict[str, dict[str, str]]:
    return {}


@pytest.fixture
def everything(pmp, secret, tmp_path, _rendered):
    """`everything(audience)`: every document of the marked mission for `audience`, rendered once per
    module (the same files whichever test asks first)."""
    def texts(audience: str) -> dict[str, str]:
        if audience not in _rendered:
            _rendered[audience] = _render_everything(pmp, secret, audience, tmp_path / audience)
        return dict(_rendered[audience])

    return texts


@pytest.mark.parametrize("audience", ["client", "funder"])
def test_no_marker_reaches_a_client_or_funder_document(everything, audience):
    texts = everything(audience)
    assert {"pilotage.html", "pilotage.md", "pilotage.json", "pilotage.ics", "pilotage.xlsx",
            "rapport.html", "rapport.md", "guide.html", "guide.md"} <= set(texts)
    assert {f"{doc}.{f}" for doc in ("cadrage", "bilan", "suivi") for f in ("html", "md", "docx", "odt")} <= set(texts)
    assert {"rapport.docx", "rapport.odt"} <= set(texts)
    for name, text in texts.items():
        for marker in ALL_MARKERS:
            assert marker not in text, (name, marker)
        # the confidential session appears nowhere: not its id, nor its date
        assert not re.search(r"\bS4\b", text), name
        assert "17/03/2026" not in text and "17 mars 2026" not in text, name


def test_the_internal_copy_holds_everything_and_says_so(everything):
    texts = everything("internal")
    rapport = texts["rapport.html"] + texts["rapport.md"]
    for marker in ALL_MARKERS:
        assert marker in rapport, marker
    for name in ("pilotage.html", "rapport.html", "guide.html"):
        assert f'<p class="internal-mark" role="note">{L["privacy"]["internal_mark"]}</p>' in texts[name]
        # printed at the top of every page (a page margin box)
        assert '@page { @top-center { content: "Document interne \\2013  ne pas diffuser";' in texts[name]
    for name in ("pilotage.md", "rapport.md", "guide.md"):
        assert texts[name].startswith(f"> **{L['privacy']['internal_mark']}**\n")
    for name in ("pilotage.md", "rapport.md", "session/guide.md"):  # a blank guide holds no notes: it does not say so
        assert L["privacy"]["audience"]["internal"] in texts[name]
    assert L["privacy"]["audience"]["internal"] not in texts["guide.md"] + texts["guide.html"]


def test_every_document_names_its_audience_in_its_footer(everything):
    for audience in ("client", "funder"):
        line = L["privacy"]["audience"][audience]
        texts = everything(audience)
        for name in ("pilotage.html", "pilotage.md", "rapport.html", "rapport.md", "guide.html", "guide.md",
                     *(f"{doc}.{f}" for doc in ("cadrage", "bilan", "suivi") for f in ("html", "md", "docx", "odt"))):
            assert line in html.unescape(texts[name]), (audience, name)
            assert 'class="internal-mark"' not in texts[name] and L["privacy"]["short"]["internal"] not in texts[name]


def test_client_copy_attributes_words_by_role_and_keeps_consented_names(everything):
    texts = everything("client")
    md = texts["rapport.md"]
    # a quote of someone who did not consent is kept, under their role
    assert ("> «\u00a0Le premier jour, personne ne savait que je venais. J’ai plié des vêtements toute seule "
            "pendant trois heures.\u00a0» — Bénévole à la boutique depuis 2025") in md
    assert "— Jean-Pierre Vasseur" in md  # consented
    assert "### Personnes rencontrées\n\n- Hélène Marchand (Présidente, administratrice bénévole)\n" in md
    assert "\n- Bénévole à la boutique depuis 2025\n- Bénévole étudiant, ateliers de réparation\n" in md
    assert "6 séances · 8 personnes rencontrées" in md  # S4 and P9 not counted
    for name in ("rapport.html", "rapport.docx", "rapport.odt"):  # the same words in every format
        assert "— Bénévole à la boutique depuis 2025<" in texts[name], name
        assert ">Bénévole à la boutique depuis 2025<" in texts[name], name  # among the people met
    # the guide of a session names only who consented
    assert (f"**Participant·es**{NB}: Hélène Marchand, Karim Benali, Sophie Lemoine, Jean-Pierre Vasseur, "
            "Bénévole à la boutique depuis 2025, Encadrante technique d’insertion, Bernard Coste") in texts["session/guide.md"]


def test_the_internal_copy_attributes_words_by_name(everything):
    texts = everything("internal")
    md = texts["rapport.md"]
    assert "pendant trois heures. » — ZZNAMEP5ZZ" in _sp(md)
    assert "\n- ZZNAMEP5ZZ\n- ZZNAMEP6ZZ\n- ZZNAMEP7ZZ\n" in md
    assert "Participant·es : Sophie Lemoine, Jean-Pierre Vasseur, ZZNAMEP5ZZ, ZZNAMEP6ZZ*" in _sp(md)
    for name in ("rapport.html", "rapport.docx", "rapport.odt"):
        assert "— ZZNAMEP5ZZ<" in texts[name], name


# Where the plan's people are in the documents (the same for every audience): R2's owner, the contact,
# the attendee of COPIL n°2. Before consent governed words only, all three were replaced by a role.
PLAN_IN = {
    "zznamep5zz": [f"pilotage.{f}" for f in ("html", "md", "json", "xlsx", "ics")]
    + [f"{doc}.{f}" for doc in ("rapport", "suivi") for f in ("html", "md", "docx", "odt")],
    "zznamep6zz": [f"cadrage.{f}" for f in ("html", "md", "docx", "odt")],
    "zznamep7zz, encadrante technique": [f"pilotage.{f}" for f in ("html", "md", "json", "xlsx")],
}
NOTE_IN = [f"pilotage.{f}" for f in ("html", "md", "json", "xlsx")] + [f"suivi.{f}" for f in ("html", "md", "docx", "odt")]


@pytest.mark.parametrize("audience", ["client", "funder", "internal"])
def test_the_plan_names_people_as_written_and_free_texts_do_not(everything, audience):
    """Owners, contacts and attendees as written, whatever the consent; a note naming someone
    without consent has the role instead, but for the internal copy."""
    texts = {name: html.unescape(text) for name, text in everything(audience).items()}
    for written, where in PLAN_IN.items():
        for name in where:
            assert written in texts[name], (written, name)
    for name in NOTE_IN:
        if audience == "internal":
            assert NOTE in texts[name], name
        else:
            assert SCRUBBED in texts[name] and NOTE not in texts[name], name
    assert ("- zznamep7zz, encadrante technique\n" in texts["pilotage.md"]) and "- Hélène Marchand, présidente\n" in texts["pilotage.md"]


def test_a_finding_drawn_only_from_a_confidential_session_keeps_its_text_without_source(everything):
    texts = everything("client")
    md = texts["rapport.md"]
    chain = md[md.index(f"## {L['rapport']['evidence']}"):md.index(f"### {L['rapport']['unanswered']}")]  # below its grid
    assert f"- **F12** Un constat tiré du seul entretien confidentiel. *(Frein)*\n  - {L['rapport']['no_source']}" in chain
    f5 = chain[chain.index("- **F5**"):chain.index("\n- **F", chain.index("- **F5**"))]
    assert "S5 · Atelier Rêver et Construire" in f5 and "S4" not in f5


def test_the_funder_copy_has_no_interview_content(everything):
    texts = everything("funder")
    md = texts["rapport.md"]
    assert L["rapport"]["funder_no_interviews"] in md
    all_text = "".join(texts.values())
    for heard in ("On recrute très bien", "Atelier Découvrir avec les bénévoles", "Pas de parcours d’accueil formalisé",
                  L["rapport"]["people_met"], "Malik Haddad", "Élodie Garnier", "je veux bien y aller"):
        assert heard not in all_text, heard
    assert all(L["privacy"]["candidate"].format(n=n) in md for n in (1, 2))
    # findings and the plan stay; the chain of evidence has no session
    assert "- **F4** Pas de parcours d’accueil" in md
    assert "Entendu lors de" not in md
    assert "Aucun·e candidat·e ne connaît à la fois le territoire et le secteur." in md


def test_check_messages_hold_no_marker(pmp, secret):
    result = pmp("check", str(secret))
    assert result.exit_code == 0
    assert "P5 n'a pas donné son accord" in result.stdout
    for marker in ALL_MARKERS:
        assert marker not in result.output, marker


def test_check_messages_hold_no_marker_when_the_file_is_broken(pmp, secret):
    _edit(secret / "questions.yaml", "    confidential: true", "    confidential: peut-être ZZCONFTITLEZZ")
    result = pmp("check", str(secret))
    assert result.exit_code == 1
    assert "« confidential » doit valoir true ou false" in _sp(result.stdout)
    for marker in ALL_MARKERS:
        assert marker not in result.output, marker


def test_redact_is_a_copy_and_leaves_the_mission_untouched(secret):
    mission, _ = load_mission(secret)
    client = privacy.redact(mission, "client")
    assert [s.id for s in client.questions.sessions] == ["S1", "S2", "S3", "S5", "S6", "S7"]
    assert [s.id for s in mission.questions.sessions] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    assert {p.id: p.name for p in client.questions.participants}["P5"] == "Bénévole à la boutique depuis 2025"
    assert "P9" not in {p.id for p in client.questions.participants}
    q14 = next(a for s in client.questions.sessions if s.id == "S6" for a in s.answers if a.question == "Q14")
    assert (q14.notes, q14.quotes) == (None, [])
    assert privacy.redact(mission, "internal") is mission
    funder = privacy.redact(mission, "funder")
    assert (funder.questions.sessions, funder.questions.participants) == ([], [])
    assert next(f.sources for f in funder.questions.findings) == ["Q2"]


def test_a_participant_without_role_is_a_person_met(secret):
    _edit(secret / "questions.yaml", "    role: Bénévole étudiant, ateliers de réparation\n", "")
    mission, _ = load_mission(secret)
    client = privacy.redact(mission, "client")
    assert {p.id: p.name for p in client.questions.participants}["P6"] == "une personne rencontrée"


def test_an_unknown_audience_is_refused_with_a_suggestion(pmp, example):
    result = pmp("render", str(example), "--audience", "funders")
    assert result.exit_code == 2
    assert _sp(result.stderr) == ("pmp : --audience funders : destinataires inconnus ; valeurs possibles : "
                                  "client, funder, internal ; vouliez-vous dire « funder » ?\n")
    assert not (example / "out").exists()
