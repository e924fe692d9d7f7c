"""The peer solver: PyJobShop (its OR-Tools CP-SAT backend) on the same instance data.

The model follows PyJobShop's own RCMPSP set-up: one renewable resource per instance resource, one
job per project with its release date, one task per activity (dummies included), one mode that uses
only the resources with a positive demand, and an end-before-start constraint per arc. Objective:
PyJobShop's default, the makespan. Its schedule is turned into a planner :class:`Schedule` so that
the same independent checker verifies it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import pyjobshop

from benchmarks.instances import START, Benchmark
from planner.models import Schedule, ScheduledTask, SolveStatus

_STATUS = {
    "Optimal": SolveStatus.OPTIMAL,
    "Feasible": SolveStatus.FEASIBLE,
    "Infeasible": SolveStatus.INFEASIBLE,
}


@dataclass(frozen=True)
class PeerResult:
    """What the peer found: status, makespan (TMS), its lower bound, and times."""

    status: SolveStatus
    makespan: int | None
    lower_bound: int | None
    solver_s: float
    total_s: float
    schedule: Schedule


def build_model(bench: Benchmark) -> pyjobshop.Model:
    """The PyJobShop model of an instance."""
    data = bench.data
    model = pyjobshop.Model()
    resources = [model.add_renewable(r.capacity, name=f"R{k + 1}") for k, r in enumerate(data.resources)]
    tasks = [None] * len(data.activities)
    for p, project in enumerate(data.projects):
        job = model.add_job(release_date=project.release_date, name=f"p{p + 1}")
        for k, a in enumerate(project.activities):
            tasks[a] = model.add_task(job=job, name=f"p{p + 1}.a{k + 1}")
    for a, activity in enumerate(data.activities):
        mode = activity.modes[0]
        used = [(resources[r], d) for r, d in enumerate(mode.demands) if d > 0]
        model.add_mode(tasks[a], [r for r, _ in used], mode.duration, [d for _, d in used])
    for a, activity in enumerate(data.activities):
        for s in activity.successors:
            model.add_end_before_start(tasks[a], tasks[s])
    return model


def solve_peer(bench: Benchmark, time_limit: float, workers: int) -> PeerResult:
    """Solve with PyJobShop/OR-Tools and return the result as a planner schedule."""
    started = time.perf_counter()
    model = build_model(bench)
    result = model.solve(solver="ortools", time_limit=time_limit, num_workers=workers, display=False)
    total = time.perf_counter() - started
    status = _STATUS.get(result.status.value, SolveStatus.UNKNOWN)
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return PeerResult(
            status, None, None, result.runtime, total, Schedule(program=bench.program.name, status=status)
        )
    names = [t.name for t in model.tasks]
    placed = []
    end = 0
    for name, task in zip(names, result.best.tasks):
        end = max(end, task.end)
        if name not in bench.program.tasks:
            continue  # a dummy source or sink, which the planner program drops
        project, tid = name.split(".", 1)
        last = task.start if task.end == task.start else task.end - 1
        placed.append(
            ScheduledTask(
                project=project,
                task=tid,
                start=START + dt.timedelta(days=task.start),
                finish=START + dt.timedelta(days=last),
            )
        )
    schedule = Schedule(program=bench.program.name, status=status, tasks=tuple(placed))
    return PeerResult(
        status, end - bench.origin, round(result.lower_bound) - bench.origin, result.runtime, total, schedule
    )
