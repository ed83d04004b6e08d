"""The fold, the weather and staleness on hand-made journals with known answers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from pamplemousse.plan.changes import changes_between, last_committee_date
from pamplemousse.plan.state import elapsed_share, state_on
from pamplemousse.plan.weather import CLOUDY, RAINY, SUNNY, weather_of, weather_of_group
from pamplemousse.read.model import (
    JournalEntry,
    Mission,
    MissionFile,
    QuestionsFile,
    Recommendation,
    VisionFile,
)

D = date.fromisoformat


def rec(rec_id: str, start="2026-01-01", due="2026-04-11", theme="volunteers", **kw) -> Recommendation:
    """A recommendation; the default window is exactly 100 days long."""
    data = dict(
        id=rec_id, title=f"Préconisation {rec_id}", theme=theme, priority="high",
        impact=3, effort=2, owner="Sophie", start=start, due=due,
    )
    data.update(kw)
    return Recommendation.model_validate(data)


def entry(day: str, **kw) -> JournalEntry:
    return JournalEntry.model_validate({"date": day, **kw})


def mission(recs, journal) -> Mission:
    return Mission(
        slug="essai",
        path=Path("essai"),
        meta=MissionFile.model_validate({
            "schema_version": 1, "title": "Essai", "client": {"name": "Asso"},
            "problem_areas": ["volunteers", "hr"],
        }),
        vision=VisionFile.model_validate({"vision": "v", "social_mission": "m"}),
        questions=QuestionsFile(),
        recommendations=list(recs),
        journal=list(journal),
    )


# the fold -------------------------------------------------------------------

def test_entries_out_of_date_order_are_folded_in_date_order():
    m = mission([rec("R1")], [
        entry("2026-03-10", recommendation="R1", progress="50", note="plus tard"),
        entry("2026-03-01", recommendation="R1", status="in_progress", progress="20", note="plus tôt"),
    ])
    s = state_on(m, D("2026-03-15")).rec("R1")
    assert (s.status, s.progress, s.last_note, s.last_update) == ("in_progress", 50, "plus tard", D("2026-03-10"))
    earlier = state_on(m, D("2026-03-05")).rec("R1")
    assert (earlier.progress, earlier.last_note, earlier.last_update) == (20, "plus tôt", D("2026-03-01"))


def test_same_day_entries_keep_file_order():
    m = mission([rec("R1")], [
        entry("2026-03-01", recommendation="R1", progress="20"),
        entry("2026-03-01", recommendation="R1", progress="30"),
    ])
    assert state_on(m, D("2026-03-01")).rec("R1").progress == 30


def test_no_entry_means_todo_at_zero_and_progress_alone_means_in_progress():
    m = mission([rec("R1"), rec("R2")], [entry("2026-02-01", recommendation="R2", progress="100")])
    state = state_on(m, D("2026-02-02"))
    assert (state.rec("R1").status, state.rec("R1").progress, state.rec("R1").last_update) == ("todo", 0, None)
    assert (state.rec("R2").status, state.rec("R2").progress) == ("in_progress", 100)


def test_done_after_blocked_is_done_at_100_and_sunny_even_past_its_due_date():
    m = mission([rec("R1")], [
        entry("2026-02-01", recommendation="R1", status="blocked", progress="40"),
        entry("2026-03-01", recommendation="R1", status="done"),
    ])
    on_feb = state_on(m, D("2026-02-15")).rec("R1")
    assert (on_feb.status, on_feb.progress, on_feb.weather) == ("blocked", 40, RAINY)
    late = state_on(m, D("2026-06-01")).rec("R1")
    assert (late.status, late.progress, late.overdue, late.days_late, late.weather) == ("done", 100, False, 0, SUNNY)


def test_reopened_after_done_goes_back_to_its_latest_logged_progress():
    m = mission([rec("R1")], [
        entry("2026-02-01", recommendation="R1", progress="60"),
        entry("2026-02-10", recommendation="R1", status="done"),
        entry("2026-02-20", recommendation="R1", status="in_progress"),
    ])
    s = state_on(m, D("2026-02-21")).rec("R1")
    assert (s.status, s.progress) == ("in_progress", 60)


def test_dropped_and_overdue_is_not_overdue_has_no_weather_and_counts_in_no_progress():
    m = mission([rec("R1", due="2026-03-01"), rec("R2", due="2026-03-01"), rec("R3", theme="hr", due="2026-03-01")], [
        entry("2026-02-15", recommendation="R1", status="dropped"),
        entry("2026-02-15", recommendation="R2", progress="40"),
        entry("2026-02-15", recommendation="R3", status="dropped", progress="90"),
    ])
    state = state_on(m, D("2026-04-01"))
    dropped = state.rec("R1")
    assert (dropped.overdue, dropped.days_late, dropped.weather, dropped.stale) == (False, 0, None, False)
    assert state.progress == 40  # the mean of R2 alone
    assert [s.rec.id for s in state.overdue] == ["R2"]
    assert state.by_status == {"todo": 0, "in_progress": 1, "done": 0, "blocked": 0, "dropped": 2}
    themes = {t.theme: t for t in state.themes}
    assert (themes["volunteers"].progress, themes["volunteers"].weather) == (40, RAINY)
    assert (themes["hr"].progress, themes["hr"].weather) == (None, None)


def test_overdue_starts_the_day_after_the_due_date_and_counts_days_late():
    m = mission([rec("R1", due="2026-03-01")], [])
    assert state_on(m, D("2026-03-01")).rec("R1").overdue is False
    s = state_on(m, D("2026-03-02")).rec("R1")
    assert (s.overdue, s.days_late, s.weather) == (True, 1, RAINY)
    assert state_on(m, D("2026-04-12")).rec("R1").days_late == 42


def test_progress_of_a_theme_and_the_mission_is_the_plain_mean():
    m = mission([rec("R1"), rec("R2"), rec("R3", theme="hr")], [
        entry("2026-01-10", recommendation="R1", progress="10"),
        entry("2026-01-10", recommendation="R2", status="done"),
        entry("2026-01-10", recommendation="R3", progress="25"),
    ])
    state = state_on(m, D("2026-01-11"))
    assert [(t.theme, t.progress) for t in state.themes] == [("volunteers", 55), ("hr", 25)]
    assert state.progress == 45


def test_next_milestone_and_deadlines_skip_closed_items():
    milestones = [{"title": "Jalon A", "due": "2026-02-01"}, {"title": "Jalon B", "due": "2026-03-01"}]
    m = mission([rec("R1", milestones=milestones), rec("R2", milestones=milestones)], [
        entry("2026-01-05", recommendation="R2", status="done"),
    ])
    state = state_on(m, D("2026-02-02"))
    assert state.rec("R1").next_milestone.title == "Jalon B"
    assert state.rec("R2").next_milestone is None
    assert [(d.date, d.rec.id, d.milestone and d.milestone.title) for d in state.next_deadlines] == [
        (D("2026-03-01"), "R1", "Jalon B"), (D("2026-04-11"), "R1", None),
    ]


# indicators -----------------------------------------------------------------

def test_indicator_whose_target_is_below_its_baseline():
    r = rec("R1", indicators=[{"id": "I1", "name": "Rotation", "unit": "%", "baseline": "42", "target": "25"}])
    m = mission([r], [
        entry("2026-03-01", indicator="I1", value="45"),
        entry("2026-02-01", indicator="I1", value="33"),
    ])
    ind = state_on(m, D("2026-02-15")).indicators[0]
    assert ind.lower_is_better is True
    assert ind.latest.value == 33
    assert ind.advance == pytest.approx(9 / 17)  # (33 − 42) / (25 − 42)
    worse = state_on(m, D("2026-03-15")).indicators[0]
    assert [x.value for x in worse.measures] == [33, 45]
    assert worse.advance == pytest.approx(-3 / 17)  # moved away from the target
    assert state_on(m, D("2026-01-15")).indicators[0].advance is None


def test_indicator_whose_target_is_above_its_baseline_may_go_beyond_it():
    r = rec("R1", indicators=[{"id": "I1", "name": "Bénévoles", "baseline": "40", "target": "50"}])
    m = mission([r], [entry("2026-02-01", indicator="I1", value="55")])
    ind = state_on(m, D("2026-02-01")).indicators[0]
    assert (ind.lower_is_better, ind.advance) == (False, pytest.approx(1.5))


# the weather ----------------------------------------------------------------

@pytest.mark.parametrize("progress, elapsed, expected", [
    (30, 0.40, SUNNY),   # lag exactly 10 points (0.4 − 0.3 is not exactly 0.1 in floats)
    (29, 0.40, CLOUDY),  # 11 points
    (30, 0.60, CLOUDY),  # exactly 30 points
    (29, 0.60, RAINY),   # 31 points
    (0, 0.0, SUNNY),     # not started
    (90, 0.5, SUNNY),    # ahead of time
])
def test_weather_edges_at_10_and_30_points(progress, elapsed, expected):
    assert weather_of("in_progress", progress, elapsed, overdue=False) == expected


def test_weather_of_blocked_overdue_done_and_dropped():
    assert weather_of("blocked", 90, 0.1, overdue=False) == RAINY
    assert weather_of("in_progress", 99, 1.0, overdue=True) == RAINY
    assert weather_of("done", 100, 1.0, overdue=False) == SUNNY
    assert weather_of("dropped", 0, 1.0, overdue=False) is None


def test_weather_edges_through_the_fold_with_a_100_day_window():
    m = mission([rec("R1")], [entry("2026-01-02", recommendation="R1", progress="30")])
    day = lambda n: D("2026-01-01") + timedelta(days=n)  # noqa: E731
    assert elapsed_share(m.recommendations[0], day(40)) == 0.4
    assert [state_on(m, day(n)).rec("R1").weather for n in (40, 41, 60, 61)] == [SUNNY, CLOUDY, CLOUDY, RAINY]


def test_elapsed_share_is_clamped_to_the_window():
    r = rec("R1")
    assert elapsed_share(r, D("2025-12-01")) == 0
    assert elapsed_share(r, D("2026-01-01")) == 0
    assert elapsed_share(r, D("2026-04-11")) == 1
    assert elapsed_share(r, D("2027-01-01")) == 1


@pytest.mark.parametrize("weathers, expected", [
    ([RAINY, SUNNY, SUNNY], RAINY),            # exactly a third rainy
    ([RAINY, SUNNY, SUNNY, SUNNY], CLOUDY),    # one rainy, less than a third
    ([CLOUDY, SUNNY, SUNNY], CLOUDY),          # exactly a third cloudy
    ([CLOUDY, SUNNY, SUNNY, SUNNY], SUNNY),    # less than a third cloudy
    ([CLOUDY, CLOUDY, RAINY, SUNNY, SUNNY, SUNNY, SUNNY], CLOUDY),
    ([RAINY, RAINY, CLOUDY, CLOUDY, SUNNY, SUNNY], RAINY),
    ([None, SUNNY], SUNNY),                    # a dropped item does not count
    ([None, None], None),
    ([], None),
])
def test_group_weather_by_thirds(weathers, expected):
    assert weather_of_group(weathers) == expected


def test_mission_weather_is_the_group_rule_over_all_items():
    recs = [rec("R1"), rec("R2"), rec("R3", theme="hr"), rec("R4"), rec("R5")]
    one_blocked = [entry("2026-01-02", recommendation="R1", status="blocked")]
    state = state_on(mission(recs, one_blocked), D("2026-01-03"))
    assert [s.weather for s in state.recs] == [RAINY, SUNNY, SUNNY, SUNNY, SUNNY]
    assert [(t.theme, t.weather) for t in state.themes] == [("volunteers", CLOUDY), ("hr", SUNNY)]
    assert state.weather == CLOUDY  # 1 rainy of 5
    two_blocked = one_blocked + [entry("2026-01-02", recommendation="R3", status="blocked")]
    state = state_on(mission(recs, two_blocked), D("2026-01-03"))
    assert [(t.theme, t.weather) for t in state.themes] == [("volunteers", CLOUDY), ("hr", RAINY)]
    assert state.weather == RAINY  # 2 rainy of 5, more than a third


# staleness ------------------------------------------------------------------

def test_stale_after_more_than_six_weeks_without_an_entry():
    r = rec("R1", due="2026-12-31", indicators=[{"id": "I1", "name": "x", "baseline": "0", "target": "5"}])
    m = mission([r], [
        entry("2026-02-01", recommendation="R1", progress="10"),
        entry("2026-02-01", indicator="I1", value="1"),
    ])
    six_weeks = D("2026-02-01") + timedelta(weeks=6)
    at_six = state_on(m, six_weeks)
    assert (at_six.rec("R1").stale, at_six.indicators[0].stale) == (False, False)
    after = state_on(m, six_weeks + timedelta(days=1))
    assert (after.rec("R1").stale, after.indicators[0].stale) == (True, True)
    assert state_on(m, six_weeks + timedelta(days=1), stale_weeks=7).rec("R1").stale is False


def test_staleness_counts_from_the_start_and_spares_closed_and_future_items():
    m = mission([rec("R1"), rec("R2"), rec("R3", start="2026-06-01", due="2026-09-01")], [
        entry("2026-01-02", recommendation="R2", status="done"),
    ])
    state = state_on(m, D("2026-01-01") + timedelta(weeks=6, days=1))
    assert [s.stale for s in state.recs] == [True, False, False]
    assert state_on(m, D("2026-01-01") + timedelta(weeks=6)).rec("R1").stale is False


# changes between two dates --------------------------------------------------

def _changes_mission() -> Mission:
    r1 = rec("R1", milestones=[{"title": "Livret", "due": "2026-02-10"}],
             indicators=[{"id": "I1", "name": "Rotation", "unit": "%", "baseline": "42", "target": "25"}])
    return mission([r1, rec("R2", due="2026-02-20"), rec("R3", due="2026-02-25")], [
        entry("2026-01-05", recommendation="R1", status="in_progress", progress="20"),
        entry("2026-01-05", indicator="I1", value="40"),
        entry("2026-01-20", committee="COPIL n°1", decisions=["Lancer R1"], attendees=["Hélène"]),
        entry("2026-02-01", recommendation="R1", progress="50"),
        entry("2026-02-03", recommendation="R2", status="blocked"),
        entry("2026-02-05", indicator="I1", value="35"),
        entry("2026-02-06", recommendation="R3", status="dropped"),
        entry("2026-03-01", committee="COPIL n°2", decisions=["Relancer R2", "Clore R1"]),
        entry("2026-03-01", recommendation="R1", status="done"),
    ])


def test_last_committee_date():
    m = _changes_mission()
    assert last_committee_date(m, D("2026-01-19")) is None
    assert last_committee_date(m, D("2026-02-28")) == D("2026-01-20")
    assert last_committee_date(m, D("2026-03-01")) == D("2026-03-01")


def test_changes_between_two_dates():
    ch = changes_between(_changes_mission(), D("2026-01-20"), D("2026-02-28"))
    assert [(c.rec.id, c.before, c.after) for c in ch.statuses] == [
        ("R2", "todo", "blocked"), ("R3", "todo", "dropped"),
    ]
    assert [(p.rec.id, p.before, p.after, p.gained) for p in ch.progress] == [("R1", 20, 50, 30)]
    assert [(n.indicator.id, n.measure.value, n.previous.value) for n in ch.measures] == [("I1", 35, 40)]
    # R1's milestone and R2's due date fell in the window; R3 was dropped, so its due date does not count.
    assert [(p.deadline.date, p.deadline.rec.id, p.deadline.milestone and p.deadline.milestone.title, p.met)
            for p in ch.deadlines] == [
        (D("2026-02-10"), "R1", "Livret", False), (D("2026-02-20"), "R2", None, False),
    ]
    assert [(c.committee, c.decisions) for c in ch.committees] == [("COPIL n°1", ["Lancer R1"])]
    assert not ch.empty


def test_changes_since_the_last_committee_include_its_own_day():
    m = _changes_mission()
    since = last_committee_date(m, D("2026-03-02"))
    ch = changes_between(m, since, D("2026-03-02"))
    assert [(c.committee, c.decisions) for c in ch.committees] == [("COPIL n°2", ["Relancer R2", "Clore R1"])]
    assert [(c.rec.id, c.before, c.after) for c in ch.statuses] == [("R1", "in_progress", "done")]
    assert [(p.rec.id, p.gained) for p in ch.progress] == [("R1", 50)]
    assert ch.measures == () and ch.deadlines == ()


def test_no_change_in_a_quiet_window():
    ch = changes_between(_changes_mission(), D("2026-01-06"), D("2026-01-19"))
    assert ch.empty


def test_a_deadline_on_the_last_day_has_not_passed_yet():
    m = _changes_mission()
    assert [p.deadline.rec.id for p in changes_between(m, D("2026-02-11"), D("2026-02-20")).deadlines] == []
    assert [p.deadline.rec.id for p in changes_between(m, D("2026-02-11"), D("2026-02-21")).deadlines] == ["R2"]


def test_a_deadline_is_kept_only_when_done_by_that_day():
    m = mission(
        [rec("R1", due="2026-03-10"), rec("R2", due="2026-03-10")],
        [entry("2026-03-10", recommendation="R1", status="done"),
         entry("2026-03-11", recommendation="R2", status="done")],
    )
    passed = {p.deadline.rec.id: p for p in changes_between(m, date(2026, 3, 1), date(2026, 3, 20)).deadlines}
    assert (passed["R1"].met, passed["R1"].status) == (True, "done")
    assert (passed["R2"].met, passed["R2"].status) == (False, "todo")  # done a day late: missed
