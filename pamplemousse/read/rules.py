"""Rules across the files of a mission: one small function per rule.

Each rule takes the mission and a `Where` (to place a problem on its YAML node)
and returns a list of problems. Errors stop a render; warnings (severity
"warning") are shown apart and fail `pmp check` only with `--strict`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pamplemousse.errors import Problem
from pamplemousse.read.model import Mission
from pamplemousse.read.yamlread import YamlDoc
from pamplemousse.text.messages import did_you_mean, ref_kind, t


@dataclass
class Where:
    docs: dict[str, YamlDoc]
    lang: str

    def problem(self, file: str, loc: tuple, key: str, severity: str = "error", **kw) -> Problem:
        doc = self.docs[file]
        line, col = doc.position(loc)
        tag = t(self.lang, "warning_tag") if severity == "warning" else ""
        return Problem(doc.name, line, col, t(self.lang, key, **kw), severity, tag)

    def inside(self, file: str, loc: tuple, find: Callable[[str], int | None]) -> tuple[int, int]:
        """1-based (line, column) of what `find` finds in the value at `loc` (YamlDoc.inside)."""
        return self.docs[file].inside(loc, find)

    def said(self, file: str, loc: tuple, key: str, severity: str = "error", **kw) -> Problem:
        """A problem worded by the catalogs' `errors.<key>` (text/i18n) rather than text/messages."""
        from pamplemousse.text.i18n import message

        doc = self.docs[file]
        line, col = doc.position(loc)
        tag = t(self.lang, "warning_tag") if severity == "warning" else ""
        return Problem(doc.name, line, col, message(self.lang, key, **kw), severity, tag)

    def unknown(self, file: str, loc: tuple, ref: str, kind: str, known) -> Problem:
        doc = self.docs[file]
        line, col = doc.position(loc)
        message = t(self.lang, "unknown_ref", ref=ref, kind=ref_kind(self.lang, kind))
        return Problem(doc.name, line, col, message + did_you_mean(self.lang, ref, known))


Q, R, M, V, J = "questions.yaml", "recommendations.yaml", "mission.yaml", "vision.yaml", "journal.yaml"


def all_ids(m: Mission) -> Iterator[tuple[str, str, tuple]]:
    """(id, file, loc) of every item that carries an id, in file order."""
    for i, p in enumerate(m.meta.phases):
        yield p.id, M, ("phases", i, "id")
    if m.vision.scaling:
        for i, c in enumerate(m.vision.scaling.candidates):
            yield c.id, V, ("scaling", "candidates", i, "id")
    for section in ("guide", "participants", "sessions", "findings"):
        for i, item in enumerate(getattr(m.questions, section)):
            yield item.id, Q, (section, i, "id")
    for i, r in enumerate(m.recommendations):
        yield r.id, R, ("recommendations", i, "id")
        for j, ind in enumerate(r.indicators):
            yield ind.id, R, ("recommendations", i, "indicators", j, "id")
    for i, e in enumerate(m.journal):
        if e.id is not None:
            yield e.id, J, (i, "id")


def unique_ids(m: Mission, w: Where) -> list[Problem]:
    first: dict[str, tuple[str, tuple, str]] = {}
    found = []
    for ident, file, loc in all_ids(m):
        key = ident.casefold()  # r1 and R1 read as one id by people, file systems and spreadsheets
        if key in first:
            f0, loc0, ident0 = first[key]
            line0, _ = w.docs[f0].position(loc0)
            message = "duplicate_id" if ident == ident0 else "duplicate_id_case"
            found.append(w.problem(file, loc, message, id=ident, first=ident0, where=f0, line=line0))
        else:
            first[key] = (file, loc, ident)
    return found


