"""Tests of the independent schedule checker on small programs worked out by hand.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planner.check import (
    ScheduleInvalid,
    Violation,
    check,
    program_finish,
    project_finishes,
    verify,
    weighted_lateness,
)
from planner.errors import PlannerError
from planner.models import Program, Schedule

HOLIDAY = {"date": "2027-03-10", "name": "Spring day"}


def program(*tasks: dict[str, Any], project: dict[str, Any] | None = None, **top: Any) -> Program:
    """A one-project program (project ``a``) on the test calendar."""
    data: dict[str, Any] = {
        "name": "test", "start": "2027-03-01", "calendar": {"holidays": [HOLIDAY]},
        "projects": [{"id": "a", "tasks": list(tasks), **(project or {})}],
    }
    return Program.model_validate({**data, **top})


def row(key: str, start: str, finish: str | None = None, people: tuple[str, ...] = ()) -> dict[str, Any]:
    """A scheduled task; ``finish`` defaults to ``start`` (milestones, one-day tasks)."""
    project, task = key.split(".")
    return {"project": project, "task": task, "start": start, "finish": finish or start, "people": people}


def schedule(*rows: dict[str, Any], status: str = "feasible", tiers: dict[str, int] | None = None) -> Schedule:
    """A hand-written schedule, with a solve record holding ``tiers`` when given."""
    record = None
    if tiers is not None:
        record = {
            "planner_version": "0", "ortools_version": "0", "python_version": "3", "time_limit": 1.0,
            "workers": 1, "seed": 0, "wall_time": 0.1, "status": status,
            "tiers": [{"name": n, "value": v, "bound": v, "optimal": True} for n, v in tiers.items()],
            "solved_at": dt.datetime(2027, 1, 1),
        }
    return Schedule.model_validate({"program": "test", "status": status, "tasks": rows, "record": record})


def kinds(violations: list[Violation]) -> list[str]:
    """The kinds of the violations, in order."""
    return [v.kind for v in violations]


def only(violations: list[Violation], kind: str) -> Violation:
    """The single violation, asserting it has ``kind``."""
    assert kinds(violations) == [kind], violations
    return violations[0]


# --- a valid program -------------------------------------------------------------------------------

def core() -> Program:
    """Two projects sharing a role pool and two specialists."""
    return Program.model_validate({
        "name": "test", "start": "2027-03-01", "calendar": {"holidays": [HOLIDAY]},
        "roles": [{"id": "dev", "capacity": 2}],
        "people": [{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data", "design"]}],
        "projects": [
            {"id": "pay", "deadline": "2027-03-19", "tasks": [
                {"id": "design", "duration": 3, "requires": [{"person": "bob"}]},
                {"id": "build", "duration": "1w", "after": ["design"], "requires": [{"role": "dev", "count": 2}]},
                {"id": "live", "milestone": True, "after": ["build"], "target": "2027-03-12"},
            ]},
            {"id": "mig", "tasks": [
                {"id": "extract", "duration": 4, "requires": [{"skill": "data"}]},
            ]},
        ],
        "dependencies": [{"from": "mig.extract", "to": "pay.live"}],
    })


def core_schedule(**kw: Any) -> Schedule:
    """design days 0-2; build days 3-7 (Mar 4, 5, 8, 9, 11: over a weekend and the holiday);
    live on day 8 = Mar 12; extract days 0-3 with alice (bob is busy on design)."""
    return schedule(
        row("pay.design", "2027-03-01", "2027-03-03", ("bob",)),
        row("pay.build", "2027-03-04", "2027-03-11"),
        row("pay.live", "2027-03-12"),
        row("mig.extract", "2027-03-01", "2027-03-04", ("alice",)),
        **kw,
    )


def test_valid_schedule_has_no_violations() -> None:
    """A schedule that keeps every rule yields an empty list and verify() passes."""
    assert check(core(), core_schedule()) == []
    verify(core(), core_schedule())


def test_verify_raises_listing_every_violation() -> None:
    """verify() raises a PlannerError whose message lists every violation with task and dates."""
    bad = schedule(row("pay.design", "2027-03-01", "2027-03-03", ("bob",)))
    with pytest.raises(ScheduleInvalid) as info:
        verify(core(), bad)
    assert isinstance(info.value, PlannerError)
    assert kinds(info.value.violations) == ["missing", "missing", "missing"]
    assert "3 violations" in str(info.value) and "pay.build is not in the schedule" in str(info.value)


def test_objective_tiers_match_recomputed_values() -> None:
    """Record tiers equal to the recomputed lateness (0) and finish (8) pass; a wrong one is reported."""
    # live (milestone, target Mar 12) is on Mar 12: 0 late. build ends on day 7 (e = 8) and the
    # milestone's e = s = 8, so the program finish is 8 working days.
    assert program_finish(core(), core_schedule()) == 8
    assert check(core(), core_schedule(tiers={"lateness": 0, "finish": 8})) == []
    found = check(core(), core_schedule(tiers={"lateness": 2, "finish": 8}))
    assert "weighted lateness 2, but the schedule's dates give 0" in only(found, "objective").message


# --- structure -----------------------------------------------------------------------------------

def test_missing_unknown_and_duplicate_tasks() -> None:
    """A task left out, an unknown task and a task placed twice are each reported."""
    p = program({"id": "x", "duration": 1}, {"id": "y", "duration": 1})
    found = check(p, schedule(row("a.x", "2027-03-01"), row("a.x", "2027-03-02"), row("a.z", "2027-03-01")))
    assert sorted(kinds(found)) == ["duplicate", "missing", "unknown-task"]
    assert {v.task for v in found} == {"a.x", "a.y", "a.z"}


def test_schedule_without_plan_must_place_nothing() -> None:
    """An infeasible schedule with no tasks is fine; one that still places tasks is a status error."""
    p = program({"id": "x", "duration": 1})
    assert check(p, schedule(status="infeasible")) == []
    assert kinds(check(p, schedule(row("a.x", "2027-03-01"), status="unknown"))) == ["status"]


# --- dates and durations -------------------------------------------------------------------------

def test_start_on_holiday_and_milestone_on_saturday() -> None:
    """Starting on the holiday and a milestone on a Saturday are non-working-day violations."""
    # x: Mar 10 (holiday) .. Mar 12 holds working days 7, 8 = its 2 days, so only the start is wrong.
    # m is released on Saturday Mar 6, so it is reached on Monday Mar 8 (day 5): only its date is wrong.
    p = program({"id": "x", "duration": 2}, {"id": "m", "milestone": True, "release": "2027-03-06"})
    found = check(p, schedule(row("a.x", "2027-03-10", "2027-03-12"), row("a.m", "2027-03-06")))
    assert kinds(found) == ["non-working-day", "non-working-day"]
    assert found[0].message == ("a.x starts 2027-03-10, which is the holiday Spring day, not a working day")
    assert found[1].message == "a.m starts 2027-03-06, which is a Saturday, not a working day"


def test_wrong_duration_across_weekend() -> None:
    """Five working days from Wed Mar 3 end Tue Mar 9; ending Mon Mar 8 is only four."""
    # Mar 3, 4, 5, 8, 9 = days 2..6; Mar 3..8 = days 2..5 = 4 working days (6 calendar days).
    p = program({"id": "x", "duration": 5})
    assert check(p, schedule(row("a.x", "2027-03-03", "2027-03-09"))) == []
    found = only(check(p, schedule(row("a.x", "2027-03-03", "2027-03-08"))), "duration")
    assert found.message == ("a.x runs 2027-03-03 to 2027-03-08, 4 working days, but its duration is "
                             "5 working days (it should finish 2027-03-09)")


def test_milestone_must_finish_on_its_start() -> None:
    """A milestone whose finish differs from its start is a duration violation."""
    p = program({"id": "m", "milestone": True})
    assert only(check(p, schedule(row("a.m", "2027-03-01", "2027-03-02"))), "duration").task == "a.m"


def test_dates_outside_the_program() -> None:
    """Starting before the program start and finishing after the program end are horizon violations."""
    p = program({"id": "x", "duration": 1}, {"id": "y", "duration": 2}, end="2027-03-05")
    found = check(p, schedule(row("a.x", "2027-02-26"), row("a.y", "2027-03-05", "2027-03-08")))
    assert kinds(found) == ["horizon", "horizon", "horizon"]
    assert found[0].message == "a.x starts 2027-02-26, before the program start 2027-03-01"
    assert found[1].message == "a.x finishes 2027-02-26, before the program start 2027-03-01"
    assert found[2].message == "a.y finishes 2027-03-08, after the program end 2027-03-05"


# --- dependencies --------------------------------------------------------------------------------

def test_finish_to_start() -> None:
    """FS lag 0: x ends day 2 (e=3), so y may start day 3 (Mar 4) but not Mar 3."""
    p = program({"id": "x", "duration": 3}, {"id": "y", "duration": 1, "after": ["x"]})
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-04"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-03"))), "dependency")
    assert found.message == ("a.y starts 2027-03-03, before a.x finishes (2027-03-03) + 0 working days "
                             "(finish-to-start); the earliest allowed start is 2027-03-04")


def test_start_to_start_with_lag() -> None:
    """SS lag 2: x starts day 0, so y may start day 2 (Mar 3) but not day 1 (Mar 2)."""
    p = program({"id": "x", "duration": 3}, {"id": "y", "duration": 1, "after": [{"task": "x", "type": "SS", "lag": 2}]})
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-03"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-02"))), "dependency")
    assert "before a.x starts (2027-03-01) + 2 working days (start-to-start)" in found.message


def test_finish_to_finish_with_lag() -> None:
    """FF lag 1: x has e=3, so y needs e >= 4, i.e. finish on day 3 (Mar 4); Mar 3 is too early."""
    p = program({"id": "x", "duration": 3}, {"id": "y", "duration": 2, "after": [{"task": "x", "type": "FF", "lag": 1}]})
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-03", "2027-03-04"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-02", "2027-03-03"))), "dependency")
    assert "(finish-to-finish); the earliest allowed finish is 2027-03-04" in found.message


def test_start_to_finish() -> None:
    """SF lag 0: x starts day 5 (Mar 8), so y needs e >= 5: finish day 4 (Mar 5) or later."""
    p = program({"id": "x", "duration": 2}, {"id": "y", "duration": 2, "after": [{"task": "x", "type": "SF"}]})
    x = row("a.x", "2027-03-08", "2027-03-09")
    assert check(p, schedule(x, row("a.y", "2027-03-04", "2027-03-05"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-03", "2027-03-04"))), "dependency")
    assert "a.y finishes 2027-03-04, before a.x starts (2027-03-08) + 0 working days (start-to-finish)" in found.message


def test_negative_lag_across_holiday() -> None:
    """FS lag -2: x on days 5-9 (Mar 8 .. Mar 15, e=10) lets y start day 8 (Mar 12), not Mar 11."""
    p = program({"id": "x", "duration": 5},
                {"id": "y", "duration": 1, "after": [{"task": "x", "lag": -2}]})
    x = row("a.x", "2027-03-08", "2027-03-15")
    assert check(p, schedule(x, row("a.y", "2027-03-12"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-11"))), "dependency")
    assert "- 2 working days (finish-to-start); the earliest allowed start is 2027-03-12" in found.message


def test_cross_project_dependency() -> None:
    """A program-level dependency between projects is checked like any other."""
    p = Program.model_validate({
        "name": "test", "start": "2027-03-01",
        "projects": [{"id": "a", "tasks": [{"id": "x", "duration": 2}]},
                     {"id": "b", "tasks": [{"id": "y", "duration": 1}]}],
        "dependencies": [{"from": "a.x", "to": "b.y"}],
    })
    found = check(p, schedule(row("a.x", "2027-03-01", "2027-03-02"), row("b.y", "2027-03-02")))
    assert only(found, "dependency").task == "b.y"


# --- milestones dated on the day they are reached ------------------------------------------------

def test_milestone_dated_later_than_reached() -> None:
    """pay.live follows build (ends Thu Mar 11, day 7) and extract (ends Mar 4): it is reached on day 8,
    Fri Mar 12; dated Mon Mar 15 it is a 'reached' violation naming the date, the day and build."""
    found = check(core(), schedule(
        row("pay.design", "2027-03-01", "2027-03-03", ("bob",)), row("pay.build", "2027-03-04", "2027-03-11"),
        row("pay.live", "2027-03-15"), row("mig.extract", "2027-03-01", "2027-03-04", ("alice",))))
    assert only(found, "reached").message == (
        "milestone pay.live is dated 2027-03-15, but it is reached on 2027-03-12 (the first working day its "
        "releases and dependencies allow, set by pay.build (finish-to-start)); a milestone is dated on the "
        "working day it is reached")


def test_milestone_reached_by_start_to_start_lag_and_release() -> None:
    """m is SS+2 after x (starts Mon Mar 8, day 5): reached day 7, Thu Mar 11 (the holiday is skipped).
    Released on Sat Mar 13, it is reached on Mon Mar 15 (day 9) instead, and the message says so."""
    x = row("a.x", "2027-03-08", "2027-03-08")
    after_x = program({"id": "x", "duration": 1}, {"id": "m", "milestone": True, "after": [{"task": "x", "type": "SS", "lag": 2}]})
    assert check(after_x, schedule(x, row("a.m", "2027-03-11"))) == []
    assert only(check(after_x, schedule(x, row("a.m", "2027-03-12"))), "reached").message.startswith(
        "milestone a.m is dated 2027-03-12, but it is reached on 2027-03-11 (the first working day its releases "
        "and dependencies allow, set by a.x (start-to-start))")
    released = program({"id": "x", "duration": 1}, {"id": "m", "milestone": True, "release": "2027-03-13",
                                                    "after": [{"task": "x", "type": "SS", "lag": 2}]})
    assert check(released, schedule(x, row("a.m", "2027-03-15"))) == []
    assert "reached on 2027-03-15 (the first working day its releases and dependencies allow, set by its " \
           "release 2027-03-13)" in only(check(released, schedule(x, row("a.m", "2027-03-16"))), "reached").message


def test_milestone_with_nothing_before_it_is_reached_at_the_start() -> None:
    """A milestone with no predecessor or release is reached on day 0, Mon Mar 1."""
    p = program({"id": "m", "milestone": True})
    assert check(p, schedule(row("a.m", "2027-03-01"))) == []
    assert "reached on 2027-03-01" in only(check(p, schedule(row("a.m", "2027-03-02"))), "reached").message


def test_milestone_dated_too_early_is_a_dependency_violation_only() -> None:
    """Before the day it is reached, a milestone breaks its link: reported once, as a dependency."""
    p = program({"id": "x", "duration": 3}, {"id": "m", "milestone": True, "after": ["x"]})
    found = check(p, schedule(row("a.x", "2027-03-01", "2027-03-03"), row("a.m", "2027-03-03")))
    assert kinds(found) == ["dependency"]


def test_pinned_milestone_is_dated_by_its_pin() -> None:
    """A milestone pinned to Fri Mar 12 after x (ends Mar 3) is not held to the day it is reached."""
    p = program({"id": "x", "duration": 3}, {"id": "m", "milestone": True, "after": ["x"], "fixed_start": "2027-03-12"})
    assert check(p, schedule(row("a.x", "2027-03-01", "2027-03-03"), row("a.m", "2027-03-12"))) == []


def test_early_tier_is_recomputed_from_the_dates() -> None:
    """early = 2 x (design 0 + build 3 + extract 0) = 6 (pay.live, dated when reached, does not count);
    a record saying 7 is an objective violation."""
    assert check(core(), core_schedule(tiers={"early": 6})) == []
    found = only(check(core(), core_schedule(tiers={"early": 7})), "objective")
    assert found.message.startswith("the solve record gives an early tier of 7, but the schedule's dates give 6")


def test_early_tier_counts_a_late_task_negatively() -> None:
    """x (day 0) and y marked as_late_as_possible (Mon Mar 8, day 5): early = 2 x 0 - 5 = -5."""
    p = program({"id": "x", "duration": 6}, {"id": "y", "duration": 1, "as_late_as_possible": True})
    s = schedule(row("a.x", "2027-03-01", "2027-03-08"), row("a.y", "2027-03-08"), tiers={"early": -5})
    assert check(p, s) == []


# --- releases, deadlines, fixed tasks ------------------------------------------------------------

def test_release_of_task_and_project() -> None:
    """A task release on Saturday Mar 6 allows Monday Mar 8; a project release applies to its tasks."""
    p = program({"id": "x", "duration": 1, "release": "2027-03-06"}, {"id": "y", "duration": 1},
                project={"release": "2027-03-03"})
    assert check(p, schedule(row("a.x", "2027-03-08"), row("a.y", "2027-03-03"))) == []
    found = check(p, schedule(row("a.x", "2027-03-05"), row("a.y", "2027-03-02")))
    assert kinds(found) == ["release", "release"]
    assert found[0].message == ("a.x starts 2027-03-05, before its release 2027-03-06 "
                                "(its first working day is 2027-03-08)")
    assert found[1].message == "a.y starts 2027-03-02, before the release of project a 2027-03-03"


def test_deadlines_on_task_milestone_and_project() -> None:
    """Finishing after a task deadline, a milestone deadline or the project deadline is reported."""
    # x finishes Fri Mar 5 (day 4) for deadline Thu Mar 4 (day 3): 1 working day late.
    # m follows x, so it is reached the day after x finishes: Fri Mar 5 (day 4) when x finishes
    # Thu Mar 4; Mon Mar 8 (day 5) when x finishes Fri Mar 5, for deadline Sat Mar 6 (last working
    # day Mar 5 = day 4): 1 day late.
    # z finishes Tue Mar 9, after the project deadline Mon Mar 8.
    p = program({"id": "x", "duration": 2, "deadline": "2027-03-04"},
                {"id": "m", "milestone": True, "deadline": "2027-03-06", "after": ["x"]},
                {"id": "z", "duration": 1}, project={"deadline": "2027-03-08"})
    ok = schedule(row("a.x", "2027-03-03", "2027-03-04"), row("a.m", "2027-03-05"), row("a.z", "2027-03-08"))
    assert check(p, ok) == []
    late = schedule(row("a.x", "2027-03-04", "2027-03-05"), row("a.m", "2027-03-08"), row("a.z", "2027-03-09"))
    found = check(p, late)
    assert kinds(found) == ["deadline"] * 3
    assert found[0].message == "a.x finishes 2027-03-05, after its deadline 2027-03-04 (1 working day late)"
    assert found[1].message == "a.m finishes 2027-03-08, after its deadline 2027-03-06 (1 working day late)"
    assert found[2].message.startswith("a.z finishes 2027-03-09, after the deadline of project a 2027-03-08")


def test_fixed_start_and_people_moved() -> None:
    """A pinned task moved off its fixed start, or staffed by someone else, is a fixed violation."""
    p = program({"id": "x", "duration": 1, "fixed_start": "2027-03-02", "requires": [{"skill": "data"}],
                 "fixed_people": ["alice"]},
                people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]}])
    assert check(p, schedule(row("a.x", "2027-03-02", people=("alice",)))) == []
    found = check(p, schedule(row("a.x", "2027-03-03", people=("bob",))))
    assert kinds(found) == ["fixed", "fixed"]
    assert found[0].message == "a.x starts 2027-03-03 but is fixed to start 2027-03-02"
    assert found[1].message == "a.x is staffed by bob but is fixed to alice"


# --- roles ---------------------------------------------------------------------------------------

def test_role_capacity_changes_over_time() -> None:
    """Two dev tasks side by side fit while capacity is 2, not after it drops to 1 on Mar 8."""
    roles = [{"id": "dev", "capacity": 2, "changes": [{"from": "2027-03-08", "capacity": 1}]}]
    p = program({"id": "x", "duration": 2, "requires": [{"role": "dev"}]},
                {"id": "y", "duration": 2, "requires": [{"role": "dev"}]}, roles=roles)
    early = schedule(row("a.x", "2027-03-01", "2027-03-02"), row("a.y", "2027-03-01", "2027-03-02"))
    assert check(p, early) == []
    # overlap only on Fri Mar 5 (capacity 2): fine; x alone on Mar 8
    staggered = schedule(row("a.x", "2027-03-05", "2027-03-08"), row("a.y", "2027-03-04", "2027-03-05"))
    assert check(p, staggered) == []
    late = schedule(row("a.x", "2027-03-08", "2027-03-09"), row("a.y", "2027-03-08", "2027-03-09"))
    found = only(check(p, late), "role-capacity")
    assert found.task is None
    assert found.message == ("role dev is asked for 2 people from 2027-03-08 to 2027-03-09 (2 working days) "
                             "but has capacity 1: a.x (1), a.y (1)")


def test_milestones_use_no_role_capacity() -> None:
    """A milestone needing a role does not count against its capacity."""
    p = program({"id": "x", "duration": 1, "requires": [{"role": "dev"}]},
                {"id": "m", "milestone": True, "requires": [{"role": "dev"}]},
                roles=[{"id": "dev", "capacity": 1}])
    assert check(p, schedule(row("a.x", "2027-03-01"), row("a.m", "2027-03-01"))) == []


# --- people --------------------------------------------------------------------------------------

def test_person_double_booked() -> None:
    """alice named on two full-time tasks that share Wed Mar 3 is booked 200% that day."""
    p = program({"id": "x", "duration": 3, "requires": [{"person": "alice"}]},
                {"id": "y", "duration": 2, "requires": [{"person": "alice"}]},
                people=[{"id": "alice"}])
    found = only(check(p, schedule(row("a.x", "2027-03-01", "2027-03-03", ("alice",)),
                                   row("a.y", "2027-03-03", "2027-03-04", ("alice",)))), "person-overload")
    assert found.message == "alice is booked 200% on 2027-03-03 but gives 100% then: a.x (100%), a.y (100%)"


def test_half_time_tasks_two_fit_three_do_not() -> None:
    """Two 50% tasks at once fill alice's 100%; a third one takes her to 150%."""
    task = {"duration": 1, "requires": [{"person": "alice", "allocation": 50}]}
    p = program(*({"id": i, **task} for i in "xyz"), people=[{"id": "alice"}])
    two = [row("a.x", "2027-03-01", people=("alice",)), row("a.y", "2027-03-01", people=("alice",))]
    assert check(p, schedule(*two, row("a.z", "2027-03-02", people=("alice",)))) == []
    found = only(check(p, schedule(*two, row("a.z", "2027-03-01", people=("alice",)))), "person-overload")
    assert "alice is booked 150% on 2027-03-01 but gives 100% then" in found.message


