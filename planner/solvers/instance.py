"""A program translated into integers: working-day numbers, capacity profiles, eligible people.

Everything the CP-SAT model needs, with dates already mapped through the calendar, so that the
model code never touches dates and the schedule code can map back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from planner.models import Person, Program, Requirement, Role, WorkingDays
from planner.models.network import network

Profile = tuple[tuple[int, int, int], ...]
"""Maximal runs ``(first_day, end_day_exclusive, value)`` of a piecewise-constant level."""


@dataclass(frozen=True)
class TaskData:
    """One task in working-day numbers."""

    key: str
    project: str
    duration: int
    earliest: int  # from releases and dependencies (:func:`planner.models.network.network`)
    latest_finish: int | None  # finish index allowed by hard deadlines (inclusive)
    fixed_start: int | None
    targets: tuple[tuple[int, int], ...]  # (target finish index, weight), task targets only
    roles: tuple[tuple[str, int], ...]  # (role, count)
    people_reqs: tuple[tuple[Requirement, tuple[str, ...]], ...]  # requirement, eligible people
    fixed_people: tuple[str, ...]


@dataclass
class Instance:
    """The integer data of a program, ready to compile."""

    program: Program
    horizon: int
    tasks: dict[str, TaskData] = field(default_factory=dict)
    role_capacity: dict[str, Profile] = field(default_factory=dict)
    person_percent: dict[str, Profile] = field(default_factory=dict)
    project_targets: dict[str, tuple[int, int]] = field(default_factory=dict)
    order: tuple[str, ...] = ()  # tasks in an order compatible with the dependencies

    def finish_index(self, key: str, start: int) -> int:
        """Index of the last working day of a task starting on ``start`` (its start if a milestone)."""
        return start + max(self.tasks[key].duration - 1, 0)


def _capacity_on(role: Role, wd: WorkingDays, day: int) -> int:
    return role.capacity_on(wd.date(day))


def _percent_on(person: Person, wd: WorkingDays, day: int) -> int:
    return person.percent_on(wd.date(day))


def _stepwise(steps: list[int], horizon: int, level: Callable[[int], int]) -> Profile:
    """The profile of a level that can only change on the given day numbers.

    ``level`` is evaluated once per piece (on its first day) instead of once per day, so that
    long horizons stay cheap.
    """
    cuts = sorted({0, *(i for i in steps if 0 < i < horizon)})
    runs: list[tuple[int, int, int]] = []
    for first, end in zip(cuts, [*cuts[1:], horizon]):
        value = level(first)
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], end, value)
        else:
            runs.append((first, end, value))
    return tuple(runs)


def build_instance(program: Program) -> Instance:
    """Translate ``program`` into working-day numbers and capacity profiles.

    The horizon is long enough to run every task one after the other after the last date that
    changes anything (a release, a pinned start, a capacity step, the end of any leave), so it
    never cuts off a feasible schedule; ``program.end`` caps it when given.
    """
    wd = program.working_days
    events = [0]
    for project in program.projects:
        for day in (project.release,):
            if day:
                events.append(wd.index_on_or_after(day))
        for task in project.tasks:
            for day in (task.release, task.fixed_start):
                if day:
                    events.append(wd.index_on_or_after(day))
    for role in program.roles:
        events.extend(wd.index_on_or_after(c.start) for c in role.changes)
    for person in program.people:
        events.extend(wd.index_on_or_before(w.end) + 1 for w in (*person.part_time, *person.leave))
    if program.finance is not None:  # work held back by a funding cap may wait for its period's end
        events.extend(wd.index_on_or_after(day) for day in program.finance.budget.limit_dates())
    total = sum(t.duration for _, t in program.tasks.values())
    total += sum(max(link.lag, 0) for link in program.links)
    horizon = max(events) + total + 1
    if program.end is not None:
        horizon = min(horizon, wd.index_on_or_before(program.end) + 1)
    horizon = max(horizon, 1)

    inst = Instance(program=program, horizon=horizon)
    for role in program.roles:
        steps = [wd.index_on_or_after(c.start) for c in role.changes]
        inst.role_capacity[role.id] = _stepwise(steps, horizon, partial(_capacity_on, role, wd))
    for person in program.people:
        steps = [
            i
            for w in (*person.part_time, *person.leave)
            for i in (wd.index_on_or_after(w.start), wd.index_on_or_before(w.end) + 1)
        ]
        inst.person_percent[person.id] = _stepwise(steps, horizon, partial(_percent_on, person, wd))

    def finish_limit(*deadlines: object) -> int | None:
        limits = [wd.index_on_or_before(d) for d in deadlines if d is not None]  # type: ignore[arg-type]
        return min(limits) if limits else None

    # earliest starts from releases and dependencies (a pinned start narrows the domain instead)
    net = network(program, pins=False, deadlines=False)
    inst.order = net.order
    for key, (project, task) in program.tasks.items():
        inst.tasks[key] = TaskData(
            key=key,
            project=project.id,
            duration=task.duration,
            earliest=net.earliest[key],
            latest_finish=finish_limit(task.deadline, project.deadline),
            fixed_start=wd.index(task.fixed_start) if task.fixed_start else None,
            targets=((wd.index_on_or_before(task.target.date), task.target.weight),) if task.target else (),
            roles=tuple((r.role, r.count) for r in task.requires if r.role is not None),
            people_reqs=tuple(
                (r, tuple(p.id for p in program.eligible(r))) for r in task.requires if r.role is None
            ),
            fixed_people=task.fixed_people,
        )
    for project in program.projects:
        if project.target is not None:
            inst.project_targets[project.id] = (
                wd.index_on_or_before(project.target.date),
                project.target.weight,
            )
    return inst