def references(m: Mission, w: Where) -> list[Problem]:
    q = m.questions
    findings = {f.id for f in q.findings}
    sessions = {s.id for s in q.sessions}
    questions = {x.id for x in q.guide}
    participants = {p.id for p in q.participants}
    recs = {r.id for r in m.recommendations}
    indicators = {i.id for _, i in m.indicators()}
    phases = {p.id for p in m.meta.phases}
    milestones = [ref for ref, _, _ in m.milestones()]  # in file order: a did-you-mean tie goes to the first
    found = []
    for i, r in enumerate(m.recommendations):
        for j, ref in enumerate(r.because):
            if ref not in findings:
                found.append(w.unknown(R, ("recommendations", i, "because", j), ref, "finding", findings))
    for i, f in enumerate(q.findings):
        for j, ref in enumerate(f.sources):
            if ref not in sessions and ref not in questions:
                found.append(w.unknown(Q, ("findings", i, "sources", j), ref, "source", sessions | questions))
    for i, s in enumerate(q.sessions):
        for j, ref in enumerate(s.participants):
            if ref not in participants:
                found.append(w.unknown(Q, ("sessions", i, "participants", j), ref, "participant", participants))
        for j, a in enumerate(s.answers):
            if a.question is not None and a.question not in questions:
                found.append(w.unknown(Q, ("sessions", i, "answers", j, "question"), a.question, "question", questions))
            for k, quote in enumerate(a.quotes):
                loc = ("sessions", i, "answers", j, "quotes", k, "by")
                if quote.by is None:
                    continue
                if quote.by not in participants:
                    found.append(w.unknown(Q, loc, quote.by, "participant", participants))
                elif s.participants and quote.by not in s.participants:
                    found.append(w.problem(Q, loc, "quote_not_participant", "warning", ref=quote.by))
    for i, e in enumerate(m.journal):
        if e.recommendation is not None and e.recommendation not in recs:
            found.append(w.unknown(J, (i, "recommendation"), e.recommendation, "recommendation", recs))
        if e.indicator is not None and e.indicator not in indicators:
            found.append(w.unknown(J, (i, "indicator"), e.indicator, "indicator", indicators))
        if e.phase is not None and e.phase not in phases:
            found.append(w.unknown(J, (i, "phase"), e.phase, "phase", phases))
        if e.milestone is not None and e.milestone not in milestones:
            found.append(w.unknown(J, (i, "milestone"), e.milestone, "milestone", milestones))
    return found


def withdrawals(m: Mission, w: Where) -> list[Problem]:
    """A withdrawal names an entry of the journal that is not itself a withdrawal (else it withdraws nothing)."""
    kinds = {e.id: e.withdraw is not None for e in m.journal if e.id is not None}
    found = []
    for i, e in enumerate(m.journal):
        if e.withdraw is None:
            continue
        if e.withdraw not in kinds:
            found.append(w.said(J, (i, "withdraw"), "check_withdraw_unknown", "warning", id=e.withdraw))
        elif kinds[e.withdraw]:
            found.append(w.said(J, (i, "withdraw"), "check_withdraw_withdrawal", "warning", id=e.withdraw))
    return found


def dates_in_order(m: Mission, w: Where) -> list[Problem]:
    found = []
    for i, r in enumerate(m.recommendations):
        if r.start > r.due:
            found.append(w.problem(R, ("recommendations", i, "due"), "start_after_due",
                                   start=r.start.isoformat(), due=r.due.isoformat()))
    for i, p in enumerate(m.meta.phases):
        if p.start and p.end and p.start > p.end:
            found.append(w.problem(M, ("phases", i, "end"), "phase_end_before_start",
                                   start=p.start.isoformat(), end=p.end.isoformat()))
    return found


def milestones_fit(m: Mission, w: Where) -> list[Problem]:
    """A milestone dated after its recommendation's due date; two milestones with one id."""
    found: list[Problem] = []
    first: dict[str, tuple] = {}
    for i, r in enumerate(m.recommendations):
        for j, ms in enumerate(r.milestones):
            if ms.due > r.due:
                found.append(w.problem(R, ("recommendations", i, "milestones", j, "due"), "milestone_after_due",
                                       "warning", id=r.id, due=ms.due.isoformat(), rec_due=r.due.isoformat()))
            if ms.id is None:
                continue
            loc = ("recommendations", i, "milestones", j, "id")
            if ms.id in first:
                line0, _ = w.docs[R].position(first[ms.id])
                found.append(w.problem(R, loc, "duplicate_milestone_id", "warning", id=ms.id, line=line0))
            else:
                first[ms.id] = loc
    return found


def recommendations_have_indicators(m: Mission, w: Where) -> list[Problem]:
    return [
        w.problem(R, ("recommendations", i), "no_indicator", "warning", id=r.id)
        for i, r in enumerate(m.recommendations)
        if not r.indicators
    ]


