"""Time `pmp status` and `pmp render` on synthetic missions of growing size, and print a table.

    python benchmarks/many.py [SCALE...]      (default: 10 33 334)

A scale k is 30·k recommendations and 300·k journal entries (benchmarks/synth.py):
33 is 990 recommendations, under the 1,000 pmp reads in a mission
(read/load.py, MAX_RECOMMENDATIONS); 334 is 10,020, refused by `pmp check` at the
line of the 1,001st. Each figure is the processor time (user + system) of one
fresh process, steadier than wall time when other work shares the machine
(POSIX; wall time elsewhere), with the mission cache off (PMP_NO_CACHE=1) and
on (the second of two runs). PMP_MAX_FILE_MB is raised so that the synthetic
files, larger than a real mission's, are read at all. Only the ratios of one run
are compared; nothing here fails a test.

Targets (issue 22): status under 3 s and render under 10 s at the limit, and a
refusal past it that costs no more than reading the files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402


def cpu_seconds(cmd: list[str], env: dict) -> tuple[float, int]:
    """(processor time, exit code) of `cmd`, or its wall time where the platform cannot say."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        return usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, child.wait()


def main() -> None:
    scales = [int(a) for a in sys.argv[1:]] or [10, 33, 334]
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(work) / "cache"), "PMP_MAX_FILE_MB": "40"}
        header = ("scale", "recs", "command", "no cache", "cache", "exit")
        print("  ".join(f"{h:>9}" for h in header))
        for k in scales:
            folder = generate(Path(work) / f"synth-{k}", k)
            for command in (["status"], ["render", "-o", str(Path(work) / f"out-{k}")]):
                cmd = [PY, "-m", "pamplemousse", command[0], str(folder), "--as-of", "2026-06-01", *command[1:]]
                cold, code = cpu_seconds(cmd, {**env, "PMP_NO_CACHE": "1"})
                cpu_seconds(cmd, env)  # fills the cache
                warm, _ = cpu_seconds(cmd, env)
                cells = (k, 30 * k, command[0], f"{cold:.2f} s", f"{warm:.2f} s", code)
                print("  ".join(f"{c:>9}" for c in cells))


if __name__ == "__main__":
    main()
