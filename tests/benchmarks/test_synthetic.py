"""Synthetic scale programs and the warm start they exercise (small sizes; no timing)."""

from __future__ import annotations

from benchmarks.synthetic import synthetic_program
from planner.check import verify
from planner.solvers import SolveOptions, solve
from planner.solvers.instance import build_instance
from planner.solvers.list_scheduler import ListScheduler


def test_synthetic_program_has_the_requested_size_and_shape():
    """400 tasks over projects of 50-500 tasks, with people, holidays and cross-project links."""
    program = synthetic_program(400, seed=1)
    assert len(program.tasks) == 400
    assert all(50 <= len(p.tasks) <= 500 for p in program.projects)
    assert program.people and program.calendar.holidays and program.dependencies


def test_list_schedule_respects_every_rule():
    """Both schemes' schedules, made into a Schedule, pass the independent checker."""
    from planner.models import Schedule, ScheduledTask, SolveStatus

    program = synthetic_program(300, seed=2)
    inst = build_instance(program)
    scheduler = ListScheduler(inst)
    placement = scheduler.search(0.0, seed=2)  # the first serial and parallel schedules only
    assert placement is not None and placement.late == 0
    wd = program.working_days
    people: dict[str, list[str]] = {}
    for (key, _), chosen in placement.people.items():
        people.setdefault(key, []).extend(chosen)
    rows = tuple(
        ScheduledTask(
            project=inst.tasks[key].project,
            task=key.split(".", 1)[1],
            start=wd.date(s),
            finish=wd.date(inst.finish_index(key, s)),
            people=tuple(people.get(key, ())),
        )
        for key, s in placement.start.items()
    )
    verify(program, Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=rows))


def test_warm_start_is_used_and_the_schedule_checks():
    """A 300-task program gets the warm start (recorded) and a schedule the checker accepts."""
    program = synthetic_program(300, seed=3)
    schedule = solve(program, SolveOptions(time_limit=5, workers=2))
    verify(program, schedule)
    assert schedule.has_plan
    assert schedule.record.parameters["warm_start_s"] != "none"
