"""Daily load of each role and person against what they have, from a program and a schedule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from planner.models import Program, Requirement, Schedule


@dataclass(frozen=True)
class DailyLoad:
    """Use of one role or person on one working day: ``used`` against ``available``.

    Roles count people; people count percent of a day.
    """

    kind: str  # "role" or "person"
    resource: str
    day: dt.date
    used: int
    available: int


def working_dates(program: Program, first: dt.date, last: dt.date) -> list[dt.date]:
    """Working dates from ``first`` to ``last`` inclusive."""
    out, day = [], first
    while day <= last:
        if program.calendar.is_working_day(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def daily_load(program: Program, schedule: Schedule) -> list[DailyLoad]:
    """Load per working day for every role and person, from the program start to its finish.

    A person's allocation on a task is that of the requirement they fill (the first that fits
    their skills, or the one naming them).
    """
    if not schedule.tasks:
        return []
    last = max(t.finish for t in schedule.tasks)
    days = working_dates(program, program.start, last)
    used: dict[tuple[str, str], dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for item in schedule.tasks:
        _, task = program.tasks[item.key]
        if task.duration == 0:
            continue
        run = working_dates(program, item.start, item.finish)
        for req in task.requires:
            if req.role is not None:
                for d in run:
                    used[("role", req.role)][d] += req.count
        for who in item.people:
            allocation = _allocation(program, task.requires, who)
            for d in run:
                used[("person", who)][d] += allocation
    out: list[DailyLoad] = []
    for role in program.roles:
        series = used.get(("role", role.id), {})
        out.extend(DailyLoad("role", role.id, d, series.get(d, 0), role.capacity_on(d)) for d in days)
    for person in program.people:
        series = used.get(("person", person.id), {})
        out.extend(DailyLoad("person", person.id, d, series.get(d, 0), person.percent_on(d)) for d in days)
    return out


def _allocation(program: Program, requires: tuple[Requirement, ...], person: str) -> int:
    skills = program.person_by_id[person].skills if person in program.person_by_id else ()
    for req in requires:
        if req.person == person or (req.skill is not None and req.skill in skills):
            return req.allocation
    return 100
