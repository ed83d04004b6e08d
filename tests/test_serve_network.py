"""pmp serve open to the network, and requests made to get past it (issue 22).

Off this computer (`--host 0.0.0.0` or any address but a loopback one) every request
needs the token printed at start, and only the audiences of `--audience` are served
(the client's by default, the internal one only when named); on 127.0.0.1 nothing
changes. A form's body is bounded and read only after the checks, its values are text;
the Host header is read strictly. Real servers (tests/serving.py, and `pmp serve` in
its own process), asked over HTTP.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import without_ids
from serving import free_port, serving

from pamplemousse.errors import UsageError
from pamplemousse.serve.safety import Exposure, host_of
from pamplemousse.text.i18n import labels
from pamplemousse.text.messages import error_words

SLUG = "ressourcerie-du-val"
AS_OF = "2026-11-26"
S = labels("fr")["serve"]
NB = "\u00a0"
# what the confidential interview S4 holds: its notes, a quote of it (the rapport for internal readers shows both)
SECRETS = ("Souhaite rester anonyme sur ce point", "pas pour être notés par quelqu’un qui vient le mardi")


@pytest.fixture
def workspace(example_in_cwd) -> Path:
    return example_in_cwd.parent.parent


@pytest.fixture
def journal(workspace) -> Path:
    return workspace / "missions" / SLUG / "journal.yaml"


@pytest.fixture
def exposed(workspace):
    """`pmp serve --host 0.0.0.0`: asked on 127.0.0.1, one of the names it answers to."""
    with serving(workspace, host="0.0.0.0") as (url, ws):
        yield url, ws


def with_token(url: str, ws) -> httpx.Client:
    """A browser that opened the address printed at start (so it holds the token's cookie)."""
    client = httpx.Client(base_url=url, follow_redirects=False)
    assert client.get("/", params={"token": ws.exposure.token}).status_code == 200
    return client


def form_token(client: httpx.Client) -> str:
    page = client.get(f"/m/{SLUG}/log").text
    found = re.search(r'name="token" value="([0-9a-f]+)"', page)
    assert found, page
    return found[1]


def progress_form(token: str, **fields) -> dict:
    return {"token": token, "kind": "recommendation", "recommendation": "R3", "status": "in_progress",
            "progress": "55", "note": "Quatrième Repair café.", "date": AS_OF, **fields}


def raw(url: str, head: str, body: bytes = b"") -> tuple[int, str]:
    """Send `head` (the request line and headers, exactly as written) and `body`; the status and body answered."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    status, _, rest = answer.partition(b"\r\n")
    return int(status.split()[1]), rest.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


def no_secret(text: str) -> bool:
    return not any(secret in text for secret in SECRETS)


# the decision ------------------------------------------------------------------------

@pytest.mark.parametrize("host, asked, audiences, token", [
    ("127.0.0.1", None, ("client", "funder", "internal"), False),
    ("localhost", None, ("client", "funder", "internal"), False),
    ("::1", ["client"], ("client",), False),
    ("0.0.0.0", None, ("client",), True),
    ("192.168.1.20", None, ("client",), True),
    ("127.0.0.2", None, ("client",), True),  # no address but the three of this computer's is taken for local
    ("0.0.0.0", ["internal"], ("internal",), True),
    ("::", ["internal,client", "funder"], ("client", "funder", "internal"), True),
    ("0.0.0.0", [" funder , client "], ("client", "funder"), True),
])
def test_the_exposure_of_a_server_follows_its_address_and_audience(host, asked, audiences, token):
    exposure = Exposure.of(host, asked)
    assert exposure.audiences == audiences
    assert (exposure.token is not None) == token
    if token:
        assert re.fullmatch(r"[0-9a-f]{48}", exposure.token)
        assert Exposure.of(host, asked).token != exposure.token  # made at each start


def test_an_unknown_audience_is_refused_as_pmp_render_refuses_it():
    with pytest.raises(UsageError) as refused:
        Exposure.of("0.0.0.0", ["client,interne"])
    assert error_words(refused.value).startswith(f"--audience interne{NB}: destinataires inconnus{NB}; valeurs possibles{NB}: "
                                         "client, funder, internal")


def test_a_document_is_made_for_the_audience_asked_only_when_it_is_served():
    exposure = Exposure(("client", "funder"), "t" * 48)
    assert exposure.audience("funder", "client") == "funder"
    assert exposure.audience("internal", "client") is None
    assert exposure.audience(None, "client") == "client"
    assert exposure.audience(None, "internal") == "client"  # the guide's own readers are not served: the client's
    assert Exposure(("funder",)).audience(None, "internal") == "funder"
    assert not exposure.internal and Exposure().internal


@pytest.mark.parametrize("given, granted", [
    ("t" * 48, True), ("t" * 47, False), ("t" * 49, False), ("", False), (None, False), ("é" * 48, False),
])
def test_the_token_is_granted_exactly(given, granted):
    exposure = Exposure(("client",), "t" * 48)
    assert exposure.granted(given, None) is granted
    assert exposure.granted(None, given) is granted
    assert Exposure().granted(None, None)  # on this computer, nothing asked


# the token ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", f"/m/{SLUG}/pilotage", f"/m/{SLUG}/rapport?audience=internal",
                                  f"/m/{SLUG}/rapport.md?audience=internal", f"/m/{SLUG}/log", "/events"])
def test_on_the_network_no_page_is_served_without_the_token(exposed, path):
    url, ws = exposed
    for params in ({}, {"token": "0" * 48}, {"token": ws.exposure.token[:-1]}):
        response = httpx.get(url + path, params=params)
        assert response.status_code == 403
        assert response.text == S["no_access"]
        assert "set-cookie" not in response.headers


def test_the_token_of_the_address_printed_opens_the_pages_and_a_cookie_keeps_it(exposed):
    url, ws = exposed
    port = url.rsplit(":", 1)[1]
    client = httpx.Client(base_url=url)
    first = client.get("/", params={"token": ws.exposure.token})
    assert first.status_code == 200 and "La Ressourcerie du Val" in first.text
    assert f"pmp_access_{port}={ws.exposure.token}; HttpOnly; SameSite=Strict; Path=/" in first.headers.get_list("set-cookie")
    later = client.get(f"/m/{SLUG}/pilotage")  # no token in the URL any more: the cookie's
    assert later.status_code == 200 and "set-cookie" not in later.headers


def test_on_the_network_the_machine_s_own_name_is_answered_with_the_token_only(exposed):
    url, ws = exposed
    name = socket.gethostname().lower()
    port = url.rsplit(":", 1)[1]
    assert raw(url, f"GET / HTTP/1.1\nHost: {name}:{port}\nConnection: close\n")[0] == 403
    status, body = raw(url, f"GET /?token={ws.exposure.token} HTTP/1.1\nHost: {name}:{port}\nConnection: close\n")
    assert status == 200 and "La Ressourcerie du Val" in body


# the audiences --------------------------------------------------------------------------

@pytest.mark.parametrize("path", [f"/m/{SLUG}/rapport?audience=internal", f"/m/{SLUG}/rapport.md?audience=internal",
                                  f"/m/{SLUG}/pilotage.json?audience=internal", f"/m/{SLUG}/guide.md?audience=internal",
                                  f"/m/{SLUG}/pilotage?audience=funder"])
def test_on_the_network_an_audience_not_asked_is_refused_with_a_french_page(exposed, path):
    url, ws = exposed
    response = with_token(url, ws).get(path)
    assert response.status_code == 403
    asked = re.search(r"audience=(\w+)", path)[1]
    assert f"<h1>{S['audience_refused_title']}</h1>" in response.text
    assert (f"<p>Les documents pour les destinataires «{NB}{asked}{NB}» ne sont pas servis ici{NB}: "
            "ce serveur ne sert que client (pmp serve --audience).</p>") in response.text
    assert no_secret(response.text)


def test_on_the_network_the_documents_are_the_client_s_and_offer_no_other_readers(exposed):
    url, ws = exposed
    client = with_token(url, ws)
    for doc in ("rapport", "guide"):  # the guide is the consultant's own by default: the client's here
        page = client.get(f"/m/{SLUG}/{doc}")
        assert page.status_code == 200
        assert labels("fr")["privacy"]["audience"]["client"] in page.text
        assert labels("fr")["privacy"]["internal_mark"] not in page.text
        assert no_secret(page.text)
        options = re.search(r'<select name="audience">(.*?)</select>', page.text, re.S)[1]
        assert re.findall(r'value="(\w*)"', options) == ["", "client"]


def test_the_internal_audience_is_served_on_the_network_when_it_is_named(workspace):
    with serving(workspace, host="0.0.0.0", audiences=["client,internal"]) as (url, ws):
        page = with_token(url, ws).get(f"/m/{SLUG}/rapport", params={"audience": "internal"})
        assert page.status_code == 200
        assert not no_secret(page.text)
        assert httpx.get(f"{url}/m/{SLUG}/rapport", params={"audience": "internal"}).status_code == 403  # no token


def test_on_this_computer_every_audience_is_served_without_a_token_unless_fewer_are_named(workspace):
    with serving(workspace) as (url, ws):
        assert ws.exposure.token is None
        page = httpx.get(f"{url}/m/{SLUG}/rapport", params={"audience": "internal"})
        assert page.status_code == 200 and not no_secret(page.text)
        assert "set-cookie" not in page.headers or "pmp_access" not in page.headers["set-cookie"]
    with serving(workspace, audiences=["client"]) as (url, ws):
        page = httpx.get(f"{url}/m/{SLUG}/rapport", params={"audience": "internal"})
        assert page.status_code == 403 and no_secret(page.text)


def test_on_the_network_the_journal_page_shows_no_raw_entry_and_a_problem_quotes_no_line(exposed, journal):
    url, ws = exposed
    client = with_token(url, ws)
    page = client.get(f"/m/{SLUG}/log").text
    assert S["recent_hidden"] in page and '<pre class="entry">' not in page
    assert 'id="form-recommendation"' in page  # the forms are there: writing was not refused
    text = journal.read_text("utf-8")
    journal.write_text(text.replace("progress: 40", "progress: 140", 1), encoding="utf-8")
    problems = client.get(f"/m/{SLUG}/pilotage").text
    assert S["problems_title"] in problems and "journal.yaml:" in problems
    assert "progress: 140" not in problems  # the line of the file, which may hold notes, is not quoted


def test_on_the_network_pmp_s_own_pages_name_no_one_who_did_not_consent(workspace):
    recommendations = workspace / "missions" / SLUG / "recommendations.yaml"
    text = recommendations.read_text("utf-8")
    recommendations.write_text(text.replace("Créer un parcours d’accueil des nouveaux bénévoles",
                                            "Créer le parcours d’accueil que souhaite Lucas Moreau", 1), encoding="utf-8")
    with serving(workspace) as (url, _):  # on this computer, the consultant's pages as written
        assert "Lucas Moreau" in httpx.get(f"{url}/m/{SLUG}/log").text
    with serving(workspace, host="0.0.0.0") as (url, ws):
        client = with_token(url, ws)
        page = client.get(f"/m/{SLUG}/log").text
        assert "Créer le parcours d’accueil que souhaite" in page and "Lucas Moreau" not in page


def test_on_the_network_a_form_needs_the_token_then_appends(exposed, journal):
    url, ws = exposed
    before = journal.read_bytes()
    client = with_token(url, ws)
    token = form_token(client)
    stranger = httpx.Client(base_url=url, cookies={k: v for k, v in client.cookies.items() if k.startswith("pmp_session")})
    refused = stranger.post(f"/m/{SLUG}/log", data=progress_form(token))
    assert refused.status_code == 403 and refused.text == S["no_access"]
    assert journal.read_bytes() == before
    assert client.post(f"/m/{SLUG}/log", data=progress_form(token)).status_code == 303
    assert without_ids(journal.read_text("utf-8")).endswith("note: Quatrième Repair café.}\n")


# the forms' bodies ---------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["local", "network"])
def test_a_file_in_a_form_field_is_refused_and_nothing_is_appended(workspace, journal, where):
    before = journal.read_bytes()
    with serving(workspace, host="127.0.0.1" if where == "local" else "0.0.0.0") as (url, ws):
        client = with_token(url, ws) if where == "network" else httpx.Client(base_url=url)
        form = progress_form(form_token(client))
        del form["note"]
        response = client.post(f"/m/{SLUG}/log", data=form, files={"note": ("notes.txt", b"Compte rendu", "text/plain")})
    assert response.status_code == 400
    assert response.text == f"Formulaire refusé{NB}: le champ «{NB}note{NB}» contient un fichier{NB}; " \
                            "un formulaire du journal n’accepte que du texte."
    assert journal.read_bytes() == before


def test_a_form_in_several_parts_of_text_only_is_appended(workspace, journal):
    with serving(workspace) as (url, _):
        client = httpx.Client(base_url=url)
        form = progress_form(form_token(client))
        parts = {name: (None, value) for name, value in form.items()}  # multipart/form-data, no file
        assert client.post(f"/m/{SLUG}/log", files=parts).status_code == 303
    assert without_ids(journal.read_text("utf-8")).endswith("note: Quatrième Repair café.}\n")


def test_a_huge_upload_is_refused_before_a_byte_of_it_is_read(workspace, journal):
    before = journal.read_bytes()
    head = "POST /m/{slug}/log HTTP/1.1\nHost: 127.0.0.1:{port}\nContent-Type: multipart/form-data; boundary=x\n" \
           "Content-Length: 300000000\nCookie: {cookie}\nConnection: close\n"
    with serving(workspace) as (url, _):
        client = httpx.Client(base_url=url)
        form_token(client)  # a real session, with its cookie
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        started = time.monotonic()
        status, body = raw(url, head.format(slug=SLUG, port=url.rsplit(":", 1)[1], cookie=cookie))  # no body sent
        assert time.monotonic() - started < 5
    assert status == 413 and body == f"Formulaire refusé{NB}: plus de 256{NB}Ko{NB}; un formulaire du journal n’en demande pas tant."
    assert journal.read_bytes() == before


def test_on_the_network_a_huge_upload_without_the_token_is_refused_for_the_token_first(exposed, journal):
    url, _ = exposed
    before = journal.read_bytes()
    status, body = raw(url, f"POST /m/{SLUG}/log HTTP/1.1\nHost: {url.removeprefix('http://')}\n"
                            "Content-Type: multipart/form-data; boundary=x\nContent-Length: 300000000\nConnection: close\n")
    assert (status, body) == (403, S["no_access"])
    assert journal.read_bytes() == before


def test_a_body_without_a_length_is_cut_at_the_bound(workspace, journal):
    before = journal.read_bytes()
    with serving(workspace) as (url, _):
        client = httpx.Client(base_url=url)
        token = form_token(client)
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
        connection.putrequest("POST", f"/m/{SLUG}/log")
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Transfer-Encoding", "chunked")
        connection.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in client.cookies.items()))
        connection.endheaders()
        chunk = b"note=" + b"a" * (64 * 1024) + b"&"
        for _ in range(5):  # 320 KiB, past the 256 KiB bound
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        last = f"token={token}".encode()
        connection.send(b"%x\r\n%s\r\n0\r\n\r\n" % (len(last), last))
        response = connection.getresponse()
        assert response.status == 413
        assert response.read().decode("utf-8").startswith(f"Formulaire refusé{NB}: plus de 256{NB}Ko")
    assert journal.read_bytes() == before


def test_a_session_the_server_did_not_make_is_refused_before_its_form_is_read(workspace, journal):
    before = journal.read_bytes()
    with serving(workspace) as (url, ws):
        client = httpx.Client(base_url=url, cookies={ws.sessions.cookie: "made-up"})
        token = ws.sessions.token("made-up")  # even with the very token of that session
        response = client.post(f"/m/{SLUG}/log", data=progress_form(token))
    assert response.status_code == 403 and response.text == S["bad_token"]
    assert journal.read_bytes() == before


# the Host header ----------------------------------------------------------------------------

@pytest.mark.parametrize("header, host", [
    ("127.0.0.1:8000", "127.0.0.1"), ("LocalHost", "localhost"), ("[::1]:8000", "::1"), ("[::1]", "::1"),
    ("DESKTOP_7:8000", "desktop_7"),  # a Windows machine name may hold an underscore
    ("127.0.0.1:8765@evil.example", None), ("127.0.0.1:8000\t", None), ("127.0.0.1 :8000", None), ("::1", None),
    ("127.0.0.1:80a", None), ("127.0.0.1:99999", None), ("127.0.0.1:", None), ("user@127.0.0.1", None),
    ("127.0.0.1\n", None), ("", None), ("[::1]x", None),
])
def test_the_host_header_is_read_strictly(header, host):
    assert host_of(header) == host


@pytest.mark.parametrize("host", ["127.0.0.1:{port}@evil.example", "127.0.0.1\t:{port}", "127.0.0.1:{port}x",
                                  "127.0.0.1:{port}:{port}", "::1"])
def test_a_host_header_with_anything_around_this_computer_s_name_is_refused(workspace, host):
    with serving(workspace) as (url, _):
        port = url.rsplit(":", 1)[1]
        status, body = raw(url, f"GET / HTTP/1.1\nHost: {host.format(port=port)}\nConnection: close\n")
        assert status == 421 and body.startswith("Adresse refusée")
        assert raw(url, f"GET / HTTP/1.1\nHost: [::1]:{port}\nConnection: close\n")[0] == 200


# the command -------------------------------------------------------------------------------

def run_serve(workspace: Path, *options: str):
    """`pmp serve WORKSPACE OPTIONS` in its own process; yields its first lines (stderr, stdout) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pamplemousse", "serve", str(workspace), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/")
            break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("pmp serve did not start")
    return process, port


