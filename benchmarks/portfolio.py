"""Benchmark a consultancy's whole portfolio: 200 and 1,000 missions of the example's size.

    python benchmarks/portfolio.py [--sizes 200,1000] [--runs N]

Each portfolio is a workspace of copies of the example mission (its size: ten
recommendations, six sessions, about forty journal entries). Every figure is the
median wall time of N runs of a fresh `pmp` process, each command measured on
one mission and on every portfolio in turn (a load shared with other work
weighs alike on what a ratio compares); "cold" runs start with an
empty cache folder (XDG_CACHE_HOME) and, for renders, no outputs; "warm" runs
follow a first run. Each command is measured beside the same command on one
mission (a workspace holding only the example). Peak memory is the largest
resident size of the command's processes. Growth is also given in processor
time (the command's and its job processes'), which a machine shared with other
work disturbs far less than wall time. Nothing here fails a test: the
figures and the ratios the issue asks for are printed, with their targets.

The sum of 200 single renders is 200 times `pmp render MISSION` with that
mission's cache entry removed (the compiled templates kept): what rendering the
missions one by one costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "missions" / "ressourcerie-du-val"
BIN = Path(sys.executable).parent
PMP = [str(BIN / "pmp")] if (BIN / "pmp").exists() else [sys.executable, "-m", "pamplemousse"]
AS_OF = "2026-11-26"
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)

COMMANDS = {  # name: (arguments for the portfolio, arguments for one mission)
    "status": (["status", "--as-of", AS_OF], ["status", "one", "--as-of", AS_OF]),
    "status --format json": (["status", "--as-of", AS_OF, "--format", "json"],
                             ["status", "one", "--as-of", AS_OF, "--format", "json"]),
    "check": (["check"], ["check", "one"]),
    "search accueil": (["search", "accueil", "--as-of", AS_OF], ["search", "accueil", "--as-of", AS_OF]),
    "render --all": (["render", "--all", "--as-of", AS_OF], ["render", "one", "--as-of", AS_OF]),
    "render --all --site": (["render", "--all", "--site", "site", "--as-of", AS_OF],
                            ["render", "--all", "--site", "site", "--as-of", AS_OF]),
}


def make_portfolio(root: Path, n: int) -> Path:
    """A workspace of `n` copies of the example (`one` when n == 1)."""
    missions = root / "missions"
    missions.mkdir(parents=True)
    for i in range(n):
        shutil.copytree(EXAMPLE, missions / ("one" if n == 1 else f"mission-{i + 1:04d}"),
                        ignore=shutil.ignore_patterns("out"))
    return root


class Bench:
    def __init__(self, runs: int):
        self.runs = runs
        self.cache = Path(tempfile.mkdtemp(prefix="pmp-bench-cache-"))
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PMP_NO_CACHE")}
        self.env["XDG_CACHE_HOME"] = str(self.cache)

    def run(self, args: list[str], cwd: Path) -> float:
        """The wall time of one `pmp` run; its processor time (its own and its job processes') is kept in self.cpu."""
        used = _children_cpu()
        start = time.perf_counter()
        subprocess.run(PMP + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env, check=False)
        wall = time.perf_counter() - start
        self.cpu = _children_cpu() - used
        return wall

    def clear(self, ws: Path, outputs: bool) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)
        self.cache.mkdir()
        if outputs:
            shutil.rmtree(ws / "site", ignore_errors=True)
            for out in (ws / "missions").glob("*/out"):
                shutil.rmtree(out)

    def cold(self, args: list[str], ws: Path) -> float:
        times, cpus = [], []
        for _ in range(self.runs):
            self.clear(ws, outputs=args[0] == "render")
            times.append(self.run(args, ws))
            cpus.append(self.cpu)
        self.cold_cpu = statistics.median(cpus)
        return statistics.median(times)

    def warm(self, args: list[str], ws: Path) -> float:
        self.run(args, ws)
        return statistics.median(self.run(args, ws) for _ in range(self.runs))

    def single_render(self, ws: Path) -> float:
        """`pmp render one` with the mission's cache entry removed, the compiled templates kept."""
        self.run(COMMANDS["render --all"][1], ws)
        times = []
        for _ in range(self.runs):
            for folder in self.cache.glob("pamplemousse/missions-*"):
                shutil.rmtree(folder)
            times.append(self.run(COMMANDS["render --all"][1], ws))
        return statistics.median(times)

    def peak_mb(self, args: list[str], ws: Path) -> float:
        out = subprocess.run([sys.executable, "-c", PEAK, *PMP, *args], cwd=ws, capture_output=True, text=True,
                             check=True, env=self.env)
        return int(out.stdout.strip()) / 1024