def test_part_time_window_at_fifty_percent() -> None:
    """During a 50% part-time window one 50% task fits and two do not; after it, two fit."""
    task = {"duration": 1, "requires": [{"skill": "data", "allocation": 50}]}
    p = program({"id": "x", **task}, {"id": "y", **task},
                people=[{"id": "carol", "skills": ["data"],
                         "part_time": [{"from": "2027-03-01", "to": "2027-03-05", "percent": 50}]}])
    assert check(p, schedule(row("a.x", "2027-03-05", people=("carol",)),
                             row("a.y", "2027-03-08", people=("carol",)))) == []
    assert check(p, schedule(row("a.x", "2027-03-08", people=("carol",)),
                             row("a.y", "2027-03-08", people=("carol",)))) == []
    found = check(p, schedule(row("a.x", "2027-03-05", people=("carol",)),
                              row("a.y", "2027-03-05", people=("carol",))))
    assert only(found, "person-overload").message == (
        "carol is booked 100% on 2027-03-05 but gives 50% then: a.x (50%), a.y (50%)")


def test_work_during_leave() -> None:
    """alice's leave on Mar 4-5 clashes with the last two days of a Mar 3-5 task."""
    p = program({"id": "x", "duration": 3, "requires": [{"person": "alice"}]},
                people=[{"id": "alice", "leave": [{"from": "2027-03-04", "to": "2027-03-05"}]}])
    found = only(check(p, schedule(row("a.x", "2027-03-03", "2027-03-05", ("alice",)))), "leave")
    assert found.task == "a.x"
    assert found.message == ("alice is on leave from 2027-03-04 to 2027-03-05 (2 working days) "
                             "but booked 100%: a.x (100%)")


