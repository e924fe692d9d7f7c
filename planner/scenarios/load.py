"""Load a scenario file with everything it inherits: the chain of bases, the changes, the baseline.

A scenario's ``base`` is a program file or another scenario file. Loading walks the chain up to
the program, then applies each scenario's changes from the root down, each measured against the
baseline in force at its level (its own ``baseline``, else the one it inherits). Inheritance
loops are refused, naming the files.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from planner.errors import InputError, Problem, ProgramInvalid
from planner.io.locations import LineMap
from planner.io.program_file import SUFFIXES, parse_program, read_document
from planner.io.scenario_file import is_scenario, locate, parse_scenario, salvage
from planner.io.schedule_file import read_schedule
from planner.models import Program, Schedule
from planner.models.scenario import Change, Scenario
from planner.models.validation import closest
from planner.scenarios.apply import apply_changes
from planner.scenarios.changes import Names, needs_baseline

_SIBLINGS_SHOWN = 8

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
    changes
        Every change along the chain, root first (this scenario's own last), as written.
    written
        The same changes exactly as their files hold them (plain data, JSON-ready).
    sources
        The scenario file each change comes from.
    """

    scenario: Scenario
    program: Program
    base_program: Program
    chain: tuple[Path, ...]
    baseline: Schedule | None
    disruption_budget: int | None = None
    pin: tuple[str, ...] = ()
    baseline_file: Path | None = None
    changes: tuple[Change, ...] = ()
    written: tuple[object, ...] = ()
    sources: tuple[Path, ...] = ()

    @property
    def needs_baseline(self) -> bool:
        """Whether a change depends on a baseline (a slip of starts or of a person's work, a status date)."""
        return any(changes_need_baseline([c]) for c in self.changes)

    @property
    def path(self) -> Path:
        """The scenario file itself."""
        return self.chain[-1]


@dataclass(frozen=True)
class _Level:
    """One scenario file of the chain: valid (``scenario``), or not, with what could be salvaged."""

    path: Path
    scenario: Scenario | None
    document: object
    lines: LineMap | None
    problems: tuple[Problem, ...] = ()
    changes: tuple[tuple[int, object], ...] = field(default=())
    pin: tuple[str, ...] = ()

    def invalid(self, extra: list[Problem]) -> ProgramInvalid:
        """Every problem of this file: its own structural ones and ``extra``, in line order."""
        located = [*self.problems, *(locate(p, self.document, self.lines) for p in extra)]
        unique = list(dict.fromkeys(located))
        return ProgramInvalid(
            sorted(unique, key=lambda p: (p.line is None, p.line or 0)), source=str(self.path)
        )


