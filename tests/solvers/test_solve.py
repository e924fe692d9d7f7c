"""Solver tests: one family per constraint kind, each with a hand-worked objective.

Every program starts Monday 2027-01-04 (working day 0) with a Monday-Friday week, so working
day 5 is Monday 2027-01-11. Every schedule is verified by the independent checker.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from ortools.sat.python import cp_model

from planner.check import verify
from planner.errors import ProgramInvalid
from planner.models import SolveStatus
from planner.solvers import SolveOptions, solve
from tests.conftest import make_program, solve_checked


def one_project(*tasks: dict, **project: object) -> list[dict]:
    return [{"id": "p", "tasks": list(tasks), **project}]


def test_finish_to_start_with_lag(tiers):
    """A(3) then B(2) two working days later ends on working day 7 (B starts Monday 11 January)."""
    program = make_program(
        projects=one_project(
            {"id": "a", "duration": 3}, {"id": "b", "duration": 2, "after": [{"task": "a", "lag": 2}]}
        )
    )
    schedule = solve_checked(program)
    assert tiers(schedule) == {"finish": 7, "early": 10}  # early: 2 x (a 0 + b 5)
    b = schedule.by_key()["p.b"]
    assert (b.start, b.finish) == (dt.date(2027, 1, 11), dt.date(2027, 1, 12))


def test_every_dependency_type(tiers):
    """SS+1, FF+2, SF+5 and FS-2 from X(4): the FF successor sets the finish at 4 + 2 = 6."""
    program = make_program(
        projects=one_project(
            {"id": "x", "duration": 4},
            {"id": "ss", "duration": 2, "after": [{"task": "x", "type": "SS", "lag": 1}]},  # ends >= 3
            {"id": "ff", "duration": 3, "after": [{"task": "x", "type": "FF", "lag": 2}]},  # ends >= 6
            {"id": "sf", "duration": 2, "after": [{"task": "x", "type": "SF", "lag": 5}]},  # ends >= 5
            {"id": "fs", "duration": 2, "after": [{"task": "x", "lag": "-2d"}]},  # starts >= 2, ends 4
        )
    )
    # early: 2 x the starts x 0 + ss 1 + ff 3 + sf 3 + fs 2
    assert tiers(solve_checked(program)) == {"finish": 6, "early": 18}


def test_role_capacity_that_drops():
    """Three 3-day tasks, 2 developers until Wednesday then 1: all three must run one after the other.

    Any task covers day 2 (Wednesday), where only one developer is left, so at most one task can
    start before day 3: 3 + 3 + 3 = 9.
    """
    program = make_program(
        roles=[{"id": "dev", "capacity": 2, "changes": [{"from": "2027-01-06", "capacity": 1}]}],
        projects=one_project(
            *({"id": f"t{i}", "duration": 3, "requires": [{"role": "dev"}]} for i in range(3))
        ),
    )
    assert solve_checked(program).record.tiers[0].value == 9


def test_skill_staffing_picks_people():
    """t1 needs two SQL people (both Ann and Bob), t2 needs Bob's Python: they cannot overlap, 3 + 3."""
    program = make_program(
        people=[{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql", "py"]}],
        projects=one_project(
            {"id": "t1", "duration": 3, "requires": [{"skill": "sql", "count": 2}]},
            {"id": "t2", "duration": 3, "requires": [{"skill": "py"}]},
        ),
    )
    schedule = solve_checked(program)
    assert schedule.record.tiers[0].value == 6
    assert set(schedule.by_key()["p.t1"].people) == {"ann", "bob"}
    assert schedule.by_key()["p.t2"].people == ("bob",)


def test_leave_delays_the_named_person():
    """Ann is away the first week, so her 2-day task runs Monday and Tuesday of the second: ends day 7."""
    program = make_program(
        people=[{"id": "ann", "leave": [{"from": "2027-01-04", "to": "2027-01-08"}]}],
        projects=one_project({"id": "t", "duration": 2, "requires": [{"person": "ann"}]}),
    )
    schedule = solve_checked(program)
    assert schedule.by_key()["p.t"].start == dt.date(2027, 1, 11)
    assert schedule.record.tiers[0].value == 7


def test_part_time_window():
    """At 50% in the first week Ann can take a 50% task at once, but her full-time task waits: ends day 7."""
    program = make_program(
        people=[{"id": "ann", "part_time": [{"from": "2027-01-04", "to": "2027-01-08", "percent": 50}]}],
        projects=one_project(
            {"id": "half", "duration": 3, "requires": [{"person": "ann", "allocation": 50}]},
            {"id": "full", "duration": 2, "requires": [{"person": "ann"}]},
        ),
    )
    schedule = solve_checked(program)
    assert schedule.record.tiers[0].value == 7
    assert schedule.by_key()["p.full"].start == dt.date(2027, 1, 11)


@pytest.mark.parametrize(("availability", "finish"), [(100, 3), (50, 6)])
def test_half_time_allocations(availability, finish):
    """Two 3-day tasks at 50% of Ann run side by side if she is full time (3), in turn if half time (6)."""
    program = make_program(
        people=[{"id": "ann", "availability": availability}],
        projects=one_project(
            *(
                {"id": f"t{i}", "duration": 3, "requires": [{"person": "ann", "allocation": 50}]}
                for i in range(2)
            )
        ),
    )
    assert solve_checked(program).record.tiers[0].value == finish


def test_holiday_is_skipped():
    """A 5-day task from Monday with Wednesday off runs Mon, Tue, Thu, Fri, Mon: finishes 11 January."""
    program = make_program(
        calendar={"holidays": ["2027-01-06"]}, projects=one_project({"id": "t", "duration": 5})
    )
    schedule = solve_checked(program)
    assert schedule.by_key()["p.t"].finish == dt.date(2027, 1, 11)


def test_targets_are_met_by_weight(tiers):
    """One developer, A and B (5 days each) both targeted Friday 8 January: A (weight 10) goes first,
    B is 5 working days late at weight 1: lateness 5, finish 10."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=one_project(
            {
                "id": "a",
                "duration": 5,
                "requires": [{"role": "dev"}],
                "target": {"date": "2027-01-08", "weight": 10},
            },
            {
                "id": "b",
                "duration": 5,
                "requires": [{"role": "dev"}],
                "target": {"date": "2027-01-08", "weight": 1},
            },
        ),
    )
    schedule = solve_checked(program)
    assert tiers(schedule) == {"lateness": 5, "finish": 10, "early": 10}  # early: 2 x (a 0 + b 5)
    assert schedule.by_key()["p.a"].start == dt.date(2027, 1, 4)


def test_milestone_target_lateness(tiers):
    """A(10) then milestone M targeted Monday 11 January (day 5) at weight 3: M lands on day 10, 5 late, 15."""
    program = make_program(
        projects=one_project(
            {"id": "a", "duration": 10},
            {"id": "m", "milestone": True, "after": ["a"], "target": {"date": "2027-01-11", "weight": 3}},
        )
    )
    schedule = solve_checked(program)
    # early: 2 x a's start 0; m is dated when reached, so it does not count
    assert tiers(schedule) == {"lateness": 15, "finish": 10, "early": 0}
    assert schedule.by_key()["p.m"].start == dt.date(2027, 1, 18)


def test_unreachable_deadline_is_infeasible():
    """Ten days of work cannot finish by Friday of the first week."""
    program = make_program(projects=one_project({"id": "a", "duration": 10, "deadline": "2027-01-08"}))
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    assert schedule.status is SolveStatus.INFEASIBLE and schedule.tasks == ()


def test_fixed_start_and_release(tiers):
    """A pinned to Tuesday 12 January (day 6) and B released Monday 18 January (day 10): finish 6+2 vs 10+1."""
    program = make_program(
        projects=one_project(
            {"id": "a", "duration": 2, "fixed_start": "2027-01-12"},
            {"id": "b", "duration": 1, "after": ["a"], "release": "2027-01-18"},
        )
    )
    schedule = solve_checked(program)
    assert schedule.by_key()["p.a"].start == dt.date(2027, 1, 12)
    assert tiers(schedule) == {"finish": 11, "early": 32}  # early: 2 x (a 6 + b 10)


def test_project_finishes_secondary_tier(tiers):
    """One developer, P1 has a(2, dev) and c(4); P2 has b(2, dev): b goes first so P2 ends at 2, P1 at 4."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p1",
                "tasks": [
                    {"id": "a", "duration": 2, "requires": [{"role": "dev"}]},
                    {"id": "c", "duration": 4},
                ],
            },
            {"id": "p2", "tasks": [{"id": "b", "duration": 2, "requires": [{"role": "dev"}]}]},
        ],
    )
    # early: 2 x (b 0 + a 2 + c 0)
    assert tiers(solve_checked(program)) == {"finish": 4, "project_finishes": 6, "early": 4}


