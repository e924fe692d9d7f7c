"""Answer quality: the example scenarios at the README's time limits on a busy machine, against the
same scenarios solved alone with ten times the time.

Usage::

    python -m benchmarks.answers [--time-limit 20] [--factor 10] [--workers 2] [--load 2]
        [--seeds 3] [--filter GLOB,...] [--out DIR]

Every what-if scenario of ``scenarios/bank`` and ``scenarios/mes`` is replanned against its root
program's schedule (solved once, alone, at the long limit, so both runs share one baseline), and
the funding scenarios of ``scenarios/funding`` are solved together for the board (each seeded with
the others' schedules), as ``planner solve-scenario`` and ``planner fund`` do. The short run has ``--load`` CPU-bound processes running
beside it; the long run has the machine to itself. Every schedule is verified by the checker.

Per row (``answers.csv``): status and business tiers of both runs, the relative difference of each
tier from the long run's (``|short - long| / max(|long|, 1)``), where the short run started from
(the list schedule or the repaired baseline) and whether it came back worse than that start (it
must not), and its wall time against the limit. Then (``summary.md``):

* **monotonicity**: pairs of scenarios where the second only removes options from the first (less
  money, fewer people, a later date); the second must never score better on the business tiers,
  compared in their order. Checked among the short runs and among the long runs.
* **reasons**: each funding scenario answered with ``--seeds`` seeds at the short limit; the number
  of projects whose reason for being left out differs between seeds.

Targets (issue 11): every business tier within 2 % of the long run on every row, none worse than
its start, no monotonicity violation.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import multiprocessing
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.check import verify
from planner.models import Schedule, SolveRecord
from planner.scenarios.load import load_scenario
from planner.solvers import SolveOptions
from planner.workflows.fund import answer_funding, solve_scenarios
from planner.workflows.replan import solve_baseline, solve_scenario

ROOT = Path(__file__).resolve().parent.parent / "scenarios"
WHATIF = ("bank", "mes")
FUNDING = "funding"
BUSINESS = ("lateness", "net_cost", "cost", "finish", "project_finishes")
NESTED = (  # (looser, tighter): the tighter only removes options
    ("funding/full-funding.yaml", "funding/cut-20-percent.yaml"),
    ("funding/full-funding.yaml", "funding/freeze-q4-2027.yaml"),
    ("funding/full-funding.yaml", "funding/mobile-relaunch-committed.yaml"),
    ("bank/hire-contract-data-architect.yaml", "bank/lose-data-architect-in-march.yaml"),
    ("bank/payments-vendor-slips-two-weeks.yaml", "bank/payments-vendor-slips-and-overruns.yaml"),
)
FIELDS = [
    "file",
    "run",
    "status",
    "tiers",
    "start_from",
    "improved_on_start",
    "worse_than_start",
    "wall_s",
    "time_limit_s",
    "load_avg_1min",
]


def _burn(stop: Any) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


@contextmanager
def busy(processes: int) -> Iterator[None]:
    """``processes`` CPU-bound processes running for the duration of the block."""
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=_burn, args=(stop,), daemon=True) for _ in range(processes)]
    for p in burners:
        p.start()
    try:
        yield
    finally:
        stop.set()
        for p in burners:
            p.join(5)


def record(schedule: Schedule) -> SolveRecord:
    """The run record of a solved schedule."""
    assert schedule.record is not None
    return schedule.record


def business(schedule: Schedule) -> dict[str, int]:
    """The business tiers of a schedule, in their order."""
    return {t.name: t.value for t in record(schedule).tiers if t.name in BUSINESS}


def worse_than_start(schedule: Schedule) -> str:
    """Whether the schedule is worse, tier by tier in order, than the plan it started from."""
    start = record(schedule).parameters.get("start_tiers")
    if not start:
        return "n/a"
    given = [int(v.split("=")[1]) for v in start.split(",")]
    final = [t.value for t in record(schedule).tiers][: len(given)]
    return "yes" if final > given else "no"


def replan_file(rel: str, limit: float, workers: int, baselines: dict[str, Schedule]) -> Schedule:
    """Replan one what-if scenario file as ``planner solve-scenario`` does, and verify it."""
    path = ROOT / rel
    resolved = load_scenario(path, None, lambda root: baselines[root.name])
    result = solve_scenario(path, SolveOptions(time_limit=limit, workers=workers), baseline=resolved.baseline)
    verify(result.program, result.schedule)
    return result.schedule


def fund_files(rels: list[str], limit: float, workers: int) -> list[Schedule]:
    """Solve funding scenario files together as ``planner fund`` does (each seeded with the
    others' schedules); every schedule is verified."""
    programs = [load_scenario(ROOT / rel).program for rel in rels]
    return solve_scenarios(programs, SolveOptions(time_limit=limit, workers=workers))


def row(rel: str, run: str, schedule: Schedule, limit: float) -> dict[str, object]:
    params = record(schedule).parameters
    return {
        "file": rel,
        "run": run,
        "status": schedule.status.value,
        "tiers": " ".join(f"{k}={v}" for k, v in business(schedule).items()),
        "start_from": params.get("start_from", ""),
        "improved_on_start": params.get("improved_on_start", ""),
        "worse_than_start": worse_than_start(schedule),
        "wall_s": record(schedule).wall_time,
        "time_limit_s": limit,
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }


def difference(short: dict[str, int], long: dict[str, int]) -> tuple[float, str]:
    """The largest relative difference of a business tier from the long run's, and that tier
    in words (a tier whose long value is 0 differs infinitely when the short one is not 0)."""
    worst, words = 0.0, ""
    for k, value in long.items():
        if k in short and short[k] != value:
            diff = abs(short[k] - value) / abs(value) if value else float("inf")
            if diff > worst:
                worst, words = diff, f"{k} {short[k]} vs {value}"
    return worst, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.answers", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--time-limit", type=float, default=20.0, help="the short run's limit (default 20 s)")
    parser.add_argument("--factor", type=float, default=10.0, help="long run = factor x limit (default 10)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--load", type=int, default=2, help="CPU-bound processes beside the short runs")
    parser.add_argument("--seeds", type=int, default=3, help="seeds for the funding reasons (0: skip)")
    parser.add_argument("--filter", help="globs on files, comma-separated, e.g. 'funding/*,bank/hire*'")
    parser.add_argument("--out", type=Path, default=Path("out/bench/answers"))
    args = parser.parse_args(argv)
    files = [f"{d}/{p.name}" for d in (*WHATIF, FUNDING) for p in sorted((ROOT / d).glob("*.yaml"))]
    if args.filter:
        files = [f for f in files if any(fnmatch.fnmatch(f, g) for g in args.filter.split(","))]
    args.out.mkdir(parents=True, exist_ok=True)
    long_limit = args.time_limit * args.factor
    from planner.io.program_file import load_program

    baselines: dict[str, Schedule] = {}
    for root, folder in (("bank_core_replacement.yaml", "bank/"), ("mes_rollout.yaml", "mes/")):
        if any(f.startswith(folder) for f in files):
            program = load_program(ROOT / root)
            baselines[program.name] = solve_baseline(
                program, SolveOptions(time_limit=long_limit, workers=args.workers)
            )
    results: dict[tuple[str, str], Schedule] = {}
    funding = [f for f in files if f.startswith(FUNDING)]
    if funding:
        with busy(args.load):
            results.update(
                {
                    (rel, "short"): s
                    for rel, s in zip(funding, fund_files(funding, args.time_limit, args.workers))
                }
            )
        results.update(
            {(rel, "long"): s for rel, s in zip(funding, fund_files(funding, long_limit, args.workers))}
        )
    with open(args.out / "answers.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        for rel in files:
            if not rel.startswith(FUNDING):
                with busy(args.load):
                    results[(rel, "short")] = replan_file(rel, args.time_limit, args.workers, baselines)
                results[(rel, "long")] = replan_file(rel, long_limit, args.workers, baselines)
            short, long = results[(rel, "short")], results[(rel, "long")]
            for run, schedule, limit in (("short", short, args.time_limit), ("long", long, long_limit)):
                writer.writerow(row(rel, run, schedule, limit))
            fh.flush()
            print(
                f"{rel}: short {business(short)} long {business(long)} {difference(business(short), business(long))}",
                flush=True,
            )
    reasons: dict[str, int] = {}
    if args.seeds:
        for rel in (f for f in files if f.startswith(FUNDING)):
            seen: dict[str, set[str]] = {}
            program = load_scenario(ROOT / rel).program
            for seed in range(args.seeds):
                with busy(args.load):
                    answer = answer_funding(
                        program, SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=seed)
                    )
                for exclusion in answer.exclusions:
                    seen.setdefault(exclusion.project, set()).add(
                        exclusion.model_dump_json(exclude={"seconds"})
                    )
            reasons[rel] = sum(len(v) > 1 for v in seen.values())
    write_summary(args.out / "summary.md", files, results, reasons, args)
    print((args.out / "summary.md").read_text())
    return 0


