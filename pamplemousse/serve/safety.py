"""What keeps `pmp serve` to this computer and to its own pages, or, on the network, to whom it is meant for.

- `allowed_hosts`: the `Host` header a request must carry (the bound address, and
  `localhost`/`127.0.0.1` when bound there), read strictly by `host_of`. A page of
  another site that makes its name resolve to 127.0.0.1 (DNS rebinding) sends its
  own name: refused.
- `Exposure`: the audiences a server serves and the token it asks. On this
  computer (a loopback address) no token, every audience unless `--audience` says
  fewer; on any other address a token made at start (printed in the URL, then
  kept in an HttpOnly, SameSite=Strict cookie) and the client's audience only,
  unless `--audience` names others: the internal one (interview notes) only when
  named.
- `Guard`, an ASGI middleware in front of every route, before anything of a body
  is read: the Host check, the token, and for a POST the cross-site checks
  (`Sec-Fetch-Site` must be `same-origin` when the browser sends it, `Origin`
  must be this server when sent) and the body's size bound. The per-session
  token (`Sessions`) is checked by the form's route, which has the form.
- `Sessions`: a random session id, signed, in an HttpOnly, SameSite=Strict
  cookie; the form's token is an HMAC of it with a secret made at start, so
  tokens die with the server and one session's token is worth nothing in another.
- `inside`: a path is served only when it resolves (symbolic links followed)
  inside the workspace.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pamplemousse.plan.privacy import AUDIENCES
from pamplemousse.read.model import Mission

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("0.0.0.0", "::", "")


def allowed_hosts(host: str) -> frozenset[str]:
    """The host names (without port) a request may name in its Host header."""
    names = {host.strip("[]").lower()}
    if host in LOOPBACK:
        names.update(LOOPBACK)
    if host in ANY_ADDRESS:  # every address of this machine, by the names it knows itself by
        names.update(LOOPBACK)
        try:
            name = socket.gethostname()
            names.update({name.lower(), socket.getfqdn().lower()})
            names.update(socket.gethostbyname_ex(name)[2])
        except OSError:
            pass
        names.add(outward_address())
    return frozenset(n for n in names if n)


def outward_address() -> str:
    """The address this machine is reached by on its network (a UDP socket aimed out, nothing sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
    except OSError:
        return ""


_HOST = re.compile(r"(?:\[(?P<ipv6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?")


def host_of(header: str) -> str | None:
    """The host of a Host header, without its port: `127.0.0.1:8000` → `127.0.0.1`, `[::1]:80` → `::1`;
    None unless the header is exactly `host[:port]` (a name or an IPv4 address, or an IPv6 address in
    brackets; the port digits only): `127.0.0.1:8000@evil.example`, a space or a tab anywhere, a bare
    IPv6 address are no host."""
    found = _HOST.fullmatch(header.lower())
    if found is None or (found["port"] is not None and int(found["port"]) > 65535):
        return None
    return found["ipv6"] or found["name"]


def inside(path: Path, root: Path) -> bool:
    """Does `path`, symbolic links followed, stay inside `root`?"""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


class Sessions:
    """Per-session tokens for the forms (see the module's docstring)."""

    def __init__(self, port: int):
        self.secret = secrets.token_bytes(32)
        self.cookie = f"pmp_session_{port}"

    def new_id(self) -> str:
        """A new session id, signed: `issued` knows it from one made up by the sender."""
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self._sign('session', nonce)[:32]}"

    def issued(self, session_id: str | None) -> bool:
        """Was `session_id` made by this server (`new_id`)?"""
        nonce, _, signature = (session_id or "").partition(".")
        return bool(nonce) and same(signature, self._sign("session", nonce)[:32])

    def token(self, session_id: str) -> str:
        return self._sign("token", session_id)

    def valid(self, session_id: str | None, token: str | None) -> bool:
        if not self.issued(session_id) or not token:
            return False
        return same(self.token(session_id or ""), token)

    def _sign(self, purpose: str, text: str) -> str:
        message = f"{purpose}:{text}".encode("utf-8", "replace")
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()