def test_levelling_secondary_tier(tiers):
    """Three developers, A and B need one each for 2 days beside a 4-day task: levelled, the peak is 1."""
    program = make_program(
        objective={"secondary": "levelling"},
        roles=[{"id": "dev", "capacity": 3}],
        projects=one_project(
            {"id": "a", "duration": 2, "requires": [{"role": "dev"}]},
            {"id": "b", "duration": 2, "requires": [{"role": "dev"}]},
            {"id": "c", "duration": 4},
        ),
    )
    # early: c at 0, a and b one after the other at 0 and 2: 2 x 2
    assert tiers(solve_checked(program)) == {"finish": 4, "levelling": 1, "early": 4}


def test_cross_project_dependency(tiers):
    """payments.build (5) must finish before migration.load (3) starts: the program ends on day 8."""
    program = make_program(
        projects=[
            {"id": "payments", "tasks": [{"id": "build", "duration": 5}]},
            {"id": "migration", "tasks": [{"id": "load", "duration": 3}]},
        ],
        dependencies=[{"from": "payments.build", "to": "migration.load"}],
    )
    assert tiers(solve_checked(program))["finish"] == 8


def test_fixed_people_are_kept():
    """Bob is pinned on the task although Ann, also qualified, is free."""
    program = make_program(
        people=[{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql"]}],
        projects=one_project(
            {"id": "t", "duration": 2, "requires": [{"skill": "sql"}], "fixed_people": ["bob"]}
        ),
    )
    assert solve_checked(program).by_key()["p.t"].people == ("bob",)


def test_requirement_beyond_capacity_is_refused():
    """A task needing 3 of a 2-person role is refused before solving, naming the task."""
    with pytest.raises(ProgramInvalid, match="p.t.*needs 3 of role dev"):
        make_program(
            roles=[{"id": "dev", "capacity": 2}],
            projects=one_project({"id": "t", "duration": 1, "requires": [{"role": "dev", "count": 3}]}),
        )


def test_pinned_start_before_its_release_is_infeasible():
    """A task pinned to Monday 4 January in a project released a week later cannot be scheduled."""
    program = make_program(
        projects=one_project({"id": "a", "duration": 2, "fixed_start": "2027-01-04"}, release="2027-01-11")
    )
    assert solve(program, SolveOptions(time_limit=5, workers=1)).status is SolveStatus.INFEASIBLE


def warm_started_program():
    """300 one-day tasks on 3 developers, the first targeted end of June: big enough for a warm start."""
    tasks = [{"id": f"t{i}", "duration": 1, "requires": [{"role": "dev"}]} for i in range(300)]
    tasks[0]["target"] = {"date": "2027-06-30"}
    return make_program(roles=[{"id": "dev", "capacity": 3}], projects=one_project(*tasks))


def test_list_schedules_are_reported_before_cp_sat_starts(tiers):
    """The warm start's first list schedule is reported as progress on the first tier (lateness 0)."""
    program = warm_started_program()
    reports = []
    schedule = solve(program, SolveOptions(time_limit=5, workers=2), progress=reports.append)
    verify(program, schedule)
    assert (reports[0].tier, reports[0].value, reports[0].bound) == ("lateness", 0, 0)
    # early: 3 tasks start on each of days 0..99, so 2 x 3 x (0 + 1 + ... + 99) = 29700
    assert tiers(schedule) == {"lateness": 0, "finish": 100, "early": 29700}


def test_a_tier_that_finds_nothing_better_hands_over_to_the_next(monkeypatch, tiers):
    """The 300-task program: when the lateness tier's search finds nothing in its time,
    the warm start is kept (lateness 0, proven by its bound 0) and the finish tier still runs and
    reaches 100 working days."""
    program = warm_started_program()
    real_solve = cp_model.CpSolver.solve
    calls: list[int] = []

    def lateness_times_out(self, model, callback=None):  # the warm start's check, then the tiers
        calls.append(1)
        if len(calls) == 2:
            self.parameters.max_time_in_seconds = 0.0
        return real_solve(self, model, callback)

    monkeypatch.setattr(cp_model.CpSolver, "solve", lateness_times_out)
    schedule = solve_checked(program)
    assert next((t.name, t.bound, t.optimal) for t in schedule.record.tiers) == ("lateness", 0, True)
    # early: 3 tasks start on each of days 0..99, so 2 x 3 x (0 + 1 + ... + 99) = 29700
    assert tiers(schedule) == {"lateness": 0, "finish": 100, "early": 29700}


def test_no_time_left_after_the_warm_start_keeps_it_with_unproven_tiers(monkeypatch, tiers):
    """The 300-task program, a 2 s limit used up by the warm start: the warm start's schedule
    comes back, and the bounds from the program prove it optimal without CP-SAT: lateness 0, and
    300 one-day tasks of one developer each over 3 developers take 300 / 3 = 100 working days."""
    from planner.solvers import search

    program = warm_started_program()
    real_warm_start = search.warm_start

    def slow_warm_start(*args, **kwargs):
        warm = real_warm_start(*args, **kwargs)
        time.sleep(2.0)
        return warm

    monkeypatch.setattr(search, "warm_start", slow_warm_start)
    schedule = solve_checked(program, time_limit=2.0)
    assert schedule.status == SolveStatus.OPTIMAL
    # the early tier gets no time: the warm start's value, unproven, which leaves the status optimal
    assert [(t.name, t.bound, t.optimal) for t in schedule.record.tiers][:2] == [
        ("lateness", 0, True),
        ("finish", 100, True),
    ]
    assert (schedule.record.tiers[2].name, schedule.record.tiers[2].optimal) == ("early", False)
    # early: 3 tasks start on each of days 0..99, so 2 x 3 x (0 + 1 + ... + 99) = 29700
    assert tiers(schedule) == {"lateness": 0, "finish": 100, "early": 29700}


def test_a_deadline_the_work_cannot_meet_is_infeasible_at_once():
    """The DBA's 5,000 %-days before a go-live that leaves 2,000: infeasible by arithmetic, before
    any search, and the run record names the deadline."""
    from tests.solvers.test_bounds import dba_program

    program = dba_program()
    schedule = solve_checked(program)
    assert schedule.status == SolveStatus.INFEASIBLE and not schedule.tasks
    assert schedule.record.parameters["infeasible_by"] == "deadline:p.live"


def test_a_program_whose_model_would_not_load_in_time_gets_the_list_schedule(monkeypatch, tiers):
    """When the model's build and load would take longer than the limit leaves, the best list
    schedule is the answer, its tiers computed without a model. One developer, a(3) and b(2) with b
    due Wednesday 6 January (day 2): b on days 0-1, then a on days 2-4; lateness 0 and finish 5 are
    proven by the program's bounds (3 + 2 days of one developer), so the answer is optimal;
    early = 2 x (0 + 2) = 4, above its floor 0. The record says the optimiser was not run and what
    limit would let it search."""
    from planner.solvers import search

    monkeypatch.setattr(search, "model_seconds", lambda inst: 1e6)
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3, "requires": [{"role": "dev"}]},
                    {
                        "id": "b",
                        "duration": 2,
                        "requires": [{"role": "dev"}],
                        "target": {"date": "2027-01-06"},
                    },
                ],
            }
        ],
    )
    schedule = solve_checked(program, time_limit=2.0)
    assert schedule.status == SolveStatus.OPTIMAL
    assert tiers(schedule) == {"lateness": 0, "finish": 5, "early": 4}
    assert [(t.name, t.bound) for t in schedule.record.tiers] == [
        ("lateness", 0),
        ("finish", 5),
        ("early", 0),
    ]
    assert schedule.record.parameters["start_from"] == "list schedule"
    assert "optimiser was not run" in schedule.record.parameters["time_notes"]
    assert "constraints" not in schedule.record.parameters  # no model was built


def test_a_tier_the_schedule_in_hand_already_meets_is_not_searched(monkeypatch, tiers):
    """The 300-task program: the list schedule's lateness 0 and finish 100 (300 one-day tasks over 3
    developers) meet the program's bounds, so CP-SAT confirms the list schedule and then only
    searches the early tier: two solves, not four, and both business tiers are proven."""
    program = warm_started_program()
    real_solve = cp_model.CpSolver.solve
    calls: list[int] = []

    def counted(self, model, callback=None):
        calls.append(1)
        return real_solve(self, model, callback)

    monkeypatch.setattr(cp_model.CpSolver, "solve", counted)
    schedule = solve_checked(program)
    assert len(calls) == 2
    assert [(t.name, t.bound, t.optimal) for t in schedule.record.tiers][:2] == [
        ("lateness", 0, True),
        ("finish", 100, True),
    ]
    # early: 3 tasks start on each of days 0..99, so 2 x 3 x (0 + 1 + ... + 99) = 29700
    assert tiers(schedule) == {"lateness": 0, "finish": 100, "early": 29700}
