"""Funding scenarios answered for a board (``planner fund``): for each, the funded projects with
their dates, spend per period against the caps, benefits over time, NPV, and the reason each
project was left out.

:func:`fund` answers program and scenario files together: they are solved seeded with each
other's schedules (:func:`solve_scenarios`), then each is answered (:func:`answer_funding`: the
schedule verified, priced, every exclusion explained), and one without a schedule is explained
(the caps, the mandatory projects and the funding missing, or the conflict and its ways out).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from planner.analysis.explanations.no_schedule import NoSchedule, explain_no_schedule
from planner.analysis.explanations.unfunded import Exclusion, explain_unfunded
from planner.analysis.facts.cost import CostReport, cost_report
from planner.analysis.facts.summary import quality
from planner.check import verify
from planner.io.documents import read_document
from planner.io.program_file import load_program
from planner.io.scenario_file import is_scenario
from planner.models import Program, Schedule, SolveStatus
from planner.scenarios.load import load_scenario
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


def answer_funding(
    program: Program,
    options: SolveOptions | None = None,
    explain: bool = True,
    explain_options: SolveOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    schedule: Schedule | None = None,
) -> FundingAnswer:
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
    base = {
        "program": program.name,
        "status": schedule.status,
        "quality": quality(schedule),
        "schedule": schedule,
    }
    if not schedule.has_plan:
        return FundingAnswer(**base)
    placed = {row.project for row in schedule.tasks}
    funded = tuple(p.id for p in program.projects if p.id in placed and p.id not in schedule.unfunded)
    left_out = tuple(p.id for p in program.projects if p.id not in funded)
    milestones = tuple(
        Milestone(key=row.key, name=program.tasks[row.key][1].label, date=row.start)
        for row in schedule.tasks
        if program.tasks[row.key][1].is_milestone
    )
    exclusions = (
        explain_unfunded(program, schedule, explain_options or options) if explain and left_out else []
    )
    return FundingAnswer(
        **base,
        funded=funded,
        unfunded=left_out,
        finish=max(row.finish for row in schedule.tasks),
        milestones=milestones,
        report=cost_report(program, schedule),
        exclusions=tuple(exclusions),
    )


def solve_scenarios(
    programs: Sequence[Program],
    options: SolveOptions | None = None,
    progress: Callable[[int, Progress], None] | None = None,
) -> list[Schedule]:
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


@dataclass(frozen=True)
class Funded:
    """One funding scenario answered.

    Attributes
    ----------
    path
        The file it came from (``None`` for a program given as it is).
    title
        Its title: the program's name, and a scenario's own name after it.
    program
        The program solved (a scenario's with its changes applied).
    answer
        The answer: schedule quality, funded set, money and the reasons projects were left out.
    no_schedule
        Why there is no schedule (the caps, the mandatory projects and the funding missing, or the
        conflict and its priced ways out); ``None`` with a schedule.
    """

    path: Path | None
    title: str
    program: Program
    answer: FundingAnswer
    no_schedule: NoSchedule | None = None


def load_funding(source: str | Path | Program) -> tuple[Program, str]:
    """The program of a program file, or of a scenario file with its bases, and its title.

    Parameters
    ----------
    source
        A program file, a scenario file, or a program.
    """
    if isinstance(source, Program):
        return source, source.name
    document, _ = read_document(source)
    if is_scenario(document):
        resolved = load_scenario(source)
        return resolved.program, f"{resolved.program.name}: {resolved.scenario.name}"
    program = load_program(source)
    return program, program.name


def fund(
    sources: Sequence[str | Path | Program],
    options: SolveOptions | None = None,
    explain: bool = True,
    explain_options: SolveOptions | None = None,
    progress: Callable[[int, Progress], None] | None = None,
    stage: Callable[[int, str], None] | None = None,
) -> list[Funded]:
    """Answer funding scenarios together: solved seeded with each other's schedules, each verified,
    priced and explained.

    Parameters
    ----------
    sources
        Program files, scenario files over a program, or programs: one funding scenario each.
    options
        Options of each scenario's solve.
    explain
        Whether to explain every project left out (each explanation re-solves a few times).
    explain_options
        Options of those re-solves (default: ``options``).
    progress
        Called with the scenario's index and every improving schedule of its solve.
    stage
        Called with the scenario's index and a short description of each later step (explaining
        the exclusions, looking for why there is no schedule).

    Returns
    -------
    list[Funded]
        One answer per source, in order. A scenario without a schedule is explained in half the
        time limit (at least 5 s).

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read or is invalid.
    planner.check.ScheduleInvalid
        A schedule breaks a rule of its program (a planner bug).
    """
    options = options or SolveOptions()
    loaded = [
        (Path(source) if not isinstance(source, Program) else None, *load_funding(source))
        for source in sources
    ]
    schedules = solve_scenarios([program for _, program, _ in loaded], options, progress)
    answers = []
    for i, ((path, program, title), schedule) in enumerate(zip(loaded, schedules, strict=True)):
        if stage is not None:
            stage(i, "explaining")
        answer = answer_funding(
            program, options, explain=explain, explain_options=explain_options, schedule=schedule
        )
        why = None
        if not answer.schedule.has_plan:
            if stage is not None:
                stage(i, "looking for why there is no schedule")
            why = explain_no_schedule(
                program, answer.status, max(options.time_limit / 2, 5.0), options.workers or 2
            )
        answers.append(Funded(path, title, program, answer, why))
    return answers


__all__ = [
    "Funded",
    "FundingAnswer",
    "Milestone",
    "answer_funding",
    "fund",
    "load_funding",
    "solve_scenarios",
]