def stop(process) -> tuple[str, str]:
    process.send_signal(2)  # Ctrl+C
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    return out, err


@pytest.mark.parametrize("options, audiences, writes", [
    ((), f"  destinataires servis{NB}: client (pas les notes internes{NB}; --audience internal pour les servir)",
     f"  écriture{NB}: les formulaires du journal écrivent dans les journaux des missions (--read-only pour les retirer)"),
    (("--read-only", "--audience", "client", "--audience", "internal"),
     f"  destinataires servis{NB}: client, internal (notes d’entretien confidentielles comprises)",
     f"  lecture seule (--read-only){NB}: rien n’est écrit"),
])
def test_pmp_serve_on_the_network_prints_the_address_with_its_token_and_says_what_is_open(workspace, options, audiences, writes):
    process, port = run_serve(workspace, "--host", "0.0.0.0", *options)
    try:
        first = process.stdout.readline()
        found = re.fullmatch(rf"pmp serve{NB}: (.*) sur (http://0\.0\.0\.0:{port}/\?token=([0-9a-f]{{48}}))(.*){NB}; "
                             r"Ctrl\+C pour arrêter\.\n", first)
        assert found and found[1] == str(workspace), first
        url, token = found[2], found[3]
        assert found[4] == (" (lecture seule)" if "--read-only" in options else "")
        assert httpx.get(url.replace("0.0.0.0", "127.0.0.1")).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 403
        internal = httpx.get(f"http://127.0.0.1:{port}/m/{SLUG}/rapport", params={"token": token, "audience": "internal"})
        assert internal.status_code == (200 if "internal" in options else 403)
    finally:
        out, err = stop(process)
    assert err.splitlines()[:3] == [
        f"pmp{NB}: attention, --host 0.0.0.0{NB}: serveur ouvert au réseau{NB}; toute personne qui a son jeton "
        f"(dans l’adresse ci-dessous) voit les missions de {workspace}",
        audiences, writes,
    ]
    network = [line for line in out.splitlines() if line.startswith(f"  sur le réseau{NB}: ")]
    assert all(line.endswith(f":{port}/?token={token}") for line in network)
    assert out.endswith(f"pmp serve{NB}: arrêté.\n")


def test_pmp_serve_on_this_computer_prints_no_token_and_names_fewer_audiences_when_asked(workspace):
    process, port = run_serve(workspace, "--audience", "client")
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
    finally:
        out, err = stop(process)
    assert first == f"pmp serve{NB}: {workspace} sur http://127.0.0.1:{port}/{NB}; Ctrl+C pour arrêter.\n"
    assert second == f"  destinataires servis{NB}: client (pas les notes internes{NB}; --audience internal pour les servir)\n"
    assert err == "" and out.endswith(f"pmp serve{NB}: arrêté.\n")


def test_pmp_serve_with_an_unknown_audience_says_so_and_serves_nothing(workspace, pmp):
    r = pmp("serve", str(workspace), "--host", "0.0.0.0", "--audience", "client,interne")
    assert r.exit_code == 2
    assert r.stderr == (f"pmp : --audience interne{NB}: destinataires inconnus{NB}; valeurs possibles{NB}: "
                        f"client, funder, internal{NB}; vouliez-vous dire «{NB}internal{NB}»{NB}?\n")
    assert r.stdout == ""
