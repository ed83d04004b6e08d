"""The SVG charts: parsed with ElementTree, and checked for what a reader sees."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from pamplemousse.outputs.charts import bar_scores_svg, matrix_svg, radar_svg, timeline_svg, trajectory_svg

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
TIMELINE_LABELS = {"title": "Calendrier", "desc": "Le calendrier du plan", "today": "Aujourd’hui",
                   "milestone": "Jalon"}
MATRIX_LABELS = {"title": "Matrice", "desc": "Impact et effort", "impact": "Impact", "effort": "Effort",
                 "quick_wins": "Gains rapides", "major_projects": "Grands projets", "fill_ins": "Bouche-trous",
                 "thankless": "Ingrats"}
TRAJ_LABELS = {"title": "I1", "desc": "Bénévoles actifs", "baseline": "Départ", "target": "Cible"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def one(root: ET.Element, name: str) -> ET.Element:
    found = by_class(root, name)
    assert len(found) == 1, f"{len(found)} elements of class {name}"
    return found[0]


def bar(root: ET.Element, rec_id: str) -> ET.Element:
    return next(el for el in root.iter(SVG + "g") if el.get("data-id") == rec_id)


def rect_box(el: ET.Element) -> tuple[float, float, float, float]:
    return tuple(float(el.get(k)) for k in ("x", "y", "width", "height"))


def row(rec_id, start, end, status="in_progress", progress=0, overdue=False, milestones=(), label="Action"):
    return {"id": rec_id, "label": label, "start": start, "end": end, "status": status, "overdue": overdue,
            "progress": progress, "milestones": list(milestones)}


ROWS = [
    row("R1", date(2026, 1, 1), date(2026, 12, 31), progress=40,
        milestones=[{"date": date(2026, 3, 15), "title": "Charte"}]),
    row("R2", date(2026, 2, 1), date(2026, 4, 1), progress=60, overdue=True),
    row("R3", date(2026, 1, 10), date(2026, 2, 28), status="done", progress=100,
        milestones=[{"date": date(2026, 2, 28), "title": "Tableau"},
                    {"date": date(2026, 2, 1), "title": "Lancement"}]),
    row("R4", date(2026, 3, 1), date(2026, 9, 30), status="dropped"),
]
TODAY = date(2026, 7, 2)


# --- timeline ---------------------------------------------------------------


def test_today_line_sits_where_the_date_falls_on_every_bar():
    root = parse(timeline_svg(ROWS, TODAY, TIMELINE_LABELS))
    today = one(root, "today")
    tx = float(today.get("x1"))
    assert today.get("x2") == today.get("x1")
    for r in ROWS:
        x, _, w, _ = rect_box(one(bar(root, r["id"]), "track"))
        expected = (TODAY - r["start"]).days / (r["end"] - r["start"]).days
        assert tx - x == pytest.approx(expected * w, abs=0.2)  # coordinates are written to 0.1
    assert one(root, "today-label").text == "Aujourd’hui"


@pytest.mark.parametrize("progress", [0, 25, 40, 100])
def test_the_filled_part_of_a_bar_is_in_proportion_to_progress(progress):
    rows = [row("R1", date(2026, 1, 1), date(2026, 6, 30), progress=progress)]
    g = bar(parse(timeline_svg(rows, TODAY, TIMELINE_LABELS)), "R1")
    track, filled = one(g, "track"), one(g, "progress")
    assert float(filled.get("x")) == float(track.get("x"))
    assert float(filled.get("width")) == pytest.approx(float(track.get("width")) * progress / 100, abs=0.1)


def test_an_overdue_bar_is_hatched_from_its_due_date_to_today_and_the_others_are_not():
    root = parse(timeline_svg(ROWS, TODAY, TIMELINE_LABELS))
    pattern_ids = {p.get("id") for p in root.iter(SVG + "pattern")}
    late = bar(root, "R2")
    assert "overdue" in late.get("class").split()
    mark = one(late, "overdue-mark")
    assert mark.get("fill") in {f"url(#{pid})" for pid in pattern_ids}
    x, _, w, _ = rect_box(one(late, "track"))
    mx, _, mw, _ = rect_box(mark)
    tx = float(one(root, "today").get("x1"))
    assert mx == pytest.approx(x + w, abs=0.15) and mx + mw == pytest.approx(tx, abs=0.15)  # lateness only
    on_time = bar(root, "R1")
    assert not by_class(on_time, "overdue-mark")
    assert not any("url(" in el.get("fill", "") for el in on_time.iter())


def test_one_day_late_is_drawn_one_day_long():
    rows = [row("R1", date(2026, 1, 1), date(2026, 7, 1), overdue=True, progress=50)]
    root = parse(timeline_svg(rows, TODAY, TIMELINE_LABELS))
    _, _, w, _ = rect_box(one(bar(root, "R1"), "track"))
    _, _, mw, _ = rect_box(one(bar(root, "R1"), "overdue-mark"))
    assert mw == pytest.approx(w / 181, abs=0.15)


def test_long_names_wrap_on_two_lines_and_keep_their_words():
    title = "Créer un parcours d’accueil des nouveaux bénévoles avec un binôme"
    root = parse(timeline_svg([row("R1", date(2026, 1, 1), date(2026, 6, 30), label=title)], TODAY, TIMELINE_LABELS))
    label = one(root, "row-label")
    lines = ["".join(t.itertext()) for t in label.iter(SVG + "tspan") if t.get("x")]
    assert len(lines) == 2
    assert " ".join(lines).replace("R1 ", "", 1).split() == title.split()


def test_the_legend_names_every_style_the_timeline_uses():
    labels = {**TIMELINE_LABELS, "overdue": "En retard",
              "statuses": {"todo": "à faire", "in_progress": "en cours", "done": "fait", "blocked": "bloqué",
                           "dropped": "abandonné"}}
    legend = [t.text for t in one(parse(timeline_svg(ROWS, TODAY, labels)), "legend").iter(SVG + "text")]
    assert legend == ["en cours", "fait", "abandonné", "Jalon", "En retard"]


def test_each_bar_says_its_status_and_id_and_a_dropped_bar_is_faded_and_struck():
    root = parse(timeline_svg(ROWS, TODAY, TIMELINE_LABELS))
    assert [(g.get("data-id"), g.get("class")) for g in by_class(root, "bar")] == [
        ("R1", "bar in_progress"), ("R2", "bar in_progress overdue"), ("R3", "bar done"), ("R4", "bar dropped")]
    dropped = bar(root, "R4")
    assert float(dropped.get("opacity")) < 1
    strike = one(dropped, "strike")
    assert strike.get("y1") == strike.get("y2")
    assert not by_class(bar(root, "R3"), "strike")


def test_one_diamond_per_milestone_on_its_date():
    root = parse(timeline_svg(ROWS, TODAY, TIMELINE_LABELS))
    diamonds = [g.find(SVG + "polygon") for g in by_class(root, "milestone")]
    assert len(diamonds) == 3
    assert all(len(d.get("points").split()) == 4 for d in diamonds)
    # the milestone at the end of R3 sits on the right end of its bar
    x, _, w, _ = rect_box(one(bar(root, "R3"), "track"))
    centres = {float(d.get("points").split()[0].split(",")[0]) for d in diamonds}
    assert any(c == pytest.approx(x + w, abs=0.15) for c in centres)
    tips = [g.find(SVG + "title").text for g in by_class(root, "milestone")]
    assert "Jalon — Charte" in tips


def test_month_ticks_use_the_given_month_names_or_numbers():
    texts = lambda svg: [t.text for t in parse(svg).iter(SVG + "text")]  # noqa: E731
    named = texts(timeline_svg(ROWS, TODAY, {**TIMELINE_LABELS, "months": MONTHS}))
    assert "janv." in named and "2026" in named
    numbered = texts(timeline_svg(ROWS, TODAY, TIMELINE_LABELS))
    assert "01/2026" in numbered and "03/2026" in numbered and "janv." not in numbered


# --- matrix -----------------------------------------------------------------


def point_centre(root: ET.Element, rec_id: str) -> tuple[float, float, float]:
    circle = bar(root, rec_id).find(SVG + "circle")
    return float(circle.get("cx")), float(circle.get("cy")), float(circle.get("r"))


def inside(root: ET.Element, quadrant: str, x: float, y: float) -> bool:
    qx, qy, w, h = rect_box(one(root, quadrant))
    return qx < x < qx + w and qy < y < qy + h


def test_quick_wins_are_top_left_and_thankless_tasks_bottom_right():
    points = [{"id": "R1", "label": "a", "impact": 5, "effort": 1, "status": "todo"},
              {"id": "R2", "label": "b", "impact": 1, "effort": 5, "status": "done"},
              {"id": "R3", "label": "c", "impact": 5, "effort": 5, "status": "in_progress"},
              {"id": "R4", "label": "d", "impact": 1, "effort": 1, "status": "blocked"}]
    root = parse(matrix_svg(points, MATRIX_LABELS))
    for rec_id, quadrant in [("R1", "quick_wins"), ("R2", "thankless"), ("R3", "major_projects"),
                             ("R4", "fill_ins")]:
        x, y, _ = point_centre(root, rec_id)
        assert inside(root, quadrant, x, y), rec_id
        assert bar(root, rec_id).find(SVG + "text").text == rec_id
    texts = [t.text for t in root.iter(SVG + "text")]
    assert {"Gains rapides", "Grands projets", "Bouche-trous", "Ingrats", "Impact", "Effort"} <= set(texts)


def test_points_in_the_same_cell_are_spread_without_overlapping():
    points = [{"id": f"R{i}", "label": "x", "impact": 5, "effort": 1, "status": "todo"} for i in range(1, 8)]
    root = parse(matrix_svg(points, MATRIX_LABELS))
    circles = [point_centre(root, p["id"]) for p in points]
    for i, (x1, y1, r1) in enumerate(circles):
        assert inside(root, "quick_wins", x1, y1)
        for x2, y2, r2 in circles[i + 1:]:
            assert math.dist((x1, y1), (x2, y2)) >= r1 + r2


# --- trajectory -------------------------------------------------------------


def expected_line(root: ET.Element) -> tuple[float, float, float, float]:
    line = one(root, "expected")
    return tuple(float(line.get(k)) for k in ("x1", "y1", "x2", "y2"))


@pytest.mark.parametrize("baseline, target, goes_down", [(35, 20, True), (12, 40, False)])
def test_the_expected_path_goes_from_baseline_to_target(baseline, target, goes_down):
    svg = trajectory_svg(baseline, target, [(date(2026, 3, 1), 30)], date(2026, 1, 1), date(2026, 12, 31), "%",
                         TRAJ_LABELS)
    root = parse(svg)
    x1, y1, x2, y2 = expected_line(root)
    assert x1 < x2
    assert (y2 > y1) == goes_down  # SVG's y grows downwards
    texts = [t.text for t in root.iter(SVG + "text")]
    assert f"Départ {baseline} %" in texts and f"Cible {target} %" in texts


def test_measures_are_a_line_of_dots_and_the_target_a_different_marker():
    measures = [(date(2026, 4, 1), 22.5), (date(2026, 2, 1), 14.0), (date(2026, 3, 1), 19.0)]
    root = parse(trajectory_svg(12, 40, measures, date(2026, 1, 1), date(2026, 12, 31), "bénévoles", TRAJ_LABELS))
    dots = by_class(root, "measure")
    assert len(dots) == 3 and all(d.tag == SVG + "circle" for d in dots)
    xs = [float(d.get("cx")) for d in dots]
    assert xs == sorted(xs)  # in date order, whatever the input order
    assert len(one(root, "measures").get("points").split()) == 3
    assert one(root, "baseline").tag == SVG + "rect"
    assert len(one(root, "target").findall(SVG + "circle")) == 2  # a bullseye
    assert one(root, "last").text == "22,5 bénévoles"
    # the measure taken at the baseline's value lies on the baseline marker's level
    _, y1, _, _ = expected_line(root)
    y_of = lambda v: y1 + (v - 12) * (expected_line(root)[3] - y1) / (40 - 12)  # noqa: E731
    assert float(dots[0].get("cy")) == pytest.approx(y_of(14.0), abs=0.2)


def test_a_trajectory_with_one_measure_or_none_still_draws():
    one_measure = parse(trajectory_svg(35, 20, [(date(2026, 3, 1), 33)], date(2026, 1, 1), date(2026, 12, 31), "%",
                                       TRAJ_LABELS))
    assert len(by_class(one_measure, "measure")) == 1 and not by_class(one_measure, "measures")
    none = parse(trajectory_svg(35, 20, [], date(2026, 1, 1), date(2026, 12, 31), "%",
                                {**TRAJ_LABELS, "empty": "Pas encore de mesure"}))
    assert not by_class(none, "measure")
    assert one(none, "empty").text == "Pas encore de mesure"
    assert by_class(none, "expected")
    flat = parse(trajectory_svg(10, 10, [], date(2026, 1, 1), date(2026, 1, 1), "", TRAJ_LABELS))
    assert one(flat, "empty").text == "—"


# --- radar and score bars ---------------------------------------------------


@pytest.mark.parametrize("axes", [
    [("Valeur sociale", 4), ("Opportunité", 3), ("Innovation", 2)],
    [("Valeur sociale", 4), ("Opportunité", 3), ("Innovation", 2), ("Ressources", 1.5), ("Redevabilité", 5)],
    [(f"Critère {i}", i % 6) for i in range(8)],
])
def test_the_radar_has_one_vertex_per_axis_at_a_radius_in_proportion_to_the_score(axes):
    root = parse(radar_svg(axes, 5, {"title": "Grille de Dees", "desc": "…"}))
    outer = by_class(root, "grid")[-1]
    outer_radius = math.hypot(*map(float, outer.get("points").split()[0].split(",")))
    vertices = [tuple(map(float, p.split(","))) for p in one(root, "score").get("points").split()]
    assert len(vertices) == len(axes)
    assert len(by_class(root, "grid")) == 5
    for i, ((x, y), (_, score)) in enumerate(zip(vertices, axes)):
        assert math.hypot(x, y) == pytest.approx(outer_radius * score / 5, abs=0.15)
        if score:
            angle = math.degrees(math.atan2(y, x))
            assert (angle + 90 - 360 * i / len(axes) + 180) % 360 - 180 == pytest.approx(0, abs=0.2)
    labels = [" ".join(t.text for t in el) for el in by_class(root, "axis-label")]
    assert labels[0] == f"{axes[0][0]} {axes[0][1]} / 5"


def test_radar_labels_lie_inside_the_view_box():
    axes = [("Redevabilité envers les parties prenantes", 5), ("A", 1), ("Modèle économique", 3), ("B", 2)]
    root = parse(radar_svg(axes, 5, {"title": "t", "desc": "d"}))
    x0, y0, w, h = map(float, root.get("viewBox").split())
    for tspan in root.iter(SVG + "tspan"):
        x, y = float(tspan.get("x")), float(tspan.get("y"))
        assert x0 < x < x0 + w and y0 < y < y0 + h


def test_scores_below_the_threshold_are_marked_as_gaps():
    items = [("Connaît le territoire", 4), ("Connaît le secteur", 1), ("Réseau local", 0), ("Valeurs", 5)]
    root = parse(bar_scores_svg(items, 5, {"title": "Candidat A", "desc": "…", "gap": "Manque"}))
    rows = by_class(root, "criterion")
    assert [("gap" in g.get("class")) for g in rows] == [False, True, True, False]
    pattern_ids = {f"url(#{p.get('id')})" for p in root.iter(SVG + "pattern")}
    for g, (_, score) in zip(rows, items):
        track, value = one(g, "track"), one(g, "value")
        assert float(value.get("width")) == pytest.approx(float(track.get("width")) * score / 5, abs=0.1)
        marks = [t.text for t in g.iter(SVG + "text") if t.text == "!"]
        assert (value.get("fill") in pattern_ids) == (score < 2) == (marks == ["!"])
    assert "Manque" in [t.text for t in one(root, "legend").iter(SVG + "text")]
    high_bar = parse(bar_scores_svg(items, 5, {"title": "t", "desc": "d"}, highlight_below=5))
    assert len(by_class(high_bar, "gap")) == 3


# --- every chart ------------------------------------------------------------

EVIL = "<b>R&D</b> \"ok\""


def all_charts(label: str = "Action") -> dict[str, str]:
    labels = {"title": label, "desc": label}
    return {
        "timeline": timeline_svg([row("R1", date(2026, 1, 1), date(2026, 6, 1), label=label,
                                      milestones=[{"date": date(2026, 2, 1), "title": label}])],
                                 TODAY, {**TIMELINE_LABELS, **labels, "today": label}),
        "matrix": matrix_svg([{"id": "R1", "label": label, "impact": 3, "effort": 2, "status": "done"}],
                             {**MATRIX_LABELS, **labels, "quick_wins": label}),
        "trajectory": trajectory_svg(1, 2, [(date(2026, 2, 1), 1.5)], date(2026, 1, 1), date(2026, 6, 1), label,
                                     {**TRAJ_LABELS, **labels, "baseline": label}),
        "radar": radar_svg([(label, 1), ("b", 2), ("c", 3)], 5, labels),
        "scores": bar_scores_svg([(label, 1), ("b", 4)], 5, labels),
    }


@pytest.mark.parametrize("kind", ["timeline", "matrix", "trajectory", "radar", "scores"])
def test_every_chart_is_a_self_contained_accessible_svg(kind):
    svg = all_charts()[kind]
    root = parse(svg)
    assert root.tag == SVG + "svg" and svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    assert "sans-serif" in root.get("font-family")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(SVG + "title").get("id") == title_id and root.find(SVG + "title").text == "Action"
    assert root.find(SVG + "desc").get("id") == desc_id
    assert not any(el.tag.endswith("script") or el.tag.endswith("image") for el in root.iter())
    assert not any("href" in key for el in root.iter() for key in el)
    assert svg.count("http") == 1  # the namespace, nothing fetched
    assert all_charts()[kind] == svg  # the same input always gives the same chart


@pytest.mark.parametrize("kind", ["timeline", "matrix", "trajectory", "radar", "scores"])
def test_labels_are_shown_literally_never_as_markup(kind):
    svg = all_charts(EVIL)[kind]
    root = parse(svg)
    assert not any(el.tag in (SVG + "b", "b") for el in root.iter())
    assert "<b>" not in svg
    assert root.find(SVG + "title").text == EVIL
    assert any(EVIL in "".join(el.itertext()) for el in root.iter(SVG + "text"))


def test_two_charts_on_one_page_have_different_ids():
    charts = [all_charts("Première")["timeline"], all_charts("Seconde")["timeline"]]
    ids = [el.get("id") for svg in charts for el in parse(svg).iter() if el.get("id")]
    assert len(ids) == len(set(ids)) == 2 * 4  # svg, title, desc, hatch pattern


@pytest.mark.parametrize("svg", [
    timeline_svg([], TODAY, {"title": "t", "desc": "d", "empty": "Aucune donnée"}),
    matrix_svg([], {"title": "t", "desc": "d", "empty": "Aucune donnée"}),
    bar_scores_svg([], 5, {"title": "t", "desc": "d", "empty": "Aucune donnée"}),
    radar_svg([("a", 1), ("b", 2)], 5, {"title": "t", "desc": "d", "empty": "Aucune donnée"}),
], ids=["timeline", "matrix", "scores", "radar"])
def test_empty_input_gives_a_chart_saying_so(svg):
    root = parse(svg)
    assert root.find(SVG + "title").text == "t"
    assert [t.text for t in root.iter(SVG + "text")] == ["Aucune donnée"]


def test_empty_message_defaults_to_a_dash():
    root = parse(timeline_svg([], TODAY, {"title": "t", "desc": "d"}))
    assert one(root, "empty").text == "—"


def test_quadrant_lines_lie_between_the_scores_and_no_point_sits_on_one():
    points = [{"id": f"R{i}", "label": "x", "impact": 4, "effort": 3, "status": "todo"} for i in (1, 2, 3)]
    points += [{"id": f"R{i}", "label": "x", "impact": 3, "effort": 2, "status": "todo"} for i in (4, 5)]
    points += [{"id": "R6", "label": "x", "impact": 2, "effort": 2, "status": "done"}]
    for narrow in (False, True):
        root = parse(matrix_svg(points, MATRIX_LABELS, narrow=narrow))
        qx, qy, w, h = rect_box(one(root, "quick_wins"))
        line_x, line_y = qx + w, qy + h
        for p in points:
            cx, cy, r = point_centre(root, p["id"])
            assert abs(cx - line_x) > r and abs(cy - line_y) > r, p["id"]
            assert (cx > line_x) == (p["effort"] >= 3) and (cy < line_y) == (p["impact"] >= 3)


def test_the_overdue_legend_shows_only_when_something_is_overdue():
    labels = {**TIMELINE_LABELS, "overdue": "En retard"}

    def legend(rows):
        return [t.text for t in one(parse(timeline_svg(rows, TODAY, labels)), "legend").iter(SVG + "text")]

    assert legend(ROWS) == ["Jalon", "En retard"]  # statuses are named when their words are given
    assert legend(ROWS[:1]) == ["Jalon"]
