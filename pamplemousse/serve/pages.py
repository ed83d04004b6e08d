"""The pages of `pmp serve`, as HTML text: the portfolio, a mission's documents, a mission's problems.

A document is rendered by `outputs.render.render_outputs`, the path of
`pmp render` (same view, same templates and workspace overrides, same sandbox),
then served as it is with three small additions (`decorate`): a style for the
bar, the bar itself (documents, date of the state, readers, downloads, journal)
at the top of the body, and the live-reload script at its end. pmp's own pages
(portfolio, problems, journal) extend the workspace's `html/theme.html.j2`
like the documents, from templates in `pamplemousse/serve/templates/`, rendered
in the same sandbox.

Everything here is synchronous and called under `Workspace.lock`: one render
at a time (a workspace's own templates render in a process of their own).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

from pamplemousse.errors import Problem
from pamplemousse.read.model import Mission
from pamplemousse.serve.live import LIVE_SCRIPT, Changes
from pamplemousse.serve.safety import Exposure, Sessions, inside
from pamplemousse.text.messages import error_words

SERVE_TEMPLATES = Path(__file__).resolve().parent / "templates"
JOURNAL_TAIL = 6  # journal entries shown under the forms
FLASH_S = 10  # how long the page after a form still says what it appended


@dataclass
class Workspace:
    """The served workspace and what the routes share."""

    root: Path
    read_only: bool = False
    port: int = 8000
    exposure: Exposure = field(default_factory=Exposure)  # the audiences served, the token asked
    sessions: Sessions = field(init=False)
    changes: Changes = field(default_factory=Changes)
    lock: threading.Lock = field(default_factory=threading.Lock)
    flash: dict = field(default_factory=dict)  # session id -> (when, what it just appended)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.sessions = Sessions(self.port)

    def just_appended(self, session: str) -> dict | None:
        """What `session` appended in the last FLASH_S seconds: shown again when the page reloads
        for the journal's own change, forgotten after."""
        import time

        when, appended = self.flash.get(session, (0.0, None))
        if time.monotonic() - when > FLASH_S:
            self.flash.pop(session, None)
            return None
        return appended

    def folders(self) -> dict[str, Path]:
        from pamplemousse.read.workspace import workspace_missions

        return {p.name: p for p in workspace_missions(self.root)}

    def folder(self, slug: str) -> Path | None:
        """The mission folder named `slug` among the workspace's (never built from the URL)."""
        return self.folders().get(slug)

    def contained(self, folder: Path) -> bool:
        """The folder and each of its files, links followed, stay inside the workspace."""
        from pamplemousse.read.model import FILES

        return inside(folder, self.root) and all(inside(folder / name, self.root) for name in FILES)



@dataclass(frozen=True)
class Controls:
    """The page controls of a document: date of the state and readers."""

    as_of: date
    audience: str | None = None

    def query(self, **more) -> str:
        params = {"as_of": self.as_of.isoformat(), **({"audience": self.audience} if self.audience else {}), **more}
        return "?" + urlencode(params)


def controls_of(params) -> Controls:
    """The controls from a query string; a bad value is a UsageError naming it."""
    from pamplemousse.plan.privacy import check_audience
    from pamplemousse.serve.forms import iso_date

    day = iso_date((params.get("as_of") or "").strip(), "--as-of")
    audience = (params.get("audience") or "").strip() or None
    if audience is not None:
        check_audience(audience)
    return Controls(day, audience)


def audience_refused(ws: Workspace, asked: str) -> str:
    """The page that stands for a document asked for an audience this server does not serve."""
    S = _serve_words("fr")
    served_ones = ", ".join(ws.exposure.audiences)
    return bare(ws, "fr", S["audience_refused_title"], [S["audience_refused"].format(audience=asked, served=served_ones)],
                code=False)


def mission_href(slug: str, page: str = "pilotage") -> str:
    return f"/m/{quote(slug)}/{page}"


