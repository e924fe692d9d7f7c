"""Explain a program: lint it, solve it (or take the schedule it was given), and say why it ends
when it does or why it cannot work and what each way out costs (``planner explain``).

:func:`explain` works on a program; :func:`explain_file` on a program or scenario file (the
scenario's changes applied to its base, the base solved first when a change is measured from a
baseline that nothing gives).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.analysis.explanations.explanation import Explanation
from planner.analysis.explanations.finish import explain_finish
from planner.analysis.explanations.no_schedule import ExplainOptions, explain_unsolved
from planner.analysis.lint import lint
from planner.check import verify
from planner.errors import PlannerError
from planner.io.schedule_file import read_schedule
from planner.models import Program, Schedule
from planner.models.validation import closest
from planner.scenarios.load import Applied, load_applied
from planner.solvers import SolveOptions, solve
from planner.workflows.replan import solve_baseline

logger = logging.getLogger(__name__)


class ExplainError(PlannerError):
    """An explanation was asked for something the program does not have (e.g. an unknown milestone)."""


@dataclass(frozen=True)
class ExplainedFile:
    """A file explained: the program it describes (with the scenario applied) and the explanation.

    Attributes
    ----------
    applied
        The program of the file, and for a scenario file the resolved scenario and whether its base
        was solved to measure the changes from.
    explanation
        Why the program ends when it does, or why it cannot work.
    """

    applied: Applied
    explanation: Explanation

    @property
    def program(self) -> Program:
        """The program explained."""
        return self.applied.program


def explain(
    program: Program, options: ExplainOptions | None = None, schedule: Schedule | None = None
) -> Explanation:
    """Lint ``program``, solve it, and explain the result.

    Parameters
    ----------
    program
        A validated program.
    options
        Time limit, workers, the milestone to explain, conflict and re-solve limits.
    schedule
        A schedule of ``program`` to explain instead of solving it (the one ``planner solve``
        wrote): it is checked, and its dates are explained as they are, so every date, a
        milestone's included, is the one the schedule gives.

    Returns
    -------
    Explanation
        With ``finish`` when the program has a plan, ``infeasibility`` when it cannot work.

    Raises
    ------
    ExplainError
        When ``options.milestone`` is not a task of the program.
    ScheduleInvalid
        When ``schedule`` breaks a rule of ``program``.
    """
    options = options or ExplainOptions()
    started = time.perf_counter()
    if options.milestone is not None and options.milestone not in program.tasks:
        raise ExplainError(
            f"--milestone: no task '{options.milestone}' in program {program.name}"
            f"{closest(options.milestone, program.tasks)}"
        )
    warnings = tuple(lint(program))
    given = schedule is not None
    if schedule is None:
        schedule = solve(program, SolveOptions(time_limit=options.time_limit / 2, workers=options.workers))
    remaining = max(options.time_limit - (time.perf_counter() - started), 5.0)
    if schedule.has_plan:
        verify(program, schedule)
        finish = explain_finish(
            program,
            schedule,
            milestone=options.milestone,
            time_limit=remaining,
            workers=options.workers,
            one_more=options.one_more,
            pull=not given,
        )
        return Explanation(
            program=program.name,
            status=schedule.status,
            lint=warnings,
            finish=finish,
            seconds=round(time.perf_counter() - started, 3),
        )
    return explain_unsolved(
        program, schedule.status, options, warnings, started, searched=options.time_limit / 2
    )


def explain_file(
    path: str | Path,
    options: ExplainOptions | None = None,
    baseline: Schedule | None = None,
    schedule: str | Path | None = None,
    stage: Callable[[str], None] | None = None,
) -> ExplainedFile:
    """Explain a program file, or a scenario file as its changes leave its base program.

    Parameters
    ----------
    path
        A program file or a scenario file.
    options
        Time limit, workers, the milestone to explain, conflict and re-solve limits.
    baseline
        For a scenario whose slips or status date are measured from a baseline: that schedule.
        When a change needs one and neither this nor the scenario's files give it, the base
        program is solved first, with a quarter of the time limit.
    schedule
        A schedule file of the program (``.json``, ``.csv`` or ``.xlsx``, as ``planner solve -o``
        wrote it) to explain instead of solving again.
    stage
        Called with a short description of each step that takes time (solving the base, explaining).

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read or is invalid.
    NoBaseline
        The base program had to be solved and has no schedule.
    ExplainError
        ``options.milestone`` is not a task of the program.
    ScheduleInvalid
        ``schedule`` breaks a rule of the program.
    """
    options = options or ExplainOptions()

    def solve_base(root: Program) -> Schedule:
        if stage is not None:
            stage(f"solving the base program {root.name} to measure the changes from ...")
        return solve_baseline(root, SolveOptions(time_limit=options.time_limit / 4, workers=options.workers))

    applied = load_applied(path, baseline, solve_base)
    given = read_schedule(schedule, applied.program.name) if schedule is not None else None
    if stage is not None:
        stage(f"explaining {Path(path).name} ...")
    return ExplainedFile(applied, explain(applied.program, options, given))


__all__ = ["ExplainError", "ExplainOptions", "ExplainedFile", "explain", "explain_file"]