def test_skill_filled_by_someone_without_it() -> None:
    """bob lacks skill data, so he cannot fill the task's data requirement."""
    p = program({"id": "x", "duration": 1, "requires": [{"skill": "data"}]},
                people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["design"]}])
    assert check(p, schedule(row("a.x", "2027-03-01", people=("alice",)))) == []
    found = only(check(p, schedule(row("a.x", "2027-03-01", people=("bob",)))), "requirement")
    assert found.message == "bob is assigned to a.x but has none of the skills it needs (data)"


def test_staffing_count_and_named_person() -> None:
    """Too few people, and a named person left off, are requirement violations."""
    p = program({"id": "x", "duration": 1, "requires": [{"skill": "data", "count": 2}, {"person": "carol"}]},
                people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]},
                        {"id": "carol"}])
    assert check(p, schedule(row("a.x", "2027-03-01", people=("carol", "bob", "alice")))) == []
    found = check(p, schedule(row("a.x", "2027-03-01", people=("alice", "bob"))))
    assert [v.message for v in found] == [
        "a.x needs carol by name, who is not assigned",
        ("a.x is staffed by 2 people (alice, bob); its requirements need 3 "
         "(2 x skill data at 100%, 1 x person carol at 100%)"),
    ]


def test_skills_matched_one_person_per_requirement() -> None:
    """Two people who both only have skill data cannot fill one data and one design requirement."""
    # dan has data and design; with alice (data) the pair fits in either listing order.
    p = program({"id": "x", "duration": 1, "requires": [{"skill": "design"}, {"skill": "data"}]},
                people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]},
                        {"id": "dan", "skills": ["data", "design"]}])
    assert check(p, schedule(row("a.x", "2027-03-01", people=("alice", "dan")))) == []
    found = only(check(p, schedule(row("a.x", "2027-03-01", people=("alice", "bob")))), "requirement")
    assert "alice, bob cannot fill its requirements" in found.message


