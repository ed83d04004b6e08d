"""pmp search: what was found, recommended, noted or asked in every mission, and did it work."""

from __future__ import annotations

from typing import Optional

import typer

from pamplemousse.cli.app import _echo_err, _parse_date, _with_progress_bar, app, warn
from pamplemousse.errors import UsageError


@app.command()
def search(
    text: str = typer.Argument(...),
    kind: Optional[str] = typer.Option(None, "--kind"),
    theme: Optional[str] = typer.Option(None, "--theme"),
    format: str = typer.Option("text", "--format"),
    audience: str = typer.Option("client", "--audience"),
    as_of: Optional[str] = typer.Option(None, "--as-of"),
) -> None:
    import functools
    import json

    from pamplemousse.plan.search import AUDIENCES, KINDS, Searchable, query_words, search_in, searchable
    from pamplemousse.read.cache import memo
    from pamplemousse.read.workspace import workspace_missions
    from pamplemousse.views import search as view

    if format not in ("text", "json"):
        raise UsageError(key="format_text_json", value=format)
    if kind is not None and kind not in KINDS:
        raise UsageError(key="search_kind", value=kind, listed=", ".join(KINDS), suggest=(kind, list(KINDS)))
    if audience not in AUDIENCES:
        from pamplemousse.plan.privacy import check_audience

        check_audience(audience)  # says what is wrong
    if not query_words(text):
        raise UsageError(key="search_no_words")
    chosen_theme = _theme(theme) if theme is not None else None
    day = _parse_date(as_of, "--as-of")
    folders = workspace_missions()
    if not folders:
        raise UsageError(key="search_no_mission")

    def prepared(folder):
        from pamplemousse.read.load import load_mission

        mission, _ = load_mission(folder)
        return None if mission is None else searchable(mission, day, audience)

    def run(tick):
        hits, failed = [], []
        for folder in folders:
            found = memo("search", folder, (audience, day.isoformat()), functools.partial(prepared, folder))
            if found is None:
                failed.append(folder.name)
            else:  # a Searchable, or the list the cache keeps of it
                hits += search_in(Searchable(*found), text, (kind,) if kind else KINDS, chosen_theme)
            if tick is not None:
                tick(folder)
        return hits, failed

    hits, failed = _with_progress_bar(folders, run, "search.progress")
    for slug in failed:
        warn("search.failed", slug=slug)
    if format == "json":
        typer.echo(json.dumps(view.as_json(hits), ensure_ascii=False, indent=2))
        return
    if hits:
        typer.echo("\n".join(view.hits_text(hits)))
    _echo_err(view.summary(hits, text))


def _theme(value: str) -> str:
    """--theme as a theme key, given as the key or as its label in French or English."""
    from pamplemousse.read.model import ProblemArea
    from pamplemousse.text.i18n import labels
    from pamplemousse.text.wording import plain

    themes = ProblemArea.__args__  # type: ignore[attr-defined]
    names = {plain(t): t for t in themes}
    for lang in ("fr", "en"):
        names.update({plain(labels(lang)["theme"][t]): t for t in themes})
    if plain(value) in names:
        return names[plain(value)]
    raise UsageError(key="search_theme", value=value, listed=", ".join(themes), suggest=(value, list(themes)))