def findings_are_answered(m: Mission, w: Where) -> list[Problem]:
    answered = {ref for r in m.recommendations for ref in r.because}
    return [
        w.problem(Q, ("findings", i), "finding_unanswered", "warning", id=f.id)
        for i, f in enumerate(m.questions.findings)
        if f.id not in answered
    ]


def recommendations_answer_findings(m: Mission, w: Where) -> list[Problem]:
    return [
        w.problem(R, ("recommendations", i, "because"), "rec_answers_nothing", "warning", id=r.id)
        for i, r in enumerate(m.recommendations)
        if not r.because
    ]


def findings_have_sources(m: Mission, w: Where) -> list[Problem]:
    return [
        w.problem(Q, ("findings", i, "sources"), "finding_no_source", "warning", id=f.id)
        for i, f in enumerate(m.questions.findings)
        if not f.sources
    ]


def questions_are_asked(m: Mission, w: Where) -> list[Problem]:
    """Once sessions are recorded, a question of the guide that none of them asked."""
    if not m.questions.sessions:
        return []
    asked = {a.question for s in m.questions.sessions for a in s.answers}
    return [
        w.problem(Q, ("guide", i), "question_never_asked", "warning", id=q.id)
        for i, q in enumerate(m.questions.guide)
        if q.id not in asked
    ]


def quotes_have_consent(m: Mission, w: Where) -> list[Problem]:
    """A quote in a shareable answer (of a session that is not confidential) by someone who did
    not agree to be named: it will reach the client, under the person's role."""
    unnamed = {p.id for p in m.questions.participants if not p.consent}
    found = []
    for i, s in enumerate(m.questions.sessions):
        if s.confidential:
            continue
        for j, a in enumerate(s.answers):
            for k, quote in enumerate(a.quotes if a.shareable else []):
                if quote.by in unnamed:
                    loc = ("sessions", i, "answers", j, "quotes", k, "by")
                    found.append(w.problem(Q, loc, "quote_without_consent", "warning", ref=quote.by))
    return found


def names_without_consent(m: Mission, w: Where) -> list[Problem]:
    """The name of someone who did not agree to be named, in a free text that goes to the client
    (read/names.py says which texts, and how a name is matched, in every spelling): at the name itself."""
    from pamplemousse.read.matching import NameFinder
    from pamplemousse.read.names import client_texts, walk_client_texts

    finder = NameFinder({p.name: p.id for p in m.questions.participants if not p.consent})
    if not finder.in_any(client_texts(m)):
        return []
    found: list[Problem] = []
    walk_client_texts(m, _name_visitor(finder, w, found))
    return found


def _name_visitor(finder, w: Where, found: list[Problem]):
    """A visitor of walk_client_texts that adds to `found` a warning at each name of `finder` (once a text)."""
    from pamplemousse.read.matching import first_of

    def visit(file: str, loc: tuple, text: str) -> str:
        for ref in dict.fromkeys(ref for _, _, ref in finder.find(text)):
            at = w.inside(file, loc, functools.partial(first_of, finder, ref))
            found.append(Problem(w.docs[file].name, *at, t(w.lang, "name_without_consent", ref=ref), "warning",
                                 t(w.lang, "warning_tag")))
        return text

    return visit


def _index_of(what: str, source: str) -> int | None:
    at = source.find(what)
    return at if at >= 0 else None


def entry_names_without_consent(m: Mission, entry, journal: Callable[[], YamlDoc | None], lang: str) -> list[Problem]:
    """What `names_without_consent` and `emails_in_client_texts` say of one entry of the journal, the
    last one of the journal as written (`pmp log` tells it at once, not at the next check). `journal()`
    reads the journal, only when there is something to place in it."""
    from pamplemousse.read.matching import EMAIL, NameFinder
    from pamplemousse.read.names import entry_texts, walk_entry_texts

    finder = NameFinder({p.name: p.id for p in m.questions.participants if not p.consent})
    texts = entry_texts(entry)
    if not finder.in_any(texts) and not any(EMAIL.search(text) for text in texts):
        return []
    doc = journal()
    if doc is None:
        return []
    w = Where({J: doc}, lang)
    index = len(doc.data) - 1 if isinstance(doc.data, list) else 0
    found: list[Problem] = []
    if finder:
        walk_entry_texts(entry, index, _name_visitor(finder, w, found))
    walk_entry_texts(entry, index, _email_visitor(w, found))
    return found


