"""pmp serve over HTTP: a real server (Uvicorn in a thread, 127.0.0.1, a free port), asked as a browser would.

The pages are those of `pmp render` (byte for byte, once serve's bar and script are
taken out), the downloads its files; the journal's forms append as `pmp log` does
and refuse as it does; the Host, cross-site, token and path checks refuse.
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
from conftest import EXAMPLE, build_tree, last_id, without_ids
from serving import serving

from pamplemousse.plan.state import state_on
from pamplemousse.read.load import load_mission
from pamplemousse.text.i18n import labels

SLUG = EXAMPLE.name
AS_OF = "2026-11-26"
S = labels("fr")["serve"]
NB = "\u00a0"


@pytest.fixture
def workspace(example_in_cwd) -> Path:
    return example_in_cwd.parent.parent


@pytest.fixture
def served(workspace):
    with serving(workspace) as (url, ws):
        yield url, ws


def plain(html: str) -> str:
    """A served page without what serve adds: its bar's style, its bar, its live script."""
    html = re.sub(r'<style id="pmp-serve-style">.*?</style>\n', "", html, flags=re.S)
    html = re.sub(r'\n<nav class="pmp-serve".*?</nav>\n', "", html, count=1, flags=re.S)
    return re.sub(r'<script id="pmp-live".*?</script>\n', "", html, flags=re.S)


def rendered(workspace: Path, doc: str, fmt: str, *more: str) -> bytes:
    from pamplemousse.cli import run

    out = workspace / "rendered"
    assert run(["render", SLUG, "--doc", doc, "--format", fmt, "--as-of", AS_OF, "-o", str(out), *more]) == 0
    return (out / f"{doc}.{fmt}").read_bytes()


def session(url: str) -> tuple[httpx.Client, str]:
    """A client that opened the journal page (so it has its session cookie), and the form's token."""
    client = httpx.Client(base_url=url, follow_redirects=False)
    page = client.get(f"/m/{SLUG}/log").text
    token = re.search(r'name="token" value="([0-9a-f]+)"', page)
    assert token, page
    return client, token[1]


def progress_form(token: str, **fields) -> dict:
    return {"token": token, "kind": "recommendation", "recommendation": "R3", "status": "in_progress",
            "progress": "55", "note": "Quatrième Repair café.", "date": AS_OF, **fields}


# pages --------------------------------------------------------------------------

def test_the_portfolio_shows_every_mission_with_its_weather_progress_attention_and_deadline(served, workspace):
    url, _ = served
    page = httpx.get(url + "/").text
    mission, _ = load_mission(workspace / "missions" / SLUG)
    state = state_on(mission, date.today())
    attention = len(state.attention)  # plan/attention.py, the rule of the pilotage too
    row = re.search(r'<tr data-slug="ressourcerie-du-val">(.*?)</tr>', page, re.S)[1]
    assert f'<a href="/m/{SLUG}/pilotage">La Ressourcerie du Val</a>' in row
    assert labels("fr")["weather"][state.weather] in row
    assert f"{round(state.progress)}{NB}%" in row
    assert f'<td class="num">{attention}</td>' in row
    assert state.next_deadlines[0].rec.id in row
    assert S["attention"] in page


def test_a_mission_that_no_longer_checks_shows_in_the_portfolio_with_its_errors(served, workspace):
    url, _ = served
    (workspace / "missions" / SLUG / "journal.yaml").write_text("- date: [2026\n", encoding="utf-8")
    page = httpx.get(url + "/").text
    assert f"1 erreur{NB}: la mission ne se vérifie plus" in page


@pytest.mark.parametrize("doc, more", [("pilotage", []), ("rapport", ["--audience", "funder"]), ("guide", [])])
def test_a_served_document_is_the_html_of_pmp_render_plus_the_bar_and_the_live_script(served, workspace, doc, more):
    url, _ = served
    query = {"as_of": AS_OF, **({"audience": more[1]} if more else {})}
    response = httpx.get(f"{url}/m/{SLUG}/{doc}", params=query)
    assert response.status_code == 200
    assert '<nav class="pmp-serve"' in response.text and '<script id="pmp-live"' in response.text
    assert plain(response.text) == rendered(workspace, doc, "html", *more).decode("utf-8")


def test_the_date_of_the_state_is_a_page_control(served):
    url, _ = served
    early = httpx.get(f"{url}/m/{SLUG}/pilotage", params={"as_of": "2026-07-01"}).text
    assert "État au 1er juillet 2026" in early
    assert 'value="2026-07-01"' in early  # the control shows the date asked
    bad = httpx.get(f"{url}/m/{SLUG}/pilotage", params={"as_of": "01/07/2026"})
    assert bad.status_code == 400
    assert bad.text == f"pmp : --as-of 01/07/2026{NB}: date attendue au format AAAA-MM-JJ (par exemple 2026-03-01)"
    none = httpx.get(f"{url}/m/{SLUG}/pilotage", params={"as_of": "2026-02-30"})
    assert none.text == f"pmp : --as-of 2026-02-30{NB}: cette date n'existe pas"


