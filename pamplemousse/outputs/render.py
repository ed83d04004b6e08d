"""Render a mission's documents (HTML, Markdown) from templates, and write them.

Templates run in a sandboxed Jinja environment with strict undefined values: a
misspelt name in a template is an error, not an empty string. They are looked up
first in the workspace's own `templates/` folder (a consultancy's overrides,
same file names), then among the built-in ones.

Escaping: HTML templates are always autoescaped. Markdown templates are not, so
every user text goes through the `md` filter (or `md_cell` inside a table, or
`mermaid` inside a Mermaid block; outputs/escape.py): a `|`, a newline or a
leading `#` in a note can neither break a table nor make a heading.

Every document is rendered in memory first; only when all its formats rendered
are the files written, each one atomically (files.write_atomic).

Besides its templates, a document may have formats made by code (`exports`):
the workbook, the calendar and the JSON document of the outil de pilotage
(export_xlsx, export_ics, export_json). Any document with an HTML template can
also be had as PDF (export_pdf, through the optional WeasyPrint). Without
`--format`, only the template formats (HTML and Markdown) are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable

from jinja2 import ChoiceLoader, StrictUndefined, TemplateError, TemplateSyntaxError

from pamplemousse.errors import UsageError
from pamplemousse.outputs import sandbox
from pamplemousse.outputs.charts import draw_all
from pamplemousse.outputs.escape import md_cell, md_escape, mermaid_text
from pamplemousse.outputs.overrides import has_overrides, own_templates_dir
from pamplemousse.outputs.sandbox import BoundedSandbox, ContainedLoader, render_bounded
from pamplemousse.paths import builtin_templates_dir, template_cache
from pamplemousse.plan.report import Report
from pamplemousse.read.model import Mission
from pamplemousse.text.i18n import LANGUAGES


@dataclass(frozen=True)
class Document:
    """A document pmp can render: how to gather its data, and its template per format."""

    present: Callable[..., dict]  # (mission, report, lang, **options) -> plain data (a view)
    templates: dict[str, str]  # format -> template name
    # formats made by code from the same view as the templates: format -> (mission, view, lang, html_name) -> text or bytes
    exports: dict[str, Callable[..., str | bytes]] = field(default_factory=dict)
    audience: str = "client"  # who reads it by default (privacy.AUDIENCES)
    options: tuple[str, ...] = ()  # the document's own options (keyword arguments of `present`; `_` is `-` in the CLI)
    window: bool = False  # takes --since / --since-last-committee (the report's window)
    office: bool = False  # also as docx and odt (OFFICE), from its view (outputs/outlines.py)
    as_of: Callable[[Mission], date | None] | None = None  # its date when --as-of is not given (None: today)
    dated: bool = True  # its printed pages say the date of the state (a guide to fill in is of no date)


WINDOW_OPTIONS = ("since", "since_last_committee")


def _pilotage(mission, report, lang):
    from pamplemousse.views.pilotage import pilotage

    return pilotage(mission, report, lang)


def _rapport(mission, report, lang):
    from pamplemousse.views.rapport import rapport

    return rapport(mission, report, lang)


def _guide(mission, report, lang, session=None):
    from pamplemousse.views.guide import guide

    return guide(mission, report, lang, session=session)


def _cycle(name: str) -> Callable[..., dict]:
    """The view of a document of the DLA's cycle (views/cadrage.py, bilan.py, suivi.py), imported when used."""
    return lambda mission, report, lang: getattr(import_module(f"pamplemousse.views.{name}"), name)(mission, report, lang)


def _follow_up(mission: Mission) -> date | None:
    return import_module("pamplemousse.plan.cycle").follow_up_date(mission)


def _xlsx(mission, view, lang, html_name):
    from pamplemousse.outputs.xlsx import xlsx_bytes

    return xlsx_bytes(mission, view, lang)


def _ics(mission, view, lang, html_name):
    from pamplemousse.outputs.ics import ics_bytes

    return ics_bytes(view, lang, html_name)


def _json(mission, view, lang, html_name):
    from pamplemousse.outputs.json_doc import json_text

    return json_text(mission, view)


