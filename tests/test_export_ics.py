"""pmp render --format ics: the calendar parsed with icalendar and checked against the mission."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from pamplemousse.outputs.ics import ics_bytes
from pamplemousse.read.load import load_mission
from pamplemousse.views.mission import view_on

AS_OF = date(2026, 11, 26)
NB = "\u00a0"
SLUG = "ressourcerie-du-val"


def _calendar(folder: Path, as_of: date = AS_OF):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    data = ics_bytes(view_on(mission, as_of), mission.language)
    return mission, icalendar.Calendar.from_ical(data), data


def _events(cal) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def english(example: Path) -> Path:
    path = example / "mission.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    return example


def test_every_deadline_milestone_phase_and_committee_is_an_event(example):
    mission, cal, _ = _calendar(example)
    events = _events(cal)
    expected = {f"phase-{p.id}@{SLUG}.pmp" for p in mission.meta.phases}
    expected |= {f"{r.id}-due@{SLUG}.pmp" for r in mission.recommendations}
    expected |= {
        f"{r.id}-milestone-{n}@{SLUG}.pmp" for r in mission.recommendations for n in range(1, len(r.milestones) + 1)
    }
    expected |= {f"committee-2026-06-23@{SLUG}.pmp", f"committee-2026-10-20@{SLUG}.pmp"}
    expected |= {f"follow-up@{SLUG}.pmp"}  # the DLA's follow-up, funding.follow_up
    assert set(events) == expected
    assert len(cal.walk("VEVENT")) == len(expected) == 5 + 10 + 14 + 2 + 1
    follow_up = events[f"follow-up@{SLUG}.pmp"]
    assert follow_up.decoded("dtstart") == date(2027, 9, 30)
    assert str(follow_up["summary"]) == "Suivi de l’accompagnement DLA\u00a0: La Ressourcerie du Val"
    assert "pmp render ressourcerie-du-val --doc suivi" in str(follow_up["description"])
    for r in mission.recommendations:
        assert events[f"{r.id}-due@{SLUG}.pmp"].decoded("dtstart") == r.due
        for n, m in enumerate(r.milestones, 1):
            assert events[f"{r.id}-milestone-{n}@{SLUG}.pmp"].decoded("dtstart") == m.due


def test_events_are_all_day_with_an_exclusive_end(example):
    _, cal, data = _calendar(example)
    for e in cal.walk("VEVENT"):
        start, end = e.decoded("dtstart"), e.decoded("dtend")
        assert type(start) is date and type(end) is date, e["uid"]
        assert end > start
    assert b"DTSTART;VALUE=DATE:20270331" in data
    phase = _events(cal)[f"phase-suivi@{SLUG}.pmp"]
    assert (phase.decoded("dtstart"), phase.decoded("dtend")) == (date(2026, 6, 15), date(2027, 7, 1))


def test_due_event_has_summary_owner_status_and_link_in_the_missions_language(example):
    _, cal, _ = _calendar(example)
    r3 = _events(cal)[f"R3-due@{SLUG}.pmp"]
    assert str(r3["summary"]) == f"Échéance R3{NB}: Faire des Repair cafés la porte d’entrée de l’engagement"
    assert str(r3["description"]).splitlines() == [
        "Faire des Repair cafés la porte d’entrée de l’engagement",
        f"Responsable{NB}: Jean-Pierre",
        f"Statut{NB}: en cours, 45{NB}%",
        f"Outil de pilotage{NB}: pilotage.html#R3",
    ]
    assert r3["categories"].cats == ["Engagement"]
    assert str(r3["transp"]) == "TRANSPARENT"


def test_milestone_event_names_its_recommendation(example):
    _, cal, _ = _calendar(example)
    m = _events(cal)[f"R9-milestone-2@{SLUG}.pmp"]
    assert str(m["summary"]) == f"Jalon R9{NB}: Jury de sélection"
    assert m.decoded("dtstart") == date(2027, 2, 15)
    assert str(m["description"]).splitlines()[:3] == [
        f"Préconisation R9{NB}: Choisir le ou la porteur·euse du second site sur une grille explicite",
        f"État du jalon{NB}: à venir",
        f"Responsable{NB}: Hélène",
    ]


def test_milestone_event_says_met_missed_or_late(example):
    _, cal, _ = _calendar(example)
    events = _events(cal)
    assert str(events[f"R1-milestone-1@{SLUG}.pmp"]["summary"]) == (
        f"Jalon R1{NB}: Livret d’accueil rédigé et relu par des bénévoles (tenu le 31 juillet 2026)"
    )
    assert str(events[f"R8-milestone-1@{SLUG}.pmp"]["summary"]) == (
        f"Jalon R8{NB}: Note comparative antenne / franchise sociale (manqué, noté le 5 octobre 2026)"
    )
    assert str(events[f"R9-milestone-1@{SLUG}.pmp"]["summary"]) == (
        f"Jalon R9{NB}: Fiche de poste publiée (en retard, rien de noté)"
    )
    assert "La note comparative attendra le conseil de décembre." in str(
        events[f"R8-milestone-1@{SLUG}.pmp"]["description"]
    )


def test_committee_event_carries_attendees_and_decisions(example):
    _, cal, _ = _calendar(example)
    c = _events(cal)[f"committee-2026-10-20@{SLUG}.pmp"]
    assert str(c["summary"]) == f"Comité de pilotage{NB}: COPIL n°2"
    lines = str(c["description"]).splitlines()
    assert lines[0].startswith(f"Participant·es{NB}: Hélène Marchand, présidente, Karim Benali")
    assert lines[1] == f"Décisions{NB}:"
    assert lines[2].startswith("• La validation de la charte salarié·es–bénévoles (R5)")
    assert lines[-1] == f"Outil de pilotage{NB}: pilotage.html#comite"


def test_a_dropped_recommendation_keeps_its_event_marked_cancelled(example):
    _, cal, _ = _calendar(example)
    events = _events(cal)
    assert str(events[f"R4-due@{SLUG}.pmp"]["status"]) == "CANCELLED"
    assert "status" not in events[f"R3-due@{SLUG}.pmp"]


def test_uids_are_stable_from_one_date_to_the_next(example):
    _, before, _ = _calendar(example, date(2026, 7, 1))
    _, after, _ = _calendar(example, AS_OF)
    early, late = _events(before), _events(after)
    # committees appear when they have met; every other event keeps its UID
    assert set(late) - set(early) == {f"committee-2026-10-20@{SLUG}.pmp"}
    assert set(early) <= set(late)
    assert "Statut\u00a0: à faire, 0\u00a0%" in str(early[f"R3-due@{SLUG}.pmp"]["description"])
    assert early[f"R3-due@{SLUG}.pmp"].decoded("dtstamp") < late[f"R3-due@{SLUG}.pmp"].decoded("dtstamp")


def test_same_state_gives_the_same_file(example):
    assert _calendar(example)[2] == _calendar(example)[2]


def test_calendar_has_a_name_and_the_required_properties(example):
    _, cal, data = _calendar(example)
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]) == "-//pamplemousse//outil de pilotage//FR"
    assert str(cal["x-wr-calname"]) == (
        "Engagement bénévole et essaimage de la Ressourcerie du Val — La Ressourcerie du Val"
    )
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_english_mission_has_english_summaries(english):
    _, cal, _ = _calendar(english)
    events = _events(cal)
    assert str(events[f"R3-due@{SLUG}.pmp"]["summary"]).startswith("Due R3: Faire des Repair cafés")
    assert "Status: in progress, 45%" in str(events[f"R3-due@{SLUG}.pmp"]["description"])
    assert str(events[f"phase-cadrage@{SLUG}.pmp"]["summary"]) == "Phase: Cadrage et note de cadrage"
    assert events[f"phase-cadrage@{SLUG}.pmp"].decoded("dtend") == date(2026, 2, 20) + timedelta(days=1)
