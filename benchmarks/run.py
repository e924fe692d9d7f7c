"""Run the public benchmark sets through the planner and the peer, side by side.

Usage::

    python -m benchmarks.run [--set j30|j60|j120|mpsplib|mplib ...] [--quick | --full]
        [--time-limit S] [--workers N] [--filter GLOB] [--out DIR] [--data PATH] [--no-peer]

Every instance is read from the data folder, turned into a planner program, solved with
``planner.solvers.solve`` (the product's own path) and checked with ``planner.check``; in the same
run the peer (PyJobShop) solves the same instance with the same time limit and workers, and its
schedule is checked the same way. One CSV row per instance is written as soon as it is solved;
``summary.md`` is written at the end (or rebuilt from a CSV with ``--summarize``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path

from benchmarks.instances import DEFAULT_DATA, SETS, Benchmark, instance_paths, load, makespan, references
from benchmarks.report import summarize
from planner.check import check
from planner.solvers import SolveOptions, solve

STANDARD_LIMITS = {"j30": 10.0, "j60": 10.0, "j120": 30.0, "mpsplib": 15.0, "mplib": 30.0}
QUICK_LIMITS = {"j30": 10.0, "j60": 10.0, "j120": 10.0, "mpsplib": 10.0, "mplib": 20.0}
DEFAULT_SETS = ("j30", "j120", "mpsplib", "mplib")

FIELDS = [
    "set",
    "instance",
    "tasks",
    "time_limit_s",
    "workers",
    "reference",
    "reference_kind",
    "planner_status",
    "planner_makespan",
    "planner_bound",
    "planner_gap_pct",
    "planner_wall_s",
    "planner_build_s",
    "planner_verified",
    "planner_violations",
    "peer_status",
    "peer_makespan",
    "peer_bound",
    "peer_gap_pct",
    "peer_wall_s",
    "peer_verified",
    "ratio_planner_to_peer",
    "load_avg_1min",
]


def _gap(value: int | None, ref: int | None) -> str:
    if value is None or not ref:
        return ""
    return f"{100.0 * (value - ref) / ref:.3f}"


def run_planner(bench: Benchmark, time_limit: float, workers: int) -> dict[str, object]:
    """Solve one instance through the planner's path and check the schedule."""
    schedule = solve(bench.program, SolveOptions(time_limit=time_limit, workers=workers))
    violations = check(bench.program, schedule)
    record = schedule.record
    finish = next((t for t in record.tiers if t.name == "finish"), None) if record else None
    value = makespan(bench, schedule) if schedule.has_plan else None
    return {
        "planner_status": schedule.status.value,
        "planner_makespan": value,
        "planner_bound": finish.bound - bench.origin if finish else None,
        "planner_wall_s": f"{record.wall_time:.3f}" if record else "",
        "planner_build_s": record.parameters.get("build_s", "") if record else "",
        "planner_verified": schedule.has_plan and not violations,
        "planner_violations": "; ".join(v.message for v in violations[:3]),
    }


def run_peer(bench: Benchmark, time_limit: float, workers: int) -> dict[str, object]:
    """Solve one instance with the peer and check its schedule with the planner's checker."""
    from benchmarks.peer import solve_peer

    result = solve_peer(bench, time_limit, workers)
    violations = check(bench.program, result.schedule)
    value = makespan(bench, result.schedule) if result.schedule.has_plan else None
    return {
        "peer_status": result.status.value,
        "peer_makespan": value,
        "peer_bound": result.lower_bound,
        "peer_wall_s": f"{result.total_s:.3f}",
        "peer_verified": result.schedule.has_plan and not violations,
    }


