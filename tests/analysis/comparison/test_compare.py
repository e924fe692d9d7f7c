"""Comparison of a base schedule with scenario schedules, on programs built in code.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday: working day 5 is Monday
2027-01-11, day 15 Monday 2027-01-25. Solves use one worker on programs whose best schedule is
unique; every schedule is verified by the independent checker (hand-made overloaded ones are
checked to break exactly the expected rule).
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.analysis.comparison.compare import ComparisonError, compare
from planner.check import check
from planner.models import Schedule, ScheduledTask, SolveStatus
from tests.conftest import make_program, solve_checked


def chain_program(build: int = 10, **extra: object):
    """design(5) -> build -> live (deadline 2027-03-31); qa(4) in another project, independent."""
    return make_program(
        **extra,
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "design", "duration": 5},
                    {"id": "build", "duration": build, "after": ["design"]},
                    {"id": "live", "milestone": True, "after": ["build"], "deadline": "2027-03-31"},
                ],
            },
            {"id": "q", "tasks": [{"id": "qa", "duration": 4}]},
        ],
    )


def contention_program(duration_a: int = 3, capacity: int = 1):
    """One developer pool: A is fixed at day 0, B (2 days, other project) waits for it, then M."""
    return make_program(
        roles=[{"id": "dev", "capacity": capacity}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {
                        "id": "a",
                        "duration": duration_a,
                        "fixed_start": "2027-01-04",
                        "requires": [{"role": "dev"}],
                    }
                ],
            },
            {
                "id": "q",
                "tasks": [
                    {"id": "b", "duration": 2, "requires": [{"role": "dev"}]},
                    {"id": "m", "milestone": True, "after": ["b"]},
                ],
            },
        ],
    )


def test_dates_and_differences_of_a_longer_task():
    """Build 10 -> 15 days: live moves from day 15 (Mon 25 Jan) to day 20 (Mon 1 Feb): +5 wd, +7 days."""
    base, longer = chain_program(), chain_program(build=15)
    comparison = compare(
        (base, solve_checked(base, workers=1)), [("build late", longer, solve_checked(longer, workers=1))]
    )
    rows = {(r.kind, r.key): r for r in comparison.dates}
    live = rows[("milestone", "p.live")]
    assert live.base == dt.date(2027, 1, 25)
    assert live.deadline == dt.date(2027, 3, 31)
    delta = live.delta("build late")
    assert (delta.date, delta.working_days, delta.calendar_days) == (dt.date(2027, 2, 1), 5, 7)
    program = rows[("program", "program")].delta("build late")
    assert (program.working_days, program.calendar_days) == (5, 7)
    qa = rows[("project", "q")].delta("build late")
    assert (qa.date, qa.working_days) == (dt.date(2027, 1, 7), 0)


def test_moved_tasks_and_cause_of_a_longer_task():
    """Build ends 5 days later and live moves 5: the cause is build's new duration, one FS link away."""
    base, longer = chain_program(), chain_program(build=15)
    result = compare(
        (base, solve_checked(base, workers=1)), [("build late", longer, solve_checked(longer, workers=1))]
    ).scenario("build late")
    moved = {m.key: (m.start_shift, m.finish_shift) for m in result.moved}
    assert moved == {"p.build": (0, 5), "p.live": (5, 5)}
    assert (result.moved_count, result.total_shift) == (2, 5)
    assert result.changes == ("task p.build: duration 10 -> 15",)
    (cause,) = result.causes
    assert (cause.milestone, cause.shift, cause.read_from) == ("p.live", 5, "scenario")
    assert [s.task for s in cause.steps] == ["p.live", "p.build"]
    assert cause.origin == "p.build changed (duration 10 -> 15)"
    assert cause.text == "p.build +5 wd [changed (duration 10 -> 15)] -> (finish-to-start) p.live +5 wd"


def test_cause_through_specialist_contention():
    """A (fixed, 3 -> 5 days) holds the only developer, so B waits 2 more days and M moves +2."""
    base, longer = contention_program(), contention_program(duration_a=5)
    result = compare(
        (base, solve_checked(base, workers=1)), [("A longer", longer, solve_checked(longer, workers=1))]
    ).scenario("A longer")
    (cause,) = result.causes
    assert cause.shift == 2
    assert [(s.task, s.held_by.kind if s.held_by else None) for s in cause.steps] == [
        ("q.m", "dependency"),
        ("q.b", "role"),
        ("p.a", None),
    ]
    assert (
        cause.text
        == "p.a +2 wd [changed (duration 3 -> 5)] -> (role dev full) q.b +2 wd -> (finish-to-start) q.m +2 wd"
    )


