"""Tight links and chains back from a milestone.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday, so working day 5 is
Monday 2027-01-11. Solves use one worker on programs whose best schedule is unique, and every
schedule is verified by the independent checker.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.facts.timeline import Timeline, walk_back
from planner.check import verify
from planner.models import Schedule, ScheduledTask, SolveStatus
from tests.conftest import make_program, solve_checked


def kinds(steps):
    return [(s.task, s.held_by.kind if s.held_by else None) for s in steps]


def test_dependency_chain_back_to_the_start():
    """A(3) -> FS+2 -> B(2) -> M: M on day 7 (Wed 13 Jan) held by B, B by A's lag, A by the start."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "b", "duration": 2, "after": [{"task": "a", "lag": 2}]},
                    {"id": "m", "milestone": True, "after": ["b"]},
                ],
            }
        ]
    )
    schedule = solve_checked(program, workers=1)
    steps = walk_back(program, schedule, "p.m")
    assert kinds(steps) == [("p.m", "dependency"), ("p.b", "dependency"), ("p.a", "start")]
    assert steps[0].start == dt.date(2027, 1, 13)
    assert steps[0].held_by.task == "p.b"
    assert "+ 2 working days" in steps[1].held_by.detail


def test_role_contention_links_to_the_task_that_frees_the_role():
    """One developer: X is fixed at day 0 (3 days), so Y waits for it (days 3-4) and M is on day 5."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "x", "duration": 3, "fixed_start": "2027-01-04", "requires": [{"role": "dev"}]},
                    {"id": "y", "duration": 2, "requires": [{"role": "dev"}]},
                    {"id": "m", "milestone": True, "after": ["y"]},
                ],
            }
        ],
    )
    schedule = solve_checked(program, workers=1)
    steps = walk_back(program, schedule, "p.m")
    assert kinds(steps) == [("p.m", "dependency"), ("p.y", "role"), ("p.x", "fixed")]
    role = steps[1].held_by
    assert (role.task, role.resource, role.day) == ("p.x", "dev", dt.date(2027, 1, 6))
    assert steps[0].start == dt.date(2027, 1, 11)


def test_leave_capacity_step_and_release_hold_a_task():
    """Ann is away the first week, the tester pool is empty until Wednesday, a release is Thursday."""
    program = make_program(
        roles=[{"id": "tester", "capacity": 0, "changes": [{"from": "2027-01-06", "capacity": 1}]}],
        people=[{"id": "ann", "skills": ["sql"], "leave": [{"from": "2027-01-04", "to": "2027-01-08"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 2, "requires": [{"person": "ann"}]},
                    {"id": "t", "duration": 2, "requires": [{"role": "tester"}]},
                    {"id": "r", "duration": 1, "release": "2027-01-07"},
                ],
            }
        ],
    )
    schedule = solve_checked(program, workers=1)
    line = Timeline(program, schedule)
    assert [(x.kind, x.resource, x.day) for x in line.tight_links("p.a")] == [
        ("leave", "ann", dt.date(2027, 1, 8))
    ]
    assert [(x.kind, x.resource, x.day) for x in line.tight_links("p.t")] == [
        ("capacity", "tester", dt.date(2027, 1, 6))
    ]
    assert [(x.kind, x.day) for x in line.tight_links("p.r")] == [("release", dt.date(2027, 1, 7))]


def test_person_booked_up_to_their_availability():
    """Lee gives 100%: a 60% task then a 50% task cannot overlap, so the second waits for the first."""
    program = make_program(
        people=[{"id": "lee", "skills": ["sql"]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {
                        "id": "a",
                        "duration": 2,
                        "fixed_start": "2027-01-04",
                        "requires": [{"person": "lee", "allocation": 60}],
                    },
                    {"id": "b", "duration": 2, "requires": [{"skill": "sql", "allocation": 50}]},
                ],
            }
        ],
    )
    schedule = solve_checked(program, workers=1)
    links = Timeline(program, schedule).tight_links("p.b")
    assert [(x.kind, x.task, x.resource) for x in links] == [("person", "p.a", "lee")]
    assert "booked 60% of 100%" in links[0].detail


def test_a_task_that_could_start_earlier_has_slack():
    """A hand-made schedule puts B (no predecessor, no resource) on day 3: nothing holds it there."""
    program = make_program(projects=[{"id": "p", "tasks": [{"id": "b", "duration": 2}]}])
    schedule = Schedule(
        program="test",
        status=SolveStatus.FEASIBLE,
        tasks=(ScheduledTask(project="p", task="b", start=dt.date(2027, 1, 7), finish=dt.date(2027, 1, 8)),),
    )
    verify(program, schedule)
    steps = walk_back(program, schedule, "p.b")
    assert kinds(steps) == [("p.b", "slack")]


def test_stop_ends_the_chain_at_a_chosen_task():
    """With stop at A, the walk from M ends on A and A's own link is not followed."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "b", "duration": 2, "after": ["a"]},
                    {"id": "m", "milestone": True, "after": ["b"]},
                ],
            }
        ]
    )
    schedule = solve_checked(program, workers=1)
    steps = walk_back(program, schedule, "p.m", stop=lambda key: key == "p.a")
    assert kinds(steps) == [("p.m", "dependency"), ("p.b", "dependency"), ("p.a", None)]
