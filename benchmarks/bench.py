"""Benchmark pmp against baselines measured in the same run, and print a table.

    python benchmarks/bench.py [--runs N] [--quick] [--floor] [--cpu]

Every figure is the median wall time of N runs of a fresh process (start-up
included), interleaved with its baseline so that a noisy machine affects both
alike (--cpu: the processor time of the process and its children, steadier when
other work shares the machine; POSIX only). Only ratios measured in one run are
compared; nothing here fails a test.

Rows:
- `pmp --help` against `python -c "import typer"`            target ≤ 1.3×
- `pmp new-mission` against cookiecutter on an equivalent five-file template
  (skipped when cookiecutter is not installed: `pip install cookiecutter`)  target ≤ 0.5×
- `pmp render` of the example mission (load, validate, plan, render HTML and
  Markdown) against benchmarks/floor.py (libyaml load, one pydantic model, one template)  target ≤ 1.2×
- `pmp check` then `pmp render` of the example as two processes, the mission cache emptied
  before each pair (as after an edit), against the same floor        target ≤ 2.0×
- synthetic missions at 1×, 10× and 33× the size (benchmarks/synth.py; 33× is 990
  recommendations, under the 1,000 pmp reads in a mission): time and peak memory of
  `pmp check` and `pmp render`; target: 33× under 3 s, and 10× → 33× costing at most 3.7× more
  (benchmarks/many.py times `pmp status` and `pmp render` up to the limit and past it).
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
REPO = HERE.parent
EXAMPLE = REPO / "missions" / "ressourcerie-du-val"
PY = sys.executable
PMP = [PY, "-m", "pamplemousse"]
BIN = Path(PY).parent
if (BIN / "pmp").exists():
    PMP = [str(BIN / "pmp")]

sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

# Measured as a user runs pmp: with the compiled bytecode Python keeps (an installed
# package has it); a shell that forbids writing it would time compilation instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def forget_missions() -> None:
    """Empty the cache of loaded missions (read/cache.py), as an edit of a mission's file would for it."""
    for folder in (Path(ENV["XDG_CACHE_HOME"]) / "pamplemousse").glob("missions-*"):
        shutil.rmtree(folder, ignore_errors=True)


CPU = False  # --cpu: processor time (user + system, of the process and its children) instead of wall time