def test_unknown_and_repeated_people() -> None:
    """Someone who is not a person of the program, or a person listed twice, is reported."""
    p = program({"id": "x", "duration": 1, "requires": [{"skill": "data", "count": 2}]},
                people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]}])
    found = check(p, schedule(row("a.x", "2027-03-01", people=("alice", "alice", "zed"))))
    assert [v.message for v in found][:2] == ["a.x lists alice 2 times",
                                              "a.x is staffed by zed, who is not a person of the program"]
    assert set(kinds(found)) == {"requirement"}


def test_milestones_are_staffed_but_carry_no_load() -> None:
    """A milestone's named person must be listed, but being on leave that day is no violation."""
    # m is released on Tue Mar 2, the day it is reached.
    p = program({"id": "m", "milestone": True, "requires": [{"person": "alice"}], "release": "2027-03-02"},
                people=[{"id": "alice", "leave": [{"from": "2027-03-01", "to": "2027-03-05"}]}])
    assert check(p, schedule(row("a.m", "2027-03-02", people=("alice",)))) == []
    assert kinds(check(p, schedule(row("a.m", "2027-03-02")))) == ["requirement", "requirement"]


def test_allocation_comes_from_matched_requirement() -> None:
    """A person's load on a task is the allocation of the requirement they fill (listing order)."""
    # x needs design at 100% and data at 50%; dan fills data (50%) next to bob on design, so a
    # 50% task y beside it keeps dan at 100%.
    p = program({"id": "x", "duration": 1, "requires": [{"skill": "design"}, {"skill": "data", "allocation": 50}]},
                {"id": "y", "duration": 1, "requires": [{"person": "dan", "allocation": 50}]},
                people=[{"id": "bob", "skills": ["design"]}, {"id": "dan", "skills": ["data", "design"]}])
    ok = schedule(row("a.x", "2027-03-01", people=("bob", "dan")), row("a.y", "2027-03-01", people=("dan",)))
    assert check(p, ok) == []


