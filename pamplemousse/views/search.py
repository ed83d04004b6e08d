"""`pmp search`'s hits as the terminal shows them (plain lines) and as JSON (plain data)."""

from __future__ import annotations

from pamplemousse.plan.search import Hit
from pamplemousse.text.i18n import Formats, labels


def hits_text(hits: list[Hit], lang: str = "fr") -> list[str]:
    """Two lines a hit: where and what (mission, id, kind, theme, date, status), then the snippet, indented."""
    L, fmt = labels(lang), Formats(lang)
    S = L["search"]
    out = []
    said: dict = {}  # what a thousand missions' hits share (kind, theme, date, status), worded once

    def described(hit: Hit) -> str:
        parts = [S["kind"][hit.kind]]
        if hit.theme:
            parts.append(L["theme"][hit.theme])
        if hit.date:
            parts.append(fmt.date(hit.date, "short"))
        if hit.status is not None:
            parts.append(f"{L['status'][hit.status]} ({fmt.percent(hit.progress)})")
            parts.append(S["done"] if hit.done else S["not_done"])
        return " · ".join(parts)

    for hit in hits:
        about = (hit.kind, hit.theme, hit.date, hit.status, hit.progress, hit.done)
        if about not in said:
            said[about] = described(hit)
        out += [f"{hit.mission}  {hit.id}  {said[about]}", f"    {hit.snippet}"]
    return out


def summary(hits: list[Hit], query: str, lang: str = "fr") -> str:
    """"3 résultats dans 2 missions." or "Aucun résultat pour « … »."."""
    S, fmt = labels(lang)["search"], Formats(lang)
    if not hits:
        return S["nothing"].format(query=query)
    missions = len({h.mission for h in hits})
    return f"{fmt.plural(S['found'], len(hits))} {fmt.plural(S['in_missions'], missions)}."


def as_json(hits: list[Hit]) -> list[dict]:
    return [h.as_json() for h in hits]
