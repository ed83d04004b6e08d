"""Benchmark `pmp serve`'s memory over many page loads: it must stay flat.

    python benchmarks/serve_memory.py [--loads 1000]

On a copy of the example workspace, `pmp serve` runs in its own process; the
pages a consultant opens (the portfolio, the outil de pilotage, the rapport, the
journal's form) are fetched in turn over HTTP, `--loads` times in all. The
server's resident memory (RSS) is printed after the first round of pages (the
imports and compiled templates are then in place), every 100 loads, and at the
end; the target is flat, within ± 10 MB of the start. psutil (the `bench` extra)
reads the RSS on Linux, macOS and Windows alike.
"""

from __future__ import annotations

import argparse
import shutil
import time

import httpx
import psutil
from serve import EXAMPLE, start_server  # benchmarks/serve.py: pmp serve started as there

PAGES = ["/", f"/m/{EXAMPLE.name}/pilotage", f"/m/{EXAMPLE.name}/rapport", f"/m/{EXAMPLE.name}/log"]
TARGET_MB = 10


def rss_mb(process: psutil.Process) -> float:
    """The resident memory of the server: its process and any it started."""
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loads", type=int, default=1000)
    args = parser.parse_args()
    root, server, url = start_server("pmp-bench-serve-memory-")
    process = psutil.Process(server.pid)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            for page in PAGES:  # the first round imports and compiles what later ones reuse
                assert client.get(page).status_code == 200, page
            start, marks = rss_mb(process), []
            began = time.perf_counter()
            for n in range(1, args.loads + 1):
                response = client.get(PAGES[n % len(PAGES)])
                assert response.status_code == 200, (response.status_code, response.text[:200])
                if n % 100 == 0:
                    marks.append((n, rss_mb(process)))
            took = time.perf_counter() - began
            end = rss_mb(process)
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(root, ignore_errors=True)
    print(f"pmp serve memory benchmark — {args.loads} page loads of {len(PAGES)} pages in turn, "
          f"{took:.0f} s ({took / args.loads * 1000:.0f} ms a page)")
    print(f"RSS at start (after one round of pages): {start:6.1f} MB")
    for n, mb in marks:
        print(f"  after {n:5} loads: {mb:6.1f} MB")
    growth = end - start
    verdict = "met" if abs(growth) <= TARGET_MB else "not met"
    print(f"RSS at the end: {end:6.1f} MB; growth {growth:+.1f} MB (target ± {TARGET_MB} MB: {verdict})")


if __name__ == "__main__":
    main()
