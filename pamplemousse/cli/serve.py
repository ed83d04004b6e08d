"""pmp serve: the workspace's missions live in the browser, on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pamplemousse.cli.app import _echo_err, app, say
from pamplemousse.errors import UsageError


@app.command()
def serve(
    workspace: Optional[Path] = typer.Argument(None),
    port: int = typer.Option(8000, "--port"),
    host: str = typer.Option("127.0.0.1", "--host"),
    read_only: bool = typer.Option(False, "--read-only"),
    audience: Optional[list[str]] = typer.Option(None, "--audience"),
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
    from pamplemousse.plan.privacy import AUDIENCES
    from pamplemousse.serve.safety import ANY_ADDRESS, outward_address
    from pamplemousse.serve.server import make_server, open_when_ready

    server, ws = make_server(root, host, port, read_only, audience)
    exposure = ws.exposure
    shown = f"[{host}]" if ":" in host else host
    with_token = "" if exposure.token is None else f"?token={exposure.token}"
    url = f"http://{shown}:{port}/{with_token}"
    served = say("serve.audiences", audiences=", ".join(exposure.audiences),
                 internal=say("serve.with_internal" if exposure.internal else "serve.no_internal"))
    if exposure.token is not None:  # on the network: say exactly what is open, to whom, and on what condition
        _echo_err(say("serve.exposed", host=host, root=root))
        _echo_err(served)
        _echo_err(say("serve.no_writes" if read_only else "serve.writes"))
    typer.echo(say("serve.started", root=root, url=url, read_only=say("serve.read_only") if read_only else ""))
    if exposure.token is None and exposure.audiences != AUDIENCES:  # on this computer, fewer readers than all
        typer.echo(served)
    if host in ANY_ADDRESS and outward_address():
        typer.echo(say("serve.network", url=f"http://{outward_address()}:{port}/{with_token}"))
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