# decoration -----------------------------------------------------------------------

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def decorate(html: str, bar: str, live: str) -> str:
    """The page as rendered, with the bar's style in its head, the bar first in its body, the script last."""
    style = (SERVE_TEMPLATES / "serve" / "bar.css").read_text("utf-8")
    head = html.lower().rfind("</head>")
    if head >= 0:
        html = f"{html[:head]}<style id=\"pmp-serve-style\">\n{style}</style>\n{html[head:]}"
    body = _BODY.search(html)
    html = f"{html[:body.end()]}\n{bar}{html[body.end():]}" if body else bar + html
    end = html.lower().rfind("</body>")
    return f"{html[:end]}{live}{html[end:]}" if end >= 0 else html + live


def live_script(ws: Workspace, mission: str = "") -> str:
    from html import escape

    return LIVE_SCRIPT.format(mission=escape(mission, quote=True), generation=ws.changes.generation)


def page(ws: Workspace, name: str, data: dict) -> str:
    from pamplemousse.outputs.render import render_page

    return render_page(name, data, ws.root, also=(SERVE_TEMPLATES,))  # after the workspace's and pmp's templates


def bar(ws: Workspace, lang: str, slug: str | None = None, client: str | None = None,
        doc: str | None = None, controls: Controls | None = None) -> str:
    """The serve bar: portfolio, the mission's documents and journal, the controls, the downloads."""
    from pamplemousse.outputs.render import DOCUMENTS, formats_of
    from pamplemousse.text.i18n import labels

    L = labels(lang)
    data: dict = {"lang": lang, "labels": L, "mission": None}
    if slug is not None:
        controls = controls or Controls(date.today())
        data["mission"] = {
            "slug": slug, "client": client, "doc": doc,
            "docs": [{"name": d, "title": L.get(d, {}).get("doc_title", d),
                      "href": mission_href(slug, d) + controls.query()} for d in DOCUMENTS],
            "log_href": mission_href(slug, "log"),
            "as_of": controls.as_of.isoformat(),
            "audience": controls.audience or "",
            "audiences": [{"key": a, "label": L["privacy"]["short"][a]} for a in ws.exposure.audiences],
            "downloads": [] if doc is None else [
                {"format": f, "href": f"{mission_href(slug, doc)}.{f}{controls.query()}"}
                for f in formats_of(doc, _all_formats(doc))
            ],
        }
    return page(ws, "serve/bar.html.j2", data)


def _all_formats(doc: str) -> list[str]:
    from pamplemousse.outputs.render import DOCUMENTS, PDF

    d = DOCUMENTS[doc]
    return list(d.templates) + list(d.exports) + ([PDF] if "html" in d.templates else [])


# the pages --------------------------------------------------------------------

def portfolio(ws: Workspace) -> str:
    """Every mission: client, weather, progress, what needs attention, next deadline; or its errors."""
    from pamplemousse.outputs.render import RenderError
    from pamplemousse.outputs.site import index_data
    from pamplemousse.plan.state import state_on
    from pamplemousse.read.load import load_mission
    from pamplemousse.views.common import Writer
    from pamplemousse.views.portfolio import portfolio_language, portfolio_row

    today = date.today()
    # slug -> (mission or None, its problems; None when the mission links outside the workspace)
    found: dict[str, tuple[Mission | None, list[Problem] | None]] = {
        slug: load_mission(folder) if ws.contained(folder) else (None, None) for slug, folder in ws.folders().items()
    }
    lang = portfolio_language([m for m, _ in found.values() if m is not None])
    w = Writer(lang)
    shown: list[dict[str, object]] = []
    for slug, (mission, problems) in found.items():
        if mission is None:
            errors = sum(p.severity == "error" for p in problems or [])
            shown.append({"slug": slug, "href": None if problems is None else mission_href(slug),
                          "refused": problems is None,
                          "errors": w.fmt.plural(w.labels["serve"]["errors"], errors) if errors else None})
            continue
        mission = ws.exposure.shown(mission)
        state = state_on(mission, today)
        shown.append({**portfolio_row(mission, state, w), "href": mission_href(slug),
                      "md_href": mission_href(slug, "pilotage.md"), "errors": None, "refused": False})
    data = index_data(shown, today, lang)
    try:
        return decorate(page(ws, "serve/portfolio.html.j2", data), bar(ws, lang), live_script(ws))
    except RenderError as err:  # the workspace's theme fails: say where, and come back once it is fixed
        return bare(ws, lang, w.labels["serve"]["render_failed"], [error_words(err)])