def same(given: str, expected: str) -> bool:
    """`given == expected` in a time that does not tell how much of it was right (any text, any length)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


@dataclass(frozen=True)
class Exposure:
    """What one server shows, and on what condition: the audiences it serves (in AUDIENCES' order), and
    the token it asks of every request (None: none asked, on this computer only)."""

    audiences: tuple[str, ...] = AUDIENCES
    token: str | None = None

    @classmethod
    def of(cls, host: str, asked: list[str] | None = None) -> Exposure:
        """On this computer (a loopback address): the audiences asked, all by default, no token. On any
        other address: a token made now, and the audiences asked, the client's only by default."""
        local = host in LOOPBACK
        audiences = audiences_of(asked or []) or (AUDIENCES if local else ("client",))
        return cls(audiences, None if local else secrets.token_hex(24))

    def audience(self, asked: str | None, default: str) -> str | None:
        """The audience a document is made for: the one asked if served (None if not: refused); with
        none asked, the document's own (`default`) if served, else the first one served."""
        if asked is not None:
            return asked if asked in self.audiences else None
        return default if default in self.audiences else self.audiences[0]

    def shown(self, mission: Mission) -> Mission:
        """The mission as the readers of this server may see it in pmp's own pages (portfolio, journal):
        whole when the internal audience is served, else redacted for the first audience served."""
        from pamplemousse.plan.privacy import redact

        return mission if self.internal else redact(mission, self.audiences[0], mission.language)

    @property
    def internal(self) -> bool:
        """Are the consultant's own notes served (the raw journal, the files' lines, the internal documents)?"""
        return "internal" in self.audiences

    def granted(self, query_token: str | None, cookie: str | None) -> bool:
        """May this request be answered: no token asked, or the token given in the URL or its cookie."""
        if self.token is None:
            return True
        return any(given is not None and same(given, self.token) for given in (query_token, cookie))


def audiences_of(values: list[str]) -> tuple[str, ...]:
    """The audiences of `--audience` (repeated, or a comma list), in AUDIENCES' order; an unknown one
    is the UsageError of `pmp render --audience`."""
    from pamplemousse.plan.privacy import check_audience

    asked = [part.strip() for value in values for part in value.split(",")]
    for audience in asked:
        check_audience(audience)
    return tuple(a for a in AUDIENCES if a in asked)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


class BodyTooBig(Exception):
    """A request's body went past the bound while it was read (no Content-Length, or a false one)."""


class Guard:
    """ASGI middleware, in front of every route, before anything of the body is read: the Host check;
    the token, when the server asks one; for a POST the cross-site checks, and the body's size
    (its Content-Length, then what is read of it)."""

    def __init__(self, app, hosts: frozenset[str], words: dict, exposure: Exposure, cookie: str, max_body: int):
        self.app, self.hosts, self.words = app, hosts, words
        self.exposure, self.cookie, self.max_body = exposure, cookie, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = _header(scope, b"host") or ""
        if host_of(host) not in self.hosts:
            shown = ", ".join(sorted(h for h in self.hosts if h))
            return await _plain(send, 421, self.words["bad_host"].format(hosts=shown))
        if self.exposure.token is not None:
            from starlette.requests import HTTPConnection

            asked = HTTPConnection(scope)
            query_token, cookie = asked.query_params.get("token"), asked.cookies.get(self.cookie)
            if not self.exposure.granted(query_token, cookie):
                return await _plain(send, 403, self.words["no_access"])
            if cookie is None or not same(cookie, self.exposure.token):  # from the URL: remembered from now on
                send = self._with_cookie(send)
        if scope["method"] not in ("GET", "HEAD"):
            if not self.same_origin(scope, host):
                return await _plain(send, 403, self.words["bad_origin"])
            length = _header(scope, b"content-length")
            if length is not None and not (length.isdigit() and int(length) <= self.max_body):
                return await _plain(send, 413, self.words["too_big"].format(kb=self.max_body // 1024))
            receive = _bounded(receive, self.max_body)
        return await self.app(scope, receive, send)

    def _with_cookie(self, send):
        cookie = f"{self.cookie}={self.exposure.token}; HttpOnly; SameSite=Strict; Path=/".encode("ascii")

        async def sending(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), (b"set-cookie", cookie)]}
            await send(message)
        return sending

    @staticmethod
    def same_origin(scope, host: str) -> bool:
        site = _header(scope, b"sec-fetch-site")
        if site is not None and site != "same-origin":
            return False
        origin = _header(scope, b"origin")
        if origin is not None:
            parts = urlsplit(origin)
            if parts.scheme != "http" or parts.netloc.lower() != host.strip().lower():
                return False
        return True


def _bounded(receive, limit: int):
    """`receive`, raising BodyTooBig once more than `limit` bytes of the body came."""
    seen = 0

    async def receiving():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooBig
        return message
    return receiving


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})