@pytest.mark.parametrize("fmt", ["md", "json", "ics", "xlsx"])
def test_every_format_downloads_as_pmp_render_writes_it(served, workspace, fmt):
    url, _ = served
    response = httpx.get(f"{url}/m/{SLUG}/pilotage.{fmt}", params={"as_of": AS_OF})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{SLUG}-pilotage.{fmt}"'
    expected = rendered(workspace, "pilotage", fmt)
    if fmt == "xlsx":  # a workbook is a zip: compare the cells
        from openpyxl import load_workbook

        def cells(data: bytes):
            import io

            book = load_workbook(io.BytesIO(data))
            return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
        assert cells(response.content) == cells(expected)
    else:
        assert response.content == expected


def test_the_pages_of_a_document_link_every_download(served):
    url, _ = served
    page = httpx.get(f"{url}/m/{SLUG}/pilotage", params={"as_of": AS_OF}).text
    for fmt in ("html", "md", "xlsx", "ics", "json", "pdf"):
        assert f'href="/m/{SLUG}/pilotage.{fmt}?as_of={AS_OF}" download' in page


def test_a_broken_file_shows_its_problems_as_pmp_check_prints_them_with_the_line_quoted(served, workspace, pmp):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    text = journal.read_text("utf-8")
    journal.write_text(text.replace("progress: 40", "progress: 140", 1), encoding="utf-8")
    expected = pmp("check", SLUG).stdout.splitlines()[0]
    assert expected.startswith(f"missions/{SLUG}/journal.yaml:")
    page = httpx.get(f"{url}/m/{SLUG}/pilotage").text
    assert S["problems_title"] in page
    assert f"<code>{expected.replace(chr(39), '&#39;')}</code>" in page
    line = int(expected.split(":")[1])
    assert f"{line} |   progress: 140" in page
    journal.write_text(text, encoding="utf-8")
    assert S["problems_title"] not in httpx.get(f"{url}/m/{SLUG}/pilotage").text


def test_a_failing_template_override_is_named_with_its_line_and_the_page_comes_back(served, workspace):
    url, _ = served
    theme = workspace / "templates" / "html" / "theme.html.j2"
    build_tree(workspace, {"templates/html/theme.html.j2":
                           '{% extends "html/base.html.j2" %}\n{% block brand %}{{ no_such_name }}{% endblock %}\n'})
    for path in (f"/m/{SLUG}/pilotage", "/"):
        response = httpx.get(url + path)
        assert response.status_code == 200
        assert f"<h1>{S['render_failed']}</h1>" in response.text
        assert "templates/html/theme.html.j2:2" in response.text and "no_such_name" in response.text
        assert '<script id="pmp-live"' in response.text
    theme.unlink()
    assert "La Ressourcerie du Val" in httpx.get(f"{url}/m/{SLUG}/pilotage").text


def test_a_crash_in_a_page_is_a_short_message_never_a_traceback(served, monkeypatch):
    from pamplemousse.serve import pages

    def broken(ws):
        raise RuntimeError("secret detail of the crash")

    monkeypatch.setattr(pages, "portfolio", broken)
    url, _ = served
    response = httpx.get(url + "/")
    assert response.status_code == 500
    assert response.text == S["crash"]


# live ---------------------------------------------------------------------------

def test_a_save_is_told_to_the_open_pages_within_a_second(served, workspace):
    url, ws = served
    start = ws.changes.generation
    with httpx.stream("GET", f"{url}/events", params={"since": start}, timeout=5) as events:
        lines = events.iter_lines()
        assert next(lines) == "retry: 500"
        saved = time.perf_counter()
        path = workspace / "missions" / SLUG / "journal.yaml"
        path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
        data = next(line for line in lines if line.startswith("data:"))
        assert time.perf_counter() - saved < 1.0
    assert data == f'data: ["{SLUG}"]'


# the journal's forms ------------------------------------------------------------