def document(ws: Workspace, slug: str, doc: str, controls: Controls) -> tuple[int, str]:
    """The document as `pmp render` makes it, decorated; or, when the mission does not check, its problems."""
    from pamplemousse.outputs.render import RenderError, render_outputs
    from pamplemousse.read.load import (
        _language_of,  # the language of a mission that does not load
        load_mission,
    )

    folder = ws.folder(slug)
    assert folder is not None
    mission, problems = load_mission(folder)
    if mission is None:
        errors = [p for p in problems if p.severity == "error"]
        return 200, problems_page(ws, slug, errors, _language_of(folder), doc, controls)
    try:
        html = render_outputs(mission, doc, ["html"], controls.as_of, None, ws.root, controls.audience)["html"]
    except RenderError as err:
        return 200, failure_page(ws, slug, mission.language, error_words(err), doc, controls)
    assert isinstance(html, str)
    return 200, decorate(html, bar(ws, mission.language, slug, mission.meta.client.name, doc, controls),
                         live_script(ws, slug))


def download(ws: Workspace, slug: str, doc: str, fmt: str, controls: Controls) -> str | bytes:
    """One format of a document, rendered in memory (MissionProblems or RenderError when it cannot be)."""
    from pamplemousse.outputs.render import render_outputs
    from pamplemousse.read.load import load_or_fail

    mission = load_or_fail(ws.folder(slug))  # type: ignore[arg-type]
    return render_outputs(mission, doc, [fmt], controls.as_of, None, ws.root, controls.audience)[fmt]


def quoted(ws: Workspace, problem: Problem) -> dict:
    """A problem as `pmp check` prints it, with its line of the file quoted and a caret under the column."""
    text = {"line": str(problem), "quote": None}
    path = Path(problem.file)
    if not path.is_absolute():
        path = Path.cwd() / path
    if problem.line < 1 or not ws.exposure.internal or not inside(path, ws.root):  # a line may hold notes
        return text
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return text
    if problem.line > len(lines):
        return text
    number = str(problem.line)
    source = lines[problem.line - 1].replace("\t", " ")
    caret = " " * (len(number) + 3 + max(problem.column - 1, 0)) + "^"
    text["quote"] = f"{number} | {source}\n{caret}"
    return text


def problems_page(ws: Workspace, slug: str, problems: list[Problem], lang: str, doc: str | None,
                  controls: Controls | None) -> str:
    return _problems(ws, slug, lang, [quoted(ws, p) for p in problems], None, doc, controls)


def failure_page(ws: Workspace, slug: str, lang: str, message: str, doc: str | None, controls: Controls | None) -> str:
    return _problems(ws, slug, lang, [], message, doc, controls)


def _problems(ws: Workspace, slug: str, lang: str, problems: list[dict], failure: str | None,
              doc: str | None, controls: Controls | None) -> str:
    """The problems page; bare (without the theme) when the workspace's theme is what fails."""
    from pamplemousse.outputs.render import RenderError

    data = {**_frame(lang, slug), "problems": problems, "failure": failure}
    try:
        return decorate(page(ws, "serve/problems.html.j2", data), bar(ws, lang, slug, None, doc, controls),
                        live_script(ws, slug))
    except RenderError as err:
        return bare(ws, lang, data["labels"]["serve"]["render_failed"], [failure or error_words(err)], slug)


