"""The built-in question bank: appreciative questions in French and English.

`load_bank()` reads `bank/questions.yaml` strictly (yamlread, then the models
below); `select()` keeps the questions of a phase, a theme, a moment or that
contain some words. A search ignores case and accents and looks in the text and
the purpose of the chosen language; every word searched must begin a word there
("benevole" finds « bénévoles », "naissance" does not find « reconnaissance »).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, ValidationError

from pamplemousse.errors import MissionProblems, Problem, UsageError, sort_problems
from pamplemousse.read.model import Id, ProblemArea, QuestionPhase, Strict, Text
from pamplemousse.read.yamlread import read_yaml
from pamplemousse.text.i18n import LANGUAGES, message
from pamplemousse.text.messages import did_you_mean, t
from pamplemousse.text.wording import fold

BANK_FILE = Path(__file__).resolve().parent / "bank_data" / "questions.yaml"

PHASES: tuple[str, ...] = QuestionPhase.__args__  # type: ignore[attr-defined]
THEMES: tuple[str, ...] = ProblemArea.__args__  # type: ignore[attr-defined]
Moment = Literal["framing", "duplication_holder", "duplication_founder", "duplication_territory", "closing"]
MOMENTS: tuple[str, ...] = Moment.__args__  # type: ignore[attr-defined]


class Wording(Strict):
    fr: Text
    en: Text


class FollowUps(Strict):
    fr: list[Text]
    en: list[Text]


class BankQuestion(Strict):
    id: Id
    phase: QuestionPhase
    theme: ProblemArea
    moments: list[Moment] = Field(default_factory=list)
    text: Wording
    purpose: Wording
    follow_ups: Optional[FollowUps] = None

    def in_language(self, lang: str) -> LocalQuestion:
        follow_ups = getattr(self.follow_ups, lang) if self.follow_ups else []
        return LocalQuestion(
            id=self.id,
            phase=self.phase,
            theme=self.theme,
            moments=list(self.moments),
            text=getattr(self.text, lang),
            purpose=getattr(self.purpose, lang),
            follow_ups=list(follow_ups),
        )


class BankFile(Strict):
    questions: list[BankQuestion]


@dataclass(frozen=True)
class LocalQuestion:
    """A bank question in one language: what `pmp questions` shows and --add writes."""

    id: str
    phase: str
    theme: str
    moments: list[str]
    text: str
    purpose: str
    follow_ups: list[str]

    def as_dict(self) -> dict:
        return {
            "id": self.id, "phase": self.phase, "theme": self.theme, "moments": self.moments,
            "text": self.text, "purpose": self.purpose, "follow_ups": self.follow_ups,
        }


def load_bank(path: Path = BANK_FILE) -> list[BankQuestion]:
    """Every question of the bank at `path` (the built-in one by default), in file order."""
    if path == BANK_FILE:
        return list(_builtin())
    return _read(path)


@lru_cache(maxsize=1)
def _builtin() -> tuple[BankQuestion, ...]:
    return tuple(_read(BANK_FILE))


def _read(path: Path) -> list[BankQuestion]:
    """The questions of a bank file, or MissionProblems with each problem at its line."""
    from pamplemousse.read.load import word_error  # the loader's plain wording of model errors

    doc, problems = read_yaml(path, path.name, "fr")
    if doc is None:
        raise MissionProblems(problems)
    try:
        bank = BankFile.model_validate(doc.data)
    except ValidationError as err:
        problems = [word_error(e, doc, BankFile, "fr") for e in err.errors(include_url=False)]
        raise MissionProblems(sort_problems(problems)) from None
    first: dict[str, int] = {}
    for i, q in enumerate(bank.questions):
        if q.id in first:
            line, col = doc.position(("questions", i, "id"))
            line0, _ = doc.position(("questions", first[q.id], "id"))
            message = t("fr", "duplicate_id", id=q.id, where=path.name, line=line0)
            raise MissionProblems([Problem(path.name, line, col, message)])
        first[q.id] = i
    return bank.questions


def _check_choice(option: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise UsageError(key="bank_unknown_choice", option=option, value=value, listed=", ".join(allowed),
                         suggest=(value, list(allowed)))


def select(
    questions: list[BankQuestion],
    lang: str = "fr",
    phase: str | None = None,
    theme: str | None = None,
    moment: str | None = None,
    search: str | None = None,
) -> list[LocalQuestion]:
    """The questions that match every filter given, in `lang`, in bank order."""
    _check_choice("--phase", phase, PHASES)
    _check_choice("--theme", theme, THEMES)
    _check_choice("--moment", moment, MOMENTS)
    _check_choice("--lang", lang, LANGUAGES)
    words = [re.compile(r"\b" + re.escape(w)) for w in fold(search).split()] if search else []
    found = []
    for q in questions:
        if (phase and q.phase != phase) or (theme and q.theme != theme) or (moment and moment not in q.moments):
            continue
        local = q.in_language(lang)
        haystack = fold(local.text + " " + local.purpose)
        if all(w.search(haystack) for w in words):
            found.append(local)
    return found


def pick(questions: list[BankQuestion], ids: list[str]) -> list[BankQuestion]:
    """The bank questions with these ids, in the order given; an unknown id stops (exit 2)."""
    by_id = {q.id: q for q in questions}
    chosen = []
    for ident in ids:
        if ident not in by_id:
            raise UsageError(message("fr", "bank_unknown_id", id=ident,
                                     close=did_you_mean("fr", ident, by_id) or message("fr", "bank_see_questions")))
        chosen.append(by_id[ident])
    return chosen
