"""pmp render --format xlsx: the workbook opened with openpyxl and checked against the mission."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from pamplemousse.outputs.xlsx import xlsx_bytes
from pamplemousse.plan.state import entries_until, state_on
from pamplemousse.read.load import load_mission
from pamplemousse.views.mission import view_on

AS_OF = date(2026, 11, 26)
NB = "\u00a0"


def _mission(folder: Path):
    mission, problems = load_mission(folder)
    assert mission is not None, problems
    return mission


def _workbook(folder: Path, as_of: date = AS_OF, lang: str | None = None):
    mission = _mission(folder)
    data = xlsx_bytes(mission, view_on(mission, as_of, lang), lang or mission.language)
    return mission, openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def english(example: Path) -> Path:
    path = example / "mission.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    return example


def rows(ws, first: int = 5) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=first, values_only=True) if any(v is not None for v in r)]


def test_sheets_are_named_in_the_missions_language(example):
    assert _workbook(example)[1].sheetnames == ["Plan", "À traiter en priorité", "Indicateurs", "Journal", "Comités", "Jalons"]


def test_sheets_are_named_in_english_for_an_english_mission(english):
    assert _workbook(english)[1].sheetnames == ["Plan", "Needs attention first", "Indicators", "Journal", "Committees", "Milestones"]


def test_plan_has_one_row_per_recommendation_with_the_state_on_the_date(example):
    mission, wb = _workbook(example)
    ws = wb["Plan"]
    assert ws["A1"].value == "Plan d’action — La Ressourcerie du Val"
    assert ws["A2"].value == "Date de l’état"
    assert ws["C2"].value == datetime(2026, 11, 26)
    assert ws["C2"].number_format == "DD/MM/YYYY"
    assert [c.value for c in ws[4]] == [
        "N°", "Axe", "Préconisation", "Responsable", "Début", "Échéance", "Statut", "Avancement",
        "Dernière note", "Jours de retard",
    ]
    state = state_on(mission, AS_OF)
    body = rows(ws)
    assert [r[0] for r in body] == [r.id for r in mission.recommendations]
    for row, s in zip(body, state.recs):
        assert row[2] == s.rec.title
        assert row[3] == s.rec.owner
        assert (row[4], row[5]) == (datetime.combine(s.rec.start, datetime.min.time()),
                                    datetime.combine(s.rec.due, datetime.min.time()))
        assert row[8] == s.last_note
    r1, r2, r4, r5 = body[0], body[1], body[3], body[4]
    assert r1[1:2] + r1[6:8] == ("Bénévolat", "en cours", 0.8)
    assert r2[6:8] == ("fait", 1)
    assert r4[6:8] == ("abandonné", 0)
    assert r5[6:8] == ("en cours", 0.7)


def test_plan_cells_are_real_dates_and_percentages(example):
    _, wb = _workbook(example)
    ws = wb["Plan"]
    assert ws["E5"].is_date and ws["F5"].is_date
    assert ws["F5"].number_format == "DD/MM/YYYY"
    assert ws["H5"].number_format == "0 %"
    assert ws["H5"].value == 0.8


def test_days_late_is_a_formula_on_due_date_status_and_state_date(example):
    _, wb = _workbook(example)
    ws = wb["Plan"]
    # R5 (row 9) was due on 15 October 2026 and is still in progress.
    assert ws["J9"].value == '=IF(AND(F9<$C$2,G9<>"fait",G9<>"abandonné"),$C$2-F9,"")'
    assert ws["J9"].number_format == "0"


def test_overdue_rows_are_highlighted_by_a_formula_rule(example):
    _, wb = _workbook(example)
    ws = wb["Plan"]
    ranges = list(ws.conditional_formatting)
    assert [str(r.sqref) for r in ranges] == ["A5:J14"]
    (rule,) = ranges[0].rules
    assert rule.type == "expression"
    assert rule.formula == ['AND($F5<$C$2,$G5<>"fait",$G5<>"abandonné")']
    assert rule.dxf.fill.fgColor.rgb.endswith("F8D7DA")


def test_status_column_is_a_drop_down_of_the_status_labels(example):
    _, wb = _workbook(example)
    validations = {str(v.sqref): v for v in wb["Plan"].data_validations.dataValidation}
    status = validations["G5:G14"]
    assert status.type == "list"
    assert status.formula1 == '"à faire,en cours,fait,bloqué,abandonné"'
    assert status.showErrorMessage and status.errorStyle in (None, "stop")
    assert status.error == f"Choisissez l’un de ces statuts{NB}: à faire, en cours, fait, bloqué, abandonné."
    progress = validations["H5:H14"]
    assert (progress.type, progress.formula1, progress.formula2) == ("decimal", "0", "1")


def test_english_drop_down_has_english_labels(english):
    _, wb = _workbook(english)
    (status,) = [v for v in wb["Plan"].data_validations.dataValidation if v.type == "list"]
    assert status.formula1 == '"to do,in progress,done,blocked,dropped"'
    assert wb["Plan"]["G5"].value == "in progress"
    assert wb["Plan"]["H5"].number_format == "0%"


def test_every_sheet_has_frozen_headers_filters_widths_and_wrapping(example):
    _, wb = _workbook(example)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A5", ws.title
        assert ws.auto_filter.ref.startswith("A4:"), ws.title
        assert all(c.font.bold for c in ws[4] if c.value), ws.title
    plan = wb["Plan"]
    assert plan.auto_filter.ref == "A4:J14"
    assert plan.column_dimensions["C"].width == 48
    assert plan["C5"].alignment.wrap_text and plan["I5"].alignment.wrap_text
    assert not plan["A5"].alignment.wrap_text


def test_rows_are_tall_enough_for_their_wrapped_text(example):
    _, wb = _workbook(example)
    plan, committees = wb["Plan"], wb["Comités"]
    # R1: a title and a note that fit on one line each; R5: a title on two lines
    assert plan.row_dimensions[5].height == 15
    assert plan.row_dimensions[9].height == 30
    # COPIL n°1: seven attendees, one per line
    assert committees.row_dimensions[5].height >= 7 * 15


def test_indicators_sheet_has_baseline_each_measure_by_date_and_target(example):
    mission, wb = _workbook(example)
    ws = wb["Indicateurs"]
    assert [c.value for c in ws[4]] == [
        "N°", "Indicateur", "Préconisation", "Unité", "Valeur de départ", "Cible", "Date de la mesure",
        "Valeur", "Note",
    ]
    body = rows(ws)
    i1 = [r for r in body if r[0] == "I1"]
    assert [(r[6].date(), r[7]) for r in i1] == [
        (date(2026, 6, 16), 50), (date(2026, 10, 12), 62), (date(2026, 11, 20), 67),
    ]
    assert all(r[1:6] == (
        "Nouveaux bénévoles encore actifs trois mois après leur arrivée", "R1", "%", 50, 75) for r in i1)
    # every indicator of the mission appears, in the order of the plan
    assert list(dict.fromkeys(r[0] for r in body)) == [i.id for _, i in mission.indicators()]


def test_an_indicator_never_measured_has_one_row_without_measure(example):
    _, wb = _workbook(example, as_of=date(2026, 6, 17))
    i7 = [r for r in rows(wb["Indicateurs"]) if r[0] == "I7"]
    assert i7 == [("I7", "Candidatures évaluées sur la grille à sept critères", "R9", "candidatures", 0, 5,
                   None, None, None)]


def test_journal_sheet_lists_the_entries_up_to_the_date(example):
    mission, wb = _workbook(example, as_of=date(2026, 9, 30))
    body = rows(wb["Journal"])
    assert len(body) == len(entries_until(mission.journal, date(2026, 9, 30)))
    blocked = next(r for r in body if r[2] == "R6")
    assert blocked[:5] == (datetime(2026, 9, 10), "Préconisation", "R6", "bloqué", None)
    assert blocked[6].startswith("Prise en charge refusée par l’OPCO")
    measure = next(r for r in body if r[2] == "I3" and r[0] == datetime(2026, 9, 15))
    assert measure[1] == "Indicateur" and measure[5] == 9
    assert body[-1][0] == datetime(2026, 9, 30)


def test_committees_sheet_has_attendees_and_decisions(example):
    _, wb = _workbook(example)
    body = rows(wb["Comités"])
    assert [(r[0], r[1]) for r in body] == [(datetime(2026, 6, 23), "COPIL n°1"), (datetime(2026, 10, 20), "COPIL n°2")]
    assert body[1][2].splitlines()[0] == "Hélène Marchand, présidente"
    assert body[1][3].splitlines()[2] == (
        f"• Le mode antenne est confirmé pour l’ouverture à Est Ensemble{NB}; la franchise sociale sera réétudiée en 2030."
    )


def test_workbook_properties_carry_the_state_date_and_mission(example):
    _, wb = _workbook(example)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {"pmp_state_date": "2026-11-26", "pmp_mission": "ressourcerie-du-val"}
    assert wb.properties.title == "Outil de pilotage — Engagement bénévole et essaimage de la Ressourcerie du Val"
    assert wb.properties.creator == "Claire Dubreuil, Yanis Ferrand"
