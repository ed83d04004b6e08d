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

Another client's people and name do not go with the copy: in every copied text
(title, description, milestones, indicators), the name of a participant of the
source mission (with or without consent: it was given for that mission's client)
is replaced by their role, and the source client's name by « [autre structure] »
(not a person or a client the target shares: a second mission for the same client),
whatever their spelling (read/matching.py, the matcher of `pmp check` and of the
documents); each change is told (`Reused.scrubbed`). A text that still names them
once replaced (a role that holds a name) is refused at its place in the source.

Before anything is written the target, edited, is loaded from a temporary copy
and checked: its old recommendations unchanged, the new one there as intended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn

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
class Scrubbed:
    """One name taken out of a copied text: the field (« description », « milestones.1.title »),
    the words as written in the source, what stands in their place."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Reused:
    """What pmp reuse added: the new id, where it came from, its title, the file written, the names taken out."""

    id: str
    origin: str
    title: str
    path: Path
    scrubbed: tuple[Scrubbed, ...] = ()


def _scrubber(source: Mission, target: Mission):
    """The matcher of the source's people (participants, the client's contacts) and client, each with
    what stands in its place in a copy; not those the target shares (the same person, the same client)."""
    from pamplemousse.read.matching import NameFinder, name_key
    from pamplemousse.text.i18n import labels

    words = labels(target.language)
    someone = words["privacy"]["someone"]
    client = source.meta.client
    names = {p.name: p.role or someone for p in source.questions.participants}
    names.update({c.name: c.role or someone for c in client.contacts if c.name not in names})
    names[client.name] = words["cli"]["reuse"]["client"]
    shared = {name_key(p.name) for p in target.questions.participants}
    shared |= {name_key(c.name) for c in target.meta.client.contacts} | {name_key(target.meta.client.name)}
    return NameFinder({name: shown for name, shown in names.items() if name_key(name) not in shared})


def _scrub(item: dict, finder, source: Mission, rec_index: int) -> list[Scrubbed]:
    """Replace, in place, the source's names in every text of `item`; what was replaced.
    Raises UsageError at the place in the source of a text still naming them once replaced."""
    done: list[Scrubbed] = []

    def scrub(text: str, path: tuple, source_path: tuple) -> str:
        field = ".".join(str(p) for p in path)
        for _ in range(3):  # a role may hold another name of the source: replaced in turn
            found = list(finder.find(text))
            if not found:
                return text
            done.extend(Scrubbed(field, text[start:end], shown) for start, end, shown in found)
            for start, end, shown in reversed(found):
                text = text[:start] + shown + text[end:]
        _refuse(source, ("recommendations", rec_index, *source_path), field, finder)

    for key in ("title", "description"):
        if key in item:
            item[key] = scrub(item[key], (key,), (key,))
    for i, milestone in enumerate(item.get("milestones", [])):
        milestone["title"] = scrub(milestone["title"], ("milestones", i + 1, "title"), ("milestones", i, "title"))
    for i, indicator in enumerate(item.get("indicators", [])):
        for key in ("name", "unit"):
            if key in indicator:
                indicator[key] = scrub(indicator[key], ("indicators", i + 1, key), ("indicators", i, key))
    return done


def _refuse(source: Mission, loc: tuple, field: str, finder) -> NoReturn:
    """UsageError at the first name of the source's value at `loc`, as written in its file."""
    from pamplemousse.errors import display_unresolved
    from pamplemousse.read.rules import Where
    from pamplemousse.read.yamlread import read_yaml

    path = source.path / RECOMMENDATIONS
    doc, _ = read_yaml(path, display_unresolved(path), source.language)
    line, col = (1, 1) if doc is None else Where({RECOMMENDATIONS: doc}, source.language).inside(
        RECOMMENDATIONS, loc, lambda text: next((start for start, _, _ in finder.find(text)), None))
    raise UsageError(key="reuse_cannot_scrub", place=f"{display_unresolved(path)}:{line}:{col}",
                     slug=source.slug, field=field)


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
    scrubbed = _scrub(item, _scrubber(source, target), source, source.recommendations.index(rec))

    path = edit_checked(
        target_folder, RECOMMENDATIONS, target.language,
        lambda text, root: insert_into_list(text, root, "recommendations", [(item, None)], RECOMMENDATIONS, lead="\n",
                                            transform=lambda lines: _mark_undated(lines, target.language)),
        lambda loaded: _as_intended(loaded, target, item), "edit_what_recommendation",
    )
    return Reused(item["id"], origin, item["title"], path, tuple(scrubbed))