def test_a_form_appends_through_the_path_of_pmp_log_and_shows_what_was_appended(served, workspace):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    client, token = session(url)
    response = client.post(f"/m/{SLUG}/log", data=progress_form(token), headers={"Origin": url})
    assert response.status_code == 303
    entry = last_id(journal)
    item = f"- {{date: 2026-11-26, recommendation: R3, status: in_progress, progress: 55, note: Quatrième Repair café., id: {entry}}}\n"
    assert journal.read_bytes() == before + item.encode()
    shown = client.get(response.headers["location"]).text
    assert S["appended"] in shown
    assert f"(26 novembre 2026){NB}: R3 — en cours, 55{NB}%, avec une note{NB}; entrée {entry}." in shown
    assert f'<pre class="entry">{item}</pre>' in shown


def test_a_committee_with_its_decisions_is_appended_one_per_line(served, workspace):
    url, _ = served
    client, token = session(url)
    form = {"token": token, "kind": "committee", "committee": "COPIL n°3", "date": AS_OF,
            "attendees": "Hélène Marchand\r\nKarim Benali", "decisions": "Lancer R10\r\n\r\nRelancer l'OPCO en janvier"}
    assert client.post(f"/m/{SLUG}/log", data=form).status_code == 303
    assert without_ids((workspace / "missions" / SLUG / "journal.yaml").read_text("utf-8")).endswith(
        "- {date: 2026-11-26, committee: COPIL n°3, attendees: [Hélène Marchand, Karim Benali], "
        "decisions: [Lancer R10, Relancer l'OPCO en janvier]}\n"
    )


def test_an_indicator_measure_with_a_decimal_comma_is_appended(served, workspace):
    url, _ = served
    client, token = session(url)
    form = {"token": token, "kind": "indicator", "indicator": "I2", "value": "31,5", "note": "", "date": AS_OF}
    response = client.post(f"/m/{SLUG}/log", data=form)
    assert response.status_code == 303
    assert without_ids((workspace / "missions" / SLUG / "journal.yaml").read_text("utf-8")).endswith(
        "- {date: 2026-11-26, indicator: I2, value: 31.5}\n"
    )
    assert f"I2 = 31,5{NB}%{NB}; entrée " in client.get(response.headers["location"]).text


def test_a_milestone_met_is_appended_as_pmp_log_would(served, workspace):
    url, _ = served
    client, token = session(url)
    page = client.get(f"/m/{SLUG}/log").text
    assert 'id="form-milestone"' in page and '<option value="met">tenu</option>' in page
    form = {"token": token, "kind": "milestone", "milestone": "R1.3", "status": "met", "note": "", "date": AS_OF}
    response = client.post(f"/m/{SLUG}/log", data=form)
    assert response.status_code == 303, response.text
    assert without_ids((workspace / "missions" / SLUG / "journal.yaml").read_text("utf-8")).endswith(
        "- {date: 2026-11-26, milestone: R1.3, status: met}\n"
    )


def test_an_unknown_milestone_is_refused_beside_its_field(served, workspace):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    client, token = session(url)
    form = {"token": token, "kind": "milestone", "milestone": "R1.9", "status": "met", "date": AS_OF}
    response = client.post(f"/m/{SLUG}/log", data=form)
    assert response.status_code == 422
    assert 'id="milestone-milestone-error">--milestone R1.9' in response.text
    assert journal.read_bytes() == before


def test_a_measure_that_is_no_number_is_refused_beside_its_field(served, workspace):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    client, token = session(url)
    form = {"token": token, "kind": "indicator", "indicator": "I2", "value": "beaucoup", "date": AS_OF}
    response = client.post(f"/m/{SLUG}/log", data=form)
    assert response.status_code == 422
    assert (f'<p class="refusal" id="indicator-value-error">--value beaucoup{NB}: nombre attendu '
            "(par exemple 57 ou 57,5)</p>") in response.text
    assert journal.read_bytes() == before


@pytest.mark.parametrize("fields, field, message", [
    ({"status": "done", "progress": "40"}, "progress",
     f"--progress 40 ne va pas avec --status done{NB}: une préconisation faite est à 100{NB}%"),
    ({"date": "2020-01-01"}, "date", f"--date 2020-01-01{NB}: avant le début de la mission"),
    ({"recommendation": "R99"}, "recommendation", f"R99{NB}: aucune préconisation de ce nom"),
])
def test_a_refusal_shows_beside_its_field_and_writes_nothing(served, workspace, fields, field, message):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    client, token = session(url)
    response = client.post(f"/m/{SLUG}/log", data=progress_form(token, **fields))
    assert response.status_code == 422
    beside = re.search(rf'<p class="refusal" id="recommendation-{field}-error">(.*?)</p>', response.text)
    assert beside and beside[1].startswith(message.replace("'", "&#39;")), response.text
    assert 'name="note">Quatrième Repair café.</textarea>' in response.text  # what was typed is kept
    assert journal.read_bytes() == before


