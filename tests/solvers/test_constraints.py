"""The milestone rule of the model: a milestone is dated on the working day it is reached.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday, so working day 5 is
Monday 2027-01-11. Every schedule is verified by the independent checker, which checks the same
rule from the dates alone.
"""

from __future__ import annotations

import datetime as dt

from ortools.sat.python import cp_model

from planner.models import SolveStatus
from planner.solvers import constraints
from planner.solvers.instance import build_instance
from planner.solvers.variables import build_variables
from tests.conftest import make_program, solve_checked

D = dt.date


def milestone_range(program, key: str) -> tuple[int, int]:
    """Smallest and largest distance from ``p.a``'s start to ``key``'s that the model's links allow."""
    inst = build_instance(program)
    out = []
    for sense in (1, -1):
        model = cp_model.CpModel()
        var = build_variables(model, inst)
        constraints.dependencies(model, inst, var)
        model.minimize(sense * (var.start[key] - var.start["p.a"]))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        out.append(solver.value(var.start[key]) - solver.value(var.start["p.a"]))
    return out[0], out[1]


def test_a_milestone_follows_its_predecessor_with_no_room_to_float():
    """m after a(3), beside b(10): finish 10 leaves m 7 days of slack, yet it is dated day 3 (Thu 7 Jan),
    the day after a finishes; whatever a's start, m is a's start + 3 in every schedule the model allows."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "b", "duration": 10},
                    {"id": "m", "milestone": True, "after": ["a"]},
                ],
            }
        ]
    )
    assert milestone_range(program, "p.m") == (3, 3)
    schedule = solve_checked(program)
    assert schedule.by_key()["p.m"].start == D(2027, 1, 7)


def test_the_latest_bound_dates_it_each_link_type_and_a_release():
    """m after a(4) by FS-1 (day 3), SS+2 (day 2), FF+1 (day 5) and SF+3 (day 3), released Tue 12 Jan (day 6):
    the release is the latest, so m is dated day 6; without it, FF+1 makes it day 5 (Mon 11 Jan)."""
    tasks = [
        {"id": "a", "duration": 4},
        {
            "id": "m",
            "milestone": True,
            "release": "2027-01-12",
            "after": [
                {"task": "a", "lag": -1},
                {"task": "a", "type": "SS", "lag": 2},
                {"task": "a", "type": "FF", "lag": 1},
                {"task": "a", "type": "SF", "lag": 3},
            ],
        },
    ]
    released = solve_checked(make_program(projects=[{"id": "p", "tasks": tasks}]))
    assert released.by_key()["p.m"].start == D(2027, 1, 12)
    tasks[1] = {k: v for k, v in tasks[1].items() if k != "release"}
    free = solve_checked(make_program(projects=[{"id": "p", "tasks": tasks}]))
    assert free.by_key()["p.m"].start == D(2027, 1, 11)


def test_a_milestone_with_nothing_before_it_is_dated_on_its_earliest_day():
    """A milestone with no predecessor and no release is dated day 0 (Mon 4 Jan); its project's
    release Wed 6 Jan (day 2) dates it that day."""
    alone = make_program(
        projects=[{"id": "p", "tasks": [{"id": "a", "duration": 5}, {"id": "m", "milestone": True}]}]
    )
    assert solve_checked(alone).by_key()["p.m"].start == D(2027, 1, 4)
    released = make_program(
        projects=[
            {
                "id": "p",
                "release": "2027-01-06",
                "tasks": [{"id": "a", "duration": 5}, {"id": "m", "milestone": True}],
            }
        ]
    )
    assert solve_checked(released).by_key()["p.m"].start == D(2027, 1, 6)


def test_a_pinned_milestone_keeps_its_pin():
    """A milestone pinned to Fri 15 Jan (day 9) after a(3) stays there: pins are exempt from the rule."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "m", "milestone": True, "after": ["a"], "fixed_start": "2027-01-15"},
                ],
            }
        ]
    )
    assert "p.m" not in program.reached_milestones
    assert solve_checked(program).by_key()["p.m"].start == D(2027, 1, 15)


def test_a_milestone_before_a_deadline_with_a_successor_stays_feasible():
    """m after a(3) must precede b by SS-2 and finish by its deadline Thu 7 Jan (day 3): the rule (m = 3)
    only bounds m from below as the links do, so the program stays feasible, b starting day 1."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "m", "milestone": True, "after": ["a"], "deadline": "2027-01-07"},
                    {"id": "b", "duration": 2, "after": [{"task": "m", "type": "SS", "lag": -2}]},
                ],
            }
        ]
    )
    schedule = solve_checked(program)
    assert schedule.status is SolveStatus.OPTIMAL
    assert schedule.by_key()["p.m"].start == D(2027, 1, 7)


def test_a_milestone_of_an_unfunded_project_does_not_bind():
    """q is excluded: its milestone q.m (after p.a and q.t) is left out and the rule does not hold it, so
    p's plan is unchanged: a on days 0-4."""
    program = make_program(
        projects=[
            {"id": "p", "tasks": [{"id": "a", "duration": 5}]},
            {
                "id": "q",
                "funding": "excluded",
                "tasks": [{"id": "t", "duration": 4}, {"id": "m", "milestone": True, "after": ["t", "p.a"]}],
            },
        ]
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ("q",) and [t.key for t in schedule.tasks] == ["p.a"]


def test_a_funded_candidate_milestone_is_dated_when_reached():
    """q is a candidate worth funding (benefit 100 a month from its milestone, cost 50): its milestone after
    p.a(5) and q.t(3) is dated day 5 (Mon 11 Jan), the day after the later of the two finishes."""
    program = make_program(
        projects=[
            {"id": "p", "tasks": [{"id": "a", "duration": 5}]},
            {
                "id": "q",
                "funding": "candidate",
                "benefit": {"per_month": 100, "from": "m"},
                "tasks": [
                    {"id": "t", "duration": 3, "cost": 50},
                    {"id": "m", "milestone": True, "after": ["t", "p.a"]},
                ],
            },
        ],
        finance={"appraisal_end": "2027-12-31"},
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ()
    assert schedule.by_key()["q.m"].start == D(2027, 1, 11)