def test_earlier_milestone_is_explained_in_the_base():
    """A second developer lets B start on day 0: M moves from day 5 to day 2 (-3), held before by the role."""
    base, more = contention_program(), contention_program(capacity=2)
    result = compare(
        (base, solve_checked(base, workers=1)), [("hire", more, solve_checked(more, workers=1))]
    ).scenario("hire")
    (cause,) = result.causes
    assert (cause.shift, cause.read_from) == (-3, "base")
    assert cause.origin == "role dev: capacity 1 -> 2"
    assert [s.task for s in cause.steps] == ["q.m", "q.b"]
    peak = {c.resource: (c.base_peak, c.peak) for c in result.load}
    assert peak == {"dev": (1, 2)}


def test_overloads_created_and_avoided_when_capacity_changes_under_a_kept_plan():
    """X and Y both use 1 of 2 developers on days 0-2; capacity 1 from Tuesday overloads 5 and 6 January."""
    roles = [{"id": "dev", "capacity": 2}]
    freeze = [{"id": "dev", "capacity": 2, "changes": [{"from": "2027-01-05", "capacity": 1}]}]
    tasks = [
        {"id": "x", "duration": 3, "requires": [{"role": "dev"}]},
        {"id": "y", "duration": 3, "requires": [{"role": "dev"}]},
    ]
    full, frozen = (make_program(roles=r, projects=[{"id": "p", "tasks": tasks}]) for r in (roles, freeze))
    plan = Schedule(
        program="test",
        status=SolveStatus.FEASIBLE,
        tasks=tuple(
            ScheduledTask(project="p", task=t, start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 6))
            for t in "xy"
        ),
    )
    assert check(full, plan) == []
    assert [v.kind for v in check(frozen, plan)] == ["role-capacity"]
    created = compare((full, plan), [("freeze", frozen, plan)]).scenario("freeze").load[0]
    assert (created.base_overloaded_days, created.overloaded_days) == (0, 2)
    assert [(r.first, r.last, r.days) for r in created.created] == [
        (dt.date(2027, 1, 5), dt.date(2027, 1, 6), 2)
    ]
    avoided = compare((frozen, plan), [("thaw", full, plan)]).scenario("thaw").load[0]
    assert [(r.first, r.days) for r in avoided.avoided] == [(dt.date(2027, 1, 5), 2)]
    assert avoided.created == ()


def test_infeasible_scenario_keeps_its_rows_without_dates():
    """A deadline before design can finish has no plan: its dates and differences are empty."""
    base = chain_program()
    tight = chain_program().model_copy(
        update={
            "projects": [
                {"id": "p", "deadline": "2027-01-06", "tasks": [{"id": "design", "duration": 5}]},
                {"id": "q", "tasks": [{"id": "qa", "duration": 4}]},
            ]
        }
    )
    schedule = solve_checked(tight, workers=1)
    assert schedule.status is SolveStatus.INFEASIBLE
    comparison = compare((base, solve_checked(base, workers=1)), [("too tight", tight, schedule)])
    result = comparison.scenario("too tight")
    assert (result.status, result.finish, result.moved_count, result.causes) == (
        SolveStatus.INFEASIBLE,
        None,
        0,
        (),
    )
    assert all(d.date is None and d.working_days is None for r in comparison.dates for d in r.scenarios)
    assert "task p.build: removed" in result.changes


def test_cost_is_filled_when_the_program_gives_rates():
    """Without rates costs stay empty; a developer at 10 a day on every task costs 190, then 240 (+50)."""
    base, longer = chain_program(), chain_program(build=15)
    empty = compare(
        (base, solve_checked(base, workers=1)), [("late", longer, solve_checked(longer, workers=1))]
    )
    assert (empty.base.cost, empty.scenario("late").cost, empty.scenario("late").cost_change) == (
        None,
        None,
        None,
    )

    def priced(build: int):
        dev = [{"role": "dev"}]
        return make_program(
            roles=[{"id": "dev", "capacity": 2, "day_rate": 10}],
            projects=[
                {
                    "id": "p",
                    "tasks": [
                        {"id": "design", "duration": 5, "requires": dev},
                        {"id": "build", "duration": build, "after": ["design"], "requires": dev},
                        {"id": "live", "milestone": True, "after": ["build"], "deadline": "2027-03-31"},
                    ],
                },
                {"id": "q", "tasks": [{"id": "qa", "duration": 4, "requires": dev}]},
            ],
        )

    base, longer = priced(10), priced(15)
    result = compare(
        (base, solve_checked(base, workers=1)), [("late", longer, solve_checked(longer, workers=1))]
    )
    assert (result.base.cost, result.scenario("late").cost, result.scenario("late").cost_change) == (
        190.0,
        240.0,
        50.0,
    )


def test_duplicate_scenario_names_are_refused():
    """Two scenarios called the same cannot be told apart in the tables."""
    base = chain_program()
    schedule = solve_checked(base, workers=1)
    with pytest.raises(ComparisonError, match="unique"):
        compare((base, schedule), [("a", base, schedule), ("a", base, schedule)])


