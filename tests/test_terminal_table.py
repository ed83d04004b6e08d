"""The portfolio's table (outputs/table.ManyRows) is laid out as Rich's Table would: the same characters
and the same style on each, at every width, whatever the cells (wrapped, too long, markup, wide characters)."""

from __future__ import annotations

import io
import random
from datetime import date

import pytest
from rich.console import Console
from rich.text import Text

from pamplemousse.outputs.table import ManyRows
from pamplemousse.outputs.terminal_portfolio import portfolio_table

WORDS = ["La", "Ressourcerie", "du", "Val", "Suivi", "et", "consolidation", "d’action", "45\u00a0%", "☂️", "pluvieux",
         "x" * 30, "[bold]gras[/bold]", "[Bénévoles]", ":smile:", "a:b", "élan", "日本語", "tab\there", "  ", ""]
WIDTHS = [12, 20, 40, 60, 80, 120, 160, 250]


def table(seed: int) -> ManyRows:
    rng = random.Random(seed)

    def cell() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 5)))

    t = ManyRows()
    t.add_column("Mission", no_wrap=True)
    t.add_column("Structure", min_width=12)
    t.add_column("Phase", min_width=12)
    t.add_column("Avancement", no_wrap=True)
    t.add_column("En retard", no_wrap=True, justify="right")
    t.add_column("Prochaine échéance", no_wrap=True)
    t.add_column("Météo", no_wrap=True)
    for i in range(rng.randint(0, 25)):
        if rng.random() < 0.1:
            t.add_row(f"mission-{i}", Text("erreurs", style="bold red"), "", "", "", "", "")
        else:
            t.add_row(*[cell() for _ in range(4)], str(rng.randint(0, 12)), cell(), cell(),
                      style=rng.choice([None, "bold red"]))
    return t


def printed(renderable, width: int) -> str:
    console = Console(width=width, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()


def styled(renderable, width: int) -> list[tuple[str, str]]:
    """Each character written on a colour terminal, with its style."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    return [(ch, str(seg.style) if seg.style else "") for seg in console.render(renderable) for ch in seg.text]


@pytest.mark.parametrize("seed", range(40))
def test_the_table_is_rich_s_own_layout_at_every_width(seed):
    t = table(seed)
    for width in WIDTHS:
        assert printed(t, width) == printed(t.rich_table(), width), width
    width = WIDTHS[seed % len(WIDTHS)]
    assert styled(t, width) == styled(t.rich_table(), width)


def test_the_portfolio_of_the_example_as_rich_lays_it_out(pmp, tmp_path, monkeypatch):
    """The real rows of a portfolio (the example and a mission that does not check), at 120 columns and narrow."""
    import json
    import shutil
    from pathlib import Path

    missions = tmp_path / "missions"
    shutil.copytree(Path(__file__).parent.parent / "missions" / "ressourcerie-du-val", missions / "ressourcerie-du-val")
    (missions / "cassee").mkdir()
    (missions / "cassee" / "mission.yaml").write_text("title: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMP_NO_CACHE", "1")
    rows = json.loads(pmp("status", "--as-of", "2026-11-26", "--format", "json").stdout)
    assert [r["errors"] > 0 for r in rows] == [True, False]
    shown = portfolio_table(rows, date(2026, 11, 26))
    rich = portfolio_table(rows, date(2026, 11, 26))
    rich.renderables[-1] = rich.renderables[-1].rich_table()
    for width in (50, 80, 120):
        assert printed(shown, width) == printed(rich, width)
    assert "ressourcerie-du-val  La Ressourcerie du" in printed(shown, 120)
