"""What one worker does for a batch: solve a base program, or replan one scenario, into a row
(the loop that hands out the jobs is :func:`planner.workflows.batch.run_batch`).

These functions run in worker processes (local or Ray), so they take and return plain values:
a :class:`~planner.batch.files.Bundle` (the files, as bytes), the solve options as a dict, the
base schedule as JSON. Every schedule is verified by :func:`planner.check.verify`. Bad input and
schedules that cannot exist become rows with a status and a reason, never exceptions; a program
without a schedule is explained in its row (the first conflict and its cheapest checked way out,
or the funding missing; columns ``conflict`` and ``ways_out``).
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.analysis.comparison.compare import BASE, Comparison, compare
from planner.analysis.explanations.no_schedule import explain_no_schedule
from planner.batch.files import Bundle
from planner.check import verify
from planner.errors import PlannerError
from planner.io.program_file import load_program
from planner.models import Program, Schedule
from planner.models.scenario import Change
from planner.scenarios.load import load_scenario
from planner.solvers import SolveOptions, solve
from planner.solvers.stability import Stability
from planner.workflows.replan import Replan, replan_program

logger = logging.getLogger(__name__)

Row = dict[str, Any]
"""One row of the batch table, JSON-ready (dates as ISO strings)."""


@dataclass(frozen=True)
class Job:
    """One unit of work: solve a base program, or replan a scenario against its base's schedule.

    Parameters
    ----------
    kind
        ``base`` or ``scenario``.
    bundle
        The file and everything it needs.
    options
        ``SolveOptions`` fields (time_limit, workers, seed).
    base_schedule
        The base program's schedule as JSON (scenarios only).
    key
        The cache key of the job's result.
    """

    kind: str
    bundle: Bundle
    options: dict[str, Any]
    base_schedule: str | None = None
    key: str = ""


def run_job(job: Job) -> dict[str, Any]:
    """Do one job and return ``{"row": Row, "schedule": JSON or None}`` (the schedule for bases).

    Never raises for bad input or infeasible programs: those are rows with status ``error`` (and
    ``"input_error": True`` in the result) or ``infeasible``, with a reason.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planner-batch-") as tmp:
        entry = job.bundle.materialize(tmp)
        try:
            if job.kind == "base":
                return _base(job, entry)
            return {"row": _scenario(job, entry), "schedule": None}
        except PlannerError as error:
            reason = str(error).replace(str(tmp), job.bundle.root)
            kind = "base" if job.kind == "base" else None
            # bad input gives the same error for the same bytes, so the row may be cached
            return {
                "row": error_row(job.bundle, reason, time.perf_counter() - started, kind),
                "schedule": None,
                "input_error": True,
            }


def _options(job: Job) -> SolveOptions:
    return SolveOptions(**job.options)


def error_row(bundle: Bundle, reason: str, seconds: float = 0.0, kind: str | None = None) -> Row:
    """The row of a file that could not be solved (the reason on one line)."""
    reason = "; ".join(line.strip() for line in reason.splitlines() if line.strip())
    return {
        "file": bundle.path,
        "kind": kind or bundle.kind,
        "scenario": None,
        "base": bundle.base,
        "status": "error",
        "reason": reason,
        "solve_time_s": round(seconds, 3),
    }


def _base(job: Job, entry: Path) -> dict[str, Any]:
    program = load_program(entry)
    schedule = solve(program, _options(job))
    verify(program, schedule)
    row: Row = {
        "file": job.bundle.path,
        "kind": "base",
        "scenario": program.name,
        "base": job.bundle.base,
        "status": schedule.status.value,
        "reason": None if schedule.has_plan else _no_plan(schedule),
    }
    if not schedule.has_plan:
        row.update(why_not_columns(program, schedule, _options(job)))
    if schedule.has_plan:
        row.update(table_values(compare((program, schedule), []), None))
    row["solve_time_s"] = schedule.record.wall_time if schedule.record else None
    return {"row": row, "schedule": schedule.model_dump_json() if schedule.has_plan else None}


def _no_plan(schedule: Schedule) -> str:
    if schedule.status.value == "infeasible":
        return "the commitments cannot all hold together"
    return "no schedule found within the time limit (and no proof that none exists)"