def machine() -> dict[str, str]:
    """Cores, versions and the machine's load, for the summary."""
    import platform
    import subprocess
    from importlib.metadata import version

    import planner

    versions = {
        "python": platform.python_version(),
        "ortools": version("ortools"),
        "planner": planner.__version__,
    }
    for name in ("pyjobshop", "psplib"):
        try:
            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing optional package is reported as such
            versions[name] = "not installed"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cores": str(os.cpu_count()),
        "cpu": platform.processor() or platform.machine(),
        "commit": commit,
        **versions,
        "load average now (1/5/15 min)": "/".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        choices=SETS,
        help="set to run (repeatable); default: j30, j120, mpsplib, mplib",
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--quick", action="store_true", help="small subset (make bench)")
    scope.add_argument("--full", action="store_true", help="every instance file of each set")
    parser.add_argument("--time-limit", type=float, help="seconds per instance (default: per set)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers for both solvers (default 2)")
    parser.add_argument("--filter", help="glob on instance names, e.g. 'j1201_*'")
    parser.add_argument("--out", type=Path, help="output folder (default out/bench/<time>)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data folder")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer solver")
    parser.add_argument("--sample", type=int, default=0, help="take every k-th instance of each set")
    parser.add_argument("--part", help="run only part K of N of each set's instances, written K/N")
    parser.add_argument(
        "--summarize",
        type=Path,
        nargs="+",
        help="only write a summary of these results CSVs (parts of one run) and stop",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.basicConfig(level=logging.ERROR)  # the per-instance lines carry what matters
    args = parse_args(argv)
    if args.summarize:
        out = (args.out or args.summarize[0].parent) / "summary.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            summarize(args.summarize, machine(), "merged from " + ", ".join(map(str, args.summarize)))
        )
        print(out.read_text())
        return 0
    scope = "quick" if args.quick else "full" if args.full else "standard"
    sets = args.sets or list(DEFAULT_SETS)
    out = args.out or Path("out") / "bench" / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    refs = references(args.data)
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    results = out / "results.csv"
    with open(results, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        for set_name in sets:
            limits = QUICK_LIMITS if scope == "quick" else STANDARD_LIMITS
            limit = args.time_limit or limits[set_name]
            paths = instance_paths(set_name, args.data, scope, args.filter)
            if args.sample > 1:
                paths = paths[:: args.sample]
            if args.part:
                k, n = (int(x) for x in args.part.split("/"))
                paths = paths[k - 1 :: n]
            print(f"# {set_name}: {len(paths)} instances, {limit:g} s, {args.workers} workers", flush=True)
            for path in paths:
                row = run_one(path, set_name, limit, args.workers, refs, not args.no_peer)
                writer.writerow(row)
                f.flush()
                print(_line(row), flush=True)
    text = summarize([results], machine(), command)
    (out / "summary.md").write_text(text)
    print(text)
    print(f"written: {results} and {out / 'summary.md'}")
    return 0


def run_one(
    path: Path, set_name: str, limit: float, workers: int, refs: dict, peer: bool
) -> dict[str, object]:
    """Both solvers on one instance file: one CSV row."""
    started = time.perf_counter()
    bench = load(path)
    ref = refs.get(bench.name)
    row: dict[str, object] = {
        "set": set_name,
        "instance": bench.name,
        "tasks": bench.num_tasks,
        "time_limit_s": limit,
        "workers": workers,
        "reference": ref.value if ref else "",
        "reference_kind": ref.kind if ref else "",
        "planner_build_s": "",
    }
    row.update(run_planner(bench, limit, workers))
    row["planner_build_s"] = row["planner_build_s"] or ""
    row["planner_gap_pct"] = _gap(row["planner_makespan"], ref.value if ref else None)  # type: ignore[arg-type]
    if peer:
        row.update(run_peer(bench, limit, workers))
        row["peer_gap_pct"] = _gap(row["peer_makespan"], ref.value if ref else None)  # type: ignore[arg-type]
        a, b = row["planner_makespan"], row["peer_makespan"]
        if a and b:
            row["ratio_planner_to_peer"] = f"{a / b:.4f}"  # type: ignore[operator]
    row["load_avg_1min"] = f"{os.getloadavg()[0]:.2f}"
    row["_elapsed"] = time.perf_counter() - started
    return {k: v for k, v in row.items() if k in FIELDS} | {"_elapsed": row["_elapsed"]}


def _line(row: dict[str, object]) -> str:
    peer = (
        f" | peer {row.get('peer_makespan')} ({row.get('peer_status')}, {row.get('peer_wall_s')} s,"
        f" ok={row.get('peer_verified')})"
        if "peer_status" in row
        else ""
    )
    return (
        f"{row['instance']:>22} ref {row['reference']!s:>5} | planner {row['planner_makespan']} "
        f"({row['planner_status']}, {row['planner_wall_s']} s, ok={row['planner_verified']}){peer}"
        f" | {math.ceil(float(row['_elapsed'])):d} s"  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    raise SystemExit(main())