def emails_in_client_texts(m: Mission, w: Where) -> list[Problem]:
    """An e-mail address in a free text that goes to the client: someone's, most often (at the address)."""
    from pamplemousse.read.names import client_texts, walk_client_texts

    if not any("@" in text for text in client_texts(m)):
        return []
    found: list[Problem] = []
    walk_client_texts(m, _email_visitor(w, found))
    return found


def _email_visitor(w: Where, found: list[Problem]):
    from pamplemousse.read.matching import EMAIL

    def visit(file: str, loc: tuple, text: str) -> str:
        for address in dict.fromkeys(m.group() for m in EMAIL.finditer(text)):
            at = w.inside(file, loc, functools.partial(_index_of, address))
            found.append(Problem(w.docs[file].name, *at, t(w.lang, "email_in_client_text"), "warning", t(w.lang, "warning_tag")))
        return text

    return visit


def days_within_budget(m: Mission, w: Where) -> list[Problem]:
    """The phases' days beyond funding.days; a phase whose days spent (the journal's `time`) exceed its own."""
    from pamplemousse.text.i18n import Formats, labels

    fmt, found = Formats(w.lang), []

    def days(n: float) -> str:  # the catalog is read only when there is something to say
        return fmt.plural(labels(w.lang)["rapport"]["days"], n)

    planned = [p.days for p in m.meta.phases if p.days is not None]
    funding = m.meta.funding
    if funding is not None and funding.days is not None and planned and sum(planned) > funding.days:
        found.append(w.problem(M, ("funding", "days"), "phases_over_funding", "warning",
                               planned=days(sum(planned)), funded=days(funding.days)))
    planned_of = {p.id: p.days for p in m.meta.phases if p.days is not None}
    spent: dict[str, float] = {}
    past: dict[str, int] = {}  # phase -> the journal entry that went past its days
    withdrawn = m.withdrawals
    for i, e in enumerate(m.journal):
        if e.time is not None and e.phase in planned_of and (e.id is None or e.id not in withdrawn):
            spent[e.phase] = spent.get(e.phase, 0.0) + e.time
            if spent[e.phase] > planned_of[e.phase]:
                past.setdefault(e.phase, i)
    for phase, i in past.items():
        found.append(w.problem(J, (i, "time"), "phase_days_exceeded", "warning",
                               spent=days(spent[phase]), phase=phase, planned=days(planned_of[phase])))
    return found


def follow_up_after_end(m: Mission, w: Where) -> list[Problem]:
    from pamplemousse.text.i18n import Formats

    funding, ends = m.meta.funding, [p.end for p in m.meta.phases if p.end]
    if funding is None or funding.follow_up is None or not ends or funding.follow_up >= max(ends):
        return []
    fmt = Formats(w.lang)
    return [w.problem(M, ("funding", "follow_up"), "follow_up_before_end", "warning",
                      follow_up=fmt.date(funding.follow_up), end=fmt.date(max(ends)))]


def dees_grid_complete(m: Mission, w: Where) -> list[Problem]:
    """A Dees grid with some of its five criteria only: the radar and the reading need all five."""
    from pamplemousse.read.model import DEES_CRITERIA

    dees = m.vision.dees
    if dees is None:
        return []
    missing = [c for c in DEES_CRITERIA if getattr(dees, c) is None]
    if not missing or len(missing) == len(DEES_CRITERIA):
        return []
    return [w.problem(V, ("dees",), "dees_partial", "warning", given=len(DEES_CRITERIA) - len(missing),
                      missing=", ".join(missing))]


RULES = [
    unique_ids, dees_grid_complete, references, withdrawals, dates_in_order, milestones_fit, recommendations_have_indicators, findings_are_answered,
    recommendations_answer_findings, findings_have_sources, questions_are_asked, quotes_have_consent, names_without_consent,
    emails_in_client_texts, days_within_budget, follow_up_after_end,
]


def check(mission: Mission, docs: dict[str, YamlDoc], lang: str) -> list[Problem]:
    where = Where(docs, lang)
    return [p for rule in RULES for p in rule(mission, where)]
