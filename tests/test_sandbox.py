"""Templates of a workspace run in a bounded sandbox (pamplemousse/sandbox.py).

Each test puts an override in the workspace's templates/ folder and runs
`pmp render` on the example mission: the render stops with one line naming the
override's file and line, exit 2, and nothing is written.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup

from pamplemousse.outputs import sandbox
from pamplemousse.outputs.charts import draw_all
from pamplemousse.outputs.render import DOCUMENTS
from pamplemousse.plan.report import report
from pamplemousse.read.load import load_mission

NB = "\u00a0"
AS_OF = "2026-11-26"
OVERRIDE = "templates/html/pilotage.html.j2"


@pytest.fixture
def ws(example: Path, monkeypatch) -> Path:
    """The workspace of the example mission, as the current folder."""
    root = example.parent.parent
    monkeypatch.chdir(root)
    (root / "templates" / "html").mkdir(parents=True)
    return root


def override(ws: Path, text: str, name: str = OVERRIDE) -> None:
    (ws / name).parent.mkdir(parents=True, exist_ok=True)
    (ws / name).write_text(text, encoding="utf-8")


def render_html(pmp):
    return pmp("render", "ressourcerie-du-val", "--format", "html", "--as-of", AS_OF)


def refused(pmp, ws: Path, where: str, message: str) -> None:
    result = render_html(pmp)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"pmp : {where}{NB}: {message}{NB}; rien n’a été écrit\n"
    assert not (ws / "missions" / "ressourcerie-du-val" / "out").exists()


# Jinja's sandbox ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, message",
    [
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ cycler.__init__.__globals__ }}", "access to attribute '__init__' of 'type' object is unsafe."),
        ("{{ header.__class__ }}", "access to attribute '__class__' of 'dict' object is unsafe."),
    ],
)
def test_python_internals_are_out_of_reach(pmp, ws, text, message):
    override(ws, text)
    refused(pmp, ws, f"{OVERRIDE}:1", message)


def test_an_undefined_name_is_an_error_at_its_file_and_line(pmp, ws):
    override(ws, "<p>{{ header.client }}</p>\n\n<p>{{ nope }}</p>\n")
    refused(pmp, ws, f"{OVERRIDE}:3", "'nope' is undefined")


def test_lipsum_is_not_offered(pmp, ws):
    override(ws, "{{ lipsum(100000) }}")
    refused(pmp, ws, f"{OVERRIDE}:1", "'lipsum' is undefined")


# plain data only -----------------------------------------------------------------

PLAIN = (dict, list, str, int, float, bool, type(None), Markup)


def _walk(value, where: str) -> list[str]:
    if type(value) not in PLAIN:
        return [f"{where}: {type(value).__name__}"]
    if isinstance(value, dict):
        bad = [f"{where}: key {k!r}" for k in value if type(k) is not str]
        return bad + [b for k, v in value.items() for b in _walk(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [b for i, v in enumerate(value) for b in _walk(v, f"{where}[{i}]")]
    return []


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("charts", [True, False])
@pytest.mark.parametrize("doc", list(DOCUMENTS))
def test_templates_receive_plain_data_only(example, doc, lang, charts):
    mission, problems = load_mission(example)
    assert mission is not None, problems
    # what the templates receive: the view, its charts drawn (HTML) or left out (the other formats)
    data = draw_all(DOCUMENTS[doc].present(mission, report(mission, date(2026, 11, 26)), lang), charts)
    assert _walk(data, doc) == []
    assert data["header"]["client"] == "La Ressourcerie du Val"  # the walk did see the data


def test_the_template_gets_exactly_what_present_made(pmp, ws, monkeypatch):
    """No model object slips in beside the data: the context is the plain data plus Jinja's own helpers."""
    seen = {}
    real = sandbox.render_bounded

    def spy(template, context):
        seen.update(context)
        return real(template, context)

    monkeypatch.setattr("pamplemousse.outputs.render.render_bounded", spy)
    assert render_html(pmp).exit_code == 0
    assert _walk(seen, "context") == []


# escaping ------------------------------------------------------------------------

