"""The mission's calendar (`pmp render --format ics`): one all-day event per date that matters.

Events: each recommendation's due date, each milestone, each phase of the
mission (from its start to its end) and each steering committee of the journal
up to the date of the state. Titles and descriptions are in the mission's
language; a description gives the owner, the status on the date of the state,
why it needs attention when it is in « À traiter en priorité », and the place of the item in the HTML steering tool, as a path relative to the
calendar file (both are written in the same folder).

UIDs are stable, so that importing a newer calendar updates the events instead
of duplicating them: `R3-due@<slug>.pmp`, `R3-milestone-2@<slug>.pmp` (the
second milestone of R3 in file order), `phase-<id>@<slug>.pmp`,
`committee-2026-10-20@<slug>.pmp` (`-2`, `-3`… for a second committee on the
same day). DTSTAMP is midnight UTC of the date of the state, so the same
journal on the same date gives the same file. A dropped recommendation keeps
its events, marked cancelled, so that calendars which had them remove them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from pamplemousse.text.i18n import labels

PRODID = "-//pamplemousse//outil de pilotage//{lang}"


def uid(slug: str, what: str) -> str:
    return f"{what}@{slug}.pmp"


def _event(cal: Any, uid_: str, day: date, summary: str, lines: list[str], stamp: datetime,
           last_day: date | None = None, categories: list[str] | None = None, cancelled: bool = False) -> None:
    from icalendar import Event

    event = Event()
    event.add("uid", uid_)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", (last_day or day) + timedelta(days=1))  # all-day: the end is exclusive
    event.add("summary", summary)
    event.add("description", "\n".join(line for line in lines if line))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if categories:
        event.add("categories", categories)
    if cancelled:
        event.add("status", "CANCELLED")
    cal.add_component(event)


def _rec_lines(r: dict[str, Any], catalog: dict[str, Any], link: str, attention: dict[str, Any]) -> list[str]:
    c = catalog["ics"]
    item = attention.get(r["id"])
    return [
        c["owner"].format(owner=r["owner"]),
        c["status"].format(status=r["status_label"], progress=r["progress"]["label"]),
        c["attention"].format(reasons=", ".join(x["label"] for x in item["reasons"])) if item else "",
        c["link"].format(link=f"{link}#{r['id']}"),
    ]


def _day(written: dict[str, Any]) -> date:
    return date.fromisoformat(written["iso"])


def calendar(view: dict[str, Any], lang: str, html_name: str = "pilotage.html") -> Any:
    """The calendar from the mission's view (views.mission) as an icalendar.Calendar;
    `html_name` is the steering tool beside it."""
    from icalendar import Calendar

    catalog = labels(lang)
    c = catalog["ics"]
    slug, client = view["mission"]["slug"], view["mission"]["client"]
    stamp = datetime.combine(_day(view["header"]["as_of"]), time(0, 0), tzinfo=timezone.utc)
    name = c["calendar_name"].format(title=view["mission"]["title"], client=client)
    name = " ".join(name.split())  # one line: NAME and X-WR-CALNAME are not escaped like SUMMARY

    cal = Calendar()
    cal.add("prodid", PRODID.format(lang=lang.upper()))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)

    for p in view["phases"]:
        if p["start"] is None:
            continue
        _event(
            cal, uid(slug, f"phase-{p['id']}"), _day(p["start"]), c["phase"].format(title=p["title"]),
            [c["link"].format(link=f"{html_name}#calendrier")], stamp, last_day=_day(p["end"] or p["start"]),
        )

    attention = {item["id"]: item for item in view["attention"]["items"]}  # « À traiter en priorité »
    for r in view["recommendations"]:
        theme = [r["theme_label"]]
        dropped = r["status"] == "dropped"
        _event(
            cal, uid(slug, f"{r['id']}-due"), _day(r["due"]), c["due"].format(id=r["id"], title=r["title"]),
            [r["title"], *_rec_lines(r, catalog, html_name, attention)], stamp, categories=theme, cancelled=dropped,
        )
        for m in sorted(r["milestones"], key=lambda m: m["rank"]):
            summary = c["milestone"].format(id=r["id"], title=m["title"])
            _event(
                cal, uid(slug, f"{r['id']}-milestone-{m['rank']}"), _day(m["date"]),
                summary if m["state"] == "upcoming" else f"{summary} ({m['state_label']})",
                [c["milestone_of"].format(id=r["id"], title=r["title"]),
                 c["milestone_state"].format(state=m["state_label"]),
                 *([m["milestone_note"]] if m["milestone_note"] else []), *_rec_lines(r, catalog, html_name, attention)],
                stamp, categories=theme, cancelled=dropped,
            )

    seen: dict[date, int] = {}
    for entry in view["committees"]:
        day = _day(entry["date"])
        seen[day] = seen.get(day, 0) + 1
        suffix = f"-{seen[day]}" if seen[day] > 1 else ""
        lines = []
        if entry["attendees"]:
            lines.append(c["attendees"].format(names=", ".join(entry["attendees"])))
        if entry["decisions"]:
            lines += [c["decisions"], *(f"• {d}" for d in entry["decisions"])]
        if entry["note"]:
            lines.append(entry["note"])
        lines.append(c["link"].format(link=f"{html_name}#comite"))
        _event(
            cal, uid(slug, f"committee-{day.isoformat()}{suffix}"), day,
            c["committee"].format(title=entry["title"]), lines, stamp,
        )
    if view["follow_up"] is not None:  # the DLA's follow-up, with the command that makes its document
        _event(cal, uid(slug, "follow-up"), _day(view["follow_up"]), c["follow_up"].format(client=client),
               [c["follow_up_doc"].format(slug=slug)], stamp)
    return cal


def ics_bytes(view: dict[str, Any], lang: str, html_name: str = "pilotage.html") -> bytes:
    """The calendar as the bytes of an .ics file (CRLF line ends, folded lines, UTF-8)."""
    written: bytes = calendar(view, lang, html_name).to_ical()
    return written