def test_a_release_that_does_not_hold_the_milestone_is_not_the_cause():
    """Live gets a release of Tuesday 5 January (far before it) and build grows 10 -> 15: build is the cause."""
    base = chain_program()
    changed = chain_program(build=15).model_copy(
        update={
            "projects": [
                {
                    "id": "p",
                    "tasks": [
                        {"id": "design", "duration": 5},
                        {"id": "build", "duration": 15, "after": ["design"]},
                        {
                            "id": "live",
                            "milestone": True,
                            "after": ["build"],
                            "deadline": "2027-03-31",
                            "release": "2027-01-05",
                        },
                    ],
                },
                {"id": "q", "tasks": [{"id": "qa", "duration": 4}]},
            ]
        }
    )
    (cause,) = (
        compare(
            (base, solve_checked(base, workers=1)), [("both", changed, solve_checked(changed, workers=1))]
        )
        .scenario("both")
        .causes
    )
    assert cause.origin == "p.build changed (duration 10 -> 15)"
    assert [s.task for s in cause.steps] == ["p.live", "p.build"]


def test_a_longer_predecessor_pushes_a_task_past_a_busy_specialist():
    """One developer, busy with X (days 0-2, fixed) and Y (days 5-7, fixed). B (2 days) after A fits in
    days 3-4; when A grows from 2 to 4 days B no longer fits before Y and waits until day 8: M +5.

    B is then held by the developer working on Y, which did not move; the slip reached B through
    A, which pushed it into that busy window.
    """

    def program(a: int):
        return make_program(
            roles=[{"id": "dev", "capacity": 1}],
            projects=[
                {
                    "id": "p",
                    "tasks": [
                        {
                            "id": "x",
                            "duration": 3,
                            "fixed_start": "2027-01-04",
                            "requires": [{"role": "dev"}],
                        },
                        {
                            "id": "y",
                            "duration": 3,
                            "fixed_start": "2027-01-11",
                            "requires": [{"role": "dev"}],
                        },
                        {"id": "a", "duration": a},
                        {"id": "b", "duration": 2, "after": ["a"], "requires": [{"role": "dev"}]},
                        {"id": "m", "milestone": True, "after": ["b"], "target": "2027-01-04"},
                    ],
                }
            ],
        )  # M as early as it can

    base, longer = program(2), program(4)
    result = compare(
        (base, solve_checked(base, workers=1)), [("A longer", longer, solve_checked(longer, workers=1))]
    ).scenario("A longer")
    (cause,) = [c for c in result.causes if c.milestone == "p.m"]
    assert cause.shift == 5
    assert [(s.task, s.held_by.kind if s.held_by else None) for s in cause.steps] == [
        ("p.m", "dependency"),
        ("p.b", "pushed"),
        ("p.a", None),
    ]
    assert cause.origin == "p.a changed (duration 2 -> 4)"


def test_a_slip_is_described_in_the_users_terms():
    """Build released on Monday 18 January: 'may not start before 2027-01-18', not 'release none -> ...'."""
    base = chain_program()
    later = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "design", "duration": 5},
                    {"id": "build", "duration": 10, "after": ["design"], "release": "2027-01-18"},
                    {"id": "live", "milestone": True, "after": ["build"], "deadline": "2027-03-31"},
                ],
            },
            {"id": "q", "tasks": [{"id": "qa", "duration": 4}]},
        ]
    )
    result = compare(
        (base, solve_checked(base, workers=1)), [("slip", later, solve_checked(later, workers=1))]
    ).scenario("slip")
    assert result.changes == ("task p.build: may not start before 2027-01-18",)
    (cause,) = result.causes
    assert cause.origin == "p.build changed (may not start before 2027-01-18)"


def test_the_scenarios_own_words_and_note_are_preferred():
    """With the change list (build slips 1w, noted), changes and the cause say it as written: live +5 wd."""
    from planner.models.scenario import Scenario
    from planner.scenarios import apply_changes

    base = chain_program()
    baseline = solve_checked(base, workers=1)  # build starts on day 5, Monday 11 January
    written = Scenario.model_validate(
        {
            "name": "s",
            "base": "x.yaml",
            "changes": [{"kind": "slip", "task": "p.build", "by": "1w", "note": "vendor late"}],
        }
    ).changes
    later = apply_changes(base, written, baseline)
    result = compare(
        (base, baseline), [("slip", later, solve_checked(later, workers=1))], {"slip": written}
    ).scenario("slip")
    assert result.changes == ("p.build slips 1 week (vendor late)",)
    (cause,) = result.causes
    assert (cause.milestone, cause.shift) == ("p.live", 5)
    assert cause.origin == "p.build slips 1 week (vendor late): p.build may not start before 2027-01-18"