PDF = "pdf"  # any document with an HTML template, converted by WeasyPrint
OFFICE = ("docx", "odt")  # for the documents a consultant edits before sending, made from the view (outputs/office.py)


# doc name -> Document (`pmp render --doc NAME`)
DOCUMENTS: dict[str, Document] = {
    "pilotage": Document(
        _pilotage, {"html": "html/pilotage.html.j2", "md": "md/pilotage.md.j2"},
        exports={"xlsx": _xlsx, "ics": _ics, "json": _json},
        window=True,  # may open with the changes since a date or the last committee
    ),
    "rapport": Document(_rapport, {"html": "html/rapport.html.j2", "md": "md/rapport.md.j2"}, office=True),
    # the DLA's cycle: the note de cadrage at the start, the final report, the follow-up 12 to 18 months on
    **{name: Document(_cycle(name), {"html": f"html/{name}.html.j2", "md": f"md/{name}.md.j2"}, office=True,
                      as_of=_follow_up if name == "suivi" else None) for name in ("cadrage", "bilan", "suivi")},
    # the consultant's own sheet by default (participants named only when they consented)
    "guide": Document(_guide, {"html": "html/guide.html.j2", "md": "md/guide.md.j2"},
                      audience="internal", options=("session",), dated=False),
}


class RenderError(UsageError):
    """A template failed (syntax error, unknown name, forbidden operation): nothing was written."""


# escaping -------------------------------------------------------------------

def _autoescape(name: str | None) -> bool:
    """HTML templates are always escaped; Markdown ones escape with the md filters."""
    if name is None:
        return True
    if "/html/" in "/" + name or name.endswith((".html", ".html.j2", ".htm", ".svg", ".xml")):
        return True
    return not ("/md/" in "/" + name or name.endswith((".md", ".md.j2")))


# the environment --------------------------------------------------------------

def template_dirs(workspace: Path | None) -> list[Path]:
    """Where templates are looked up, in order: the workspace's overrides, then the built-in ones."""
    own = own_templates_dir(workspace) if workspace is not None else None
    return ([own] if own is not None and own.is_dir() else []) + [builtin_templates_dir()]


def environment(workspace: Path | None = None, also: tuple[Path, ...] = ()) -> BoundedSandbox:
    """Jinja's sandbox with bounds (sandbox.py); files only from the template folders, then from `also`."""
    env = BoundedSandbox(
        loader=ChoiceLoader([ContainedLoader(str(d)) for d in [*template_dirs(workspace), *also]]),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache("sandbox-unfolded"),  # compiled without constant folding
    )
    env.filters["md"] = md_escape
    env.filters["md_cell"] = md_cell
    env.filters["mermaid"] = mermaid_text
    return env


# rendering ----------------------------------------------------------------------

def formats_of(doc: str, fmt: str | Iterable[str] | None = None) -> list[str]:
    """The formats to render for `doc` (all of them when `fmt` is None), or a UsageError."""
    if doc not in DOCUMENTS:
        raise UsageError(key="unknown_doc", value=doc, listed=", ".join(DOCUMENTS))
    document = DOCUMENTS[doc]
    available = list(document.templates) + list(document.exports) + ([PDF] if "html" in document.templates else [])
    available += list(OFFICE) if document.office else []
    if fmt is None:
        return list(document.templates)
    wanted = [fmt] if isinstance(fmt, str) else list(fmt)
    for f in wanted:
        if f not in available:
            raise UsageError(key="unknown_format", value=f, listed=", ".join(available))
    return wanted


def check_lang(lang: str | None) -> None:
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(key="unknown_lang", value=lang, listed=", ".join(LANGUAGES))


def render_texts(
    mission: Mission, doc: str, fmt: str | Iterable[str] | None, as_of: date, lang: str | None = None,
    workspace: Path | None = None, audience: str | None = None, options: dict | None = None,
) -> dict[str, str]:
    """Render `doc` in memory: {format: text}. Raises RenderError when a template fails.

    The mission is first redacted for `audience` (the document's default when None):
    templates never see what its readers may not read (privacy.py).
    """
    formats = formats_of(doc, fmt)
    check_lang(lang)
    lang = lang or mission.language
    mission, audience, options, report = _for_audience(mission, doc, lang, audience, options, as_of)
    return _render_redacted(mission, doc, formats, report, lang, workspace, audience, options)


