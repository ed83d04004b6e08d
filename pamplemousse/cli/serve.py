"""pmp serve: the workspace's missions live in the browser, on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import app, say, warn
from pamplemousse.errors import UsageError


@app.command()
def serve(
    workspace: Optional[Path] = typer.Argument(None),
    port: int = typer.Option(8000, "--port"),
    host: str = typer.Option("127.0.0.1", "--host"),
    read_only: bool = typer.Option(False, "--read-only"),
    open_browser: bool = typer.Option(False, "--open"),
) -> None:
    from pamplemousse.errors import display_path
    from pamplemousse.read.workspace import MISSIONS_DIR, workspace_root

    root = workspace_root(workspace) if workspace is not None else workspace_root()
    if workspace is not None and not workspace.is_dir():
        raise UsageError(key="serve_no_folder", path=str(workspace))
    if not (root / MISSIONS_DIR).is_dir():
        raise UsageError(key="serve_no_missions", path=display_path(root))
    if not 0 < port < 65536:
        raise UsageError(key="serve_port", value=port)
    from pamplemousse.serve.safety import ANY_ADDRESS, outward_address
    from pamplemousse.serve.server import is_local, make_server, open_when_ready

    server, _ = make_server(root, host, port, read_only)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if not is_local(host):
        warn("serve.exposed", host=host, forms="" if read_only else say("serve.exposed_forms"))
    typer.echo(say("serve.serving", root=root, url=url, read_only=say("serve.read_only") if read_only else ""))
    if host in ANY_ADDRESS and outward_address():
        typer.echo(say("serve.network", address=outward_address(), port=port))
    if open_browser:
        open_when_ready(server, url)
    try:
        server.run()
    except SystemExit:  # Uvicorn's own way to say it could not listen (its message is already printed)
        pass
    except KeyboardInterrupt:  # Uvicorn stops on Ctrl+C, and may raise it again: the usual end of a server
        pass
    if server.started:
        typer.echo(say("serve.stopped"))
        return
    raise UsageError(key="serve_port_taken", value=port, host=host)