def run_once(cmd: list, cwd: Path, setup=None) -> float:
    """The time of `cmd`, a command or a list of commands run one after the other (each its own process)."""
    if setup:
        setup()
    start, used = time.perf_counter(), 0.0
    for one in cmd if isinstance(cmd[0], list) else [cmd]:
        child = subprocess.Popen(one, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        if CPU:
            _, _, usage = os.wait4(child.pid, 0)  # type: ignore[attr-defined]  # POSIX; --cpu says so
            used += usage.ru_utime + usage.ru_stime
        else:
            child.wait()
    return used if CPU else time.perf_counter() - start


def compare(a: list, b: list, cwd: Path, runs: int, setup_a=None, setup_b=None) -> tuple[float, float]:
    """Median times of a and b, run alternately."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(run_once(a, cwd, setup_a))
        tb.append(run_once(b, cwd, setup_b))
    return statistics.median(ta), statistics.median(tb)


def peak_mb(cmd: list[str], cwd: Path) -> float:
    out = subprocess.run([PY, "-c", PEAK, *cmd], cwd=cwd, capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout.strip()) / 1024


def cookiecutter_template(root: Path) -> Path:
    """A cookiecutter template with the same five files as `pmp new-mission`."""
    tpl = root / "cc-template"
    project = tpl / "{{cookiecutter.slug}}"
    project.mkdir(parents=True)
    (tpl / "cookiecutter.json").write_text('{"slug": "demo", "client": "Client", "title": "Mission"}')
    for name in ("mission.yaml", "vision.yaml", "questions.yaml", "recommendations.yaml", "journal.yaml"):
        text = (EXAMPLE / name).read_text(encoding="utf-8")
        (project / name).write_text("# {{cookiecutter.client}} — {{cookiecutter.title}}\n" + text, encoding="utf-8")
    return tpl


def row(rows: list, name: str, value: str, baseline: str, ratio: float | None, target: str) -> None:
    verdict = "" if ratio is None else f"{ratio:.2f}×"
    bound = target.removeprefix("≤ ").removesuffix("×")
    met = "" if ratio is None or not target.startswith("≤ ") else "met" if ratio <= float(bound) else "not met"
    rows.append((name, value, baseline, verdict, target, met))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs, scales 1 and 10 only")
    parser.add_argument("--floor", action="store_true", help="only the rows against the floor")
    parser.add_argument("--cpu", action="store_true",
                        help="processor time instead of wall time (POSIX): steadier on a loaded machine")
    args = parser.parse_args()
    global CPU
    CPU = args.cpu and hasattr(os, "wait4")
    runs = 3 if args.quick else args.runs
    subprocess.run(PMP + ["--version"], env=ENV, capture_output=True, check=False)  # bytecode written once
    rows: list[tuple] = []
    work = Path(tempfile.mkdtemp(prefix="pmp-bench-"))
    ENV["XDG_CACHE_HOME"] = str(work / "cache")  # pmp's caches (missions, compiled templates) of this run only
    env_note = (f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {runs} runs per figure, "
                f"{'processor' if CPU else 'wall'} time")
    try:
        if not args.floor:
            # 1. --help against the bare Typer import
            t_help, t_typer = compare(PMP + ["--help"], [PY, "-c", "import typer"], work, runs)
            row(rows, "pmp --help", f"{t_help * 1000:.0f} ms", f"import typer {t_typer * 1000:.0f} ms",
                t_help / t_typer, "≤ 1.30×")

            # 2. new-mission against cookiecutter
            nm = work / "nm"
            nm.mkdir()

            def clean_nm():
                shutil.rmtree(nm / "missions", ignore_errors=True)
                shutil.rmtree(nm / "cc-out", ignore_errors=True)

            cc = shutil.which("cookiecutter", path=str(BIN)) or shutil.which("cookiecutter")
            if cc:
                tpl = cookiecutter_template(work)
                t_new, t_cc = compare(
                    PMP + ["new-mission", "demo", "--client", "Client"],
                    [cc, "--no-input", "-o", "cc-out", str(tpl), "slug=demo"],
                    nm, runs, setup_a=clean_nm, setup_b=clean_nm,
                )
                row(rows, "pmp new-mission", f"{t_new * 1000:.0f} ms", f"cookiecutter {t_cc * 1000:.0f} ms",
                    t_new / t_cc, "≤ 0.50×")
            else:
                t_new = statistics.median(run_once(PMP + ["new-mission", "demo"], nm, clean_nm) for _ in range(runs))
                row(rows, "pmp new-mission", f"{t_new * 1000:.0f} ms", "cookiecutter not installed", None, "≤ 0.50×")

        # 3. check and render of the example against the floor
        ws = work / "ws"
        shutil.copytree(EXAMPLE, ws / "missions" / EXAMPLE.name, ignore=shutil.ignore_patterns("out"))
        mission = f"missions/{EXAMPLE.name}"
        floor = [PY, str(HERE / "floor.py"), mission, "floor.html"]
        t_render, t_floor = compare(PMP + ["render", mission, "--as-of", "2026-11-26"], floor, ws, runs)
        row(rows, "pmp render (example)", f"{t_render * 1000:.0f} ms", f"floor {t_floor * 1000:.0f} ms",
            t_render / t_floor, "≤ 1.20×")
        t_check, t_floor1 = compare(PMP + ["check", mission], floor, ws, runs)
        row(rows, "pmp check (example)", f"{t_check * 1000:.0f} ms", f"floor {t_floor1 * 1000:.0f} ms",
            t_check / t_floor1, "≤ 1.30×")
        # as after an edit: the mission cache emptied, `pmp check` loads the mission, `pmp render` reads it back
        both = [PMP + ["check", mission], PMP + ["render", mission, "--as-of", "2026-11-26"]]
        t_both, t_floor2 = compare(both, floor, ws, runs, setup_a=forget_missions)
        row(rows, "pmp check, then pmp render (2 processes)", f"{t_both * 1000:.0f} ms",
            f"floor {t_floor2 * 1000:.0f} ms", t_both / t_floor2, "≤ 2.00×")

        if not args.floor:
            # 4. synthetic missions
            scales = (1, 10) if args.quick else (1, 10, 33)
            totals = {}
            for k in scales:
                folder = generate(ws / "missions" / f"synth-{k}", k)
                rel = f"missions/{folder.name}"
                t_c = statistics.median(run_once(PMP + ["check", rel], ws) for _ in range(max(1, runs // 2)))
                t_r = statistics.median(
                    run_once(PMP + ["render", rel, "--as-of", "2026-11-26"], ws) for _ in range(max(1, runs // 2))
                )
                mem_c = peak_mb(PMP + ["check", rel], ws)
                mem_r = peak_mb(PMP + ["render", rel, "--as-of", "2026-11-26"], ws)
                totals[k] = t_c + t_r
                row(rows, f"check {k}× ({30 * k} préco., {300 * k} entrées)", f"{t_c:.2f} s", f"{mem_c:.0f} MB peak",
                    None, "")
                row(rows, f"render {k}×", f"{t_r:.2f} s", f"{mem_r:.0f} MB peak", None,
                    "< 3 s (check+render)" if k == 33 else "")
            if 10 in totals and 33 in totals:
                growth = totals[33] / totals[10]
                row(rows, "growth 10× → 33× (check+render)", f"{totals[33]:.2f} s", f"{totals[10]:.2f} s",
                    growth, "≤ 3.7×")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    header = ("what", "pmp", "baseline", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(f"pmp benchmark — {env_note}; load average at the end {load}")
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main()
