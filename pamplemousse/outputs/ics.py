"""The mission's calendar (`pmp render --format ics`): one all-day event per date that matters.

Events: each recommendation's due date, each milestone, each phase of the
mission (from its start to its end) and each steering committee of the journal
up to the date of the state. Titles and descriptions are in the mission's
language; a description gives the owner, the status on the date of the state
and the place of the item in the HTML steering tool, as a path relative to the
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

from pamplemousse.plan.state import PlanState, RecState
from pamplemousse.read.model import Mission
from pamplemousse.text.i18n import Formats, labels

PRODID = "-//pamplemousse//outil de pilotage//{lang}"


def uid(slug: str, what: str) -> str:
    return f"{what}@{slug}.pmp"


def _event(cal, uid_: str, day: date, summary: str, lines: list[str], stamp: datetime,
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


def _rec_lines(s: RecState, catalog: dict, fmt: Formats, link: str) -> list[str]:
    c = catalog["ics"]
    return [
        c["owner"].format(owner=s.rec.owner),
        c["status"].format(status=catalog["status"][s.status], progress=fmt.percent(s.progress)),
        c["link"].format(link=f"{link}#{s.rec.id}"),
    ]


def calendar(mission: Mission, state: PlanState, lang: str, html_name: str = "pilotage.html"):
    """The calendar as an icalendar.Calendar; `html_name` is the steering tool beside it."""
    from icalendar import Calendar

    catalog = labels(lang)
    c = catalog["ics"]
    fmt = Formats(lang)
    slug = mission.slug
    stamp = datetime.combine(state.as_of, time(0, 0), tzinfo=timezone.utc)
    name = c["calendar_name"].format(title=mission.meta.title, client=mission.meta.client.name)

    cal = Calendar()
    cal.add("prodid", PRODID.format(lang=lang.upper()))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)

    for p in mission.meta.phases:
        if p.start is None:
            continue
        _event(
            cal, uid(slug, f"phase-{p.id}"), p.start, c["phase"].format(title=p.title),
            [c["link"].format(link=f"{html_name}#calendrier")], stamp, last_day=p.end or p.start,
        )

    milestones = {id(m.milestone): m for m in state.milestones}
    for s in state.recs:
        r = s.rec
        theme = [catalog["theme"][r.theme]]
        dropped = s.status == "dropped"
        _event(
            cal, uid(slug, f"{r.id}-due"), r.due, c["due"].format(id=r.id, title=r.title),
            [r.title, *_rec_lines(s, catalog, fmt, html_name)], stamp, categories=theme, cancelled=dropped,
        )
        for n, m in enumerate(r.milestones, 1):
            ms = milestones[id(m)]
            said = catalog["xlsx"]["milestone_states"][ms.state]
            if ms.on is not None:
                said = catalog["pilotage"][f"milestone_{ms.state}_on"].format(date=fmt.date(ms.on))
            summary = c["milestone"].format(id=r.id, title=m.title)
            _event(
                cal, uid(slug, f"{r.id}-milestone-{n}"), m.due,
                f"{summary} ({said})" if ms.state != "upcoming" else summary,
                [c["milestone_of"].format(id=r.id, title=r.title), c["milestone_state"].format(state=said),
                 *([ms.note] if ms.note else []), *_rec_lines(s, catalog, fmt, html_name)],
                stamp, categories=theme, cancelled=dropped,
            )

    seen: dict[date, int] = {}
    for entry in state.committees:
        seen[entry.date] = seen.get(entry.date, 0) + 1
        suffix = f"-{seen[entry.date]}" if seen[entry.date] > 1 else ""
        lines = []
        if entry.attendees:
            lines.append(c["attendees"].format(names=", ".join(entry.attendees)))
        if entry.decisions:
            lines += [c["decisions"], *(f"• {d}" for d in entry.decisions)]
        if entry.note:
            lines.append(entry.note)
        lines.append(c["link"].format(link=f"{html_name}#comite"))
        _event(
            cal, uid(slug, f"committee-{entry.date.isoformat()}{suffix}"), entry.date,
            c["committee"].format(title=entry.committee), lines, stamp,
        )
    return cal


def ics_bytes(mission: Mission, state: PlanState, lang: str, html_name: str = "pilotage.html") -> bytes:
    """The calendar as the bytes of an .ics file (CRLF line ends, folded lines, UTF-8)."""
    return calendar(mission, state, lang, html_name).to_ical()
