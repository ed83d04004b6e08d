"""Benchmark `pmp serve` beside `pmp render` of the same mission, and print ratios.

    python benchmarks/serve.py [--runs N]

On a copy of the example mission, with `pmp serve` running in its own process:
- `pmp render MISSION` (a fresh process: load, check, plan, HTML and Markdown): the baseline;
- one page load: GET /m/MISSION/pilotage, the outil de pilotage rendered on request
  (load, check, plan, HTML), with serve's bar and script;              target ≤ 1.2× the render
- save to refreshed page: a file of the mission written, the server's event
  received (what makes an open page reload), then the page fetched again, as
  the browser's reload does;                                             target ≤ 1.5× the render

Medians of N runs, interleaved so that a noisy machine affects both alike.
Nothing here fails a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "missions" / "ressourcerie-du-val"
BIN = Path(sys.executable).parent
PMP = [str(BIN / "pmp")] if (BIN / "pmp").exists() else [sys.executable, "-m", "pamplemousse"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_once(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*PMP, "render", EXAMPLE.name, "-o", str(root / "out")], cwd=root, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def load_once(client: httpx.Client, page: str) -> float:
    start = time.perf_counter()
    response = client.get(page)
    assert response.status_code == 200 and "pmp-live" in response.text
    return time.perf_counter() - start


def refresh_once(client: httpx.Client, journal: Path, page: str, nth: int) -> float:
    """Save the journal (a comment appended), wait for the event, fetch the page: the time from the save."""
    with client.stream("GET", "/events", params={"since": 10**9}, timeout=10) as events:
        lines = events.iter_lines()
        next(lines)  # the stream is open
        start = time.perf_counter()
        with journal.open("a", encoding="utf-8") as f:
            f.write(f"# run {nth}\n")
        next(line for line in lines if line.startswith("data:"))
    client.get(page)
    return time.perf_counter() - start


def start_server(prefix: str) -> tuple[Path, subprocess.Popen, str]:
    """A copy of the example's workspace, `pmp serve` on it in its own process, and its address once it answers."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    shutil.copytree(EXAMPLE, root / "missions" / EXAMPLE.name, ignore=shutil.ignore_patterns("out"))
    port = free_port()
    server = subprocess.Popen([*PMP, "serve", str(root), "--port", str(port)], cwd=root, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(url + "/", timeout=60)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return root, server, url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root, server, url = start_server("pmp-bench-serve-")
    page = f"/m/{EXAMPLE.name}/pilotage"
    journal = root / "missions" / EXAMPLE.name / "journal.yaml"
    try:
        with httpx.Client(base_url=url) as client:
            client.get(page)  # the first page imports and compiles what later ones reuse
            time.sleep(1)  # the watcher is set up
            renders, loads, refreshes = [], [], []
            for n in range(args.runs):
                renders.append(render_once(root))
                loads.append(load_once(client, page))
                refreshes.append(refresh_once(client, journal, page, n))
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(root, ignore_errors=True)
    render, load, refresh = (statistics.median(x) for x in (renders, loads, refreshes))
    rows = [
        ("pmp render (fresh process)", render, None, ""),
        ("pmp serve: one page load", load, load / render, "≤ 1.2×"),
        ("pmp serve: save → refreshed page", refresh, refresh / render, "≤ 1.5×"),
    ]
    print(f"pmp serve benchmark — median of {args.runs} runs, example mission")
    for name, seconds, ratio, target in rows:
        print(f"{name:34} {seconds * 1000:7.0f} ms  {'' if ratio is None else f'{ratio:.2f}× the render':18} {target}")


if __name__ == "__main__":
    main()
