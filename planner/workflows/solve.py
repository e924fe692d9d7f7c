"""Solve a program: the schedule, checked by the independent checker and summarised, and why there is
none when the program cannot work (``planner solve``, the API's solve jobs).

Examples
--------
>>> from planner.io.program_file import load_program
>>> solved = solve_program(load_program("scenarios/quickstart.yaml"),
...                        SolveOptions(time_limit=10, workers=2))  # doctest: +SKIP
>>> solved.summary.finish  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from planner.analysis.explanations.no_schedule import NoSchedule, explain_no_schedule
from planner.analysis.facts.summary import Summary, summarize
from planner.analysis.lint import lint
from planner.check import Violation, check
from planner.models import Program, Schedule, SolveStatus
from planner.solvers import Progress, SolveOptions, solve

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Solved:
    """A program solved, its schedule checked.

    Attributes
    ----------
    program
        The program solved.
    schedule
        Its schedule (status infeasible or unknown: no tasks).
    summary
        The schedule's summary: status and quality, dates, milestones, busiest resources, money.
    violations
        The rules the schedule breaks, by the independent checker (empty unless the planner has a
        defect).
    no_schedule
        Why an infeasible program has no schedule (the conflicts and the priced ways out, or the
        funding missing), when that was asked for; ``None`` otherwise.
    """

    program: Program
    schedule: Schedule
    summary: Summary
    violations: tuple[Violation, ...] = ()
    no_schedule: NoSchedule | None = None

    @property
    def has_plan(self) -> bool:
        """Whether there is a schedule."""
        return self.schedule.has_plan


def solve_program(
    program: Program,
    options: SolveOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    explain_time: float | None = None,
    explain_lint: bool = False,
    stage: Callable[[str], None] | None = None,
) -> Solved:
    """Solve ``program``, check and summarise the schedule, and explain an infeasible program.

    Parameters
    ----------
    program
        A validated program.
    options
        Time limit, workers and seed of the solve.
    progress
        Called with every improving schedule.
    explain_time
        Rough seconds to explain why an infeasible program cannot work (with ``options.workers``,
        or 2 when that is 0); ``None``: not explained.
    explain_lint
        Whether that explanation carries the program's lint warnings (callers that show them
        before solving leave them out).
    stage
        Called with a short description when the explanation starts.

    Returns
    -------
    Solved
        The schedule, its summary and violations, and why there is none.
    """
    options = options or SolveOptions()
    schedule = solve(program, options, progress)
    violations = tuple(check(program, schedule))
    if violations:
        logger.error("the checker found %d violations in the schedule of %s", len(violations), program.name)
    no_schedule = None
    if schedule.status is SolveStatus.INFEASIBLE and explain_time is not None:
        if stage is not None:
            stage("looking for the conflicting commitments ...")
        no_schedule = explain_no_schedule(
            program,
            schedule.status,
            explain_time,
            options.workers or 2,
            tuple(lint(program)) if explain_lint else (),
        )
    return Solved(program, schedule, summarize(program, schedule), violations, no_schedule)


__all__ = ["Solved", "solve_program"]
