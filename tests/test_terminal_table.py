"""The portfolio's table in the terminal (`pmp status` without a mission): Rich's own Table, one line a mission."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from pamplemousse.outputs.terminal_portfolio import portfolio_table

AS_OF = date(2026, 11, 26)
ROW = {"slug": "ressourcerie-du-val", "errors": 0, "client": "La Ressourcerie du Val",
       "phase": {"title": "Suivi et consolidation"}, "progress": {"value": 45, "label": "45\u00a0%"}, "overdue": 1,
       "next_deadline": {"date": {"short": "10/12/2026"}, "recommendation": "R8"},
       "weather": {"icon": "☂︎", "label": "pluvieux"}}


def printed(renderable, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue().splitlines()


def styled(renderable, width: int) -> dict[str, str]:
    """Each word written on a colour terminal, with its style."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    return {seg.text.strip(): str(seg.style) for seg in console.render(renderable) if seg.text.strip()}


def test_each_mission_is_one_line_with_its_cells_side_by_side():
    rows = [ROW, dict(ROW, slug="atelier-velo", client="Atelier vélo", overdue=0, phase=None, next_deadline=None,
                      progress=None, weather={"icon": "☀︎", "label": "ensoleillé"}), {"slug": "cassee", "errors": 2}]
    lines = printed(portfolio_table(rows, AS_OF), 160)
    assert lines[0] == "Portefeuille de missions · État au 26 novembre 2026"
    header, rule, *body = lines[2:]
    assert header.split() == ["Mission", "Structure", "Phase", "Avancement", "En", "retard", "Prochaine", "échéance",
                              "Météo"]
    assert set(rule) == {"─"}
    assert [line.rstrip() for line in body] == [
        "ressourcerie-du-val  La Ressourcerie du Val      Suivi et consolidation  ████▌·····  45\u00a0%          1  "
        "10/12/2026 R8       ☂︎ pluvieux",
        "atelier-velo         Atelier vélo                —                                      —          0  "
        "—                   ☀︎ ensoleillé",
        "cassee               erreurs\u00a0: lancez pmp check",  # the client's column is as wide as this message
    ]


def test_a_late_mission_is_in_bold_red_and_a_mission_that_does_not_check_says_so_in_red():
    on_time = dict(ROW, slug="a-l-heure", client="Atelier vélo", overdue=0,
                   next_deadline={"date": {"short": "02/02/2027"}, "recommendation": "R2"})
    seen = styled(portfolio_table([ROW, on_time, {"slug": "cassee", "errors": 2}], AS_OF), 160)
    assert {seen[w] for w in ("ressourcerie-du-val", "La Ressourcerie du Val", "1", "10/12/2026 R8")} == {"bold red"}
    assert {seen[w] for w in ("a-l-heure", "Atelier vélo", "0", "02/02/2027 R2", "cassee")} == {"none"}
    assert seen["erreurs\u00a0: lancez pmp check"] == "bold red"


def test_what_users_typed_is_shown_as_written_on_one_line():
    """No Rich markup nor emoji code is read in a client's name, and a line break in it is a space."""
    client = "La [bold]Ressource[/bold]\nrie :smile: [/x]"
    lines = printed(portfolio_table([dict(ROW, client=client)], AS_OF), 200)
    assert len(lines) == 5
    assert "La [bold]Ressource[/bold] rie :smile: [/x]" in lines[4]


def test_on_a_narrow_terminal_the_client_and_the_phase_give_way_first():
    from rich.cells import cell_len

    lines = printed(portfolio_table([ROW], AS_OF), 110)
    assert max(cell_len(line) for line in lines) <= 110
    assert lines[4].startswith("ressourcerie-du-val  La Ressource…  Suivi et con…  ")
    assert "…" in lines[4] and "Suivi et consolidation" not in lines[4]
    assert lines[4].rstrip().endswith("10/12/2026 R8       ☂︎ pluvieux")


def test_a_thousand_missions_are_a_thousand_lines():
    rows = [dict(ROW, slug=f"mission-{i:04d}", overdue=i % 3) for i in range(1000)]
    lines = printed(portfolio_table(rows, AS_OF), 120)
    assert len(lines) == 4 + 1000
    assert [line.split()[0] for line in lines[4:]] == [f"mission-{i:04d}" for i in range(1000)]
