"""Side-by-side comparison of a base schedule and scenario schedules.

For the program, each project and each milestone (a task of duration 0, or one with a deadline or
target): the date in every scenario and its difference to the base in working days (of the
scenario program's calendar) and calendar days; the tasks that moved and by how much (counted as
:mod:`planner.analysis.comparison.disruption` defines it, like every report of a replan); why each milestone
moved (:mod:`planner.analysis.comparison.slip_cause`); the load per role and person and the overloads avoided
or created (:mod:`planner.analysis.comparison.load_change`); and the cost, where a cost model exists
(:func:`planner.analysis.facts.cost.total_cost`). Pure analysis: no solving, no files.

Examples
--------
>>> comparison = compare((program, schedule), [("payments late", changed, replanned)])  # doctest: +SKIP
>>> comparison.scenarios[0].moved_count  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.comparison.disruption import disruption, task_shifts
from planner.analysis.comparison.load_change import (
    LoadChange,
    LoadSeries,
    grouped_load,
    load_changes,
    weekly_series,
)
from planner.analysis.comparison.program_changes import ScenarioWords, program_changes
from planner.analysis.comparison.slip_cause import MilestoneCause, SlipCauses
from planner.analysis.explanations.no_schedule import NoSchedule
from planner.analysis.facts.cost import total_cost
from planner.analysis.facts.timeline import Timeline
from planner.analysis.facts.working_days import makespan, working_days_between
from planner.errors import PlannerError
from planner.models import Program, Schedule, SolveStatus
from planner.models.scenario import Change

_FROZEN = ConfigDict(frozen=True)

BASE = "base"
"""The name the base schedule has in a comparison."""


class ComparisonError(PlannerError):
    """Schedules that cannot be compared (duplicate scenario names, a base without a plan ...)."""


class DateDelta(BaseModel):
    """A date in one scenario and its difference to the base (``None`` where there is no date)."""

    model_config = _FROZEN

    scenario: str
    date: dt.date | None
    working_days: int | None
    calendar_days: int | None


class DateRow(BaseModel):
    """The program's finish, a project's finish or a milestone's date, in the base and each scenario."""

    model_config = _FROZEN

    kind: Literal["program", "project", "milestone"]
    key: str
    name: str
    deadline: dt.date | None = None
    target: dt.date | None = None
    base: dt.date | None
    scenarios: tuple[DateDelta, ...]

    def delta(self, scenario: str) -> DateDelta:
        """The entry of ``scenario``."""
        return next(d for d in self.scenarios if d.scenario == scenario)


class MovedTask(BaseModel):
    """A task whose start or finish differs from the base, with the shifts in working days."""

    model_config = _FROZEN

    key: str
    base_start: dt.date
    base_finish: dt.date
    start: dt.date
    finish: dt.date
    start_shift: int
    finish_shift: int
    calendar_days: int


class Bar(BaseModel):
    """One task of one schedule, for Gantt charts."""

    model_config = _FROZEN

    scenario: str
    key: str
    project: str
    name: str
    start: dt.date
    finish: dt.date
    milestone: bool


class ScenarioResult(BaseModel):
    """One schedule in the comparison (the base or a scenario) and how it differs from the base.

    ``moved`` lists the tasks in both programs whose start or finish date changed, largest shift
    first; ``total_shift`` sums the absolute start shifts in working days
    (:func:`planner.analysis.comparison.disruption.disruption`). ``cost`` is filled when a cost
    model exists (:func:`planner.analysis.facts.cost.total_cost`). ``no_schedule`` says why a
    scenario has no schedule (the funding missing, the minimal conflict and the priced ways out)
    when the caller explained it.
    """

    model_config = _FROZEN

    name: str
    status: SolveStatus
    finish: dt.date | None
    working_days: int | None
    solve_time: float | None = None
    changes: tuple[str, ...] = ()
    moved: tuple[MovedTask, ...] = ()
    moved_count: int = 0
    total_shift: int = 0
    added_tasks: tuple[str, ...] = ()
    removed_tasks: tuple[str, ...] = ()
    causes: tuple[MilestoneCause, ...] = ()
    load: tuple[LoadChange, ...] = ()
    cost: float | None = None
    cost_change: float | None = None
    no_schedule: NoSchedule | None = None


class Comparison(BaseModel):
    """A base schedule against scenario schedules: dates, moves, causes, load and cost."""

    model_config = _FROZEN

    program: str
    base: ScenarioResult
    scenarios: tuple[ScenarioResult, ...]
    dates: tuple[DateRow, ...]
    bars: tuple[Bar, ...]
    load_series: tuple[LoadSeries, ...]

    @property
    def names(self) -> list[str]:
        """The scenario names, in order."""
        return [s.name for s in self.scenarios]

    def scenario(self, name: str) -> ScenarioResult:
        """The result of scenario ``name``."""
        for s in self.scenarios:
            if s.name == name:
                return s
        raise KeyError(name)