def why_not_columns(
    program: Program, schedule: Schedule, options: SolveOptions, reason: str | None = None
) -> Row:
    """The columns that say why ``program`` has no schedule, found in half the solve's time limit.

    ``reason`` gets the first conflict (or the funding missing) and its cheapest checked way out;
    ``conflict`` lists the commitments of every conflict found and ``ways_out`` every checked way
    out, each ``; ``-separated (empty when nothing was searched).
    """
    why = explain_no_schedule(
        program, schedule.status, max(options.time_limit / 2, 5.0), options.workers or 1
    )
    e = why.explanation
    conflicts = e.infeasibility.conflicts if e is not None and e.infeasibility is not None else ()
    ways = [r.text for c in conflicts for r in c.repairs if r.verified]
    if e is not None and e.funding is not None and e.funding.status == "short":
        ways.insert(0, e.funding.text)
    return {
        "reason": f"{reason}: {why.message}" if reason else why.message,
        "conflict": "; ".join(m.text for c in conflicts for m in c.commitments) or None,
        "ways_out": "; ".join(ways) or None,
    }


def _scenario(job: Job, entry: Path) -> Row:
    assert job.base_schedule is not None
    base_schedule = Schedule.model_validate_json(job.base_schedule)
    resolved = load_scenario(entry, base_schedule)
    program, base_program, name = resolved.program, resolved.base_program, resolved.scenario.name
    stability = Stability(budget=resolved.disruption_budget, pin=resolved.pin)
    result = replan_program(
        program, resolved.baseline or base_schedule, _options(job), stability, base_program=base_program
    )
    verify(base_program, base_schedule)
    row: Row = {"file": job.bundle.path, "kind": "scenario", "scenario": name, "base": job.bundle.base}
    row.update(replan_row(result, name, resolved.changes, _options(job), (base_program, base_schedule)))
    return row


def replan_row(
    result: Replan,
    name: str,
    changes: Sequence[Change],
    options: SolveOptions,
    base: tuple[Program, Schedule] | None = None,
) -> Row:
    """The batch columns of a scenario replanned: status, reason, why there is no schedule, the
    comparison with the base (:func:`table_values`) and the solve time.

    Parameters
    ----------
    result
        The replan.
    name
        The scenario's name.
    changes
        Its changes, to name the origin of each milestone's slip.
    options
        The solve's options (the explanation of a scenario without a schedule gets half its time).
    base
        The base program and schedule to compare with (default: the replan's baseline and its program).
    """
    base_program, base_schedule = base if base is not None else (result.base_program, result.baseline)
    schedule = result.schedule
    row: Row = {"status": schedule.status.value, "reason": result.reason}
    if not schedule.has_plan and result.headline is None:  # the scenario itself has no schedule
        row.update(why_not_columns(result.program, schedule, options, result.reason))
    row.update(
        table_values(
            compare(
                (base_program, base_schedule), [(name, result.program, schedule)], {name: tuple(changes)}
            ),
            name,
        )
    )
    row["solve_time_s"] = schedule.record.wall_time if schedule.record else None
    return row


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def table_values(comparison: Comparison, scenario: str | None) -> Row:
    """The batch columns of one schedule of a comparison (``scenario=None``: the base).

    Program finish and its change, tasks moved, cost, then per milestone its date (column
    ``<project.task>``) and change in working days (``<project.task> wd``), then the peak use of
    every role and person used (``peak <id>``; people in percent of a day).
    """
    result = comparison.base if scenario is None else comparison.scenario(scenario)
    row: Row = {"finish": _iso(result.finish)}
    program_row = comparison.dates[0]
    if scenario is not None:
        delta = program_row.delta(scenario)
        row.update(
            {
                "finish_wd": delta.working_days,
                "finish_days": delta.calendar_days,
                "moved_tasks": result.moved_count if result.finish else None,
                "total_shift_wd": result.total_shift if result.finish else None,
            }
        )
    else:
        row.update({"finish_wd": 0, "finish_days": 0, "moved_tasks": 0, "total_shift_wd": 0})
    row["cost"] = result.cost
    for date_row in comparison.dates:
        if date_row.kind != "milestone":
            continue
        if scenario is None:
            row[date_row.key], row[f"{date_row.key} wd"] = _iso(date_row.base), 0
        else:
            delta = date_row.delta(scenario)
            row[date_row.key], row[f"{date_row.key} wd"] = _iso(delta.date), delta.working_days
    name = BASE if scenario is None else scenario
    for series in comparison.load_series:
        if series.scenario == name:
            row[f"peak {series.resource}"] = max((w.peak for w in series.weeks), default=0)
    return row


__all__ = ["Job", "Row", "error_row", "replan_row", "run_job", "table_values", "why_not_columns"]
