"""Live pages: the workspace's files watched, and open pages told to reload.

`watch` (watchfiles, on inotify and its kin) follows `missions/` and the
workspace's `templates/`. Changes are grouped until the files have been quiet for
`STEP_MS` (an editor's save is often several writes: a temporary file, a rename),
then `Changes.bump` raises the generation and names the missions touched (`*`
when a template changed: every page). Rendered outputs (`out/`) and editors'
temporary files are ignored.

Each open page holds one server-sent events stream (`/events?since=N`, N the
generation it was rendered at, so a save made between the render and the stream
is not missed) and reloads itself when its mission is named; pages render on
request, so the reload is the re-render.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import AsyncIterator

STEP_MS = 60  # quiet time that ends a group of changes
DEBOUNCE_MS = 500  # longest a group is held
KEEP_ALIVE_S = 15
WATCHED_SUFFIXES = (".yaml", ".yml", ".j2")
ALL = "*"


class Changes:
    """The generation of the workspace's files, and the missions each change touched."""

    def __init__(self) -> None:
        self.generation = 0
        self.touched: dict[int, frozenset[str]] = {}
        self.closing = False
        self._cond: asyncio.Condition | None = None

    def _condition(self) -> asyncio.Condition:
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    async def bump(self, slugs: frozenset[str]) -> None:
        async with self._condition():
            self.generation += 1
            self.touched[self.generation] = slugs
            self.touched.pop(self.generation - 1000, None)
            self._condition().notify_all()

    async def close(self) -> None:
        """End every open stream (the server is stopping)."""
        self.closing = True
        async with self._condition():
            self._condition().notify_all()

    def since(self, generation: int) -> frozenset[str]:
        """The missions touched after `generation` (every one when that is too far back)."""
        if generation < self.generation - len(self.touched):
            return frozenset({ALL})
        return frozenset().union(*(self.touched.get(g, frozenset({ALL})) for g in range(generation + 1, self.generation + 1)))

    async def stream(self, since: int) -> AsyncIterator[str]:
        """Server-sent events: `data: ["slug", …]` after each change; a comment now and then to keep it open."""
        seen = min(max(since, 0), self.generation)
        yield f"retry: 500\n: generation {self.generation}\n\n"
        while not self.closing:
            if self.generation > seen:
                touched = self.since(seen)
                seen = self.generation
                yield f"data: {json.dumps(sorted(touched))}\n\n"
                continue
            async with self._condition():
                try:
                    await asyncio.wait_for(self._condition().wait(), KEEP_ALIVE_S)
                except asyncio.TimeoutError:
                    yield ": keep-alive\n\n"


def touched_missions(root: Path, paths: set[str]) -> frozenset[str]:
    """The slugs of the missions whose files changed; `*` for a template."""
    missions = (root / "missions").resolve()
    slugs: set[str] = set()
    for raw in paths:
        path = Path(raw)
        try:
            slugs.add(path.relative_to(missions).parts[0])
        except (ValueError, IndexError):
            slugs.add(ALL)
    return frozenset(slugs)


def wanted(path: str) -> bool:
    """A mission's file or a template; not a rendered output nor an editor's temporary file."""
    p = Path(path)
    if "out" in p.parts or p.name.startswith((".", "#")) or p.name.endswith("~"):
        return False
    return p.suffix in WATCHED_SUFFIXES


def watched_folders(root: Path) -> list[Path]:
    return [p.resolve() for p in (root / "missions", root / "templates") if p.is_dir()]


async def watch(root: Path, changes: Changes, stop: asyncio.Event) -> None:
    """Follow the workspace's files until `stop` is set."""
    from watchfiles import awatch

    folders = watched_folders(root)
    if not folders:
        await stop.wait()
        return
    async for found in awatch(
        *folders, watch_filter=lambda _change, path: wanted(path), debounce=DEBOUNCE_MS, step=STEP_MS,
        stop_event=stop, recursive=True,
    ):
        await changes.bump(touched_missions(root, {path for _change, path in found}))


# The script every served page carries: reload when its mission changed, back at the same scroll;
# not while a form of the page is being filled in.
LIVE_SCRIPT = """<script id="pmp-live" data-mission="{mission}" data-generation="{generation}">
(function () {{
  var me = document.getElementById("pmp-live"), mission = me.dataset.mission;
  var key = "pmp-scroll:" + location.pathname + location.search;
  var y = sessionStorage.getItem(key);
  if (y !== null) {{ sessionStorage.removeItem(key); window.scrollTo(0, +y); }}
  var typing = false;  // a form being filled in is never reloaded under the hands that fill it
  document.addEventListener("input", function (e) {{ if (e.target.closest("main form")) typing = true; }});
  var events = new EventSource("/events?since=" + me.dataset.generation);
  events.onmessage = function (e) {{
    var touched = JSON.parse(e.data);
    if (typing) return;
    if (!mission || touched.indexOf("*") >= 0 || touched.indexOf(mission) >= 0) {{
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }}
  }};
}})();
</script>
"""
