"""pmp runs alike on Windows, macOS and Linux: plain tools, no POSIX-only call without a portable path."""

from __future__ import annotations

import gc
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