Entry = tuple[str, Program, Schedule]
"""A named scenario: its name, its program and its schedule."""


def compare(
    base: tuple[Program, Schedule],
    others: Sequence[Entry],
    scenario_changes: Mapping[str, Sequence[Change]] | None = None,
    no_schedule: Mapping[str, NoSchedule] | None = None,
) -> Comparison:
    """Compare scenario schedules with a base schedule.

    Parameters
    ----------
    base
        The base program and its schedule (with a plan).
    others
        ``(name, program, schedule)`` per scenario; a schedule without a plan (infeasible, or
        nothing found in time) keeps its row with empty dates.
    scenario_changes
        By scenario name, the changes the scenario was written with (e.g. the chain's changes
        of a :class:`planner.scenarios.load.ResolvedScenario`): its ``changes`` then say them as
        written, with their notes, and the causes of milestone moves name them. Without them
        the changes are found by comparing the programs.
    no_schedule
        By scenario name, why a scenario has no schedule
        (:func:`planner.analysis.explanations.no_schedule.explain_no_schedule`), carried into its result.

    Returns
    -------
    Comparison
        Dates and differences, moved tasks, causes of milestone moves, load and cost.

    Raises
    ------
    ComparisonError
        When the base schedule has no plan or two scenarios share a name.
    """
    base_program, base_schedule = base
    if not base_schedule.has_plan:
        raise ComparisonError(
            f"the base schedule of {base_program.name} has no plan "
            f"(status {base_schedule.status.value}); solve it first"
        )
    names = [name for name, _, _ in others]
    if len(set(names)) != len(names) or BASE in names:
        raise ComparisonError(f"scenario names must be unique and not '{BASE}': {', '.join(names)}")
    base_loads = grouped_load(base_program, base_schedule)
    base_line = Timeline(base_program, base_schedule)
    base_cost = total_cost(base_program, base_schedule)
    results, loads = [], {BASE: (base_program, base_loads)}
    for name, program, schedule in others:
        scenario_loads = grouped_load(program, schedule)
        loads[name] = (program, scenario_loads)
        written = (scenario_changes or {}).get(name)
        words = ScenarioWords(written, base_program, base_schedule) if written else None
        result = _scenario(
            name,
            base_program,
            base_schedule,
            base_line,
            base_loads,
            base_cost,
            program,
            schedule,
            scenario_loads,
            words,
        )
        why = (no_schedule or {}).get(name)
        results.append(result.model_copy(update={"no_schedule": why}) if why is not None else result)
    entries = [(BASE, base_program, base_schedule), *others]
    used = {key for _, series in loads.values() for key, days in series.items() if any(x.used for x in days)}
    return Comparison(
        program=base_program.name,
        base=_result(BASE, base_program, base_schedule, base_cost),
        scenarios=tuple(results),
        dates=tuple(_date_rows(base_program, base_schedule, others)),
        bars=tuple(bar for name, program, schedule in entries for bar in _bars(name, program, schedule)),
        load_series=tuple(
            s for name, (program, series) in loads.items() for s in weekly_series(name, program, series, used)
        ),
    )


def _finish(schedule: Schedule) -> dt.date | None:
    return max((t.finish for t in schedule.tasks), default=None) if schedule.has_plan else None


def _result(name: str, program: Program, schedule: Schedule, cost: float | None) -> ScenarioResult:
    return ScenarioResult(
        name=name,
        status=schedule.status,
        finish=_finish(schedule),
        working_days=makespan(program, schedule),
        solve_time=schedule.record.wall_time if schedule.record else None,
        cost=cost,
    )