def bare(ws: Workspace, lang: str, title: str, lines: list[str], mission: str = "", code: bool = True) -> str:
    """A page made without any template (they may be what fails), that still comes back by itself;
    its lines are code (a file's problem), or sentences when not `code`."""
    from html import escape

    items = "".join(f"<p><code>{escape(line)}</code></p>\n" if code else f"<p>{escape(line)}</p>\n" for line in lines)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f'</head>\n<body>\n<h1>{escape(title)}</h1>\n{items}<p><a href="/">{escape(_serve_words(lang)["portfolio"])}</a></p>\n'
            f"{live_script(ws, mission)}</body>\n</html>\n")


def _serve_words(lang: str) -> dict:
    from pamplemousse.text.i18n import labels

    return labels(lang)["serve"]


def _frame(lang: str, title: str) -> dict:
    """What html/base.html.j2 needs of a page that is not a mission's document."""
    from pamplemousse.text.i18n import Formats, labels

    L, fmt, today = labels(lang), Formats(lang), date.today()
    return {
        "lang": lang, "labels": L,
        "header": {"client": title, "mission_title": L["serve"]["portfolio"],
                   "as_of": {"iso": today.isoformat(), "short": fmt.date(today, "short"), "long": fmt.date(today, "long")},
                   "state_on": L["common"]["state_on"].format(date=fmt.date(today))},
    }


# the journal's forms -------------------------------------------------------------

_FIELD_TYPES = {"progress": "number", "date": "date", "note": "textarea", "attendees": "textarea", "decisions": "textarea"}


def journal_page(ws: Workspace, slug: str, token: str, outcome=None, appended: dict | None = None) -> tuple[int, str]:
    """The forms of `pmp log` (none with --read-only), what was just appended, the journal's last entries."""
    from pamplemousse.read.load import load_mission
    from pamplemousse.serve.forms import FORMS
    from pamplemousse.write.journal import item_text

    folder = ws.folder(slug)
    assert folder is not None
    mission, problems = load_mission(folder)
    if mission is None:
        from pamplemousse.read.load import _language_of

        errors = [p for p in problems if p.severity == "error"]
        return (422 if outcome else 200), problems_page(ws, slug, errors, _language_of(folder), None, None)
    lang = mission.language
    mission = ws.exposure.shown(mission)
    data = _frame(lang, mission.meta.client.name)
    S = data["labels"]["serve"]
    choices = {
        "recommendation": [(r.id, f"{r.id} — {r.title}") for r in mission.recommendations],
        "indicator": [(i.id, f"{i.id} — {i.name}" + (f" ({i.unit})" if i.unit else "")) for _, i in mission.indicators()],
        "status": [("", S["unchanged"])] + list(data["labels"]["status"].items()),
        "milestone": [(ref, f"{ref} — {m.title} ({m.due.isoformat()})") for ref, _, m in mission.milestones()],
    }
    met_or_missed = [(k, data["labels"]["xlsx"]["milestone_states"][k]) for k in ("met", "missed")]
    forms = []
    for kind, names in FORMS.items():
        mine = outcome if outcome is not None and outcome.kind == kind else None
        values = mine.values if mine else {}
        fields = [{
            "name": n, "label": S[f"field_{n}"], "type": "select" if n in choices else _FIELD_TYPES.get(n, "text"),
            "choices": met_or_missed if (kind, n) == ("milestone", "status") else choices.get(n, []),
            "value": values.get(n, date.today().isoformat() if n == "date" else ""),
            "error": mine.errors.get(n) if mine else None,
        } for n in names]
        forms.append({"kind": kind, "title": S[f"form_{kind}"], "fields": fields,
                      "error": mine.errors.get("") if mine else None, "problems": mine.problems if mine else []})
    data.update(
        title=S["log_title"].format(client=mission.meta.client.name),
        forms=[] if ws.read_only else forms, read_only=ws.read_only, token=token, appended=appended,
        recent=[item_text(e) for e in reversed(mission.journal[-JOURNAL_TAIL:])] if ws.exposure.internal else None,
        action=mission_href(slug, "log"),
    )
    html = page(ws, "serve/log.html.j2", data)
    status = 422 if outcome is not None and outcome.refused else 200
    return status, decorate(html, bar(ws, lang, slug, mission.meta.client.name), live_script(ws, slug))
