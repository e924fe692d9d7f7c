"""Solve a base program file and scenario files, then compare them (``planner compare``).

The base is solved once and verified (or a given baseline schedule, e.g. the approved plan,
is checked and used as it is). Each scenario file is loaded with that schedule as its
baseline (so slips are measured from it) and replanned with minimal disruption
(:func:`planner.workflows.replan.replan_program`), its warm start seeded with the schedules of the
scenarios before it; a program file given as a scenario is replanned against the base schedule
the same way. Every schedule is verified by the independent checker before
:func:`planner.analysis.comparison.compare.compare` sets them side by side. A scenario whose changed program
has no schedule is explained (:func:`planner.analysis.explanations.no_schedule.explain_no_schedule`, half of the
solve's time limit): the funding missing, the minimal conflict and the priced ways out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.analysis.comparison.compare import BASE, Comparison
from planner.analysis.comparison.compare import compare as compare_schedules
from planner.analysis.explanations.no_schedule import NoSchedule, explain_no_schedule
from planner.check import check
from planner.errors import InputError
from planner.io.program_file import parse_program, read_document
from planner.io.scenario_file import is_scenario
from planner.models import Program, Schedule
from planner.models.scenario import Change
from planner.scenarios.load import load_scenario
from planner.solvers import Progress, SolveOptions
from planner.solvers.stability import Stability
from planner.workflows.replan import NoBaseline, replan_program, solve_baseline

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """What :func:`compare` is doing, for progress displays: the file and the solver's report."""

    file: str
    index: int
    total: int
    solver: Progress | None = None


@dataclass(frozen=True)
class ComparedFiles:
    """A comparison and what the caller may want to tell the user about it.

    Attributes
    ----------
    comparison
        The comparison of the base and every scenario.
    notes
        Remarks on the inputs, e.g. a scenario whose base is another program than ``BASE``.
    reasons
        Why a scenario has no schedule, by scenario name (the comparison's results carry the
        explanation: the funding missing, the minimal conflict and the priced ways out).
    """

    comparison: Comparison
    notes: tuple[str, ...] = ()
    reasons: dict[str, str] | None = None


def _unique(name: str, taken: set[str], path: Path) -> str:
    candidate = name if name != BASE else f"{name} ({path.stem})"
    if candidate in taken:
        candidate = f"{name} ({path.stem})"
    n = 2
    while candidate in taken:
        candidate, n = f"{name} ({path.stem} {n})", n + 1
    taken.add(candidate)
    return candidate


def compare(
    base: str | Path,
    scenarios: Sequence[str | Path],
    options: SolveOptions | None = None,
    progress: Callable[[Step], None] | None = None,
    baseline: Schedule | None = None,
) -> ComparedFiles:
    """Solve ``base`` and every scenario, verify each schedule, and compare them.

    Parameters
    ----------
    base
        The base program file.
    scenarios
        Scenario files (or program files) to compare with the base.
    options
        Options of every solve.
    progress
        Called when a file starts and with every improving schedule.
    baseline
        A schedule of ``base`` to compare against (e.g. the approved plan) instead of solving it.
        It is checked, and compared as it is even when it breaks rules (a plan edited by hand
        may overload people: the comparison shows which overloads each scenario avoids); the
        notes list what it breaks.

    Returns
    -------
    ComparedFiles
        The comparison, notes on the inputs and the reasons scenarios have no schedule.

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read or is invalid (the message names the file, the change and the
        closest valid name).
    NoBaseline
        The base program has no schedule (infeasible, or none found in the time limit).
    ScheduleInvalid
        A schedule breaks a rule: a defect of the planner.
    """
    total = len(scenarios) + 1

    def reporter(path: str | Path, index: int) -> Callable[[Progress], None] | None:
        if progress is None:
            return None
        progress(Step(str(path), index, total))
        return lambda p: progress(Step(str(path), index, total, p))

    base_path = Path(base)
    document, lines = read_document(base_path)
    if is_scenario(document):
        raise InputError(
            f"{base_path}: the base must be a program file, and this is a scenario; "
            "give its program as BASE and the scenario after it"
        )
    base_program = parse_program(document, source=str(base_path), lines=lines)
    notes: list[str] = []
    if baseline is None:
        base_schedule = solve_baseline(base_program, options, reporter(base_path, 0))
    else:
        base_schedule = baseline
        if not baseline.has_plan:
            raise NoBaseline(
                f"the baseline of {base_program.name} has no plan (status {baseline.status.value})"
            )
        broken = check(base_program, baseline)
        if broken:
            shown = "; ".join(v.message for v in broken[:3])
            notes.append(
                f"the baseline breaks {len(broken)} rule(s) of {base_path} and is compared as it is: "
                f"{shown}{' ...' if len(broken) > 3 else ''}"
            )
    entries: list[tuple[str, Program, Schedule]] = []
    written: dict[str, tuple[Change, ...]] = {}
    reasons: dict[str, str] = {}
    explained: dict[str, NoSchedule] = {}
    taken: set[str] = set()
    for i, item in enumerate(scenarios, start=1):
        path = Path(item)
        show = reporter(path, i)
        document, lines = read_document(path)
        if is_scenario(document):
            resolved = load_scenario(path, base_schedule)
            if resolved.chain[0].resolve() != base_path.resolve():
                notes.append(
                    f"{path} is based on {resolved.chain[0]}, not on {base_path}; "
                    f"it is compared with {base_path} anyway"
                )
            name, program, origin = resolved.scenario.name, resolved.program, resolved.base_program
            baseline = resolved.baseline or base_schedule
            stability = Stability(budget=resolved.disruption_budget, pin=resolved.pin)
            changes: tuple[Change, ...] = resolved.changes
        else:
            program = parse_program(document, source=str(path), lines=lines)
            name, origin, baseline, stability = program.name, base_program, base_schedule, Stability()
            changes = ()
        # the schedules found so far seed this one's warm start (scenarios share what they found)
        seeds = [schedule for _, _, schedule in entries if schedule.has_plan]
        result = replan_program(program, baseline, options, stability, show, base_program=origin, seeds=seeds)
        name = _unique(name, taken, path)
        if changes and origin == base_program:  # their words hold only over the same program
            written[name] = changes
        if result.reason:
            reasons[name] = result.reason
        if not result.schedule.has_plan and result.headline is None:  # the scenario itself has no schedule
            why = explain_no_schedule(
                program,
                result.schedule.status,
                _explain_time(options),
                (options.workers if options else 0) or 2,
            )
            explained[name] = why
            reasons[name] = f"{result.reason}: {why.message}" if result.reason else why.message
        entries.append((name, program, result.schedule))
        logger.info("%s: %s", name, result.schedule.status.value)
    return ComparedFiles(
        compare_schedules((base_program, base_schedule), entries, written, explained), tuple(notes), reasons
    )


def _explain_time(options: SolveOptions | None) -> float:
    """Seconds to explain a scenario without a schedule: half its solve's time limit, at least 5."""
    return max((options or SolveOptions()).time_limit / 2, 5.0)


__all__ = ["ComparedFiles", "Step", "compare"]
