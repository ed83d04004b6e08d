"""This interpreter without what only POSIX systems have, as on Windows: for the CI run of `.ci/run`.

With this folder on PYTHONPATH, Python imports this file at start-up (site.py's
`sitecustomize`): `fcntl` and `resource` can no longer be imported, and
`signal` loses SIGALRM and its interval timers. The tests of the portable paths
(template bounds, the journal's lock and concurrent appends, the cache, the
command line) then run as they would where those do not exist.
"""

from __future__ import annotations

import importlib.abc
import signal
import sys

POSIX_ONLY = frozenset({"fcntl", "resource"})


class _PosixOnly(importlib.abc.MetaPathFinder):
    """Refuses the modules of POSIX_ONLY, as an interpreter without them does."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in POSIX_ONLY:
            raise ModuleNotFoundError(f"No module named {fullname!r} (tests/nonposix)", name=fullname)
        return None


sys.meta_path.insert(0, _PosixOnly())
for _name in POSIX_ONLY:
    sys.modules.pop(_name, None)
for _attr in ("SIGALRM", "alarm", "setitimer", "getitimer", "ITIMER_REAL"):
    if hasattr(signal, _attr):
        delattr(signal, _attr)
