"""Start a recommendation from one that another mission made (`pmp reuse OTHER/R3 --into MISSION`).

The copy is appended to the end of the target's `recommendations.yaml` as a text
insertion (guide_edit.insert_into_list): every other byte of the file stays as
it was. What is copied, and what is not (the model requires some fields, which
get defaults to fill in):

- copied: title, description, theme, priority, impact and effort (a start),
  the indicators (name, unit, baseline and target, as a start to adjust; fresh ids);
- the milestones keep their titles, not their dates: the model requires a date,
  so each is given the new due date, with a comment « date à fixer »;
- new: a fresh id (R<k> after the highest in the mission); `start` the day of the
  reuse (or --start), `due` as long after as the original lasted; the owner
  « à désigner » (the original's owner belongs to another organisation); no `because`
  (the findings are the other mission's); `origin: OTHER/R3`.

Before anything is written the target, edited, is loaded from a temporary copy
and checked: its old recommendations unchanged, the new one there as intended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pamplemousse.errors import UsageError
from pamplemousse.read.load import load_or_fail
from pamplemousse.read.model import Mission, Recommendation
from pamplemousse.write.guide_edit import edit_checked, fresh_ids, insert_into_list

RECOMMENDATIONS = "recommendations.yaml"


def _placeholder(lang: str, key: str) -> str:
    """What the copy says where the consultant has to fill in (`cli.reuse.owner`, `cli.reuse.no_date`)."""
    from pamplemousse.text.i18n import labels

    return labels(lang)["cli"]["reuse"][key]


@dataclass(frozen=True)
class Reused:
    """What pmp reuse added: the new id, where it came from, its title, the file written."""

    id: str
    origin: str
    title: str
    path: Path


def find_recommendation(source: Mission, rec_id: str) -> Recommendation:
    for rec in source.recommendations:
        if rec.id == rec_id:
            return rec
    known = [r.id for r in source.recommendations]
    raise UsageError(key="reuse_unknown_rec", slug=source.slug, id=rec_id, suggest=(rec_id, known))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def copy_item(rec: Recommendation, origin: str, target: Mission, start: date) -> dict:
    """The recommendation as a new entry of the target's recommendations.yaml (keys of model.Recommendation)."""
    lang = target.language
    [new_id] = fresh_ids(target, 1, "R")
    due = start + (rec.due - rec.start)
    indicator_ids = fresh_ids(target, len(rec.indicators), "I")
    item: dict = {"id": new_id, "title": rec.title}
    if rec.description:
        item["description"] = rec.description
    item.update(theme=rec.theme, priority=rec.priority, impact=rec.impact, effort=rec.effort,
                owner=_placeholder(lang, "owner"), start=start, due=due)
    if rec.milestones:
        item["milestones"] = [{"title": m.title, "due": due} for m in rec.milestones]
    if rec.indicators:
        item["indicators"] = []
        for ind, ident in zip(rec.indicators, indicator_ids):
            entry: dict = {"id": ident, "name": ind.name}
            if ind.unit:
                entry["unit"] = ind.unit
            entry.update(baseline=_number(ind.baseline), target=_number(ind.target))
            item["indicators"].append(entry)
    item["origin"] = origin
    return item


def _mark_undated(lines: list[str], lang: str) -> list[str]:
    """A « date à fixer » comment on each milestone's due line (the item's lines under its `milestones:` key)."""
    note = _placeholder(lang, "no_date")
    out, inside = [], False
    for line in lines:
        depth = len(line) - len(line.lstrip(" "))
        if depth <= 2:  # `- id: …` or a key of the recommendation itself
            inside = line.strip() == "milestones:"
        elif inside and line.lstrip(" -").startswith("due: "):
            line += f"  # {note}"
        out.append(line)
    return out


def _as_intended(loaded: Mission | None, before: Mission, item: dict) -> bool:
    if loaded is None or loaded.recommendations[:-1] != before.recommendations:
        return False
    new = loaded.recommendations[-1]
    return (new.id, new.title, new.origin, len(new.milestones), len(new.indicators)) == (
        item["id"], item["title"], item["origin"], len(item.get("milestones", [])), len(item.get("indicators", []))
    )


def reuse(source_folder: Path, rec_id: str, target_folder: Path, start: date) -> Reused:
    """Append a copy of `rec_id` of the mission in `source_folder` to the target's plan; nothing written on error."""
    source = load_or_fail(source_folder)
    rec = find_recommendation(source, rec_id)
    target = load_or_fail(target_folder)
    origin = f"{source.slug}/{rec.id}"
    item = copy_item(rec, origin, target, start)

    path = edit_checked(
        target_folder, RECOMMENDATIONS, target.language,
        lambda text, root: insert_into_list(text, root, "recommendations", [(item, None)], RECOMMENDATIONS, lead="\n",
                                            transform=lambda lines: _mark_undated(lines, target.language)),
        lambda loaded: _as_intended(loaded, target, item), "edit_what_recommendation",
    )
    return Reused(item["id"], origin, rec.title, path)
