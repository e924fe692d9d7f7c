"""What a board sees for one funding scenario: the funded projects with their dates, spend per
period against the caps, benefits over time, NPV, and the reason each project was left out.

One call (:func:`answer_funding`) solves the program, verifies the schedule, prices it and
explains every exclusion; the command line (``planner fund``) and the HTTP API render it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from planner.analysis.cost import CostReport, cost_report
from planner.analysis.funding import Exclusion, explain_unfunded
from planner.analysis.summary import quality
from planner.check import verify
from planner.models import Program, Schedule, SolveStatus
from planner.solvers import Progress, SolveOptions, solve
from planner.solvers.seeding import solve_together

logger = logging.getLogger(__name__)


class Milestone(BaseModel):
    """A milestone of a funded project, with its date."""

    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    date: dt.date


class FundingAnswer(BaseModel):
    """A funding scenario answered: schedule quality, funded set, money and reasons.

    ``schedule`` is the verified schedule; ``report`` its money (empty when there is no plan);
    ``exclusions`` one reason per project left out (empty when not asked for).
    """

    model_config = ConfigDict(frozen=True)

    program: str
    status: SolveStatus
    quality: str
    funded: tuple[str, ...] = ()
    unfunded: tuple[str, ...] = ()
    finish: dt.date | None = None
    milestones: tuple[Milestone, ...] = ()
    report: CostReport | None = None
    exclusions: tuple[Exclusion, ...] = ()
    schedule: Schedule


def answer_funding(program: Program, options: SolveOptions | None = None, explain: bool = True,
                   explain_options: SolveOptions | None = None,
                   progress: Callable[[Progress], None] | None = None,
                   schedule: Schedule | None = None) -> FundingAnswer:
    """Solve ``program`` for the board and explain what it leaves out.

    Parameters
    ----------
    program
        A program with money fields (any program works; without them the answer has no money).
    options
        Options of the main solve.
    explain
        Whether to explain every left-out project (each explanation re-solves a few times).
    explain_options
        Options of those re-solves (default: ``options``).
    progress
        Called with every improving schedule of the main solve.
    schedule
        ``program``'s schedule when it is solved already (:func:`solve_scenarios`): it is
        verified, priced and explained, not solved again.

    Raises
    ------
    planner.check.ScheduleInvalid
        When a schedule breaks a rule of the program (a planner bug).
    """
    options = options or SolveOptions()
    if schedule is None:
        schedule = solve(program, options, progress)
    verify(program, schedule)
    base = {"program": program.name, "status": schedule.status, "quality": quality(schedule), "schedule": schedule}
    if not schedule.has_plan:
        return FundingAnswer(**base)
    placed = {row.project for row in schedule.tasks}
    funded = tuple(p.id for p in program.projects if p.id in placed and p.id not in schedule.unfunded)
    left_out = tuple(p.id for p in program.projects if p.id not in funded)
    milestones = tuple(Milestone(key=row.key, name=program.tasks[row.key][1].label, date=row.start)
                       for row in schedule.tasks if program.tasks[row.key][1].is_milestone)
    exclusions = explain_unfunded(program, schedule, explain_options or options) if explain and left_out else []
    return FundingAnswer(
        **base, funded=funded, unfunded=left_out, finish=max(row.finish for row in schedule.tasks),
        milestones=milestones, report=cost_report(program, schedule), exclusions=tuple(exclusions),
    )


def solve_scenarios(programs: Sequence[Program], options: SolveOptions | None = None,
                    progress: Callable[[int, Progress], None] | None = None) -> list[Schedule]:
    """Solve funding scenarios together, each seeded with the others' schedules
    (:func:`planner.solvers.seeding.solve_together`), and verify every schedule.

    A scenario whose program allows another's schedule never ends worse than it by the tiers:
    a tighter scenario's schedule is a candidate of the looser one. ``progress`` is called with
    the scenario's index and every improving schedule of its solve.

    Raises
    ------
    planner.check.ScheduleInvalid
        When a schedule breaks a rule of its program (a planner bug).
    """
    options = options or SolveOptions()

    def solve_one(i: int, seeds: Sequence[Schedule]) -> Schedule:
        shown = None if progress is None else (lambda p: progress(i, p))
        schedule = solve(programs[i], options, shown, seeds=seeds)
        verify(programs[i], schedule)
        return schedule

    return solve_together(programs, solve_one, options.seed)


__all__ = ["FundingAnswer", "Milestone", "answer_funding", "solve_scenarios"]
