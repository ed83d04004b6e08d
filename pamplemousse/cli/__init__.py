"""The `pmp` command line: each command a few lines that call the layers below.

One module per command (check.py, render.py, …), each a few lines that parse, call
the layers below and print; app.py holds the application, the shared helpers and
the one error handler. Only this package prints or exits. Heavy modules (pydantic, yaml, jinja2, babel)
are imported inside the commands so that `pmp --help` stays light.

Exit codes: 0 success · 1 problems found in the missions · 2 bad usage or
unreadable input · 3 refused write · 4 unexpected error (a report file is written).
"""

from __future__ import annotations

from pamplemousse.cli import (  # noqa: F401 - each registers its command
    check,
    imports,
    init,
    log,
    new_mission,
    questions,
    render,
    schema,
    serve,
    status,
    templates,
)
from pamplemousse.cli.app import app, main, run

__all__ = ["app", "main", "run"]