def _render_redacted(
    mission: Mission, doc: str, formats: list[str], report: Report, lang: str, workspace: Path | None,
    audience: str, options: dict,
) -> dict[str, str]:
    """Render the templates of `doc` for a mission already redacted for `audience`."""
    data = _for_templates(_present(mission, doc, report, lang, audience, options), lang, formats)
    return _render_templates(doc, formats, data, workspace, mission)


def _present(mission: Mission, doc: str, report: Report, lang: str, audience: str, options: dict) -> dict:
    """The document's view, presented once and shared by every format asked (its charts described,
    drawn by `_for_templates` for HTML)."""
    from pamplemousse.plan.privacy import audience_note

    data = DOCUMENTS[doc].present(mission, report, lang, **options)
    data["audience"] = audience_note(audience, lang)
    return data


_OWN_WORDS = frozenset({"labels", "audience"})  # entries of a view that are pmp's words (the catalog), not the users'


def _for_templates(view: dict, lang: str, formats: list[str]) -> dict:
    """What the templates read: in French, the view with what users typed set in French typography
    (text/typography.py: the one stage it is applied at, before each format's own escaping), its charts
    drawn when HTML is asked (the other formats leave them out). The `view` itself stays as typed, for
    the exports (xlsx, ics, json): a workbook comes back through `pmp import`, a JSON file is data."""
    from pamplemousse.text.typography import typeset_all

    data = typeset_all(view, keep=_OWN_WORDS) if lang == "fr" and formats else view
    draw_all(data, drawn="html" in formats)
    if data is not view:
        draw_all(view, drawn=False)
    return data


def _render_templates(doc: str, formats: list[str], data: dict, workspace: Path | None, mission: Mission) -> dict[str, str]:
    from pamplemousse.read.workspace import workspace_root

    names = [DOCUMENTS[doc].templates[f] for f in formats]
    texts = render_templates(names, data, workspace if workspace is not None else workspace_root(mission.path))
    return dict(zip(formats, texts))


def render_templates(names: list[str], data: dict, workspace: Path | None, also: tuple[Path, ...] = ()) -> list[str]:
    """Each template of `names` rendered with `data` (templates looked up in `workspace`, then `also`); or
    RenderError. Built-in templates render here; when the workspace has templates of its own, code pmp did
    not write, they render in a process of their own, stopped after sandbox.MAX_SECONDS and, where the
    system enforces it, past sandbox.MAX_MEMORY more memory (outputs/untrusted.py)."""
    if not has_overrides(workspace):
        outcome = _render_all(workspace, also, names, data, False)
    else:
        from functools import partial

        from pamplemousse.outputs.untrusted import run_isolated

        seconds = sandbox.MAX_SECONDS
        outcome = run_isolated(_render_all, (workspace, also, names, data, True), seconds=seconds,
                               memory=sandbox.MAX_MEMORY, timed_out=partial(_timed_out, names[0], seconds))
    if isinstance(outcome, str):
        raise RenderError(outcome)
    return outcome


def _render_all(workspace: Path | None, also: tuple[Path, ...], names: list[str], data: dict,
                capped: bool) -> list[str] | str:
    """Each template rendered (compiled, then rendered, within the sandbox's bounds), or the one line
    that says why the first one failed; `capped`: in the process whose memory is capped."""
    env = environment(workspace, also)
    texts = []
    for name in names:
        try:
            texts.append(render_bounded(env.get_template(name), data))
        except MemoryError as err:
            if not capped:
                raise
            return str(_failed(sandbox.too_much_memory(sandbox.MAX_MEMORY).with_traceback(err.__traceback__), name))
        except Exception as err:
            return str(_failed(err, name))
    return texts


def _timed_out(name: str, seconds: float, where: str | None) -> str:
    """What a render stopped at its deadline says: where it was (else the template's name), and why."""
    from pamplemousse.text.i18n import message

    return message("fr", "render_failed", where=where or name, reason=_reason(sandbox.too_long(seconds)))