def load_scenario(
    path: str | Path,
    baseline: Schedule | None = None,
    solve_base: Callable[[Program], Schedule] | None = None,
) -> ResolvedScenario:
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
        the message names the scenario file, the change and the closest valid name. Every
        problem of the file is listed at once: its structure, then the names its changes and
        pins use (checked before anything is applied or solved).
    """
    levels, root, root_path = _walk(Path(path))
    _check_names(levels, root)
    if (
        baseline is None
        and solve_base is not None
        and not any(lv.scenario and lv.scenario.baseline for lv in levels)
    ):
        baseline = solve_base(root)
    program, effective = root, baseline
    effective_file: Path | None = None
    budget: int | None = None
    pins: list[str] = []
    for level in reversed(levels):
        source = str(level.path)
        assert level.scenario is not None  # _check_names raised otherwise
        if level.scenario.baseline is not None:
            effective = _baseline(level, root.name)
            effective_file = level.path.parent / level.scenario.baseline
        try:
            program = apply_changes(program, level.scenario.changes, effective, source=source)
        except ProgramInvalid as error:
            raise ProgramInvalid(
                [locate(p, level.document, level.lines) for p in error.problems], source=error.source
            ) from None
        if level.scenario.disruption_budget is not None:
            budget = level.scenario.disruption_budget
        pins.extend(level.scenario.pin)
    scenarios = [level.scenario for level in reversed(levels) if level.scenario is not None]
    changes = tuple(c for scenario in scenarios for c in scenario.changes)
    written = tuple(to_jsonable_python(item) for level in reversed(levels) for item in _items(level.document))
    sources = tuple(level.path for level in reversed(levels) for _ in _items(level.document))
    top = scenarios[-1]
    logger.info("scenario %r: %d files, %d changes", top.name, len(levels) + 1, len(changes))
    return ResolvedScenario(
        scenario=top,
        program=program,
        base_program=root,
        chain=(root_path, *(level.path for level in reversed(levels))),
        baseline=effective,
        disruption_budget=budget,
        pin=tuple(dict.fromkeys(pins)),
        baseline_file=effective_file,
        changes=changes,
        written=written if len(written) == len(changes) else (),
        sources=sources,
    )


def changes_need_baseline(changes: Sequence[Change]) -> bool:
    """Whether any of ``changes`` depends on a baseline schedule: a slip of starts or of a person's
    work, a status date (each kind says, :func:`planner.scenarios.changes.needs_baseline`)."""
    return any(needs_baseline(c) for c in changes)


@dataclass(frozen=True)
class Applied:
    """The program a file describes: a program file's, or a scenario file's with its changes applied.

    Parameters
    ----------
    program
        The program (for a scenario: after every change of its chain).
    scenario
        The resolved scenario, for a scenario file (``None`` for a program file).
    baseline_solved
        Whether the root program was solved to measure the scenario's changes from.
    """

    program: Program
    scenario: ResolvedScenario | None = None
    baseline_solved: bool = False


def load_applied(
    path: str | Path,
    baseline: Schedule | None = None,
    solve_base: Callable[[Program], Schedule] | None = None,
    require_baseline: str | None = None,
) -> Applied:
    """Read a program file, or a scenario file and apply its chain of changes.

    Parameters
    ----------
    path
        A program file or a scenario file.
    baseline
        For a scenario whose files name no baseline: the schedule of the root program its slips
        and status dates are measured from.
    solve_base
        Called with the root program when a change is measured from a baseline and neither
        ``baseline`` nor the files give one (not called otherwise).
    require_baseline
        Without ``solve_base``: when a change needs a baseline that nothing gives, raise
        :class:`planner.errors.InputError` with this advice (``None``: measure from the earliest
        starts the dependencies allow).

    Raises
    ------
    InputError, ProgramInvalid
        A file cannot be read or is invalid (the message names the file, the change, the field
        and the closest valid name), or a baseline is required and missing.
    """
    document, lines = read_document(path)
    if not is_scenario(document):
        return Applied(parse_program(document, source=str(path), lines=lines))
    solved = False
    if baseline is None:
        levels, root, _ = _walk(Path(path))
        valid = [level.scenario for level in levels if level.scenario is not None]
        measured = [
            f"{level.path}: changes[{i + 1}] ({change.kind})"
            for level in reversed(levels)
            if level.scenario is not None
            for i, change in enumerate(level.scenario.changes)
            if changes_need_baseline([change])
        ]
        if measured and len(valid) == len(levels) and not any(scenario.baseline for scenario in valid):
            if solve_base is not None:
                _check_names(levels, root)  # a typo is refused before the solve
                baseline, solved = solve_base(root), True
            elif require_baseline is not None:
                raise InputError(
                    f"{'; '.join(measured)}: measured from a baseline schedule, and none is "
                    f"given; {require_baseline}"
                )
    resolved = load_scenario(path, baseline)
    return Applied(resolved.program, resolved, solved)


def _items(document: object) -> list[object]:
    """The change items of a scenario document, as written."""
    items = document.get("changes") if isinstance(document, Mapping) else None
    return list(items) if isinstance(items, list) else []


def _walk(path: Path) -> tuple[list[_Level], Program, Path]:
    """The scenarios from ``path`` up to the program (``path`` first), and the program.

    A file with structural problems is still followed to its base (when it names one that
    exists), so that the names its valid changes use can be checked as well.
    """
    levels: list[_Level] = []
    seen: list[Path] = []
    current = path
    while True:
        document, lines = read_document(current)
        if not is_scenario(document):
            if not levels:
                raise InputError(f"{current}: not a scenario file (a scenario names its 'base')")
            return levels, parse_program(document, source=str(current), lines=lines), current
        level = _read_level(current, document, lines)
        levels.append(level)
        seen.append(current.resolve())
        name = level.scenario.base if level.scenario is not None else salvage(document)[0]
        if name is None:
            raise level.invalid([])
        base = current.parent / name
        if not base.is_file():
            raise level.invalid([Problem(path=("base",), where="base", message=_no_base(name, base))])
        if base.resolve() in seen:
            loop = " -> ".join(str(p.path) for p in levels) + f" -> {base}"
            raise level.invalid(
                [Problem(path=("base",), where="base", message=f"the scenarios inherit in a loop: {loop}")]
            )
        current = base


def _read_level(path: Path, document: object, lines: LineMap | None) -> _Level:
    try:
        scenario = parse_scenario(document, source=str(path), lines=lines)
    except ProgramInvalid as error:
        _, changes, pins = salvage(document)
        return _Level(path, None, document, lines, tuple(error.problems), tuple(changes), pins)
    return _Level(path, scenario, document, lines, (), tuple(enumerate(scenario.changes)), scenario.pin)


def _no_base(name: str, base: Path) -> str:
    """No base file: suggest a file only when its name is close, else list what is there."""
    message = f"no file '{name}' next to this scenario"
    folder = base.parent
    if not folder.is_dir():
        return f"{message} (there is no folder {folder})"
    siblings = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    close = difflib.get_close_matches(base.name, siblings, n=1, cutoff=0.8)
    if close:
        return f"{message}; did you mean '{close[0]}'?"
    if not siblings:
        return f"{message}, and {folder} has no .yaml, .yml or .json files"
    shown = ", ".join(siblings[:_SIBLINGS_SHOWN])
    more = f" and {len(siblings) - _SIBLINGS_SHOWN} more" if len(siblings) > _SIBLINGS_SHOWN else ""
    return f"{message}; the files there are {shown}{more}"


def _check_names(levels: list[_Level], root: Program) -> None:
    """Every problem of the first file (root first) that has any: structure, names, pins.

    The names changes use are checked in order along the chain without applying anything, so
    nothing is solved or applied before every problem of a file can be listed.
    """
    names = Names(root)
    for level in reversed(levels):
        problems: list[Problem] = []
        for index, change in level.changes:
            if isinstance(change, BaseModel):
                problems.extend(names.check(index, change))  # type: ignore[arg-type]
            else:  # not valid as written: its names are checked as far as they can be
                problems.extend(names.check_written(index, change))
        known = sorted(names.tasks | names.projects)
        for k, ref in enumerate(level.pin):
            if ref not in names.tasks and ref not in names.projects:
                problems.append(
                    Problem(
                        path=("pin", k),
                        where=f"pin[{k}]",
                        message=f"unknown task or project '{ref}'{closest(ref, known)}",
                    )
                )
        if problems or level.scenario is None:
            raise level.invalid(problems)


def _baseline(level: _Level, program_name: str) -> Schedule:
    file = level.path.parent / (level.scenario.baseline or "" if level.scenario is not None else "")
    try:
        return read_schedule(file, program_name)
    except InputError as error:
        raise _invalid(level, ("baseline",), "baseline", str(error)) from None


def _invalid(level: _Level, path: tuple[str | int, ...], where: str, message: str) -> ProgramInvalid:
    problem = locate(Problem(path=path, where=where, message=message), level.document, level.lines)
    return ProgramInvalid([problem], source=str(level.path))


__all__ = ["Applied", "ResolvedScenario", "changes_need_baseline", "load_applied", "load_scenario"]