def test_html_is_escaped_in_a_template_named_x_html_j2(pmp, ws):
    mission_yaml = ws / "missions" / "ressourcerie-du-val" / "mission.yaml"
    text = mission_yaml.read_text(encoding="utf-8")
    mission_yaml.write_text(
        text.replace("  name: La Ressourcerie du Val", '  name: "<b>Val</b> & <script>x()</script>"'), "utf-8"
    )
    override(ws, '{% include "x.html.j2" %}|{% include "html/y.j2" %}')
    override(ws, "{{ header.client }}", "templates/x.html.j2")
    override(ws, "{{ header.client }}", "templates/html/y.j2")
    assert render_html(pmp).exit_code == 0
    html = (ws / "missions" / "ressourcerie-du-val" / "out" / "pilotage.html").read_text("utf-8")
    escaped = "&lt;b&gt;Val&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;"
    assert html == f"{escaped}|{escaped}"


# nothing outside the templates folders -------------------------------------------

def test_an_include_cannot_climb_out_of_the_templates_folder(pmp, ws):
    override(ws, "\n{% include '../../etc/passwd' %}")
    refused(
        pmp, ws, f"{OVERRIDE}:2",
        f"«{NB}../../etc/passwd{NB}»{NB}: un modèle ne peut lire que les fichiers du dossier des modèles "
        f"(pas de «{NB}..{NB}»)",
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlink_leading_outside_the_templates_folder_is_refused(pmp, ws):
    secret = ws / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (ws / "templates" / "html" / "logo.html.j2").symlink_to(secret)
    override(ws, '{% include "html/logo.html.j2" %}')
    refused(
        pmp, ws, f"{OVERRIDE}:1",
        f"«{NB}html/logo.html.j2{NB}»{NB}: ce modèle est un lien vers un fichier hors du dossier des modèles "
        f"(templates){NB}; pmp ne le lit pas",
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_an_override_that_is_a_symlink_outside_is_refused_not_skipped(pmp, ws):
    elsewhere = ws / "elsewhere.j2"
    elsewhere.write_text("{{ header.client }}", encoding="utf-8")
    (ws / OVERRIDE).symlink_to(elsewhere)
    result = render_html(pmp)
    assert result.exit_code == 2
    assert "ce modèle est un lien vers un fichier hors du dossier des modèles" in result.stderr


# bounded output, loops, sizes, time and memory -------------------------------------

@pytest.mark.parametrize(
    "text, message",
    [
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
         f"trop de tours de boucle{NB}: plus de 100{NB}000 éléments de range() dans un même document"),
        ("{{ 'x' * 10**10 }}", f"le résultat de * dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{{ [0] * 10**9 }}", f"le résultat de * dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{{ 2 ** 100000 }}", f"nombre trop grand{NB}: 2 ** 100000"),
        ("{{ 'x'.ljust(10**10) }}", f"l’argument 10000000000 dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{{ 'x'|center(10**10) }}", f"l’argument 10000000000 dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{{ '%999999999s' % 'x' }}", f"l’argument 999999999 dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{{ '{:>999999999}'.format('x') }}",
         f"l’argument 999999999 dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
         f"le texte assemblé par ~ dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
         f"le résultat de + dépasse la taille permise dans un modèle (32{NB}Mo)"),
        ("{% for i in range(40000) %}{{ 'x' * 1000 }}{% endfor %}",
         f"le document dépasse 32{NB}Mo, la taille permise pour un document"),
    ],
    ids=["nested-range", "str-times", "list-times", "power", "ljust", "center", "percent", "format",
         "concat-doubling", "plus-doubling", "output"],
)
def test_a_template_cannot_grow_without_bound(pmp, ws, text, message):
    override(ws, "<p>\n" + text)
    refused(pmp, ws, f"{OVERRIDE}:2", message)


def _memory_cap_enforced() -> bool:
    """The cap is set with resource.setrlimit in the child, and enforced by Linux (macOS accepts it, ignores it)."""
    try:
        import resource  # noqa: F401 - not on Windows
    except ImportError:
        return False
    return sys.platform.startswith("linux")


@pytest.mark.skipif(not _memory_cap_enforced(), reason="the memory cap is enforced on Linux only")
def test_an_allocation_past_the_memory_ceiling_is_stopped(pmp, ws):
    override(ws, "<p>\n\n{{ ('x' * 1000000).replace('x', 'y' * 1000) }}")
    refused(pmp, ws, f"{OVERRIDE}:3",
            f"le modèle demande plus de 512{NB}Mo de mémoire, la quantité permise pour un document")


def test_a_template_that_would_run_for_hours_is_stopped(pmp, ws, monkeypatch):
    """Eight loops over the ten recommendations, nested: 10⁸ turns, with no range() and no output."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    loops = "".join(f"{{% for r{i} in recommendations %}}" for i in range(8))
    override(ws, loops + "{% endfor %}" * 8)
    result = render_html(pmp)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmp : {OVERRIDE}:1{NB}: le modèle tourne depuis plus de 0.5{NB}s")
    assert not (ws / "missions" / "ressourcerie-du-val" / "out").exists()


def test_the_built_in_documents_fit_well_inside_the_bounds(pmp, ws):
    result = pmp("render", "ressourcerie-du-val", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    html = ws / "missions" / "ressourcerie-du-val" / "out" / "pilotage.html"
    assert 10_000 < html.stat().st_size < sandbox.MAX_OUTPUT // 10


def test_overrides_render_in_a_process_of_their_own_and_built_in_templates_here(pmp, ws, monkeypatch):
    """The workspace's templates are code pmp did not write: rendered in a child process (where the deadline
    and the memory cap apply, never to the command's own process); pmp's own templates, in the command."""
    from pamplemousse.outputs import untrusted

    calls: list = []
    real = untrusted.run_isolated

    def spy(target, args, **kw):
        calls.append(args[2])  # the template names
        return real(target, args, **kw)

    monkeypatch.setattr(untrusted, "run_isolated", spy)
    assert render_html(pmp).exit_code == 0  # no override yet: rendered here
    assert calls == []
    override(ws, "<p>{{ header.client }} ({{ recommendations|length }})</p>")
    assert render_html(pmp).exit_code == 0
    assert calls == [["html/pilotage.html.j2"]]
    html = ws / "missions" / "ressourcerie-du-val" / "out" / "pilotage.html"
    assert html.read_text("utf-8") == "<p>La Ressourcerie du Val (10)</p>"


def test_a_child_busy_in_c_code_is_killed_at_the_deadline():
    """A child whose own timer cannot run (C code holding the interpreter) is killed by the command."""
    import time

    from pamplemousse.outputs import untrusted

    start = time.monotonic()
    said = untrusted.run_isolated(sum, (range(10**15),), seconds=0.3, memory=sandbox.MAX_MEMORY,
                                  timed_out=str)
    assert said == "None"  # timed_out(None): no template line known
    assert untrusted.GRACE < time.monotonic() - start < untrusted.START  # killed once the grace was over


def test_the_deadline_also_holds_off_the_main_thread(pmp, ws, monkeypatch):
    """pmp serve renders in worker threads, where SIGALRM cannot reach: the same refusal, the same line."""
    import threading

    from pamplemousse.outputs.render import RenderError, render_outputs
    from pamplemousse.read.load import load_or_fail

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    loops = "".join(f"{{% for r{i} in recommendations %}}" for i in range(8))
    override(ws, loops + "{% endfor %}" * 8)
    mission = load_or_fail(ws / "missions" / "ressourcerie-du-val")
    seen: list = []

    def worker():
        try:
            render_outputs(mission, "pilotage", ["html"], date(2026, 11, 26), None, ws, None)
        except RenderError as err:
            seen.append(str(err))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(seen) == 1 and f"{OVERRIDE}:1{NB}: le modèle tourne depuis plus de 0.5{NB}s" in seen[0]
    # a render that ends in time is not hit later by a stray refusal
    override(ws, "<p>{{ recommendations|length }}</p>")
    done: list = []
    thread = threading.Thread(target=lambda: done.append(
        render_outputs(mission, "pilotage", ["html"], date(2026, 11, 26), None, ws, None)["html"]))
    thread.start()
    thread.join(timeout=30)
    assert done and "<p>10</p>" in done[0]


def test_without_a_fork_server_an_override_renders_and_a_runaway_one_is_stopped(pmp, ws, monkeypatch):
    """Windows has no fork server (only « spawn »): each override is rendered in a fresh interpreter,
    and the deadline still stops a template that runs away, at its line."""
    import multiprocessing

    from pamplemousse.outputs import untrusted

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert untrusted._context().get_start_method() == "spawn"
    override(ws, "<p>{{ header.client }} ({{ recommendations|length }})</p>")
    assert render_html(pmp).exit_code == 0
    html = ws / "missions" / "ressourcerie-du-val" / "out" / "pilotage.html"
    assert html.read_text("utf-8") == "<p>La Ressourcerie du Val (10)</p>"
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 2.0)
    override(ws, "".join(f"{{% for r{i} in recommendations %}}" for i in range(8)) + "{% endfor %}" * 8)
    result = render_html(pmp)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pmp : {OVERRIDE}:1{NB}: le modèle tourne depuis plus de 2{NB}s")
