"""Batch speed-up: the same 50 scenarios of an example program solved with 1 and with 2 local workers.

Usage::

    python -m benchmarks.batch_speedup [--program scenarios/bank_core_replacement.yaml]
        [--scenarios 50] [--time-limit 20] [--jobs 1,2] [--seed 7] [--keep DIR]

The scenarios are generated from the program with a fixed seed, in the words a program office
uses: a task slips 1 to 4 weeks, an estimate grows, a role loses a head for a quarter, a specialist
is away for three weeks, a project is deferred a month. Each run solves the base once and
replans every scenario against it with minimal disruption (``planner.workflows.batch.run_batch``, local
worker processes, one CP-SAT worker per solve, no cache). It prints, per number of jobs, the wall
time, the CPU time the workers obtained, rows, failures and the speed-up against one job, and
whether both runs gave the same table (one search worker with a fixed seed is deterministic).

The load of the machine is printed too: on a shared machine the speed-up is bounded by the CPU
the workers actually get, not by the number of cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from planner.io.program_file import load_program
from planner.models import Program
from planner.solvers import SolveOptions
from planner.workflows.batch import run_batch

DEFAULT_PROGRAM = Path(__file__).parents[1] / "scenarios" / "bank_core_replacement.yaml"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def scenario_texts(program: Program, count: int, seed: int) -> dict[str, str]:
    """``count`` scenario files (name -> YAML) over ``program``, chosen with ``seed``."""
    rng = random.Random(seed)
    tasks = [k for k, (_, t) in program.tasks.items() if t.duration >= 5 and t.fixed_start is None]
    roles = [r.id for r in program.roles if r.capacity >= 2]
    people = [p.id for p in program.people]
    # deferring a project with work pinned in place (fixed_start) contradicts the pin: leave those out
    projects = [p.id for p in program.projects if not any(t.fixed_start for t in p.tasks)]
    start = program.start
    out: dict[str, str] = {}
    for i in range(count):
        kind = i % 5
        when = _monday(start + dt.timedelta(weeks=rng.randint(8, 40)))
        if kind == 0:
            task, weeks = rng.choice(tasks), rng.randint(1, 4)
            name, change = f"{task} slips {weeks} weeks", f"{{kind: slip, task: {task}, by: {weeks}w}}"
        elif kind == 1:
            task = rng.choice(tasks)
            grown = program.tasks[task][1].duration + rng.randint(3, 15)
            name, change = (
                f"{task} re-estimated at {grown} days",
                f"{{kind: duration, task: {task}, duration: {grown}}}",
            )
        elif kind == 2:
            role = rng.choice(roles)
            name = f"one {role} fewer for a quarter from {when}"
            change = (
                f"{{kind: capacity, role: {role}, from: {when}, to: {when + dt.timedelta(weeks=13)}, "
                "delta: -1}"
            )
        elif kind == 3:
            person = rng.choice(people)
            name = f"{person} away three weeks from {when}"
            change = (
                f"{{kind: availability, person: {person}, from: {when}, "
                f"to: {when + dt.timedelta(days=18)}, reason: leave}}"
            )
        else:
            project = rng.choice(projects)
            until = _monday(start + dt.timedelta(weeks=rng.randint(2, 12)))
            name, change = (
                f"project {project} deferred to {until}",
                f"{{kind: defer, project: {project}, until: {until}}}",
            )
        out[f"s{i:02d}.yaml"] = f"name: '{i:02d} {name}'\nbase: ../program.yaml\nchanges:\n  - {change}\n"
    return out


def write_folder(program_path: Path, count: int, seed: int, folder: Path) -> Path:
    """The program as ``folder/program.yaml`` and the scenarios in ``folder/scenarios/``."""
    program = load_program(program_path)
    (folder / "scenarios").mkdir(parents=True, exist_ok=True)
    (folder / "program.yaml").write_bytes(program_path.read_bytes())
    for name, text in scenario_texts(program, count, seed).items():
        (folder / "scenarios" / name).write_text(text)
    return folder


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _same(a: list[dict], b: list[dict]) -> bool:
    keep = ("file", "status", "finish", "moved_tasks", "total_shift_wd")
    return [{k: r.get(k) for k in keep} for r in a] == [{k: r.get(k) for k in keep} for r in b]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--program", type=Path, default=DEFAULT_PROGRAM)
    parser.add_argument("--scenarios", type=int, default=50)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--jobs", default="1,2", help="comma-separated numbers of local workers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the scenarios here (default: a temporary folder)")
    args = parser.parse_args(argv)
    jobs = [int(j) for j in args.jobs.split(",")]
    options = SolveOptions(time_limit=args.time_limit, workers=1, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(args.program, args.scenarios, args.seed, args.keep or Path(tmp))
        print(
            f"program {args.program.name}, {args.scenarios} scenarios in {folder}, time limit {args.time_limit} s "
            f"per solve, 1 CP-SAT worker per solve; {os.cpu_count()} cores, load average before "
            f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        results = []
        for n in jobs:
            cpu, started = _children_cpu(), time.perf_counter()
            result = run_batch(folder, options, jobs=n)
            wall = time.perf_counter() - started
            solve = sum(r.get("solve_time_s") or 0 for r in result.rows)
            results.append((n, wall, _children_cpu() - cpu, result))
            print(
                f"  jobs {n}: wall {wall:7.1f} s, worker CPU {results[-1][2]:7.1f} s, sum of solve times "
                f"{solve:7.1f} s, {len(result.rows)} rows, {result.failed} failed; load average "
                f"{os.getloadavg()[0]:.1f}",
                flush=True,
            )
        one = results[0][1]
        print("\n| local workers | wall time (s) | worker CPU (s) | rows | failed | speed-up |")
        print("|---|---|---|---|---|---|")
        for n, wall, cpu, result in results:
            print(
                f"| {n} | {wall:.1f} | {cpu:.1f} | {len(result.rows)} | {result.failed} | {one / wall:.2f} |"
            )
        same = all(_same(results[0][3].rows, r[3].rows) for r in results[1:])
        print(f"\nsame table with every number of workers: {'yes' if same else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
