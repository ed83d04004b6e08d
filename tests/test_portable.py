"""pmp runs alike on Windows, macOS and Linux: plain tools, no POSIX-only call without a portable path."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pamplemousse"


@pytest.mark.parametrize("argv, collector, ended_by", [
    (["pmp", "render", "ressourcerie-du-val"], False, "os._exit"),
    (["pmp", "--version"], False, "os._exit"),
    (["pmp", "serve", "--port", "8765"], True, "sys.exit"),
], ids=["render", "version", "serve"])
def test_the_collector_stays_on_for_serve_and_is_paused_for_one_shot_commands(monkeypatch, argv, collector, ended_by):
    """A server renders a page per request, each leaving cycles: with the collector off, its memory grew
    by about 0.26 MB a page (benchmarks/serve_memory.py). A one-shot command pauses it and skips teardown."""
    import importlib

    app = importlib.import_module("pamplemousse.cli.app")  # the module (pamplemousse.cli.app is also the Typer)

    seen: dict = {}

    def run(args):
        seen["args"], seen["collector"] = args, gc.isenabled()
        return 0

    class Ended(Exception):
        pass

    def os_exit(code):
        seen["ended_by"] = "os._exit"
        raise Ended

    monkeypatch.setattr(app, "run", run)
    monkeypatch.setattr("os._exit", os_exit)
    monkeypatch.setattr(sys, "argv", argv)
    assert gc.isenabled()
    try:
        with pytest.raises((Ended, SystemExit)) as ended:
            app.main()
    finally:
        gc.enable()
    if ended.type is SystemExit:
        seen["ended_by"] = "sys.exit"
        assert ended.value.code == 0
    assert seen == {"args": argv[1:], "collector": collector, "ended_by": ended_by}


# what only POSIX has, named where it is used: nowhere but a portable fallback ---------------------------------

POSIX_ONLY = re.compile(r"\bctypes\b|\bfcntl\b|\bmsvcrt\b|/proc\b|SIGALRM|setitimer|\bimport resource\b|os\.fork\b")


def test_no_posix_only_call_in_the_package_but_the_child_s_memory_cap():
    """ctypes, fcntl, resource, /proc, SIGALRM: only the memory cap of the process that renders a workspace's
    templates imports `resource`, inside a try that goes without it (outputs/untrusted.py, cap_memory)."""
    found = sorted(
        (path.relative_to(PACKAGE).as_posix(), match.group())
        for path in PACKAGE.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
        for match in POSIX_ONLY.finditer(line.split(" # ")[0])
        if not line.lstrip().startswith(('"', "-", "`"))  # docstrings that name them
    )
    assert found == [("outputs/untrusted.py", "import resource")]


def test_the_ci_s_interpreter_without_posix_only_modules(tmp_path):
    """tests/nonposix/sitecustomize.py, on PYTHONPATH (.ci/run's second run), really takes them away."""
    code = ("import signal\nfor m in ('fcntl', 'resource'):\n    try:\n        __import__(m)\n        print(m)\n"
            "    except ImportError:\n        pass\nprint(hasattr(signal, 'SIGALRM'), hasattr(signal, 'setitimer'))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent / "nonposix")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out == "False False\n"
