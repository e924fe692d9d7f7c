"""Scale benchmark: synthetic programs of 1k to 20k tasks through the planner's own solve path.

Usage::

    python -m benchmarks.scale [--sizes 1000,5000,10000,20000] [--time-limit 10] [--workers 2]
        [--seed 0] [--shape synthetic|realistic|overloaded] [--out DIR]

``--shape realistic`` uses :func:`benchmarks.synthetic.realistic_program` (phased projects, a single
DBA and security architect shared by all, a hard go-live deadline); ``overloaded`` the same with the
DBA overloaded so that the deadline cannot hold. Wall time is reported against the limit.

Each size runs in its own process so that peak memory is that size's alone. Reported per size:
time to generate and validate the program, model-build time, time to the first feasible schedule
(the first progress report), the value and bound of each objective tier at the end, whether the
independent checker accepts the schedule, and peak resident memory; then how each grows with size
(the exponent k in time ~ tasks^k between consecutive sizes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

SHAPES = ("synthetic", "realistic", "overloaded")


def measure(
    n: int, time_limit: float, workers: int, seed: int, shape: str = "synthetic"
) -> dict[str, object]:
    """Generate, solve and check one program in this process."""
    from benchmarks.synthetic import realistic_program, synthetic_program
    from planner.check import check
    from planner.solvers import SolveOptions, solve

    t0 = time.perf_counter()
    program = (
        synthetic_program(n, seed)
        if shape == "synthetic"
        else realistic_program(n, seed, shape == "overloaded")
    )
    generated = time.perf_counter() - t0
    reports: list[tuple[str, int, int, float]] = []
    started = time.perf_counter()
    schedule = solve(
        program,
        SolveOptions(time_limit=time_limit, workers=workers, seed=seed),
        progress=lambda p: reports.append((p.tier, p.value, p.bound, p.elapsed)),
    )
    solve_s = time.perf_counter() - started
    t1 = time.perf_counter()
    violations = check(program, schedule)
    check_s = time.perf_counter() - t1
    record = schedule.record
    tiers = (
        {t.name: {"value": t.value, "bound": t.bound, "optimal": t.optimal} for t in record.tiers}
        if record
        else {}
    )
    return {
        "tasks": len(program.tasks),
        "projects": len(program.projects),
        "people": len(program.people),
        "links": len(program.links),
        "seed": seed,
        "time_limit_s": time_limit,
        "workers": workers,
        "generate_s": round(generated, 3),
        "build_s": float(record.parameters.get("build_s", "nan")) if record else None,
        "constraints": int(record.parameters.get("constraints", 0)) if record else None,
        "warm_start_s": record.parameters.get("warm_start_s") if record else None,
        "first_feasible_s": round(reports[0][3], 3) if reports else None,
        "first_feasible_tier": reports[0][0] if reports else None,
        "solve_s": round(solve_s, 3),
        "wall_over_limit": round(solve_s / time_limit, 2),
        "start_from": record.parameters.get("start_from") if record else None,
        "improved_on_start": record.parameters.get("improved_on_start") if record else None,
        "start_tiers": record.parameters.get("start_tiers") if record else None,
        "time_notes": record.parameters.get("time_notes") if record else None,
        "shape": shape,
        "load_avg": round(os.getloadavg()[0], 2),
        "status": schedule.status.value,
        "tiers": tiers,
        "checked": schedule.has_plan and not violations,
        "violations": [v.message for v in violations[:3]],
        "check_s": round(check_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _slope(rows: list[dict], field: str, per: str = "tasks") -> list[str]:
    out = []
    for a, b in itertools.pairwise(rows):
        x0, x1, y0, y1 = a.get(per), b.get(per), a.get(field), b.get(field)
        if not (x0 and x1 and x1 != x0):
            continue
        if y0 and y1 and y0 > 0 and y1 > 0:
            out.append(f"{a['tasks']}->{b['tasks']}: {math.log(y1 / y0) / math.log(x1 / x0):.2f}")
    return out


def _gap(tier: dict) -> str:
    value, bound = tier["value"], tier["bound"]
    if value == 0:
        return "0 %"
    return f"{100 * (value - bound) / value:.1f} %"


def summarize(rows: list[dict], command: str) -> str:
    """Markdown table of the scale runs and the growth exponents."""
    import platform
    from importlib.metadata import version

    lines = [
        "# Scale benchmark",
        "",
        f"Command: `{command}`",
        "",
        (
            f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, OR-Tools "
            f"{version('ortools')}; load average at the end {os.getloadavg()[0]:.1f}"
        ),
        "",
        (
            "| tasks | projects | people | links | constraints | build s | warm start s | first feasible s | "
            "solve s | wall / limit | load | status | tiers: value (gap to bound) | checked | peak MB |"
        ),
        "|" + "---|" * 15,
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['tasks']} | error: {r['error']} |" + " |" * 13)
            continue
        tiers = "; ".join(f"{name} {t['value']} ({_gap(t)})" for name, t in r["tiers"].items())
        lines.append(
            f"| {r['tasks']} | {r['projects']} | {r['people']} | {r['links']} | {r.get('constraints')} | "
            f"{r['build_s']} | "
            f"{r['warm_start_s']} | {r['first_feasible_s']} | {r['solve_s']} | {r.get('wall_over_limit')} | "
            f"{r.get('load_avg')} | {r['status']} | {tiers} | "
            f"{r['checked']} | {r['peak_rss_mb']} |"
        )
    ok = [r for r in rows if "error" not in r]
    lines += [
        "",
        "Growth exponent k (time ~ tasks^k) between consecutive sizes:",
        "",
        f"- model build: {', '.join(_slope(ok, 'build_s')) or '–'}",
        f"- model size (CP-SAT constraints): {', '.join(_slope(ok, 'constraints')) or '–'}",
        f"- model build per size (~ constraints^k): {', '.join(_slope(ok, 'build_s', 'constraints')) or '–'}",
        f"- first feasible: {', '.join(_slope(ok, 'first_feasible_s')) or '–'}",
        f"- peak memory: {', '.join(_slope(ok, 'peak_rss_mb')) or '–'}",
        "",
    ]
    ten = [r for r in ok if r["tasks"] == 10000]
    if ten:
        r = ten[0]
        met = (
            r["checked"]
            and r["first_feasible_s"] is not None
            and r["first_feasible_s"] <= 10
            and r["solve_s"] <= r["time_limit_s"] + 1
            and r["peak_rss_mb"] < 2048
        )
        lines.append(
            f"Target (10,000 tasks: checked feasible schedule within 10 s, under 2 GB): "
            f"{'met' if met else 'NOT met'} (first feasible {r['first_feasible_s']} s, solve "
            f"{r['solve_s']} s, checked {r['checked']}, peak {r['peak_rss_mb']} MB)"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000,20000")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=SHAPES, default="synthetic")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON on stdout
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.time_limit, args.workers, args.seed, args.shape)))
        return 0
    out = args.out or Path("out") / "bench" / ("scale-" + dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.scale",
            "--one",
            str(n),
            "--time-limit",
            str(args.time_limit),
            "--workers",
            str(args.workers),
            "--seed",
            str(args.seed),
            "--shape",
            args.shape,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        try:
            row = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            row = {"tasks": n, "error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
        rows.append(row)
        print(json.dumps(row), flush=True)
    (out / "scale.json").write_text(json.dumps(rows, indent=1))
    command = "python -m benchmarks.scale " + " ".join(argv if argv is not None else sys.argv[1:])
    text = summarize(rows, command)
    (out / "summary.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
