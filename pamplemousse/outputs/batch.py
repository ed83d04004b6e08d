"""Render many missions at once, on every core (`pmp render --all`; the site's pages, outputs/site.py).

Each job loads one mission (through the cache of loaded missions) and renders
it in memory, in a process of its own: the results (texts, or the mission's
errors) come back to the command, which writes nothing until every mission is
known to be valid. Processes are forked on Linux, so that they start with pmp
already imported; on two jobs or fewer, or with PMP_JOBS=1, everything runs in
the command's own process. PMP_JOBS=N sets how many processes (the machine's
cores by default).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Callable

from pamplemousse.errors import Problem


def workers_for(n_jobs: int) -> int:
    """How many processes for `n_jobs` jobs: PMP_JOBS, else the machine's cores; 1 when not worth it."""
    wanted = os.environ.get("PMP_JOBS", "")
    cores = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return 1 if n_jobs <= 2 else min(cores, n_jobs)


def run_all(func: Callable[[Any], Any], jobs: list, on_each: Callable[[], None] | None = None) -> list:
    """[func(job) for job in jobs], in processes when worth it; results in the order of `jobs`.

    `on_each` is called once per finished job, in this process; with processes,
    only after every job was handed out (so that no thread runs while forking).
    """
    workers = workers_for(len(jobs))
    if workers == 1:
        results = []
        for job in jobs:
            results.append(func(job))
            if on_each is not None:
                on_each()
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    out: list = [None] * len(jobs)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
        futures = {pool.submit(_collecting, func, job): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            out[futures[future]] = future.result()
            if on_each is not None:
                on_each()
    return out


COLLECT_EVERY = 25  # jobs between two passes of the cyclic garbage collector in a job's process
_done_here = 0


def _worker_start() -> None:
    """In a job's process: what was imported before the fork is left out of the collector's passes, and the
    collector paused as in the command (forked, it already is; a process started afresh, on macOS and
    Windows, starts with it on): `_collecting` collects every COLLECT_EVERY jobs."""
    import gc

    gc.disable()
    gc.freeze()


def _collecting(func: Callable[[Any], Any], job: Any) -> Any:
    """func(job), in a process that renders hundreds of missions: the command's collector is off (cli.app.main),
    so the cycles each render leaves are collected every COLLECT_EVERY jobs, and the process's memory stays
    that of a few missions, not of all it rendered."""
    global _done_here
    result = func(job)
    _done_here += 1
    if _done_here % COLLECT_EVERY == 0:
        import gc

        gc.collect()
    return result


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def encoded(texts: Mapping[str, str | bytes]) -> dict[str, bytes]:
    """Each text as the UTF-8 bytes that write/files.write_all writes: encoded here, in the job's process, the
    result is half the size to send back and to hold until every mission is rendered, and is never decoded
    and encoded again by the command (a thousand missions' pages are hundreds of megabytes as str)."""
    return {name: data.encode("utf-8") if isinstance(data, str) else data for name, data in texts.items()}


def render_job(job: tuple[Path, str, list[str], date, str | None]) -> tuple[list[Problem], dict | None]:
    """(errors, None) or ([], {format: bytes}) for one mission of `pmp render --all`."""
    from pamplemousse.outputs.render import render_outputs
    from pamplemousse.read.load import load_mission

    folder, doc, formats, as_of, lang = job
    mission, problems = load_mission(folder, lang)
    if mission is None:
        return errors_of(problems), None
    return [], encoded(render_outputs(mission, doc, formats, as_of, lang))
