"""The Starlette application of `pmp serve`: its routes, and what stands in front of them.

    /                            the portfolio
    /m/SLUG/DOC                  a document (pilotage, rapport, guide…), ?as_of=AAAA-MM-JJ&audience=client
                                 (an audience the server does not serve: 403, never its content)
    /m/SLUG/DOC.FORMAT           the same in one format, to download (html, md, xlsx, ics, json, pdf)
    /m/SLUG/log                  the journal's forms (GET), one entry appended (POST)
    /events?since=N              server-sent events: which missions changed

A mission is looked up by its name among the workspace's folders, a document
and a format among pmp's: nothing in a URL is ever joined to a path, so `/../`
and its encodings find nothing (404); a mission whose folder or files lead
outside the workspace (symbolic links) is refused. Every response says
`Cache-Control: no-store` and keeps pages from being framed by another site.
A failure in a page is a short message (the traceback goes to the terminal).
A form is read only after the Guard's checks (Host, token, origin, size) and the
session's cookie, within MAX_FORM_BYTES; its values are text, never a file.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from pamplemousse.errors import MissionProblems, PmpError
from pamplemousse.serve import pages
from pamplemousse.serve.live import watch
from pamplemousse.serve.safety import BodyTooBig, Guard, allowed_hosts

_DOC_FORMAT = re.compile(r"^(?P<doc>[a-z_]+)\.(?P<fmt>[a-z0-9]+)$")
MEDIA = {
    "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "json": "application/json",
    "ics": "text/calendar; charset=utf-8", "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_FORM_BYTES = 256 * 1024  # a journal's form, notes and decisions included, is far smaller
MAX_FORM_FIELDS = 50
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # the documents load nothing from the network; their own inline styles and scripts run, nothing else
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'",
}


def create_app(ws: pages.Workspace, host: str = "127.0.0.1") -> Guard:
    """The ASGI application serving `ws`, behind the Host and cross-site checks."""
    from pamplemousse.text.i18n import labels

    words = labels("fr")["serve"]

    async def locked(func, *args):
        """Run a page's synchronous work in a worker thread, one at a time."""
        def run():
            with ws.lock:
                return func(*args)
        return await run_in_threadpool(run)

    def session_of(request: Request) -> str:
        """The session's id: the cookie's, else a new one (which `html` then sets)."""
        if "session" not in request.state._state:
            cookie = request.cookies.get(ws.sessions.cookie)
            request.state.session = cookie if ws.sessions.issued(cookie) else ws.sessions.new_id()
        return request.state.session

    def html(status: int, text: str, request: Request) -> HTMLResponse:
        response = HTMLResponse(text, status_code=status, headers=SECURITY_HEADERS)
        session = session_of(request)
        if request.cookies.get(ws.sessions.cookie) != session:
            response.set_cookie(ws.sessions.cookie, session, httponly=True, samesite="strict", path="/")
        return response

    def mission_or_404(request: Request) -> str:
        slug = request.path_params["slug"]
        folder = ws.folder(slug)
        if folder is None:
            raise _NotFound
        if not ws.contained(folder):
            raise _Refused(words["refused_link"])
        return slug

    async def portfolio(request: Request) -> Response:
        return html(200, await locked(pages.portfolio, ws), request)

    async def mission_home(request: Request) -> Response:
        return RedirectResponse(pages.mission_href(mission_or_404(request)), status_code=303)

    async def document(request: Request) -> Response:
        from pamplemousse.outputs.render import DOCUMENTS, formats_of

        slug = mission_or_404(request)
        page = request.path_params["page"]
        if page in DOCUMENTS:
            controls = served_or_refused(page, request)
            status, text = await locked(pages.document, ws, slug, page, controls)
            return html(status, text, request)
        found = _DOC_FORMAT.match(page)
        if found is None or found["doc"] not in DOCUMENTS:
            raise _NotFound
        doc, fmt = found["doc"], found["fmt"]
        formats_of(doc, [fmt])  # an unknown format: a UsageError, shown as such
        controls = served_or_refused(doc, request)
        data = await locked(pages.download, ws, slug, doc, fmt, controls)
        name = f"{slug}-{doc}.{fmt}"
        headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type=MEDIA.get(fmt, "application/octet-stream"), headers=headers)

    def served_or_refused(doc: str, request: Request) -> pages.Controls:
        """The page's controls, with the audience `doc` is made for on this server (`Exposure.audience`):
        as asked, or the document's own when none is asked and it is served; refused when the one
        asked is not served."""
        from pamplemousse.outputs.render import DOCUMENTS

        controls, own = pages.controls_of(request.query_params), DOCUMENTS[doc].audience
        audience = ws.exposure.audience(controls.audience, own)
        if audience is None:
            raise _AudienceRefused(controls.audience)
        return controls if audience == (controls.audience or own) else pages.Controls(controls.as_of, audience)

    async def journal(request: Request) -> Response:
        slug = mission_or_404(request)
        if request.method == "GET":
            session = session_of(request)
            appended = ws.just_appended(session)
            status, text = await locked(pages.journal_page, ws, slug, ws.sessions.token(session), None, appended)
            return html(status, text, request)
        if ws.read_only:
            return _plain(405, words["read_only"])
        session = request.cookies.get(ws.sessions.cookie) or ""
        if not ws.sessions.issued(session):  # before the form is read: a post from no page of this server
            return _plain(403, words["bad_token"])
        try:
            form = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_BYTES)
        except HTTPException:  # a form that does not parse, or more fields or files than one of ours has
            return _plain(400, words["bad_form"])
        try:
            token = form.get("token")
            if not isinstance(token, str) or not ws.sessions.valid(session, token):
                return _plain(403, words["bad_token"])
            files = [name for name, value in form.multi_items() if not isinstance(value, str)]
            if files:
                return _plain(400, words["form_file"].format(field=files[0]))
        finally:
            await form.close()
        from pamplemousse.serve.forms import submit

        folder = ws.folder(slug)
        outcome = await locked(submit, folder, str(form.get("kind") or ""), form)
        if outcome.appended is not None:
            ws.flash[session] = (time.monotonic(), outcome.appended)
            return RedirectResponse(pages.mission_href(slug, "log"), status_code=303, headers=SECURITY_HEADERS)
        status, text = await locked(pages.journal_page, ws, slug, ws.sessions.token(session), outcome, None)
        return html(status, text, request)

    async def events(request: Request) -> Response:
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            since = 0
        return StreamingResponse(ws.changes.stream(since), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch(ws.root, ws.changes, stop))
        try:
            yield
        finally:
            stop.set()
            await ws.changes.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(watcher, 2)

    async def refused(request: Request, exc: Exception) -> Response:
        if isinstance(exc, _NotFound):
            return _plain(404, words["not_found"])
        if isinstance(exc, _Refused):
            return _plain(403, str(exc))
        if isinstance(exc, _AudienceRefused):
            return HTMLResponse(pages.audience_refused(ws, exc.args[0]), status_code=403, headers=SECURITY_HEADERS)
        if isinstance(exc, BodyTooBig):
            return _plain(413, words["too_big"].format(kb=MAX_FORM_BYTES // 1024))
        if isinstance(exc, MissionProblems):
            return _plain(422, "\n".join(str(p) for p in exc.problems))
        if isinstance(exc, PmpError):
            from pamplemousse.text.messages import error_words

            return _plain(400, f"pmp : {error_words(exc)}")  # a keyed error in its catalog's words
        return _plain(500, words["crash"])  # Starlette then hands the exception to the server, which logs it

    routes = [
        Route("/", portfolio),
        Route("/events", events),
        Route("/favicon.ico", lambda request: Response(status_code=204, headers=SECURITY_HEADERS)),
        Route("/m/{slug}/", mission_home),
        Route("/m/{slug}/log", journal, methods=["GET", "POST"]),
        Route("/m/{slug}/{page}", document),
    ]
    handlers = {_NotFound: refused, _Refused: refused, _AudienceRefused: refused, BodyTooBig: refused,
                PmpError: refused, Exception: refused, 404: _not_found(words)}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)
    return Guard(app, allowed_hosts(host), words, ws.exposure, f"pmp_access_{ws.port}", MAX_FORM_BYTES)


class _NotFound(Exception):
    pass


class _Refused(Exception):
    pass


class _AudienceRefused(Exception):
    """A document asked for an audience this server does not serve (the audience asked)."""


def _plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain; charset=utf-8", headers=SECURITY_HEADERS)


def _not_found(words: dict):
    async def handler(request: Request, exc: Exception) -> Response:
        return _plain(404, words["not_found"])
    return handler
