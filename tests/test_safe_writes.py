"""A render killed halfway leaves the previous output whole."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synth import generate


@pytest.mark.slow
def test_a_render_killed_at_any_moment_leaves_the_previous_output_whole(tmp_path):
    mission = generate(tmp_path / "missions" / "grande", 10)
    out = mission / "out"
    cmd = [sys.executable, "-m", "pamplemousse", "render", str(mission), "--as-of", "2026-11-26"]
    subprocess.run(cmd + ["--as-of", "2026-06-01"], check=True, capture_output=True)
    html, md = out / "pilotage.html", out / "pilotage.md"
    first = (html.read_bytes(), md.read_bytes())
    assert first[0].rstrip().endswith(b"</html>")

    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    full = time.perf_counter() - start
    second = (html.read_bytes(), md.read_bytes())
    assert second != first

    kills = 0
    for i in range(12):
        proc = subprocess.Popen(cmd + ["--as-of", "2026-06-01"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(full * (i + 1) / 13)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        now = (html.read_bytes(), md.read_bytes())
        # each file is either the one before or the one after, never a part of one
        assert now[0] in (first[0], second[0])
        assert now[1] in (first[1], second[1])
        second = now
    assert kills >= 3