def _for_audience(
    mission: Mission, doc: str, lang: str, audience: str | None, options: dict | None, as_of: date
) -> tuple[Mission, str, dict, Report]:
    """The mission redacted for the audience (the document's default when None), the
    audience, the document's own options (None dropped; one the document lacks is
    refused), and the one report of the plan on `as_of` (with its window, if asked)."""
    from pamplemousse.plan.privacy import check_audience, redact
    from pamplemousse.plan.report import report

    document = DOCUMENTS[doc]
    audience = audience or document.audience
    check_audience(audience)
    options = {k: v for k, v in (options or {}).items() if v is not None}
    for option in options:
        if option not in document.options and not (document.window and option in WINDOW_OPTIONS):
            raise UsageError(key="option_not_for_doc", option=option.replace("_", "-"), doc=doc)
    window = {k: options.pop(k) for k in WINDOW_OPTIONS if k in options}
    mission = redact(mission, audience, lang)
    return mission, audience, options, report(
        mission, as_of, since=window.get("since"), since_last_committee=bool(window.get("since_last_committee"))
    )


def _failed(err: Exception, name: str) -> RenderError:
    """A failure inside the template `name`, as one line: where (file:line) and why."""
    from pamplemousse.text.i18n import message

    return RenderError(message("fr", "render_failed", where=_where(err, name), reason=_reason(err)))


def _where(err: Exception, name: str) -> str:
    """The template file and line an error comes from (Jinja keeps template lines in its tracebacks)."""
    from pamplemousse.errors import display_path

    if isinstance(err, TemplateSyntaxError) and err.lineno:
        return f"{display_path(Path(err.filename))}:{err.lineno}" if err.filename else f"{name}:{err.lineno}"
    tb, found = err.__traceback__, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{display_path(Path(filename))}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found or name


def _reason(err: Exception) -> str:
    from jinja2 import TemplateNotFound

    if isinstance(err, TemplateNotFound):
        from pamplemousse.text.i18n import message

        return message("fr", "template_not_found")
    said = getattr(err, "message", None) or str(err)
    return said if isinstance(err, TemplateError) else f"{type(err).__name__}: {said}"


def render_page(name: str, data: dict, workspace: Path | None = None, also: tuple[Path, ...] = ()) -> str:
    """Render one template that is no mission's document (the portfolio site's index page, pmp serve's pages).

    Same sandbox, same lookup (workspace overrides first), same bounds and same error report as the
    documents; `also`: folders of other templates looked up last (pmp serve's).
    """
    return render_templates([name], data, workspace, also)[0]


def output_name(doc: str, fmt: str) -> str:
    return f"{doc}.{fmt}"


def render_outputs(
    mission: Mission, doc: str, fmt: str | Iterable[str] | None, as_of: date, lang: str | None = None,
    workspace: Path | None = None, audience: str | None = None, options: dict | None = None,
) -> dict[str, str | bytes]:
    """Render `doc` in memory in every format asked: {format: text or bytes}.

    Template formats come from `render_texts`; a PDF is made from the HTML
    (rendered for it even when HTML itself was not asked); the other formats
    from the document's exports.
    """
    formats = formats_of(doc, fmt)
    check_lang(lang)
    document = DOCUMENTS[doc]
    templated = [f for f in formats if f in document.templates]
    if PDF in formats and "html" not in templated:
        templated.append("html")
    office = [f for f in formats if f in OFFICE]
    lang = lang or mission.language
    # exports too are made from the mission as the audience may see it
    mission, audience, options, report = _for_audience(mission, doc, lang, audience, options, as_of)
    data = _present(mission, doc, report, lang, audience, options)
    shown = _for_templates(data, lang, templated + office)  # docx and odt read the view as the templates do
    texts = _render_templates(doc, templated, shown, workspace, mission) if templated else {}
    outputs: dict[str, str | bytes] = {}
    for f in formats:
        if f in document.templates:
            outputs[f] = texts[f]
        elif f == PDF:
            from pamplemousse.outputs.pdf import document_pdf

            outputs[f] = document_pdf(mission, report.state, lang, texts["html"], dated=document.dated)
        elif f in OFFICE:
            from pamplemousse.outputs.office import office_document

            outputs[f] = office_document(f, doc, shown, lang)
        else:
            outputs[f] = document.exports[f](mission, data, lang, output_name(doc, "html"))
    return outputs
