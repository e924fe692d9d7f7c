"""Bounds from the program: critical path and energy per role, person and skill pool.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday. Each bound is worked
out by hand; where the solver's optimum is known the bound is compared with it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from planner.models import SolveStatus
from planner.solvers.bounds import ProgramBounds, objective_floor
from planner.solvers.instance import build_instance
from tests.conftest import make_program, solve_checked
from tests.solvers.test_properties import programs

TIERS = ("lateness", "finish", "project_finishes")


def bounds(program) -> dict[str, int]:
    return ProgramBounds(build_instance(program)).tier_bounds(TIERS)


def test_critical_path_counts_releases_holidays_and_lags():
    """A(3) released Wednesday 6 January (day 2), then B(2) after a 1-day lag: 2 + 3 + 1 + 2 = 8."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "release": "2027-01-06",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {"id": "b", "duration": 2, "after": [{"task": "a", "lag": 1}]},
                ],
            }
        ]
    )
    assert bounds(program)["finish"] == 8
    assert solve_checked(program).record.tiers[0].value == 8


def test_role_energy_follows_a_capacity_step():
    """Four 3-day tasks for one developer each, 1 developer until day 5 then 2: 12 developer-days;
    days 0-4 give 5, then 2 a day: 5 + 2 x 4 = 13 >= 12 by day 9, 5 + 2 x 3 = 11 < 12 by day 8.
    The critical path alone says 3."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1, "changes": [{"from": "2027-01-11", "capacity": 2}]}],
        projects=[
            {
                "id": "p",
                "tasks": [{"id": f"t{i}", "duration": 3, "requires": [{"role": "dev"}]} for i in range(4)],
            }
        ],
    )
    assert bounds(program)["finish"] == 9
    schedule = solve_checked(program)
    assert schedule.record.tiers[0].value >= 9


def test_a_named_persons_leave_delays_the_energy():
    """Dana does 4 days of work at 100 %, on leave days 0-4: nothing is done before day 5, so
    the work ends on day 9 at the earliest, which the solver reaches."""
    program = make_program(
        people=[{"id": "dana", "skills": ["sql"], "leave": [{"from": "2027-01-04", "to": "2027-01-08"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 2, "requires": [{"person": "dana"}]},
                    {"id": "b", "duration": 2, "requires": [{"person": "dana"}]},
                ],
            }
        ],
    )
    assert bounds(program)["finish"] == 9
    schedule = solve_checked(program)
    assert (schedule.status, schedule.record.tiers[0].value) == (SolveStatus.OPTIMAL, 9)


def test_a_skill_pool_shares_its_people_and_takes_their_named_work():
    """Two sql people at 100 %: a 6-day task for 2 of them (1,200 %-days) and a 4-day task named
    for Lee (400): 1,600 %-days at 200 a day is 8 days; the critical path says 6."""
    program = make_program(
        people=[{"id": "dana", "skills": ["sql"]}, {"id": "lee", "skills": ["sql"]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 6, "requires": [{"skill": "sql", "count": 2}]},
                    {"id": "b", "duration": 4, "requires": [{"person": "lee"}]},
                ],
            }
        ],
    )
    assert bounds(program)["finish"] == 8
    schedule = solve_checked(program)
    assert schedule.record.tiers[0].value == 10  # no overlap possible: 6 + 4; the bound is 8


def test_energy_adds_the_chain_after_the_work():
    """Three 2-day tasks of one tester, each followed by a 5-day sign-off of nobody: the tester
    is busy 6 days; the last of them still needs 5 more: 6 + 5 = 11, also the optimum."""
    tasks = []
    for i in range(3):
        tasks.append({"id": f"t{i}", "duration": 2, "requires": [{"role": "tester"}]})
        tasks.append({"id": f"s{i}", "duration": 5, "after": [f"t{i}"]})
    program = make_program(roles=[{"id": "tester", "capacity": 1}], projects=[{"id": "p", "tasks": tasks}])
    assert bounds(program)["finish"] == 11
    assert solve_checked(program).record.tiers[0].value == 11


def test_lateness_bound_per_target():
    """A 10-day task with a target of Friday 8 January (day 4), weight 3: it ends on day 9 at the
    earliest, 5 days late: 15; a project target of day 4 over a 7-day task: 7 - 1 - 4 = 2 days."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [{"id": "a", "duration": 10, "target": {"date": "2027-01-08", "weight": 3}}],
            },
            {"id": "q", "target": {"date": "2027-01-08", "weight": 1}, "tasks": [{"id": "b", "duration": 7}]},
        ]
    )
    found = bounds(program)
    assert found["lateness"] == 3 * 5 + 2
    assert found["project_finishes"] == 10 + 7
    schedule = solve_checked(program)
    assert [(t.name, t.value, t.bound, t.optimal) for t in schedule.record.tiers][:2] == [
        ("lateness", 17, 17, True),
        ("finish", 10, 10, True),
    ]


