"""What keeps `pmp serve` to this computer and to its own pages.

- `allowed_hosts`: the `Host` header a request must carry (the bound address, and
  `localhost`/`127.0.0.1` when bound there). A page of another site that makes its
  name resolve to 127.0.0.1 (DNS rebinding) sends its own name: refused.
- `Guard`, an ASGI middleware in front of every route: the Host check, and for a
  POST the cross-site checks (`Sec-Fetch-Site` must be `same-origin` when the
  browser sends it, `Origin` must be this server when sent). The per-session
  token (`Sessions`) is checked by the form's route, which has the form.
- `Sessions`: a random session id in an HttpOnly, SameSite=Strict cookie; the
  form's token is an HMAC of it with a secret made at start, so tokens die with
  the server and one session's token is worth nothing in another.
- `inside`: a path is served only when it resolves (symbolic links followed)
  inside the workspace.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
from pathlib import Path
from urllib.parse import urlsplit

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


def host_of(header: str) -> str:
    """The host name of a Host header, without the port: `127.0.0.1:8000` → `127.0.0.1`, `[::1]:80` → `::1`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


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
        return secrets.token_urlsafe(24)

    def token(self, session_id: str) -> str:
        return hmac.new(self.secret, session_id.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def valid(self, session_id: str | None, token: str | None) -> bool:
        if not session_id or not token:
            return False
        return hmac.compare_digest(self.token(session_id), token)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


class Guard:
    """ASGI middleware: the Host check on every request, the cross-site checks on every POST."""

    def __init__(self, app, hosts: frozenset[str], words: dict):
        self.app, self.hosts, self.words = app, hosts, words

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = _header(scope, b"host") or ""
        if host_of(host) not in self.hosts:
            shown = ", ".join(sorted(h for h in self.hosts if h))
            return await _plain(send, 421, self.words["bad_host"].format(hosts=shown))
        if scope["method"] not in ("GET", "HEAD") and not self.same_origin(scope, host):
            return await _plain(send, 403, self.words["bad_origin"])
        return await self.app(scope, receive, send)

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


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})