def _scenario(
    name: str,
    base_program: Program,
    base_schedule: Schedule,
    base_line: Timeline,
    base_loads: dict,
    base_cost: float | None,
    program: Program,
    schedule: Schedule,
    loads: dict,
    words: ScenarioWords | None = None,
) -> ScenarioResult:
    result = _result(name, program, schedule, total_cost(program, schedule))
    changes = program_changes(base_program, program)
    update: dict[str, object] = {
        "changes": tuple(words.lines if words is not None else changes.describe()),
        "added_tasks": tuple(k for k in program.tasks if k not in base_program.tasks),
        "removed_tasks": changes.removed_tasks,
        "cost_change": None if result.cost is None or base_cost is None else result.cost - base_cost,
    }
    if not schedule.has_plan:
        return result.model_copy(update=update)
    found = disruption(base_schedule, schedule, program)
    shifts = task_shifts(base_schedule, schedule, program)
    moved = [
        MovedTask(
            key=m.key,
            base_start=m.baseline_start,
            base_finish=m.baseline_finish,
            start=m.start,
            finish=m.finish,
            start_shift=m.shift,
            finish_shift=m.finish_shift,
            calendar_days=m.calendar_days,
        )
        for m in found.moves
    ]
    finish_shifts = {key: m.finish_shift for key, m in shifts.items()}
    causes = SlipCauses(
        name,
        changes,
        {key: m.shift for key, m in shifts.items()},
        finish_shifts,
        base_line,
        Timeline(program, schedule),
        words,
    )
    update.update(
        moved=tuple(moved),
        moved_count=found.moved,
        total_shift=found.total_shift,
        causes=tuple(
            causes.explain(key, finish_shifts[key])
            for key in _milestones(base_program)
            if finish_shifts.get(key)
        ),
        load=tuple(load_changes(base_program, base_loads, program, loads)),
    )
    return result.model_copy(update=update)


def _milestones(program: Program) -> list[str]:
    """Tasks of duration 0, or with a deadline or target, in program order."""
    return [
        key
        for key, (_, task) in program.tasks.items()
        if task.duration == 0 or task.deadline is not None or task.target is not None
    ]


def _delta(name: str, program: Program, base: dt.date | None, date: dt.date | None) -> DateDelta:
    """``date`` against ``base``: working days of ``program``'s calendar (the scenario's) and calendar days."""
    if base is None or date is None:
        return DateDelta(scenario=name, date=date, working_days=None, calendar_days=None)
    return DateDelta(
        scenario=name,
        date=date,
        working_days=working_days_between(program.calendar, base, date),
        calendar_days=(date - base).days,
    )


def _date_rows(base_program: Program, base_schedule: Schedule, others: Sequence[Entry]) -> list[DateRow]:
    def finishes(program: Program, schedule: Schedule) -> dict[str, dt.date]:
        out: dict[str, dt.date] = {}
        for row in schedule.tasks if schedule.has_plan else ():
            out[row.project] = max(out.get(row.project, row.finish), row.finish)
        return out

    base_projects = finishes(base_program, base_schedule)
    scenario_projects = {name: finishes(p, s) for name, p, s in others}
    rows = [
        DateRow(
            kind="program",
            key="program",
            name=base_program.name,
            base=_finish(base_schedule),
            scenarios=tuple(_delta(n, p, _finish(base_schedule), _finish(s)) for n, p, s in others),
        )
    ]
    projects = {p.id: p for p in base_program.projects}
    for _, program, _ in others:
        for p in program.projects:
            projects.setdefault(p.id, p)
    for pid, project in projects.items():
        rows.append(
            DateRow(
                kind="project",
                key=pid,
                name=project.label,
                deadline=project.deadline,
                target=project.target.date if project.target else None,
                base=base_projects.get(pid),
                scenarios=tuple(
                    _delta(n, p, base_projects.get(pid), scenario_projects[n].get(pid)) for n, p, _ in others
                ),
            )
        )
    keys = _milestones(base_program)
    for _, program, _ in others:
        keys += [k for k in _milestones(program) if k not in keys]
    base_rows = base_schedule.by_key()
    scenario_rows = {name: s.by_key() if s.has_plan else {} for name, _, s in others}
    for key in keys:
        program = (
            base_program if key in base_program.tasks else next(p for _, p, _ in others if key in p.tasks)
        )
        project, task = program.tasks[key]
        base = base_rows[key].finish if key in base_rows else None
        rows.append(
            DateRow(
                kind="milestone",
                key=key,
                name=task.label,
                deadline=min([d for d in (task.deadline, project.deadline) if d], default=None),
                target=task.target.date if task.target else None,
                base=base,
                scenarios=tuple(
                    _delta(n, p, base, scenario_rows[n][key].finish if key in scenario_rows[n] else None)
                    for n, p, _ in others
                ),
            )
        )
    return rows


def _bars(name: str, program: Program, schedule: Schedule) -> list[Bar]:
    out = []
    for row in schedule.tasks if schedule.has_plan else ():
        if row.key in program.tasks:
            _, task = program.tasks[row.key]
            out.append(
                Bar(
                    scenario=name,
                    key=row.key,
                    project=row.project,
                    name=task.label,
                    start=row.start,
                    finish=row.finish,
                    milestone=task.duration == 0,
                )
            )
    return out


__all__ = [
    "BASE",
    "Bar",
    "Comparison",
    "ComparisonError",
    "DateDelta",
    "DateRow",
    "Entry",
    "MovedTask",
    "ScenarioResult",
    "compare",
]
