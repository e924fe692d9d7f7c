"""Replan against a baseline with minimal disruption: a what-if asked of a program (``planner whatif``,
the API's what-if jobs) or a scenario file (``planner solve-scenario``), with the report a reader
needs to check it.

The one place where a changed program meets the solver as a replan: solve the base program when
there is no baseline yet (:func:`solve_baseline`), solve the changed program with the stability
tiers (:func:`replan_program`), verify both schedules with the independent checker, measure the
disruption (:mod:`planner.analysis.comparison.disruption`), and say in words why there is no schedule when
there is none (the changed program itself, or only the budget or the pins). Around it, what the
use cases need: the changes read from their shorthand, the pins checked, and the report
(:class:`planner.workflows.replan_report.ReplanReport`: changes as written, the baseline's hash,
every milestone before and after with the chain that carried its slip, and why there is no
schedule, explained in half the time limit). Applying the changes and loading scenario files is
:mod:`planner.scenarios`.

Examples
--------
>>> result = replan("scenarios/bank/payments-slips-two-weeks.yaml",
...                 SolveOptions(time_limit=30, workers=2))  # doctest: +SKIP
>>> result.disruption.moved, result.disruption.total_shift  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner.analysis.comparison.compare import compare
from planner.analysis.comparison.disruption import Disruption, disruption, schedule_fingerprint
from planner.analysis.explanations.no_schedule import explain_no_schedule
from planner.analysis.facts.summary import Summary, summarize
from planner.check import Violation, check, verify
from planner.errors import InputError, PlannerError, Problem, ProgramInvalid
from planner.io.program_file import parse_program, read_document
from planner.io.scenario_file import is_scenario
from planner.models import Program, Schedule, SolveStatus
from planner.models.scenario import Change
from planner.models.validation import closest
from planner.scenarios import shorthand
from planner.scenarios.apply import apply_changes
from planner.scenarios.changes.text import target_of
from planner.scenarios.load import ResolvedScenario, load_scenario
from planner.solvers import Progress, SolveOptions, solve
from planner.solvers.stability import Stability
from planner.workflows.replan_report import BaselineRef, MilestoneChange, ReplanReport, applied_changes

logger = logging.getLogger(__name__)

ProgressFn = Callable[[Progress], None] | None
StageFn = Callable[[str], None] | None


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


def solve_baseline(
    program: Program, options: SolveOptions | None = None, progress: ProgressFn = None
) -> Schedule:
    """Solve ``program`` as the baseline of a replan, and verify the schedule.

    Raises
    ------
    NoBaseline
        The program has no schedule (infeasible, or none found in the time limit).
    """
    schedule = solve(program, options, progress)
    verify(program, schedule)
    if not schedule.has_plan:
        raise NoBaseline(
            f"{program.name}: the base program is {schedule.status.value}, so there is no "
            "baseline to replan against"
        )
    return schedule


def replan_program(
    program: Program,
    baseline: Schedule,
    options: SolveOptions | None = None,
    stability: Stability | None = None,
    progress: ProgressFn = None,
    base_program: Program | None = None,
    baseline_source: str = "given",
    seeds: Sequence[Schedule] = (),
) -> Replan:
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
    result = Replan(
        program=program,
        base_program=base_program or program,
        baseline=baseline,
        baseline_source=baseline_source,
        schedule=schedule,
        stability=stability,
    )
    if schedule.has_plan:
        found = disruption(baseline, schedule, program)
        logger.info(
            "replan of %s: %d tasks moved, %d working days in total",
            program.name,
            found.moved,
            found.total_shift,
        )
        return replace(result, disruption=found)
    reason, headline = _why_not(program, baseline, options, stability, schedule.status)
    return replace(result, reason=reason, headline=headline)


def _why_not(
    program: Program,
    baseline: Schedule,
    options: SolveOptions | None,
    stability: Stability,
    status: SolveStatus,
) -> tuple[str, str | None]:
    """Why the replan found no schedule, and the headline when only the budget or pins are to blame.

    Tries again without the budget (keeping the pins), then without both. The headline replaces
    the summary's "infeasible: the commitments cannot all hold together", which would be wrong
    when the changed program alone has a schedule; it is ``None`` otherwise.
    """
    if status is SolveStatus.UNKNOWN:
        return (
            "no schedule found within the time limit (and no proof that none exists); allow more time",
            None,
        )
    pins = f" with {', '.join(stability.pin)} pinned" if stability.pin else ""
    budget = (
        f"the disruption budget of {stability.budget} moved task{'s' if stability.budget != 1 else ''}"
        if stability.budget is not None
        else ""
    )
    tries: list[tuple[Stability, str, str, str]] = []
    if stability.budget is not None:
        tries.append(
            (
                Stability(pin=stability.pin),
                f"no schedule moves at most {stability.budget} tasks{pins}",
                "the budget",
                f"no schedule within {budget}{pins}; without the budget",
            )
        )
    if stability.pin:
        within = f" within a budget of {stability.budget} moved tasks" if stability.budget is not None else ""
        what = f"the pinned work ({', '.join(stability.pin)}) cannot all keep its baseline starts{within}"
        headline = (
            f"no schedule within {budget} and the pins; without them"
            if budget
            else f"no schedule keeps the pinned work ({', '.join(stability.pin)}) at its baseline starts; "
            "without the pins"
        )
        tries.append((Stability(), what, "the budget and the pins" if within else "the pins", headline))
    for relaxed, what, dropped, headline in tries:
        schedule = solve(program, options, baseline=baseline, stability=relaxed)
        verify(program, schedule)
        if schedule.has_plan:
            moved = disruption(baseline, schedule, program)
            tasks = f"{moved.moved} task{'s' if moved.moved != 1 else ''}"
            return (
                (
                    f"{what}; without {dropped} the replan moves {moved.moved} tasks by "
                    f"{moved.total_shift} working days in total"
                ),
                f"{headline} the replan moves {tasks} ({moved.total_shift} working days of shift in total)",
            )
    if tries:
        return (
            "the scenario's commitments cannot all hold together, even without the disruption "
            "budget and the pins"
        ), None
    return "the scenario's commitments cannot all hold together", None


def check_pins(
    program: Program, pins: Sequence[str], option: str = "pin", baseline: Schedule | None = None
) -> None:
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
            raise InputError(
                f"{option} {ref}: unknown task or project{closest(ref, [*program.tasks, *projects])}"
            )
        if placed is not None and ref in program.tasks and ref not in placed:
            raise InputError(f"{option} {ref}: not in the baseline schedule, so it has no start to keep")


def solve_scenario(
    path: str | Path,
    options: SolveOptions | None = None,
    progress: ProgressFn = None,
    baseline: Schedule | None = None,
    budget: int | None = None,
    pin: Sequence[str] = (),
    pin_option: str = "pin",
) -> Replan:
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
    stability = Stability(
        budget if budget is not None else resolved.disruption_budget,
        tuple(dict.fromkeys((*resolved.pin, *pin))),
    )
    assert resolved.baseline is not None
    result = replan_program(
        resolved.program,
        resolved.baseline,
        options,
        stability,
        progress,
        base_program=resolved.base_program,
        baseline_source=source,
    )
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


def replan_changes(
    start: Program,
    changes: Sequence[Change],
    labels: Sequence[str] = (),
    options: SolveOptions | None = None,
    progress: ProgressFn = None,
    baseline: Schedule | None = None,
    stability: Stability | None = None,
    source: str | None = None,
    seeds: Sequence[Schedule] = (),
) -> Replan:
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
    seeds
        Schedules of other scenarios solved alongside, tried as starts
        (:func:`planner.solvers.solve.solve`).

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
    return replan_program(
        program,
        baseline,
        options,
        stability,
        progress,
        base_program=start,
        baseline_source=origin,
        seeds=seeds,
    )


def _relabel(problem: Problem, labels: Sequence[str]) -> Problem:
    index = problem.path[1] if len(problem.path) > 1 else None
    if isinstance(index, int) and index < len(labels):
        return Problem(path=problem.path, where=labels[index], message=problem.message, line=problem.line)
    return problem


def replan_report(
    result: Replan,
    changes: Sequence[Change],
    written: Sequence[object] = (),
    sources: Sequence[str | Path] = (),
    name: str = "what-if",
    baseline_source: str | None = None,
    explain_time: float = 10.0,
    workers: int = 2,
) -> ReplanReport:
    """Gather what a reader needs to check ``result``, and explain it when there is no schedule.

    Parameters
    ----------
    result
        The replan.
    changes
        The changes applied to ``result.base_program`` (the whole chain for a scenario).
    written
        The same changes as written (command-line texts, or the scenario files' items).
    sources
        The file each change comes from.
    name
        The scenario's name.
    baseline_source
        Where the baseline came from, in words (default: ``result.baseline_source``).
    explain_time
        Rough seconds to explain a changed program that has no schedule (a share of the user's
        time limit); not spent when there is a schedule, or when only the disruption budget or
        the pins stand in the way (:attr:`Replan.reason` says so).
    workers
        CP-SAT workers for that explanation.
    """
    schedule, program = result.schedule, result.program
    violations = tuple(v.message for v in check(program, schedule)) if schedule.has_plan else ()
    comparison = compare((result.base_program, result.baseline), [(name, program, schedule)], {name: changes})
    causes = {c.milestone: c for c in comparison.scenario(name).causes}
    milestones = []
    for row in comparison.dates:
        if row.kind == "program" or (row.deadline is None and row.target is None):
            continue
        delta = row.delta(name)
        cause = causes.get(row.key)
        milestones.append(
            MilestoneChange(
                kind=row.kind,
                key=row.key,
                name=row.name,
                deadline=row.deadline,
                target=row.target,
                baseline=row.base,
                date=delta.date,
                working_days=delta.working_days,
                calendar_days=delta.calendar_days,
                origin=cause.origin if cause else None,
                chain=cause.text if cause else None,
                tasks=tuple(step.task for step in reversed(cause.steps)) if cause else (),
            )
        )
    no_schedule = None
    if not schedule.has_plan and (schedule.status is SolveStatus.UNKNOWN or result.headline is None):
        no_schedule = explain_no_schedule(program, schedule.status, explain_time, workers)
    baseline = result.baseline
    return ReplanReport(
        scenario=name,
        status=schedule.status,
        changes=applied_changes(changes, written, sources),
        baseline=BaselineRef(
            source=baseline_source or result.baseline_source,
            fingerprint=schedule_fingerprint(baseline),
            tasks=len(baseline.tasks),
            finish=max((t.finish for t in baseline.tasks), default=None),
        ),
        verified=schedule.has_plan and not violations,
        violations=violations,
        disruption=result.disruption,
        milestones=tuple(milestones),
        reason=result.reason,
        no_schedule=no_schedule,
    )


@dataclass(frozen=True)
class Replanned:
    """A replan and its report.

    Attributes
    ----------
    result
        The replan: the changed program, the baseline and where it came from, the checked
        schedule, the disruption, and why there is no schedule (:class:`Replan`).
    report
        What a reader needs to check it: the changes as written, the baseline's hash, every
        milestone and project with a deadline or target before and after, and why there is no
        schedule (:class:`planner.workflows.replan_report.ReplanReport`).
    """

    result: Replan
    report: ReplanReport

    @property
    def program(self) -> Program:
        """The changed program that was solved."""
        return self.result.program

    @property
    def schedule(self) -> Schedule:
        """The replanned schedule (no tasks when there is none)."""
        return self.result.schedule

    @property
    def baseline(self) -> Schedule:
        """The schedule the replan stayed close to."""
        return self.result.baseline

    @property
    def disruption(self) -> Disruption | None:
        """Tasks moved and total shift against the baseline (``None`` without a schedule)."""
        return self.result.disruption

    @property
    def has_plan(self) -> bool:
        """Whether the replan has a schedule."""
        return self.result.schedule.has_plan

    def summary(self) -> Summary:
        """The replanned schedule's summary (headed by why there is none when only the budget or
        the pins stand in the way)."""
        return self.result.summary()

    def violations(self) -> list[Violation]:
        """The rules the replanned schedule breaks (none unless the planner has a defect)."""
        return check(self.result.program, self.result.schedule)

    def baseline_violations(self) -> list[Violation]:
        """The rules the baseline breaks in its program (none when it was solved for this replan)."""
        if self.result.baseline_source == "solved":
            return []
        return check(self.result.base_program, self.result.baseline)


def _report(
    result: Replan,
    changes: Sequence[Change],
    written: Sequence[object],
    sources: Sequence[Path],
    name: str,
    baseline_source: str | None,
    options: SolveOptions,
    explain_time: float | None,
    stage: StageFn,
) -> ReplanReport:
    """The replan's report; a changed program without a schedule is explained in ``explain_time``
    seconds (default: half the time limit, at least 5)."""
    if stage is not None and not result.schedule.has_plan and result.headline is None:
        stage("looking for why there is no schedule ...")
    return replan_report(
        result,
        changes,
        written,
        sources,
        name,
        baseline_source,
        explain_time=explain_time if explain_time is not None else max(options.time_limit / 2, 5.0),
        workers=options.workers or 2,
    )


def whatif(
    program: Program,
    changes: Sequence[Change],
    labels: Sequence[str] = (),
    options: SolveOptions | None = None,
    progress: ProgressFn = None,
    baseline: Schedule | None = None,
    budget: int | None = None,
    pin: Sequence[str] = (),
    source: str | None = None,
    written: Sequence[object] | None = None,
    baseline_source: str | None = None,
    explain_time: float | None = None,
    stage: StageFn = None,
) -> Replanned:
    """Apply one-off ``changes`` to ``program`` and replan it with minimal disruption.

    Parameters
    ----------
    program
        The program asked about.
    changes
        The changes (scenario change models).
    labels
        How each change was written on the command line (``--slip payments=2w``), for messages.
    options
        Time limit, workers and seed of each solve.
    progress
        Called with every improving schedule.
    baseline
        The schedule to stay close to; without one ``program`` is solved first as the baseline.
    budget, pin
        At most ``budget`` tasks may move; tasks or projects in ``pin`` keep their baseline starts.
    source
        The file ``program`` came from, for messages.
    written
        The changes as written, for the report (default: ``labels``).
    baseline_source
        Where the baseline came from, in words, for the report (default: ``given`` or ``solved``).
    explain_time
        Seconds to explain a changed program without a schedule (default: half the time limit,
        at least 5).
    stage
        Called with a short description when that explanation starts.

    Raises
    ------
    ProgramInvalid
        A change names something unknown or cannot apply.
    NoBaseline
        No baseline is given and ``program`` has no schedule.
    ScheduleInvalid
        A schedule breaks a rule (a planner bug).
    """
    options = options or SolveOptions()
    result = replan_changes(
        program,
        changes,
        labels,
        options,
        progress,
        baseline,
        Stability(budget=budget, pin=tuple(pin)),
        source=source,
    )
    report = _report(
        result,
        changes,
        labels if written is None else written,
        (),
        "what-if",
        baseline_source,
        options,
        explain_time,
        stage,
    )
    return Replanned(result, report)


def whatif_file(
    path: str | Path,
    slip: Sequence[str] = (),
    stretch: Sequence[str] = (),
    duration: Sequence[str] = (),
    capacity: Sequence[str] = (),
    leave: Sequence[str] = (),
    options: SolveOptions | None = None,
    progress: ProgressFn = None,
    baseline: Schedule | None = None,
    budget: int | None = None,
    pin: Sequence[str] = (),
    baseline_source: str | None = None,
    stage: StageFn = None,
) -> Replanned:
    """A what-if asked in shorthand of a program file (or of a scenario file, its changes applied).

    Parameters
    ----------
    path
        A program or scenario file.
    slip, stretch, duration, capacity, leave
        The changes in shorthand (``payments=2w``, ``migration.data_mapping=50%``,
        ``developer=-2@2027-06-01..2027-08-31``, ``priya@2027-03-01..2027-04-30``;
        :func:`planner.scenarios.shorthand.changes`), applied in this order. A person's
        ``--stretch NAME=P%`` counts the tasks the baseline staffs with them, as a ``--slip`` of
        the person does: without ``baseline``, the program is solved first to give one.
    options, progress, baseline, budget, pin, baseline_source, stage
        As for :func:`whatif`.

    Raises
    ------
    InputError
        No change is given, a pin names nothing of the program, or a shorthand cannot be read.
    ProgramInvalid, NoBaseline, ScheduleInvalid
        As for :func:`whatif`.
    """
    program = load_start(path, baseline)
    check_pins(program, pin, "--pin", baseline)
    solved = baseline is None and _stretches_a_person(program, stretch)
    if solved:  # a person's work includes the tasks the baseline staffs with them: solve it first
        shorthand.changes(
            program, slip, (), duration, capacity, leave
        )  # a typo should not wait for the solve
        options = options or SolveOptions()
        baseline = solve_baseline(program, options, progress)
        baseline_source = baseline_source or "solved"
    changes, labels = shorthand.changes(program, slip, stretch, duration, capacity, leave, baseline=baseline)
    if not changes:
        raise InputError("give at least one change: --slip, --stretch, --duration, --capacity or --leave")
    replanned = whatif(
        program,
        changes,
        labels,
        options,
        progress,
        baseline,
        budget,
        pin,
        source=str(path),
        baseline_source=baseline_source,
        stage=stage,
    )
    return (
        Replanned(replace(replanned.result, baseline_source="solved"), replanned.report)
        if solved
        else replanned
    )


def _stretches_a_person(program: Program, stretch: Sequence[str]) -> bool:
    """Whether a ``--stretch NAME=P%`` names a person (whose work depends on the baseline's staffing)."""
    for text in stretch:
        name, _, amount = text.partition("=")
        if amount.rstrip().endswith("%") and "." not in name.strip():
            try:
                if target_of(program, "--stretch", text, name.strip()) == "person":
                    return True
            except InputError:
                continue
    return False


def replan(
    scenario: str | Path,
    options: SolveOptions | None = None,
    progress: ProgressFn = None,
    baseline: Schedule | None = None,
    budget: int | None = None,
    pin: Sequence[str] = (),
    pin_option: str = "pin",
    baseline_source: str | None = None,
    explain_time: float | None = None,
    stage: StageFn = None,
) -> Replanned:
    """Replan a scenario file against its baseline with minimal disruption, with its report.

    Parameters
    ----------
    scenario, options, progress, baseline, budget, pin, pin_option
        As for :func:`solve_scenario` (``scenario`` is its ``path``; its chain of bases is
        followed to the program).
    baseline_source
        Where ``baseline`` came from, in words, for the report (default: the baseline file the
        scenario names, or "the base program, solved first").
    explain_time
        Seconds to explain a changed program without a schedule (default: half the time limit,
        at least 5).
    stage
        Called with a short description when that explanation starts.

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read, the scenario is invalid, or ``pin`` names something unknown.
    NoBaseline
        No baseline is given and the root program has no schedule.
    ScheduleInvalid
        A schedule breaks a rule (a planner bug).
    """
    options = options or SolveOptions()
    result = solve_scenario(scenario, options, progress, baseline, budget, pin, pin_option=pin_option)
    resolved = result.scenario
    assert resolved is not None
    if baseline_source is None:
        baseline_source = (
            "the base program, solved first" if result.baseline_source == "solved" else result.baseline_source
        )
    report = _report(
        result,
        resolved.changes,
        resolved.written,
        resolved.sources,
        resolved.scenario.name,
        baseline_source,
        options,
        explain_time,
        stage,
    )
    return Replanned(result, report)


__all__ = [
    "NoBaseline",
    "Replan",
    "Replanned",
    "check_pins",
    "load_start",
    "replan",
    "replan_changes",
    "replan_program",
    "replan_report",
    "solve_baseline",
    "solve_scenario",
    "whatif",
    "whatif_file",
]
