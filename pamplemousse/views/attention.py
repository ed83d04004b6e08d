"""« À traiter en priorité »: what needs the steering committee's attention first.

Read from the mission's view (views.mission.mission_view), never from the plan
again: each recommendation that is blocked, past its due date or without news,
with its owner and what is expected next, blocked ones first, then the latest,
then the stale. A milestone late or missed (a `state` of "late" or "missed"
on the view's milestone) adds the recommendation
too: see `_milestone_reasons`, the hook for it.
"""

from __future__ import annotations

from pamplemousse.views.common import Writer

LATE_MILESTONES = ("late", "missed")


def _milestone_reasons(rec: dict, words: dict, w: Writer) -> list[dict]:
    """The recommendation's milestones late or missed (none until the view's milestones carry a status)."""
    return [
        {"key": f"milestone_{m['state']}",
         "label": words[f"milestone_{m['state']}"].format(title=m["title"], date=m["date"]["long"])}
        for m in rec.get("milestones", ()) if m.get("state") in LATE_MILESTONES
    ]


def _expected(rec: dict, keys: list[str], words: dict) -> list[str]:
    """What is expected next, in the order the committee would ask (sentences: their dates written out)."""
    out = []
    if "blocked" in keys:
        out.append(words["next_unblock"])
    if "overdue" in keys:
        out.append(words["next_replan"].format(date=rec["due"]["long"]))
    if "stale" in keys:
        out.append(words["next_news"])
    if rec.get("next_milestone"):
        ms = rec["next_milestone"]
        out.append(words["next_milestone"].format(title=ms["title"], date=ms["date"]["long"]))
    return out


def attention(view: dict, w: Writer) -> dict:
    """The attention list of the mission's view: {"items": [...], "count", "count_label"}.

    Each item: the recommendation's id, title, owner, status and its words, its
    reasons ({"key": "blocked" | "overdue" | "stale" | "milestone_late" | "milestone_missed",
    "label"}), what is expected next (sentences) and its last note.
    """
    words = w.labels["attention"]
    items = []
    for rec in view["recommendations"]:
        if rec["status"] in ("done", "dropped"):
            continue
        reasons = []
        if rec["status"] == "blocked":
            reasons.append({"key": "blocked", "label": words["blocked"]})
        if rec["overdue"]:
            reasons.append({"key": "overdue", "label": rec["late_label"]})
        if rec["stale"]:
            reasons.append({"key": "stale", "label": rec["stale_label"]})
        reasons += _milestone_reasons(rec, words, w)
        if not reasons:
            continue
        keys = [r["key"] for r in reasons]
        items.append({
            "id": rec["id"], "title": rec["title"], "owner": rec["owner"],
            "status": rec["status"], "status_label": rec["status_label"],
            "due": rec["due"], "reasons": reasons, "expected": _expected(rec, keys, words),
            "last_note": rec.get("last_note"),
            "_order": (0 if "blocked" in keys else 1 if "overdue" in keys else 2, -(rec.get("days_late") or 0)),
        })
    items.sort(key=lambda i: i["_order"])
    for item in items:
        del item["_order"]
    return {"items": items, "count": len(items),
            "count_label": w.fmt.plural(words["count"], len(items))}
