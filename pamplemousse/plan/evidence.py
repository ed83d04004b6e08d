"""Why each recommendation exists: the chain of evidence, and the gaps of a duplication.

Pure functions on a (possibly redacted) mission:

- `chains(mission)`: for each recommendation, the findings it answers and, for
  each finding, the sessions and questions it comes from (its `sources`);
- `unanswered(mission)`: the findings no recommendation answers;
- `candidate_gaps(candidates)`: what the candidate project holders lack, alone
  and together (DOMAIN.md: a holder rarely knows territory, sector and
  management all at once).
"""

from __future__ import annotations

from dataclasses import dataclass

from pamplemousse.read.model import CANDIDATE_CRITERIA, Candidate, Finding, Mission, Question, Recommendation, Session

STRONG = 3  # a score (0–4) from which a candidate is said to have a quality
WEAK = 2  # a score below this is a gap (highlighted in the charts)


@dataclass(frozen=True)
class Source:
    """A finding with what it was drawn from."""

    finding: Finding
    sessions: list[Session]
    questions: list[Question]


@dataclass(frozen=True)
class Chain:
    recommendation: Recommendation
    sources: list[Source]


def sources_of(mission: Mission, finding: Finding) -> Source:
    sessions = {s.id: s for s in mission.questions.sessions}
    questions = {q.id: q for q in mission.questions.guide}
    return Source(
        finding,
        [sessions[ref] for ref in finding.sources if ref in sessions],
        [questions[ref] for ref in finding.sources if ref in questions],
    )


def chains(mission: Mission) -> list[Chain]:
    findings = {f.id: f for f in mission.questions.findings}
    return [
        Chain(r, [sources_of(mission, findings[ref]) for ref in r.because if ref in findings])
        for r in mission.recommendations
    ]


def unanswered(mission: Mission) -> list[Finding]:
    answered = {ref for r in mission.recommendations for ref in r.because}
    return [f for f in mission.questions.findings if f.id not in answered]


# the candidates of a duplication ---------------------------------------------

TERRITORY_SECTOR = ("territory_knowledge", "sector_knowledge")
ALL_AT_ONCE = ("territory_knowledge", "sector_knowledge", "management")


@dataclass(frozen=True)
class Gap:
    """Something no candidate brings (`kind`: pair, all_at_once, criterion, complement)."""

    kind: str
    criteria: tuple[str, ...]


def _has(c: Candidate, criterion: str) -> bool:
    return getattr(c.scores, criterion) >= STRONG


def candidate_gaps(candidates: list[Candidate]) -> list[Gap]:
    """The gaps of the candidates, most telling first.

    - `pair`: no one knows both the territory and the sector; then `complement`
      when they are known by different people (a pair of holders would bring both);
    - `all_at_once`: territory, sector and management are not found in one person
      (only said when the pair exists);
    - `criterion`: a criterion on which no candidate reaches STRONG.
    """
    if not candidates:
        return []
    gaps = []
    if not any(all(_has(c, k) for k in TERRITORY_SECTOR) for c in candidates):
        gaps.append(Gap("pair", TERRITORY_SECTOR))
        if all(any(_has(c, k) for c in candidates) for k in TERRITORY_SECTOR):
            gaps.append(Gap("complement", TERRITORY_SECTOR))
    elif not any(all(_has(c, k) for k in ALL_AT_ONCE) for c in candidates):
        gaps.append(Gap("all_at_once", ALL_AT_ONCE))
    gaps += [Gap("criterion", (k,)) for k in CANDIDATE_CRITERIA if not any(_has(c, k) for c in candidates)]
    return gaps


# what the report's summary tells first ---------------------------------------

def most_answered(mission: Mission, count: int = 5) -> list[Finding]:
    """The `count` findings the recommendations answer most often (their `because`), ties in the
    order of questions.yaml: the rule by which the report's summary picks what was heard.
    Findings no recommendation answers come last, and only when fewer than `count` are answered."""
    cited: dict[str, int] = {}
    for r in mission.recommendations:
        for ref in dict.fromkeys(r.because):
            cited[ref] = cited.get(ref, 0) + 1
    order = {f.id: i for i, f in enumerate(mission.questions.findings)}
    ranked = sorted(mission.questions.findings, key=lambda f: (-cited.get(f.id, 0), order[f.id]))
    return ranked[:count]
