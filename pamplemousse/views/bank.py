"""Bank questions as the terminal shows them: plain text (pipes, scripts) or a Rich table.

Both return something to print; the CLI prints it. Labels come from the i18n
catalogs (phase, theme, moment, bank).
"""

from __future__ import annotations

import json

from pamplemousse.read.bank import LocalQuestion
from pamplemousse.text.i18n import Formats, labels


def _tags(q: LocalQuestion, words: dict) -> str:
    parts = [words["phase"][q.phase], words["theme"][q.theme]]
    parts += [words["moment"][m] for m in q.moments]
    return " · ".join(parts)


def count_line(questions: list[LocalQuestion], lang: str) -> str:
    return Formats(lang).plural(labels(lang)["bank"]["count"], len(questions))


def as_text(questions: list[LocalQuestion], lang: str) -> str:
    """One block per question: id and tags, the text, the purpose, the follow-ups; then the count."""
    words = labels(lang)
    bank = words["bank"]
    blocks = []
    for q in questions:
        lines = [f"{q.id}  [{_tags(q, words)}]", f"  {q.text}", f"  {bank['purpose']} {q.purpose}"]
        lines += [f"  {bank['follow_up_mark']} {f}" for f in q.follow_ups]
        blocks.append("\n".join(lines))
    blocks.append(count_line(questions, lang))
    return "\n\n".join(blocks)


def as_json(questions: list[LocalQuestion]) -> str:
    return json.dumps([q.as_dict() for q in questions], ensure_ascii=False, indent=2)


def as_table(questions: list[LocalQuestion], lang: str):
    """A Rich table: id, phase and theme, then the question with its purpose and follow-ups."""
    from rich.table import Table
    from rich.text import Text

    words = labels(lang)
    bank = words["bank"]
    table = Table(show_lines=True, caption=count_line(questions, lang))
    table.add_column(bank["col_id"], style="bold", no_wrap=True)
    table.add_column(bank["col_tags"])
    table.add_column(bank["col_question"], ratio=1)
    for q in questions:
        cell = Text(q.text)
        cell.append(f"\n{bank['purpose']} {q.purpose}", style="dim")
        for f in q.follow_ups:
            cell.append(f"\n{bank['follow_up_mark']} {f}", style="italic")
        table.add_row(q.id, _tags(q, words).replace(" · ", "\n"), cell)
    return table
