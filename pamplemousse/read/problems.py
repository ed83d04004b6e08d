"""The problems of a mission (pmp check), from the cache of loaded missions without rebuilding the mission.

Light: on a hit, neither the models nor pydantic are imported (the entry's head, its problems, is read alone).
"""

from __future__ import annotations

from pathlib import Path

from pamplemousse.errors import Problem


def mission_problems(folder: Path) -> list[Problem]:
    """The problems of the mission in `folder`, errors and warnings, as read/load.py's load_mission gives them."""
    from pamplemousse.read.cache import kept
    from pamplemousse.read.workspace import language_of

    def load():
        from pamplemousse.read.load import load_mission

        return load_mission(folder, cache=False)

    def as_plain(loaded):
        from pamplemousse.read.load import as_plain

        return as_plain(loaded)

    hit, found = kept("mission", folder, (language_of(folder), None), load, as_plain, body=False)
    return [Problem.from_row(p) for p in found[0]] if hit else found[1]
