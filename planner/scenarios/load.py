"""Load a scenario file with everything it inherits: the chain of bases, the changes, the baseline.

A scenario's ``base`` is a program file or another scenario file. Loading walks the chain up to
the program, then applies each scenario's changes from the root down, each measured against the
baseline in force at its level (its own ``baseline``, else the one it inherits). Inheritance
loops are refused, naming the files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.errors import InputError, Problem, ProgramInvalid
from planner.io.locations import LineMap
from planner.io.program_file import SUFFIXES, parse_program, read_document
from planner.io.scenario_file import is_scenario, locate, parse_scenario
from planner.io.schedule_file import read_schedule
from planner.models import Program, Schedule
from planner.models.scenario import Scenario
from planner.models.validation import closest
from planner.scenarios.apply import apply_changes

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResolvedScenario:
    """A scenario with its inheritance resolved, ready to solve.

    Parameters
    ----------
    scenario
        The scenario as written in its file.
    program
        The program after every change along the chain, root first.
    base_program
        The root program the chain starts from.
    chain
        The files, the root program first and this scenario's file last.
    baseline
        The schedule to stay close to: this scenario's, else the nearest base scenario's, else
        the one given to :func:`load_scenario`; ``None`` when there is none.
    disruption_budget
        At most this many tasks may move: this scenario's, else the nearest base scenario's.
    pin
        Task and project ids kept at their baseline starts, from every scenario of the chain.
    baseline_file
        The file the baseline was read from (``None`` when it was given or there is none).
    """

    scenario: Scenario
    program: Program
    base_program: Program
    chain: tuple[Path, ...]
    baseline: Schedule | None
    disruption_budget: int | None = None
    pin: tuple[str, ...] = ()
    baseline_file: Path | None = None

    @property
    def path(self) -> Path:
        """The scenario file itself."""
        return self.chain[-1]


@dataclass(frozen=True)
class _Level:
    path: Path
    scenario: Scenario
    document: object
    lines: LineMap | None


def load_scenario(path: str | Path, baseline: Schedule | None = None,
                  solve_base: Callable[[Program], Schedule] | None = None) -> ResolvedScenario:
    """Read a scenario file, follow its bases to the program, and apply every change.

    Parameters
    ----------
    path
        The scenario file (``.yaml``, ``.yml`` or ``.json``).
    baseline
        A schedule of the root program to use when no file of the chain names a baseline
        (e.g. one just solved); slips and status dates are measured against it.
    solve_base
        Called with the root program to make that baseline when neither ``baseline`` nor any
        file of the chain gives one (e.g. a solve); not called otherwise.

    Returns
    -------
    ResolvedScenario
        The scenario, the changed program, the root program, the chain of files, the baseline
        and the replanning options.

    Raises
    ------
    InputError
        A file cannot be read.
    ProgramInvalid
        A file is not a valid scenario or program, a base or baseline file is missing, the
        scenarios inherit in a loop, or a change names something unknown or cannot apply;
        the message names the scenario file, the change and the closest valid name.
    """
    levels, root, root_path = _walk(Path(path))
    if baseline is None and solve_base is not None and not any(lv.scenario.baseline for lv in levels):
        baseline = solve_base(root)
    program, effective = root, baseline
    effective_file: Path | None = None
    budget: int | None = None
    pins: list[str] = []
    for level in reversed(levels):
        source = str(level.path)
        if level.scenario.baseline is not None:
            effective = _baseline(level, root.name)
            effective_file = level.path.parent / level.scenario.baseline
        try:
            program = apply_changes(program, level.scenario.changes, effective, source=source)
        except ProgramInvalid as error:
            raise ProgramInvalid([locate(p, level.document, level.lines) for p in error.problems],
                                 source=error.source) from None
        if level.scenario.disruption_budget is not None:
            budget = level.scenario.disruption_budget
        for k, ref in enumerate(level.scenario.pin):
            if ref not in program.tasks and ref not in {p.id for p in program.projects}:
                names = [*program.tasks, *(p.id for p in program.projects)]
                raise _invalid(level, ("pin", k), f"pin[{k}]",
                               f"unknown task or project '{ref}'{closest(ref, names)}")
            pins.append(ref)
    top = levels[0]
    logger.info("scenario %r: %d files, %d changes", top.scenario.name, len(levels) + 1,
                sum(len(level.scenario.changes) for level in levels))
    return ResolvedScenario(
        scenario=top.scenario, program=program, base_program=root,
        chain=(root_path, *(level.path for level in reversed(levels))), baseline=effective,
        disruption_budget=budget, pin=tuple(dict.fromkeys(pins)), baseline_file=effective_file,
    )


def _walk(path: Path) -> tuple[list[_Level], Program, Path]:
    """The scenarios from ``path`` up to the program (``path`` first), and the program."""
    levels: list[_Level] = []
    seen: list[Path] = []
    current = path
    while True:
        document, lines = read_document(current)
        if not is_scenario(document):
            if not levels:
                raise InputError(f"{current}: not a scenario file (a scenario names its 'base')")
            return levels, parse_program(document, source=str(current), lines=lines), current
        scenario = parse_scenario(document, source=str(current), lines=lines)
        level = _Level(current, scenario, document, lines)
        levels.append(level)
        seen.append(current.resolve())
        base = current.parent / scenario.base
        if not base.is_file():
            siblings = [p.name for p in base.parent.glob("*") if p.suffix.lower() in SUFFIXES] \
                if base.parent.is_dir() else []
            raise _invalid(level, ("base",), "base", f"no file '{scenario.base}' next to this scenario"
                                             f"{closest(base.name, siblings)}")
        if base.resolve() in seen:
            loop = " -> ".join(str(p.path) for p in levels) + f" -> {base}"
            raise _invalid(level, ("base",), "base", f"the scenarios inherit in a loop: {loop}")
        current = base


def _baseline(level: _Level, program_name: str) -> Schedule:
    file = level.path.parent / (level.scenario.baseline or "")
    try:
        return read_schedule(file, program_name)
    except InputError as error:
        raise _invalid(level, ("baseline",), "baseline", str(error)) from None


def _invalid(level: _Level, path: tuple[str | int, ...], where: str, message: str) -> ProgramInvalid:
    problem = locate(Problem(path=path, where=where, message=message), level.document, level.lines)
    return ProgramInvalid([problem], source=str(level.path))


__all__ = ["ResolvedScenario", "load_scenario"]