def test_candidate_projects_prove_nothing():
    """Work of a project the board may leave out is not counted: only the mandatory 2 days are."""
    program = make_program(
        projects=[
            {"id": "core", "tasks": [{"id": "a", "duration": 2}]},
            {"id": "extra", "funding": "candidate", "tasks": [{"id": "b", "duration": 30}]},
        ]
    )
    assert bounds(program)["finish"] == 2


def test_objective_floor_of_a_negative_objective():
    """3x - 2y + 5 with x in [1, 4] and y in [0, 10]: at least 3 - 20 + 5 = -12 (a bound of 0
    would be false)."""
    model = cp_model.CpModel()
    x, y = model.new_int_var(1, 4, "x"), model.new_int_var(0, 10, "y")
    model.minimize(3 * x - 2 * y + 5)
    assert objective_floor(model) == -12
    model.minimize(-(x + 0))  # a negated reference: -x is at least -4
    assert objective_floor(model) == -4


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_bounds_never_exceed_a_proven_optimum(program):
    """On random small programs, no bound is above the value of the schedule found (which is
    the optimum for tiers proven optimal), nor is any reported bound."""
    schedule = solve_checked(program, time_limit=5.0)
    found = bounds(program)
    for tier in schedule.record.tiers:
        assert found.get(tier.name, tier.bound) <= tier.value
        assert tier.bound <= tier.value


def dba_program(leave: list[dict] | None = None, days: int = 10):
    """Five tasks of the one DBA, then go-live due Monday 1 February (day 20)."""
    work = [{"id": f"t{i}", "duration": days, "requires": [{"skill": "db"}]} for i in range(5)]
    return make_program(
        people=[{"id": "dba", "skills": ["db"], "leave": leave or []}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    *work,
                    {
                        "id": "live",
                        "milestone": True,
                        "after": [t["id"] for t in work],
                        "deadline": "2027-02-01",
                    },
                ],
            }
        ],
    )


def test_an_overloaded_specialist_makes_the_deadline_impossible():
    """5 x 10 days of the DBA at 100 % is 5,000 %-days; go-live, a milestone, on day 20 is reached
    the day after the work before it ends, which leaves them days 0-19: 20 x 100 = 2,000 (the
    work must end by day 20, exclusive). The work ends on day 50 at the earliest."""
    (overload,) = ProgramBounds(build_instance(dba_program())).overloads()
    assert (overload.commitment, overload.held, overload.deadline, overload.end) == (
        "deadline:p.live",
        ("p.live",),
        20,
        20,
    )
    assert (overload.energy.resource, overload.energy.work, overload.available, overload.energy.end) == (
        "people:dba",
        5000,
        2000,
        50,
    )
    assert set(overload.energy.tasks) == {f"p.t{i}" for i in range(5)}


def test_no_overload_when_the_work_fits():
    """5 x 4 days is 2,000 %-days against 2,000 (days 0-19): the arithmetic proves nothing."""
    assert ProgramBounds(build_instance(dba_program(days=4))).overloads() == []
