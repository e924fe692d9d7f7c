"""Where a schedule puts each task, in working-day numbers the checker counts itself.

Working days are numbered from the program start (day 0 = first working day on or after it),
from ``Calendar.is_working_day`` alone. A task of duration ``d`` starting on day ``s`` ends at
``e = s + d`` (exclusive); a milestone has ``e = s``. A task's days are taken from the schedule as
written: ``s`` is its start, ``e`` one past its finish (its start for a milestone); when a date is
not a working day, the nearest working day inside the task is used so that the other rules can
still be checked (:mod:`planner.check.timing` reports the date).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from planner.check.violations import Violations
from planner.models import Calendar, Program, Project, Schedule, ScheduledTask
from planner.models import Task as ModelTask


class DayNumbers:
    """Working-day numbers of a calendar from a start date, grown on demand.

    Parameters
    ----------
    calendar
        The program's calendar.
    start
        The program start; day 0 is the first working day on or after it.
    """

    def __init__(self, calendar: Calendar, start: dt.date) -> None:
        self.calendar = calendar
        self.dates: list[dt.date] = []
        self._next: dt.date | None = start  # None once past dt.date.max

    def _grow_past(self, day: dt.date) -> None:
        while (not self.dates or self.dates[-1] <= day) and self._next is not None:
            if self.calendar.is_working_day(self._next):
                self.dates.append(self._next)
            self._next = self._next + dt.timedelta(days=1) if self._next < dt.date.max else None

    def after(self, day: dt.date) -> int:
        """Number of the first working day on or after ``day`` (0 before the start)."""
        self._grow_past(day)
        return bisect.bisect_left(self.dates, day)

    def before(self, day: dt.date) -> int:
        """Number of the last working day on or before ``day`` (-1 if none)."""
        self._grow_past(day)
        return bisect.bisect_right(self.dates, day) - 1

    def date(self, index: int) -> dt.date:
        """Date of working day ``index`` (``index`` >= 0)."""
        while len(self.dates) <= index and self._next is not None:
            self._grow_past(self.dates[-1] if self.dates else self._next)
        return self.dates[min(index, len(self.dates) - 1)]


@dataclass(frozen=True)
class Placed:
    """A task of the program as the schedule places it.

    Parameters
    ----------
    key
        ``project.task``.
    project, task
        The project and task of the program.
    row
        The schedule's row for the task (its first, when it is placed more than once).
    d
        The task's duration in working days (0 for a milestone).
    s
        Number of its first working day.
    e
        One past its last working day (``s`` for a milestone).
    """

    key: str
    project: Project
    task: ModelTask
    row: ScheduledTask
    d: int
    s: int
    e: int

    @property
    def f(self) -> int:
        """Number of the finish day (the start for a milestone)."""
        return self.e - 1 if self.d > 0 else self.s

    @property
    def finish(self) -> dt.date:
        """The finish date as scheduled (the start for a milestone)."""
        return self.row.finish if self.d > 0 else self.row.start


def placements(program: Program, schedule: Schedule) -> tuple[DayNumbers, dict[str, Placed]]:
    """The working-day numbering and the known tasks of the schedule (first copy of each).

    Returns
    -------
    tuple[DayNumbers, dict[str, Placed]]
        The numbering of the program's calendar, and each task of the program the schedule
        places, by key (none when the schedule has no plan).
    """
    days, out = DayNumbers(program.calendar, program.start), {}
    for row in schedule.tasks if schedule.has_plan else ():
        if row.key in program.tasks and row.key not in out:
            project, task = program.tasks[row.key]
            s = days.after(row.start)
            e = days.before(row.finish) + 1 if task.duration > 0 else s
            out[row.key] = Placed(row.key, project, task, row, task.duration, s, e)
    return days, out


def check_structure(
    program: Program, schedule: Schedule, out: Violations, unfunded: frozenset[str] = frozenset()
) -> None:
    """Report tasks placed that the program does not have, placed twice, or missing.

    Tasks of the projects in ``unfunded`` are not missing (:func:`planner.check.funding.unfunded_projects`).
    """
    counts = Counter(row.key for row in schedule.tasks)
    for key, n in counts.items():
        if key not in program.tasks:
            out.add(
                key,
                "unknown-task",
                f"the schedule places {key}, which is not a task of program {program.name}",
            )
        elif n > 1:
            out.add(key, "duplicate", f"{key} is placed {n} times; the first one is checked")
    for key in program.tasks:
        if key not in counts and program.tasks[key][0].id not in unfunded:
            out.add(key, "missing", f"{key} is not in the schedule")
