"""« À traiter en priorité »: what needs the steering committee's attention first, in words.

Which recommendations, why and in what order is decided once, in plan/attention.py
(`PlanState.attention`, `RecState.attention`); this module only writes it in the
reader's language from the mission's view: each recommendation with its owner,
its reasons and what is expected next.
"""

from __future__ import annotations

from pamplemousse.plan.attention import BLOCKED, OVERDUE, STALE, Reason
from pamplemousse.plan.state import PlanState
from pamplemousse.views.common import Writer
from pamplemousse.views.records import Attention, AttentionItem, Labels, Recommendation


def _label(reason: Reason, rec: Recommendation, words: Labels) -> str:
    label: str | None
    if reason.key == BLOCKED:
        label = words["blocked"]
    elif reason.key == OVERDUE:
        label = rec["late_label"]
    elif reason.key == STALE:
        label = rec["stale_label"]
    else:
        milestone = next(m for m in rec["milestones"] if m["ref"] == reason.milestone)
        label = words[reason.key].format(title=milestone["title"], date=milestone["date"]["long"])
    assert label is not None  # an overdue or stale recommendation has its words
    return label


def _expected(rec: Recommendation, keys: list[str], words: Labels) -> list[str]:
    """What is expected next, in the order the committee would ask (sentences: their dates written out)."""
    out = []
    if BLOCKED in keys:
        out.append(words["next_unblock"])
    if OVERDUE in keys:
        out.append(words["next_replan"].format(date=rec["due"]["long"]))
    if STALE in keys:
        out.append(words["next_news"])
    ms = rec["next_milestone"]
    if ms:
        out.append(words["next_milestone"].format(title=ms["title"], date=ms["date"]["long"]))
    return out


def attention(state: PlanState, recs: dict[str, Recommendation], w: Writer) -> Attention:
    """The attention list: {"items": [...], "count", "count_label"}; `recs` are the view's recommendations by id.

    Each item: the recommendation's id, title, owner, status and its words, its
    reasons ({"key": "blocked" | "overdue" | "stale" | "milestone_late" | "milestone_missed",
    "label"}), what is expected next (sentences) and its last note.
    """
    words = w.labels["attention"]
    items: list[AttentionItem] = []
    for s in state.attention:
        rec = recs[s.rec.id]
        keys = [r.key for r in s.attention]
        items.append({
            "id": rec["id"], "title": rec["title"], "owner": rec["owner"],
            "status": rec["status"], "status_label": rec["status_label"], "due": rec["due"],
            "reasons": [{"key": r.key, "label": _label(r, rec, words)} for r in s.attention],
            "expected": _expected(rec, keys, words), "last_note": rec["last_note"],
        })
    return {"items": items, "count": len(items), "count_label": w.fmt.plural(words["count"], len(items))}
