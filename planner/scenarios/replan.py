"""Replan a changed program against a baseline with minimal disruption, every schedule checked.

The one place where a scenario meets the solver: solve the base program when there is no
baseline yet, solve the scenario with the stability tiers, verify both schedules with the
independent checker, measure the disruption, and say in words why there is no schedule when
there is none (the scenario itself, or only the budget or the pins).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner.analysis.disruption import Disruption, disruption
from planner.analysis.summary import Summary, summarize
from planner.check import verify
from planner.errors import InputError, PlannerError, Problem, ProgramInvalid
from planner.io.program_file import parse_program, read_document
from planner.io.scenario_file import is_scenario
from planner.models import Program, Schedule, SolveStatus
from planner.models.scenario import Change
from planner.models.validation import closest
from planner.scenarios.apply import apply_changes
from planner.scenarios.load import ResolvedScenario, load_scenario
from planner.solvers import Progress, SolveOptions, solve
from planner.solvers.stability import Stability

logger = logging.getLogger(__name__)

ProgressFn = Callable[[Progress], None] | None


class NoBaseline(PlannerError):
    """The base program has no schedule to replan against (infeasible, or none found in time)."""


@dataclass(frozen=True)
class Replan:
    """A scenario solved against its baseline.

    Parameters
    ----------
    program
        The changed program that was solved.
    base_program
        The program the baseline plans.
    baseline
        The schedule the replan stays close to.
    baseline_source
        Where the baseline came from: a file, or ``"solved"`` when it was solved for this run.
    schedule
        The checked schedule of ``program`` (status infeasible or unknown: no tasks).
    stability
        The budget and pins the replan kept to.
    disruption
        Tasks moved and total shift against the baseline (``None`` without a schedule).
    reason
        Why there is no schedule, in words (``None`` with a schedule).
    scenario
        The resolved scenario, when the replan came from a scenario file.
    headline
        When there is no schedule only because of the disruption budget or the pins (the
        changed program alone has one): that, in words, to head the summary instead of
        "infeasible: the commitments cannot all hold together"; ``None`` otherwise.
    """

    program: Program
    base_program: Program
    baseline: Schedule
    baseline_source: str
    schedule: Schedule
    stability: Stability
    disruption: Disruption | None = None
    reason: str | None = None
    scenario: ResolvedScenario | None = None
    headline: str | None = None

    def summary(self) -> Summary:
        """The summary of the replanned schedule, headed by :attr:`headline` when there is one."""
        summary = summarize(self.program, self.schedule)
        return summary.model_copy(update={"quality": self.headline}) if self.headline else summary


def solve_baseline(program: Program, options: SolveOptions | None = None,
                   progress: ProgressFn = None) -> Schedule:
    """Solve ``program`` as the baseline of a replan, and verify the schedule.

    Raises
    ------
    NoBaseline
        The program has no schedule (infeasible, or none found in the time limit).
    """
    schedule = solve(program, options, progress)
    verify(program, schedule)
    if not schedule.has_plan:
        raise NoBaseline(f"{program.name}: the base program is {schedule.status.value}, so there is no "
                         "baseline to replan against")
    return schedule


def replan(program: Program, baseline: Schedule, options: SolveOptions | None = None,
           stability: Stability | None = None, progress: ProgressFn = None,
           base_program: Program | None = None, baseline_source: str = "given",
           seeds: Sequence[Schedule] = ()) -> Replan:
    """Solve ``program`` staying as close as the business tiers allow to ``baseline``.

    Parameters
    ----------
    program
        The changed program.
    baseline
        The schedule to stay close to (tasks it places that ``program`` lacks are ignored).
    options
        Time limit, workers and seed of the solve (the same again for each diagnosis solve).
    stability
        Disruption budget and pins.
    progress
        Called with every improving schedule.
    base_program
        The program the baseline plans (default: ``program``).
    baseline_source
        Where the baseline came from, for reports.
    seeds
        Schedules of other scenarios replanned alongside, each a candidate warm start of the
        solve (:func:`planner.solvers.solve`).

    Returns
    -------
    Replan
        The verified schedule, its disruption, or the reason there is none.
    """
    stability = stability or Stability()
    schedule = solve(program, options, progress, baseline=baseline, stability=stability, seeds=seeds)
    verify(program, schedule)
    result = Replan(program=program, base_program=base_program or program, baseline=baseline,
                    baseline_source=baseline_source, schedule=schedule, stability=stability)
    if schedule.has_plan:
        found = disruption(baseline, schedule, program)
        logger.info("replan of %s: %d tasks moved, %d working days in total", program.name, found.moved,
                    found.total_shift)
        return replace(result, disruption=found)
    reason, headline = _why_not(program, baseline, options, stability, schedule.status)
    return replace(result, reason=reason, headline=headline)


def _why_not(program: Program, baseline: Schedule, options: SolveOptions | None, stability: Stability,
             status: SolveStatus) -> tuple[str, str | None]:
    """Why the replan found no schedule, and the headline when only the budget or pins are to blame.

    Tries again without the budget (keeping the pins), then without both. The headline replaces
    the summary's "infeasible: the commitments cannot all hold together", which would be wrong
    when the changed program alone has a schedule; it is ``None`` otherwise.
    """
    if status is SolveStatus.UNKNOWN:
        return "no schedule found within the time limit (and no proof that none exists); allow more time", None
    pins = f" with {', '.join(stability.pin)} pinned" if stability.pin else ""
    budget = (f"the disruption budget of {stability.budget} moved task{'s' if stability.budget != 1 else ''}"
              if stability.budget is not None else "")
    tries: list[tuple[Stability, str, str, str]] = []
    if stability.budget is not None:
        tries.append((Stability(pin=stability.pin),
                      f"no schedule moves at most {stability.budget} tasks{pins}", "the budget",
                      f"no schedule within {budget}{pins}; without the budget"))
    if stability.pin:
        within = f" within a budget of {stability.budget} moved tasks" if stability.budget is not None else ""
        what = f"the pinned work ({', '.join(stability.pin)}) cannot all keep its baseline starts{within}"
        headline = (f"no schedule within {budget} and the pins; without them" if budget else
                    f"no schedule keeps the pinned work ({', '.join(stability.pin)}) at its baseline starts; "
                    "without the pins")
        tries.append((Stability(), what, "the budget and the pins" if within else "the pins", headline))
    for relaxed, what, dropped, headline in tries:
        schedule = solve(program, options, baseline=baseline, stability=relaxed)
        verify(program, schedule)
        if schedule.has_plan:
            moved = disruption(baseline, schedule, program)
            tasks = f"{moved.moved} task{'s' if moved.moved != 1 else ''}"
            return ((f"{what}; without {dropped} the replan moves {moved.moved} tasks by "
                     f"{moved.total_shift} working days in total"),
                    f"{headline} the replan moves {tasks} ({moved.total_shift} working days of shift in total)")
    if tries:
        return ("the scenario's commitments cannot all hold together, even without the disruption "
                "budget and the pins"), None
    return "the scenario's commitments cannot all hold together", None


def check_pins(program: Program, pins: Sequence[str], option: str = "pin",
               baseline: Schedule | None = None) -> None:
    """Refuse pins that name no task or project of ``program`` (or that ``baseline`` does not place).

    Parameters
    ----------
    program
        The program the pins are about.
    pins
        Task keys (``project.task``) or project ids.
    option
        How the pins were given, to start the message with (``--pin`` on the command line).
    baseline
        The schedule the pinned work keeps its starts from, if known.

    Raises
    ------
    InputError
        ``--pin paymnts: unknown task or project; did you mean 'payments'?``
    """
    projects = [p.id for p in program.projects]
    placed = {t.key for t in baseline.tasks} if baseline is not None and baseline.has_plan else None
    for ref in pins:
        if ref not in program.tasks and ref not in projects:
            raise InputError(f"{option} {ref}: unknown task or project"
                             f"{closest(ref, [*program.tasks, *projects])}")
        if placed is not None and ref in program.tasks and ref not in placed:
            raise InputError(f"{option} {ref}: not in the baseline schedule, so it has no start to keep")


def solve_scenario(path: str | Path, options: SolveOptions | None = None, progress: ProgressFn = None,
                   baseline: Schedule | None = None, budget: int | None = None,
                   pin: Sequence[str] = (), pin_option: str = "pin") -> Replan:
    """Load a scenario file and replan it against its baseline.

    Parameters
    ----------
    path
        The scenario file.
    options
        Time limit, workers and seed of each solve.
    progress
        Called with every improving schedule.
    baseline
        Replaces the baseline the scenario files name; when neither gives one, the root program
        is solved first and its schedule is the baseline.
    budget, pin
        Override the scenario's disruption budget; add pins to its own.
    pin_option
        How ``pin`` was given, for messages (``--pin`` on the command line).

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read, the scenario is invalid, or ``pin`` names something unknown
        (checked before the base program is solved).
    NoBaseline
        No baseline is given and the root program has no schedule.
    """
    def solve_base(root: Program) -> Schedule:
        check_pins(root, pin, pin_option)  # before the solve: a typo should not wait for it
        return solve_baseline(root, options, progress)

    resolved = load_scenario(path, baseline, solve_base)
    check_pins(resolved.program, pin, pin_option, baseline if baseline is not None else resolved.baseline)
    if baseline is not None:
        resolved, source = replace(resolved, baseline=baseline), "given"
    else:
        source = str(resolved.baseline_file) if resolved.baseline_file else "solved"
    stability = Stability(budget if budget is not None else resolved.disruption_budget,
                          tuple(dict.fromkeys((*resolved.pin, *pin))))
    assert resolved.baseline is not None
    result = replan(resolved.program, resolved.baseline, options, stability, progress,
                    base_program=resolved.base_program, baseline_source=source)
    return replace(result, scenario=resolved)


def load_start(path: str | Path, baseline: Schedule | None = None) -> Program:
    """The program a what-if starts from: a program file's, or a scenario file's after its changes.

    Parameters
    ----------
    path
        A program file or a scenario file.
    baseline
        For a scenario whose files name no baseline: the schedule its changes are measured from.
    """
    document, lines = read_document(path)
    if is_scenario(document):
        return load_scenario(path, baseline, solve_baseline).program
    return parse_program(document, source=str(path), lines=lines)


def what_if(start: Program, changes: Sequence[Change], labels: Sequence[str] = (),
            options: SolveOptions | None = None, progress: ProgressFn = None,
            baseline: Schedule | None = None, stability: Stability | None = None,
            source: str | None = None) -> Replan:
    """Apply one-off ``changes`` to a program and replan it with minimal disruption.

    Parameters
    ----------
    start
        The program asked about (e.g. from :func:`load_start`).
    changes
        The changes, e.g. from :func:`planner.scenarios.shorthand.changes`.
    labels
        How each change was written (``--slip payments=2w``), for messages.
    options
        Time limit, workers and seed of each solve.
    progress
        Called with every improving schedule.
    baseline
        The schedule to stay close to; without one ``start`` is solved first as the baseline.
    stability
        Disruption budget and pins.
    source
        The file ``start`` came from, for messages.

    Raises
    ------
    ProgramInvalid
        A change names something unknown or cannot apply (the message shows the change as
        written and the closest valid name).
    NoBaseline
        No baseline is given and ``start`` has no schedule.
    """
    origin = "given"
    if baseline is None:
        baseline, origin = solve_baseline(start, options, progress), "solved"
    try:
        program = apply_changes(start, changes, baseline, source=source)
    except ProgramInvalid as error:
        raise ProgramInvalid([_relabel(p, labels) for p in error.problems], source=error.source) from None
    return replan(program, baseline, options, stability, progress, base_program=start, baseline_source=origin)


def _relabel(problem: Problem, labels: Sequence[str]) -> Problem:
    index = problem.path[1] if len(problem.path) > 1 else None
    if isinstance(index, int) and index < len(labels):
        return Problem(path=problem.path, where=labels[index], message=problem.message, line=problem.line)
    return problem


__all__ = ["NoBaseline", "Replan", "check_pins", "load_start", "replan", "solve_baseline", "solve_scenario", "what_if"]
