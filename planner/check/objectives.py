"""The objective values recomputed from a schedule's dates: weighted lateness, the program's finish
and the ``early`` tier, and the check that the solve record gives the same values."""

from __future__ import annotations

from planner.check.placement import DayNumbers, Placed, placements
from planner.check.violations import Violations, n_days
from planner.models import Program, Schedule


def _lateness(program: Program, placed: dict[str, Placed], days: DayNumbers) -> int:
    total = 0
    for p in placed.values():
        if p.task.target is not None:
            total += p.task.target.weight * max(0, p.f - days.before(p.task.target.date))
    for project in program.projects:
        finishes = [placed[k].f for k in (f"{project.id}.{t.id}" for t in project.tasks) if k in placed]
        if project.target is not None and finishes:
            total += project.target.weight * max(0, max(finishes) - days.before(project.target.date))
    return total


def _earliness(program: Program, placed: dict[str, Placed]) -> int:
    """The ``early`` tier from the dates: 2 x each placed task's start (working-day number), or -1 x
    for a task marked ``as_late_as_possible``; milestones dated when reached do not count."""
    return sum(
        (-1 if p.task.as_late_as_possible else 2) * p.s
        for p in placed.values()
        if p.key not in program.reached_milestones
    )


def weighted_lateness(program: Program, schedule: Schedule) -> int:
    """Weighted working days late against task and project targets, from the schedule's dates.

    A task's lateness is the number of working days from the last working day on or before its
    target to its finish (0 when it finishes on or before the target); a project's uses the
    latest finish of its tasks. Each is multiplied by its target's weight.

    Returns
    -------
    int
        The sum over the targets of the tasks the schedule places (0 without a plan).
    """
    days, placed = placements(program, schedule)
    return _lateness(program, placed, days)


def project_finishes(program: Program, schedule: Schedule) -> dict[str, int]:
    """Each project's end: the largest exclusive end (working-day number) among its placed tasks.

    Returns
    -------
    dict[str, int]
        Project id to ``max(s + duration)`` over its placed tasks (projects with none are left out).
    """
    _, placed = placements(program, schedule)
    out: dict[str, int] = {}
    for p in placed.values():
        out[p.project.id] = max(out.get(p.project.id, 0), p.e)
    return out


def program_finish(program: Program, schedule: Schedule) -> int:
    """The program's makespan: the largest exclusive end among placed tasks, in working days.

    Returns
    -------
    int
        ``max(s + duration)`` over every placed task; 0 for an empty schedule.
    """
    return max(project_finishes(program, schedule).values(), default=0)


def check_objective(
    program: Program, schedule: Schedule, placed: dict[str, Placed], days: DayNumbers, out: Violations
) -> None:
    """Report each tier of the solve record (lateness, finish, early) that the dates do not give."""
    tiers = {t.name: t.value for t in schedule.record.tiers} if schedule.record else {}
    if "lateness" in tiers and tiers["lateness"] != (late := _lateness(program, placed, days)):
        out.add(
            None,
            "objective",
            f"the solve record gives weighted lateness {tiers['lateness']}, "
            f"but the schedule's dates give {late}",
        )
    if "finish" in tiers:
        end = max((p.e for p in placed.values()), default=0)
        if tiers["finish"] != end:
            out.add(
                None,
                "objective",
                f"the solve record gives a program finish of "
                f"{n_days(tiers['finish'])}, but the schedule's last task ends after "
                f"{n_days(end)} (on {days.date(max(end - 1, 0))})",
            )
    if "early" in tiers and tiers["early"] != (early := _earliness(program, placed)):
        out.add(
            None,
            "objective",
            f"the solve record gives an early tier of {tiers['early']}, but the "
            f"schedule's dates give {early} (2 x the start of each task, - the start of each marked "
            "as_late_as_possible, milestones dated when reached left out)",
        )