def test_read_only_removes_the_forms_and_refuses_a_post(workspace):
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    with serving(workspace, read_only=True) as (url, _):
        page = httpx.get(f"{url}/m/{SLUG}/log").text
        assert '<form method="post"' not in page
        assert S["read_only"] in page
        forged = httpx.post(f"{url}/m/{SLUG}/log", data={"kind": "recommendation", "recommendation": "R3", "note": "x"})
        assert forged.status_code == 405
    assert journal.read_bytes() == before


# safety --------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "evil.example:8000"])
def test_a_request_with_another_host_is_refused(served, host):
    url, _ = served
    response = httpx.get(url + "/", headers={"Host": host})
    assert response.status_code == 421
    assert response.text.startswith("Adresse refusée")


def test_the_hosts_accepted_are_this_computer_s_names_and_no_other():
    import socket

    from pamplemousse.serve.safety import allowed_hosts

    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("192.168.1.20") == {"192.168.1.20"}
    everywhere = allowed_hosts("0.0.0.0")
    assert {"127.0.0.1", "localhost", socket.gethostname().lower()} <= everywhere
    assert "evil.example" not in everywhere  # how a Host header is read: test_serve_network.py


def test_localhost_by_its_name_is_served(served):
    url, _ = served
    assert httpx.get(url.replace("127.0.0.1", "localhost") + "/").status_code == 200


@pytest.mark.parametrize("case", ["other origin", "cross-site fetch", "no token", "token of another session"])
def test_a_forged_post_is_refused_and_writes_nothing(served, workspace, case):
    url, _ = served
    journal = workspace / "missions" / SLUG / "journal.yaml"
    before = journal.read_bytes()
    client, token = session(url)
    headers, form = {}, progress_form(token)
    if case == "other origin":
        headers["Origin"] = "http://evil.example"
    elif case == "cross-site fetch":
        headers["Sec-Fetch-Site"] = "cross-site"
    elif case == "no token":
        del form["token"]
    else:
        other, _ = session(url)
        client = other
    response = client.post(f"/m/{SLUG}/log", data=form, headers=headers)
    assert response.status_code == 403
    assert response.text == (S["bad_origin"] if case in ("other origin", "cross-site fetch") else S["bad_token"])
    assert journal.read_bytes() == before


@pytest.mark.parametrize("path", [
    "/../../../etc/passwd", "/m/../../../etc/passwd", "/m/%2e%2e/%2e%2e/etc/passwd", "/m/..%2f..%2fetc/pilotage",
    f"/m/{SLUG}/..%2fmission.yaml", f"/m/{SLUG}/mission.yaml", f"/m/{SLUG}/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    f"/m/{SLUG}/pilotage.yaml",
])
def test_no_path_outside_the_workspace_nor_any_file_is_served(served, path):
    url, _ = served
    host = url.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=5)  # sends the path exactly as written
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    assert response.status in (400, 404)
    assert "root:" not in body and "language:" not in body


def test_a_mission_that_links_outside_the_workspace_is_refused(workspace, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    shutil.copytree(EXAMPLE, outside / "secret", ignore=shutil.ignore_patterns("out"))
    (workspace / "missions" / "linked").symlink_to(outside / "secret")
    other = workspace / "missions" / "other"
    shutil.copytree(EXAMPLE, other, ignore=shutil.ignore_patterns("out"))
    (other / "journal.yaml").unlink()
    build_tree(outside, {"journal.yaml": "[]\n"})
    (other / "journal.yaml").symlink_to(outside / "journal.yaml")
    with serving(workspace) as (url, _):
        for slug in ("linked", "other"):
            for page in ("pilotage", "pilotage.md", "log"):
                response = httpx.get(f"{url}/m/{slug}/{page}")
                assert response.status_code == 403, (slug, page)
                assert response.text == S["refused_link"]
        assert S["refused_link"] in httpx.get(url + "/").text


# the command ----------------------------------------------------------------------

def test_pmp_help_does_not_import_the_web_stack():
    code = "import sys; from pamplemousse.cli import run; run(['--help']); " \
           "print(sorted(m for m in ('starlette', 'uvicorn', 'watchfiles') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_pmp_serve_without_a_workspace_says_so(tmp_path, pmp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = pmp("serve")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : .{NB}: pas de dossier missions/ ici{NB}; donnez l’espace de travail (pmp serve DOSSIER)\n"
    r = pmp("serve", "nowhere")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : nowhere{NB}: aucun dossier de ce nom\n"
    build_tree(tmp_path, {"missions/.keep": ""})
    r = pmp("serve", "--port", "70000")
    assert r.exit_code == 2
    assert r.stderr == f"pmp : --port 70000{NB}: un port entre 1 et 65535 est attendu\n"
