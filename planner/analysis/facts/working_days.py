"""Working days between two dates on a program's calendar: the one count every report uses.

Two measures, one count (numpy's ``busday_count`` over the calendar's working week and holidays):

- :func:`working_days_between` is how far a date moved: the working days in ``[first, second)``.
  A date that is not a working day counts as the next working day, as the solver numbers a start,
  so the shift of a task is the difference of its two working-day numbers. Tasks moved and shift
  (:mod:`planner.analysis.comparison.disruption`), date changes in comparisons, what-ifs and
  batch tables count with it.
- :func:`working_days_late` is how far a date is past a commitment: the working days in
  ``(commitment, date]``. A deadline or target on a non-working day counts as the last working
  day before it, as the solver and the checker measure lateness. Margins and lateness in
  summaries count with it.

Both agree whenever both dates are working days. :func:`makespan` is how many working days a
schedule takes from the program start (summaries and comparisons). The independent checker keeps its own count
(:mod:`planner.check`), by design.

Examples
--------
Monday 1 March to Monday 8 March 2027 (Monday to Friday): 5 working days either way; a
deadline on Saturday 6 March met on Friday 5 March is 0 working days late (margin 0), while
``working_days_between`` from Friday to Saturday counts Friday itself (1).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from planner.models import Calendar, Program, Schedule
from planner.models.calendar import WEEKDAYS

_DAY = dt.timedelta(days=1)


def working_days_between(calendar: Calendar, first: dt.date, second: dt.date) -> int:
    """Working days from ``first`` to ``second``: the working days in ``[first, second)``; when
    ``second`` is earlier, minus those in ``[second, first)`` (0 when equal)."""
    if second < first:  # numpy would count (second, first] backwards: keep the one rule
        return -working_days_between(calendar, second, first)
    mask = [int(day in calendar.workdays) for day in WEEKDAYS]
    holidays = np.array([h.date for h in calendar.holidays], dtype="datetime64[D]")
    return int(np.busday_count(first, second, weekmask=mask, holidays=holidays))


def working_days_late(calendar: Calendar, date: dt.date, commitment: dt.date) -> int:
    """Working days ``date`` is past ``commitment``: the working days in ``(commitment, date]``,
    negative when ``date`` is earlier (then minus the margin left)."""
    return working_days_between(calendar, commitment + _DAY, date + _DAY)


def makespan(program: Program, schedule: Schedule) -> int | None:
    """Working days from the program start to the end of the schedule's last task (a task's finish
    day counts; a milestone takes no day), ``None`` without tasks."""
    if not schedule.has_plan or not schedule.tasks:
        return None
    wd = program.working_days
    return max(
        wd.index_on_or_before(t.finish) + (program.tasks[t.key][1].duration > 0)
        for t in schedule.tasks
        if t.key in program.tasks
    )


__all__ = ["makespan", "working_days_between", "working_days_late"]
