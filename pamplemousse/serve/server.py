"""Run the application with Uvicorn, on this computer only unless told otherwise."""

from __future__ import annotations

import threading
from pathlib import Path

from pamplemousse.serve.pages import Workspace
from pamplemousse.serve.safety import Exposure


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False,
                audiences: list[str] | None = None):
    """A Uvicorn server for the workspace at `root` (not started), and the workspace it serves: its
    `exposure` says the audiences served (`--audience`, see `Exposure.of`) and the token asked."""
    import uvicorn

    from pamplemousse.serve.app import create_app

    class Server(uvicorn.Server):
        """Its open event streams end first when it stops, so that stopping is quick."""

        async def shutdown(self, sockets=None):
            await ws.changes.close()
            await super().shutdown(sockets)

    ws = Workspace(root, read_only=read_only, port=port, exposure=Exposure.of(host, audiences))
    config = uvicorn.Config(
        create_app(ws, host), host=host, port=port, log_level="warning", access_log=False,
        lifespan="on", timeout_graceful_shutdown=2, server_header=False,
    )
    return Server(config), ws


def open_when_ready(server, url: str) -> None:
    """Open `url` in the browser once the server listens."""
    import time
    import webbrowser

    def wait_then_open():
        for _ in range(200):
            if server.started:
                webbrowser.open(url)
                return
            time.sleep(0.05)

    threading.Thread(target=wait_then_open, daemon=True).start()
