"""Replan against a baseline with minimal disruption: a what-if asked of a program (``planner whatif``,
the API's what-if jobs) or a scenario file (``planner solve-scenario``), with the report a reader
needs to check it.

The replan itself (solve with the stability tiers, verify, measure the disruption, say why there
is no schedule) is :mod:`planner.scenarios.replan`; this module adds what the use case needs
around it: the changes read from their shorthand, the pins checked, and the report (changes as
written, the baseline's hash, every milestone before and after with the chain that carried its
slip, and why there is no schedule, explained in half the time limit).

Examples
--------
>>> result = replan("scenarios/bank/payments-slips-two-weeks.yaml",
...                 SolveOptions(time_limit=30, workers=2))  # doctest: +SKIP
>>> result.disruption.moved, result.disruption.total_shift  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.analysis.disruption import Disruption
from planner.analysis.summary import Summary
from planner.check import Violation, check
from planner.errors import InputError
from planner.models import Program, Schedule
from planner.models.scenario import Change
from planner.scenarios import replan as replanning
from planner.scenarios import shorthand
from planner.scenarios.report import ReplanReport, replan_report
from planner.solvers import Progress, SolveOptions
from planner.solvers.stability import Stability

logger = logging.getLogger(__name__)

ProgressFn = Callable[[Progress], None] | None
StageFn = Callable[[str], None] | None


@dataclass(frozen=True)
class Replanned:
    """A replan and its report.

    Attributes
    ----------
    result
        The replan: the changed program, the baseline and where it came from, the checked
        schedule, the disruption, and why there is no schedule (:class:`planner.scenarios.replan.Replan`).
    report
        What a reader needs to check it: the changes as written, the baseline's hash, every
        milestone and project with a deadline or target before and after, and why there is no
        schedule (:class:`planner.scenarios.report.ReplanReport`).
    """

    result: replanning.Replan
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


def _report(result: replanning.Replan, changes: Sequence[Change], written: Sequence[object],
            sources: Sequence[Path], name: str, baseline_source: str | None, options: SolveOptions,
            explain_time: float | None, stage: StageFn) -> ReplanReport:
    """The replan's report; a changed program without a schedule is explained in ``explain_time``
    seconds (default: half the time limit, at least 5)."""
    if stage is not None and not result.schedule.has_plan and result.headline is None:
        stage("looking for why there is no schedule ...")
    return replan_report(result, changes, written, sources, name, baseline_source,
                         explain_time=explain_time if explain_time is not None else max(options.time_limit / 2, 5.0),
                         workers=options.workers or 2)


def whatif(program: Program, changes: Sequence[Change], labels: Sequence[str] = (),
           options: SolveOptions | None = None, progress: ProgressFn = None, baseline: Schedule | None = None,
           budget: int | None = None, pin: Sequence[str] = (), source: str | None = None,
           written: Sequence[object] | None = None, baseline_source: str | None = None,
           explain_time: float | None = None, stage: StageFn = None) -> Replanned:
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
    result = replanning.what_if(program, changes, labels, options, progress, baseline,
                                Stability(budget=budget, pin=tuple(pin)), source=source)
    report = _report(result, changes, labels if written is None else written, (), "what-if", baseline_source,
                     options, explain_time, stage)
    return Replanned(result, report)


def whatif_file(path: str | Path, slip: Sequence[str] = (), stretch: Sequence[str] = (),
                duration: Sequence[str] = (), capacity: Sequence[str] = (), leave: Sequence[str] = (),
                options: SolveOptions | None = None, progress: ProgressFn = None,
                baseline: Schedule | None = None, budget: int | None = None, pin: Sequence[str] = (),
                baseline_source: str | None = None, stage: StageFn = None) -> Replanned:
    """A what-if asked in shorthand of a program file (or of a scenario file, its changes applied).

    Parameters
    ----------
    path
        A program or scenario file.
    slip, stretch, duration, capacity, leave
        The changes in shorthand (``payments=2w``, ``migration.data_mapping=50%``,
        ``developer=-2@2027-06-01..2027-08-31``, ``priya@2027-03-01..2027-04-30``;
        :func:`planner.scenarios.shorthand.changes`), applied in this order.
    options, progress, baseline, budget, pin, baseline_source, stage
        As for :func:`whatif`.

    Raises
    ------
    InputError
        No change is given, a pin names nothing of the program, or a shorthand cannot be read.
    ProgramInvalid, NoBaseline, ScheduleInvalid
        As for :func:`whatif`.
    """
    program = replanning.load_start(path, baseline)
    replanning.check_pins(program, pin, "--pin", baseline)
    changes, labels = shorthand.changes(program, slip, stretch, duration, capacity, leave)
    if not changes:
        raise InputError("give at least one change: --slip, --stretch, --duration, --capacity or --leave")
    return whatif(program, changes, labels, options, progress, baseline, budget, pin, source=str(path),
                  baseline_source=baseline_source, stage=stage)


def replan(scenario: str | Path, options: SolveOptions | None = None, progress: ProgressFn = None,
           baseline: Schedule | None = None, budget: int | None = None, pin: Sequence[str] = (),
           pin_option: str = "pin", baseline_source: str | None = None, explain_time: float | None = None,
           stage: StageFn = None) -> Replanned:
    """Replan a scenario file against its baseline with minimal disruption.

    Parameters
    ----------
    scenario
        The scenario file (its chain of bases is followed to the program).
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
    result = replanning.solve_scenario(scenario, options, progress, baseline, budget, pin, pin_option=pin_option)
    resolved = result.scenario
    assert resolved is not None
    if baseline_source is None:
        baseline_source = ("the base program, solved first" if result.baseline_source == "solved"
                           else result.baseline_source)
    report = _report(result, resolved.changes, resolved.written, resolved.sources, resolved.scenario.name,
                     baseline_source, options, explain_time, stage)
    return Replanned(result, report)


__all__ = ["Replanned", "replan", "whatif", "whatif_file"]
