"""An independent check of a schedule against its program, in plain Python.

Shares no code with the solver (:mod:`planner.solvers`; ``tests/test_design.py`` enforces it): it
counts working days itself from ``Calendar.is_working_day`` and re-derives every rule (durations,
dates, dependencies, capacities, staffing, funding, objective values). It imports only the models.

One module per concept, each importing only those listed before it:

:mod:`~planner.check.violations`
    :class:`Violation`, :class:`ScheduleInvalid`, and the checker's wording (:func:`money`).
:mod:`~planner.check.placement`
    working-day numbers and where the schedule places each task; unknown, duplicate and missing
    tasks.
:mod:`~planner.check.timing`
    calendar and precedence rules: working days, durations, releases, deadlines, pins,
    dependencies, milestones dated when reached.
:mod:`~planner.check.resources`
    staffing, role capacity, people's bookings and leave.
:mod:`~planner.check.objectives`
    lateness, finish and the ``early`` tier recomputed from the dates, against the solve record.
:mod:`~planner.check.funding`
    the funded set, spend against caps, and the money tiers.
:mod:`~planner.check.checker`
    :func:`check` and :func:`verify`: all of the above, in order.
"""

from planner.check.checker import check, verify
from planner.check.objectives import program_finish, project_finishes, weighted_lateness
from planner.check.violations import ScheduleInvalid, Violation, money

__all__ = [
    "ScheduleInvalid",
    "Violation",
    "check",
    "money",
    "program_finish",
    "project_finishes",
    "verify",
    "weighted_lateness",
]
