"""Where missions are: the workspace (a folder with `missions/`) and its mission folders.

Light on purpose (no pydantic, no YAML): `pmp new-mission` and the portfolio
find their way with it before anything heavy is imported.
"""

from __future__ import annotations

import re
from pathlib import Path

from pamplemousse.errors import UsageError

MISSIONS_DIR = "missions"


def workspace_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` up, that has a `missions/` folder (else `start`)."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / MISSIONS_DIR).is_dir():
            return folder
    return start


def workspace_missions(root: Path | None = None) -> list[Path]:
    """Every mission folder of the workspace, sorted by slug."""
    missions = workspace_root(root) / MISSIONS_DIR
    if not missions.is_dir():
        return []
    return sorted(p for p in missions.iterdir() if (p / "mission.yaml").is_file())


def resolve_mission(arg: str) -> Path:
    """A mission given as a folder path or as a slug of the workspace."""
    path = Path(arg)
    if (path / "mission.yaml").is_file():
        return path
    candidate = workspace_root() / MISSIONS_DIR / arg
    if (candidate / "mission.yaml").is_file():
        return candidate
    raise UsageError(key="no_mission_here", arg=arg, suggest=(arg, [p.name for p in workspace_missions()]))


def language_of(folder: Path) -> str:
    """The mission's language, read cheaply before the full check (French if unsure)."""
    try:
        for line in (folder / "mission.yaml").read_text("utf-8").splitlines():
            m = re.match(r"language\s*:\s*['\"]?(fr|en)['\"]?\s*(#.*)?$", line)
            if m:
                return m.group(1)
    except (OSError, UnicodeDecodeError):
        pass
    return "fr"
