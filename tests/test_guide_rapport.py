"""The method: pmp check's warnings, the chain of evidence, the interview guide and the mission report."""

from __future__ import annotations

from pathlib import Path

from pamplemousse.load import load_mission

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
    warnings = _warnings(example)
    assert "questions.yaml:55:5: la question Q10 n'a été posée dans aucune séance" in warnings
    consent = [w for w in warnings if "n'a pas donné son accord" in w]
    assert [w.split(": ", 1)[0] for w in consent] == [
        "questions.yaml:184:17", "questions.yaml:193:17", "questions.yaml:241:17", "questions.yaml:250:17",
    ]
    assert consent[0].endswith(
        f"P5 n'a pas donné son accord pour être nommé·e (consent: false){NB}: dans une réponse partageable, "
        "cette citation sera attribuée à son rôle"
    )


def test_a_recommendation_that_answers_no_finding(example):
    _edit(example / "recommendations.yaml", "    because: [F8]\n", "")
    _edit(example / "recommendations.yaml", "    because: [F7, F9]\n", "    because: []\n")
    warnings = _warnings(example)
    assert f"recommendations.yaml:185:14: la préconisation R8 ne répond à aucun constat{NB}; indiquez-les dans because" in warnings
    assert f"recommendations.yaml:198:5: la préconisation R9 ne répond à aucun constat{NB}; indiquez-les dans because" in warnings


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
