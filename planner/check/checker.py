"""The whole check: every rule of the program applied to a schedule, in a fixed order."""

from __future__ import annotations

from planner.check.funding import check_funding, unfunded_projects
from planner.check.objectives import check_objective
from planner.check.placement import check_structure, placements
from planner.check.resources import Allocations, check_person_load, check_role_load, check_staffing
from planner.check.timing import check_commitments, check_dates, check_dependencies, check_reached
from planner.check.violations import ScheduleInvalid, Violation, Violations
from planner.models import Program, Schedule


def check(program: Program, schedule: Schedule) -> list[Violation]:
    """Every rule of ``program`` that ``schedule`` breaks (an empty list when it is valid).

    Parameters
    ----------
    program
        The validated program the schedule claims to plan.
    schedule
        A schedule from the solver or edited by hand.

    Returns
    -------
    list[Violation]
        Structural problems first, then per-task rules in program order, dependencies, role and
        people loads, the objective values of the solve record, and finally funding and budget.
    """
    out = Violations()
    if not schedule.has_plan:
        if schedule.tasks:
            out.add(
                None,
                "status",
                f"the schedule has status {schedule.status.value} but places "
                f"{len(schedule.tasks)} tasks; it should place none",
            )
        return list(out)
    check_structure(program, schedule, out, unfunded_projects(program, schedule))
    days, placed = placements(program, schedule)
    allocations: Allocations = {}
    for key in program.tasks:
        if key in placed:
            p = placed[key]
            check_dates(program, p, days, out)
            check_commitments(p, days, out)
            allocations[key] = check_staffing(program, p, out)
    check_dependencies(program, placed, days, out)
    check_reached(program, placed, days, out)
    check_role_load(program, placed, days, out)
    check_person_load(program, placed, allocations, days, out)
    check_objective(program, schedule, placed, days, out)
    check_funding(program, schedule, placed, allocations, days, out)
    return list(out)


def verify(program: Program, schedule: Schedule) -> None:
    """Raise :class:`ScheduleInvalid` listing every violation if ``schedule`` breaks a rule.

    Raises
    ------
    ScheduleInvalid
        When :func:`check` finds at least one violation.
    """
    violations = check(program, schedule)
    if violations:
        raise ScheduleInvalid(violations, program.name)
