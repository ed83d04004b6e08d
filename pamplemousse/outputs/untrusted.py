"""A workspace's own templates rendered in a process of their own, with a deadline and a memory cap.

A consultancy's override is code pmp did not write. Jinja's sandbox and its
bounds (sandbox.py) stop what can be seen coming; what is left, a template
that runs for hours or asks for gigabytes, is stopped here, outside the
command's own process, with nothing but the standard library:

- `run_isolated(target, args, ...)` runs `target(*args)` (a function of a
  module, its arguments plain data) in a process of its own (forked by
  multiprocessing's fork server on Linux and macOS, a fresh interpreter on
  Windows; safe beside `pmp serve`'s threads either way) and returns what it
  returns;
- the deadline: after `seconds`, a timer in the child finds the template line
  being run (the innermost frame of a compiled template, mapped back by Jinja)
  and answers `timed_out(where)` in place of the result; a child that does not
  answer within GRACE seconds more (busy in C code) is killed, and the answer
  is `timed_out(None)`;
- the memory cap: on POSIX systems, the child (never the command's process)
  sets its own address-space limit (`resource.RLIMIT_AS`) to what it holds
  once started plus `memory` bytes, so that an allocation too large fails with
  MemoryError. Linux enforces it; macOS accepts the limit but does not enforce
  it, and Windows has none: there the deadline, and the sandbox's bounds on
  sizes, loops and output, hold alone.

Built-in templates never come here: they render in the command's process.
"""

from __future__ import annotations

import sys
import threading
from typing import Any, Callable

GRACE = 5.0  # seconds a child may take, past its deadline, to answer before it is killed
START = 120.0  # seconds a fresh process may take to start (imports), on a machine busy with other work
HEADROOM = 64 * 1024 * 1024  # address space a thread's stack and allocator reserve without using it


def run_isolated(target: Callable[..., Any], args: tuple, *, seconds: float, memory: int,
                 timed_out: Callable[[str | None], Any]) -> Any:
    """`target(*args)` in a process of its own, stopped after `seconds` (then `timed_out(where)` is
    returned), its address space capped at `memory` bytes more than it starts with, where the system
    can. An unexpected failure in the child is raised here as a RuntimeError carrying its traceback."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    import os

    here = (os.getcwd(), dict(os.environ))  # a forked child starts where the fork server was started
    child = context.Process(target=_child, args=(send, here, target, args, seconds, memory, timed_out), daemon=True)
    child.start()
    send.close()
    try:
        answer = _answer(receive, seconds)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if answer is None:  # no answer in time: the child was killed
        return timed_out(None)
    kind, value = answer
    if kind == "error":
        raise RuntimeError(f"in the process that renders the workspace's templates:\n{value}")
    return value


def _context():
    """multiprocessing's fork server where there is one (Linux, macOS): a process of its own, started once with
    pmp's rendering imported, that forks each child (a few milliseconds, and safe beside the threads of
    `pmp serve`); elsewhere (Windows) a fresh interpreter for each child."""
    import multiprocessing

    # a job of `pmp render --all` (outputs/batch.py) is itself a forked child: the fork server its parent
    # may have started is not its own to ask (waiting on it fails with ECHILD), so it takes a fresh interpreter
    if "forkserver" not in multiprocessing.get_all_start_methods() or multiprocessing.parent_process() is not None:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pamplemousse.outputs.render"])
    return context


def _answer(receive, seconds: float):
    """("done" or "error", value) from the child, or None when it said nothing in time (or died)."""
    try:
        if not receive.poll(START):
            return None
        receive.recv()  # "started": the deadline runs from now
        if not receive.poll((seconds if seconds > 0 else 10**6) + GRACE):
            return None
        return receive.recv()
    except (EOFError, OSError):  # the child ended without answering (killed by the system, out of memory)
        from pamplemousse.text.i18n import message

        return ("error", message("fr", "template_no_answer"))


def _child(send, here: tuple[str, dict], target, args, seconds: float, memory: int, timed_out) -> None:
    """In the child, in the command's folder and environment (`here`): `target(*args)` under the deadline
    and the memory cap, its result sent back once."""
    import os
    import traceback

    os.chdir(here[0])
    os.environ.clear()
    os.environ.update(here[1])

    lock, sent = threading.Lock(), [False]

    def answer(message: tuple) -> bool:
        with lock:
            if sent[0]:
                return False
            sent[0] = True
            send.send(message)
            return True

    main = threading.get_ident()

    def stop() -> None:  # the deadline: answer for the render, then end the process at once
        where = template_line(sys._current_frames().get(main))
        if answer(("done", timed_out(where))):
            send.close()
            os._exit(0)

    timer = threading.Timer(seconds, stop) if seconds > 0 else None
    send.send(("started",))
    if timer is not None:
        timer.daemon = True
        timer.start()
    cap_memory(memory)
    try:
        result = ("done", target(*args))
    except BaseException:
        result = ("error", traceback.format_exc())
    if timer is not None:
        timer.cancel()
    answer(result)
    send.close()


def template_line(frame) -> str | None:
    """`file:line` of the innermost template being run in `frame`'s stack (Jinja maps the compiled
    code's line back to the template's), or None when no template is being run."""
    from pathlib import Path

    from pamplemousse.errors import display_path

    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and frame.f_code.co_filename.endswith(".j2"):
            line = template.get_corresponding_lineno(frame.f_lineno)
            return f"{display_path(Path(frame.f_code.co_filename))}:{line}"
        frame = frame.f_back
    return None


def cap_memory(extra: int) -> None:
    """Let this process grow by at most `extra` bytes of address space (POSIX; see the module)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit; the deadline holds alone
        return
    try:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        ceiling = peak + extra + HEADROOM
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        if soft == resource.RLIM_INFINITY or soft > ceiling:
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (ValueError, OSError):  # a system that refuses the limit: the deadline holds alone
        pass
