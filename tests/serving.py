"""A real `pmp serve` (Uvicorn on 127.0.0.1, a free port) in a thread, for the tests; stopped at the end."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, seconds: float = 10, what: str = "the condition") -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@contextmanager
def serving(root: Path, read_only: bool = False, host: str = "127.0.0.1", audiences: list[str] | None = None):
    """Serve the workspace at `root`; yield (base URL, the served Workspace) once its files are watched.
    Bound to another address than 127.0.0.1 (0.0.0.0), it is still asked on 127.0.0.1."""
    from pamplemousse.serve.server import make_server

    port = free_port()
    server, ws = make_server(root, host, port, read_only, audiences)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_for(lambda: server.started, what="the server to start")
        _until_watched(root, ws)
        yield f"http://127.0.0.1:{port}", ws
    finally:
        server.should_exit = True
        thread.join(10)
        assert not thread.is_alive(), "the server did not stop"


def _until_watched(root: Path, ws) -> None:
    """Write a file in missions/ until the watcher reports it: from then on, a save is seen."""
    probe = root / "missions" / "probe.yaml"
    start = ws.changes.generation
    deadline = time.monotonic() + 10
    try:
        while ws.changes.generation == start:
            probe.write_text(f"# {time.monotonic()}\n", encoding="utf-8")
            time.sleep(0.1)
            if time.monotonic() > deadline:
                raise AssertionError("the workspace's files are not watched")
    finally:
        probe.unlink(missing_ok=True)
        time.sleep(0.15)  # let the removal's own event pass
