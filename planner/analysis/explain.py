"""``explain``: lint a program, solve it, and say why it ends when it does or why it cannot work."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from planner.analysis.explanation import Explanation
from planner.analysis.finish import explain_finish
from planner.analysis.infeasibility import explain_infeasible
from planner.analysis.lint import lint
from planner.check import verify
from planner.errors import PlannerError
from planner.models import Program, SolveStatus
from planner.models.validation import closest
from planner.solvers import SolveOptions, solve
from planner.solvers.conflicts import find_conflicts

logger = logging.getLogger(__name__)


class ExplainError(PlannerError):
    """An explanation was asked for something the program does not have (e.g. an unknown milestone)."""


@dataclass(frozen=True)
class ExplainOptions:
    """How an explanation is computed.

    Parameters
    ----------
    time_limit
        Rough wall-clock seconds for the whole explanation (solve, pull early, re-solves).
    workers
        CP-SAT workers (conflict checks always use one).
    milestone
        A task key whose date to explain instead of the program's end.
    conflicts
        Most independent conflicts to report for an infeasible program.
    check_time
        Seconds per feasibility check of the conflict search.
    one_more
        Specialists or roles to value by re-solving with one more of them.
    """

    time_limit: float = 30.0
    workers: int = 2
    milestone: str | None = None
    conflicts: int = 3
    check_time: float = 5.0
    one_more: int = 3


def explain(program: Program, options: ExplainOptions | None = None) -> Explanation:
    """Lint ``program``, solve it, and explain the result.

    Parameters
    ----------
    program
        A validated program.
    options
        Time limit, workers, the milestone to explain, conflict and re-solve limits.

    Returns
    -------
    Explanation
        With ``finish`` when the program has a plan, ``infeasibility`` when it cannot work.

    Raises
    ------
    ExplainError
        When ``options.milestone`` is not a task of the program.
    """
    options = options or ExplainOptions()
    started = time.perf_counter()
    if options.milestone is not None and options.milestone not in program.tasks:
        raise ExplainError(f"--milestone: no task '{options.milestone}' in program {program.name}"
                           f"{closest(options.milestone, program.tasks)}")
    warnings = tuple(lint(program))
    schedule = solve(program, SolveOptions(time_limit=options.time_limit / 2, workers=options.workers))
    remaining = max(options.time_limit - (time.perf_counter() - started), 5.0)
    if schedule.has_plan:
        verify(program, schedule)
        finish = explain_finish(program, schedule, milestone=options.milestone, time_limit=remaining,
                                workers=options.workers, one_more=options.one_more)
        return Explanation(program=program.name, status=schedule.status, lint=warnings, finish=finish,
                           seconds=round(time.perf_counter() - started, 3))
    search = find_conflicts(program, limit=options.conflicts, check_time=options.check_time, budget=remaining / 3)
    if search.status == "feasible":
        return Explanation(program=program.name, status=SolveStatus.UNKNOWN, lint=warnings,
                           message=f"the commitments hold together, but no schedule was found in "
                                   f"{options.time_limit / 2:g} s; try a longer --time-limit",
                           seconds=round(time.perf_counter() - started, 3))
    if search.status == "unknown":
        return Explanation(program=program.name, status=SolveStatus.UNKNOWN, lint=warnings,
                           message="no schedule and no conflict found within the time limit; try a longer --time-limit",
                           seconds=round(time.perf_counter() - started, 3))
    infeasibility = explain_infeasible(program, limit=options.conflicts, time_limit=remaining,
                                       workers=options.workers, check_time=options.check_time, search=search)
    return Explanation(program=program.name, status=SolveStatus.INFEASIBLE, lint=warnings,
                       infeasibility=infeasibility, seconds=round(time.perf_counter() - started, 3))