def _children_cpu() -> float:
    """Processor time (user and system) of every finished child process so far, theirs included."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ratio_row(rows: list, what: str, value: float, limit: float) -> None:
    rows.append((what, f"{value:.2f}×", f"≤ {limit:g}×", met(value <= limit)))


def met(ok: bool) -> str:
    return "met" if ok else "not met"


def load() -> str:
    """The machine's load average (1, 5, 15 minutes), as `uptime` says it: what the figures were measured beside."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="portfolio sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    bench = Bench(opts.runs)
    load_before = load()
    root = Path(tempfile.mkdtemp(prefix="pmp-bench-portfolio-"))
    figures: dict[tuple[str, str, int], float] = {}
    try:
        one = make_portfolio(root / "one", 1)
        spaces = {n: make_portfolio(root / str(n), n) for n in sizes}
        single_render = bench.single_render(one)
        # one command at a time over every size, so that a machine's load shared with others
        # weighs alike on the figures a ratio compares
        for name, (args, single) in COMMANDS.items():
            print(f"… pmp {name}", file=sys.stderr)
            for kind, measure in (("cold", bench.cold), ("warm", bench.warm)):
                figures[name, kind, 1] = measure(single, one)
                for n in sizes:
                    figures[name, kind, n] = measure(args, spaces[n])
                    if kind == "cold":
                        figures[name, "cold cpu", n] = bench.cold_cpu
        for n in sizes:
            figures["peak status", "warm", n] = bench.peak_mb(COMMANDS["status"][0], spaces[n])
            bench.clear(spaces[n], outputs=True)
            figures["peak render", "cold", n] = bench.peak_mb(COMMANDS["render --all"][0], spaces[n])
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(bench.cache, ignore_errors=True)

    cores = os.cpu_count()
    print(f"pmp on {cores} cores, {opts.runs} runs a figure (median), wall time in seconds; warm = nothing changed")
    print(f"load average (1, 5, 15 min): {load_before} at the start, {load()} at the end\n")
    head = ["command", "one cold", "one warm"] + [f"{n} {k}" for n in sizes for k in ("cold", "warm")]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name in COMMANDS:
        cells = [f"`pmp {name}`", f"{figures[name, 'cold', 1]:.2f}", f"{figures[name, 'warm', 1]:.2f}"]
        cells += [f"{figures[name, k, n]:.2f}" for n in sizes for k in ("cold", "warm")]
        print("| " + " | ".join(cells) + " |")
    print(f"\nsingle render (`pmp render MISSION`, mission not in the cache): {single_render:.2f} s")
    for n in sizes:
        print(f"peak memory at {n}: status {figures['peak status', 'warm', n]:.0f} MB, "
              f"render --all {figures['peak render', 'cold', n]:.0f} MB (largest process)")

    rows: list = []
    big, small = max(sizes), min(sizes)
    ratio_row(rows, f"warm status of {big} / warm status of one", figures["status", "warm", big] / figures["status", "warm", 1], 3)
    ratio_row(rows, f"warm status --format json of {big} / of one",
              figures["status --format json", "warm", big] / figures["status --format json", "warm", 1], 3)
    ratio_row(rows, f"search over {big} / check of one (warm)", figures["search accueil", "warm", big] / figures["check", "warm", 1], 3)
    ratio_row(rows, f"render --all of {small}, nothing changed / one render",
              figures["render --all", "warm", small] / figures["render --all", "warm", 1], 3)
    ratio_row(rows, f"cold render --all of {small} / {small} single renders",
              figures["render --all", "cold", small] / (small * single_render), 0.6)
    rows.append((f"memory of the {big}-mission status", f"{figures['peak status', 'warm', big]:.0f} MB", "< 500 MB",
                 met(figures["peak status", "warm", big] < 500)))
    if len(sizes) > 1:
        for name in COMMANDS:
            ratio_row(rows, f"growth {small} → {big}, cold {name}", figures[name, "cold", big] / figures[name, "cold", small], 5.5)
        for name in COMMANDS:  # what a machine shared with other work weighs on least: the processor time used
            ratio_row(rows, f"growth {small} → {big}, cold {name}, processor time",
                      figures[name, "cold cpu", big] / figures[name, "cold cpu", small], 5.5)
    print("\n| ratio | measured | target | met |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