# --- lateness and finishes -----------------------------------------------------------------------

def test_weighted_lateness_across_weekend_and_holiday() -> None:
    """Lateness counts working days past the target, skipping weekends and the holiday."""
    # x (3 days, target Fri Mar 5 = day 4, weight 2) runs Mar 9, 11, 12 (days 6-8): 8 - 4 = 4 late,
    #   x 2 = 8.
    # m (milestone after w, target Sat Mar 6 -> day 4, weight 1) is reached the day after w
    #   finishes, Tue Mar 9 = day 6: 2 late, x 1 = 2.
    # w (target Mar 19, weight 5) finishes Mar 8: on time, 0.
    # project target Wed Mar 10 (holiday -> last working day Mar 9 = day 6), weight 3; the project
    #   finishes with x on day 8: 2 late, x 3 = 6.
    # total 8 + 2 + 0 + 6 = 16. Ends: x e = 9, m e = 6, w e = 6 -> program finish 9.
    p = program({"id": "x", "duration": 3, "target": {"date": "2027-03-05", "weight": 2}},
                {"id": "m", "milestone": True, "target": "2027-03-06", "after": ["w"]},
                {"id": "w", "duration": 2, "target": {"date": "2027-03-19", "weight": 5}},
                project={"target": {"date": "2027-03-10", "weight": 3}})
    s = schedule(row("a.x", "2027-03-09", "2027-03-12"), row("a.m", "2027-03-09"),
                 row("a.w", "2027-03-05", "2027-03-08"), tiers={"lateness": 16, "finish": 9})
    assert weighted_lateness(p, s) == 16
    assert program_finish(p, s) == 9
    assert project_finishes(p, s) == {"a": 9}
    assert check(p, s) == []


def test_finish_tier_mismatch_is_reported() -> None:
    """A record claiming a program finish other than the last task's end is an objective violation."""
    p = program({"id": "x", "duration": 2})
    # x on days 0-1: e = 2
    found = check(p, schedule(row("a.x", "2027-03-01", "2027-03-02"), tiers={"finish": 3}))
    assert only(found, "objective").message == (
        "the solve record gives a program finish of 3 working days, but the schedule's last task ends "
        "after 2 working days (on 2027-03-02)")