def write_summary(
    path: Path,
    files: list[str],
    results: dict[tuple[str, str], Schedule],
    reasons: dict[str, int],
    args: argparse.Namespace,
) -> None:
    lines = [
        (
            f"# Answer quality: {args.time_limit:g} s with {args.load} busy processes vs "
            f"{args.time_limit * args.factor:g} s alone, {args.workers} workers"
        ),
        "",
        "| file | short | long | largest tier difference | worse than start |",
        "|---|---|---|---|---|",
    ]
    over = worse = 0
    for rel in files:
        short, long = results[(rel, "short")], results[(rel, "long")]
        diff, words = difference(business(short), business(long))
        over += diff > 0.02
        worse += worse_than_start(short) == "yes"
        lines.append(
            f"| {rel} | {short.status.value} {business(short)} | {long.status.value} {business(long)} | "
            f"{f'{100 * diff:.2f} % ({words})' if words else 'none'} | {worse_than_start(short)} |"
        )
    violations = []
    for looser, tighter in NESTED:
        for run in ("short", "long"):
            a, b = results.get((looser, run)), results.get((tighter, run))
            if a is None or b is None or not a.has_plan or not b.has_plan:
                continue
            names = [k for k in business(a) if k in business(b)]
            if [business(b)[k] for k in names] < [business(a)[k] for k in names]:
                violations.append(f"{run}: {tighter} scores better than {looser}")
    lines += [
        "",
        f"- rows with a business tier more than 2 % from the long run: **{over}** of {len(files)}",
        f"- short runs worse than their start: **{worse}**",
        f"- monotonicity violations: **{len(violations)}**",
        *(f"  - {v}" for v in violations),
    ]
    for rel, changed in reasons.items():
        lines.append(f"- {rel}: projects whose reason changed over {args.seeds} seeds: **{changed}**")
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
