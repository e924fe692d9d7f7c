"""The calendar and precedence rules (planner.check.timing): working days, durations, the program's
span, releases, deadlines, pins, each dependency type, and milestones dated when reached.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

from planner.check import check
from planner.models import Program
from tests.check.handmade import core, kinds, only, program, row, schedule


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
    assert found.message == (
        "a.x runs 2027-03-03 to 2027-03-08, 4 working days, but its duration is "
        "5 working days (it should finish 2027-03-09)"
    )


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


def test_release_of_task_and_project() -> None:
    """A task release on Saturday Mar 6 allows Monday Mar 8; a project release applies to its tasks."""
    p = program(
        {"id": "x", "duration": 1, "release": "2027-03-06"},
        {"id": "y", "duration": 1},
        project={"release": "2027-03-03"},
    )
    assert check(p, schedule(row("a.x", "2027-03-08"), row("a.y", "2027-03-03"))) == []
    found = check(p, schedule(row("a.x", "2027-03-05"), row("a.y", "2027-03-02")))
    assert kinds(found) == ["release", "release"]
    assert found[0].message == (
        "a.x starts 2027-03-05, before its release 2027-03-06 (its first working day is 2027-03-08)"
    )
    assert found[1].message == "a.y starts 2027-03-02, before the release of project a 2027-03-03"


def test_deadlines_on_task_milestone_and_project() -> None:
    """Finishing after a task deadline, a milestone deadline or the project deadline is reported."""
    # x finishes Fri Mar 5 (day 4) for deadline Thu Mar 4 (day 3): 1 working day late.
    # m follows x, so it is reached the day after x finishes: Fri Mar 5 (day 4) when x finishes
    # Thu Mar 4; Mon Mar 8 (day 5) when x finishes Fri Mar 5, for deadline Sat Mar 6 (last working
    # day Mar 5 = day 4): 1 day late.
    # z finishes Tue Mar 9, after the project deadline Mon Mar 8.
    p = program(
        {"id": "x", "duration": 2, "deadline": "2027-03-04"},
        {"id": "m", "milestone": True, "deadline": "2027-03-06", "after": ["x"]},
        {"id": "z", "duration": 1},
        project={"deadline": "2027-03-08"},
    )
    ok = schedule(row("a.x", "2027-03-03", "2027-03-04"), row("a.m", "2027-03-05"), row("a.z", "2027-03-08"))
    assert check(p, ok) == []
    late = schedule(
        row("a.x", "2027-03-04", "2027-03-05"), row("a.m", "2027-03-08"), row("a.z", "2027-03-09")
    )
    found = check(p, late)
    assert kinds(found) == ["deadline"] * 3
    assert found[0].message == "a.x finishes 2027-03-05, after its deadline 2027-03-04 (1 working day late)"
    assert found[1].message == "a.m finishes 2027-03-08, after its deadline 2027-03-06 (1 working day late)"
    assert found[2].message.startswith("a.z finishes 2027-03-09, after the deadline of project a 2027-03-08")


def test_fixed_start_and_people_moved() -> None:
    """A pinned task moved off its fixed start, or staffed by someone else, is a fixed violation."""
    p = program(
        {
            "id": "x",
            "duration": 1,
            "fixed_start": "2027-03-02",
            "requires": [{"skill": "data"}],
            "fixed_people": ["alice"],
        },
        people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]}],
    )
    assert check(p, schedule(row("a.x", "2027-03-02", people=("alice",)))) == []
    found = check(p, schedule(row("a.x", "2027-03-03", people=("bob",))))
    assert kinds(found) == ["fixed", "fixed"]
    assert found[0].message == "a.x starts 2027-03-03 but is fixed to start 2027-03-02"
    assert found[1].message == "a.x is staffed by bob but is fixed to alice"


def test_finish_to_start() -> None:
    """FS lag 0: x ends day 2 (e=3), so y may start day 3 (Mar 4) but not Mar 3."""
    p = program({"id": "x", "duration": 3}, {"id": "y", "duration": 1, "after": ["x"]})
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-04"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-03"))), "dependency")
    assert found.message == (
        "a.y starts 2027-03-03, before a.x finishes (2027-03-03) + 0 working days "
        "(finish-to-start); the earliest allowed start is 2027-03-04"
    )


def test_start_to_start_with_lag() -> None:
    """SS lag 2: x starts day 0, so y may start day 2 (Mar 3) but not day 1 (Mar 2)."""
    p = program(
        {"id": "x", "duration": 3},
        {"id": "y", "duration": 1, "after": [{"task": "x", "type": "SS", "lag": 2}]},
    )
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-03"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-02"))), "dependency")
    assert "before a.x starts (2027-03-01) + 2 working days (start-to-start)" in found.message


def test_finish_to_finish_with_lag() -> None:
    """FF lag 1: x has e=3, so y needs e >= 4, i.e. finish on day 3 (Mar 4); Mar 3 is too early."""
    p = program(
        {"id": "x", "duration": 3},
        {"id": "y", "duration": 2, "after": [{"task": "x", "type": "FF", "lag": 1}]},
    )
    x = row("a.x", "2027-03-01", "2027-03-03")
    assert check(p, schedule(x, row("a.y", "2027-03-03", "2027-03-04"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-02", "2027-03-03"))), "dependency")
    assert "(finish-to-finish); the earliest allowed finish is 2027-03-04" in found.message


def test_start_to_finish() -> None:
    """SF lag 0: x starts day 5 (Mar 8), so y needs e >= 5: finish day 4 (Mar 5) or later."""
    p = program(
        {"id": "x", "duration": 2}, {"id": "y", "duration": 2, "after": [{"task": "x", "type": "SF"}]}
    )
    x = row("a.x", "2027-03-08", "2027-03-09")
    assert check(p, schedule(x, row("a.y", "2027-03-04", "2027-03-05"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-03", "2027-03-04"))), "dependency")
    assert (
        "a.y finishes 2027-03-04, before a.x starts (2027-03-08) + 0 working days (start-to-finish)"
        in found.message
    )


def test_negative_lag_across_holiday() -> None:
    """FS lag -2: x on days 5-9 (Mar 8 .. Mar 15, e=10) lets y start day 8 (Mar 12), not Mar 11."""
    p = program({"id": "x", "duration": 5}, {"id": "y", "duration": 1, "after": [{"task": "x", "lag": -2}]})
    x = row("a.x", "2027-03-08", "2027-03-15")
    assert check(p, schedule(x, row("a.y", "2027-03-12"))) == []
    found = only(check(p, schedule(x, row("a.y", "2027-03-11"))), "dependency")
    assert "- 2 working days (finish-to-start); the earliest allowed start is 2027-03-12" in found.message


def test_cross_project_dependency() -> None:
    """A program-level dependency between projects is checked like any other."""
    p = Program.model_validate(
        {
            "name": "test",
            "start": "2027-03-01",
            "projects": [
                {"id": "a", "tasks": [{"id": "x", "duration": 2}]},
                {"id": "b", "tasks": [{"id": "y", "duration": 1}]},
            ],
            "dependencies": [{"from": "a.x", "to": "b.y"}],
        }
    )
    found = check(p, schedule(row("a.x", "2027-03-01", "2027-03-02"), row("b.y", "2027-03-02")))
    assert only(found, "dependency").task == "b.y"


def test_milestone_dated_later_than_reached() -> None:
    """pay.live follows build (ends Thu Mar 11, day 7) and extract (ends Mar 4): it is reached on day 8,
    Fri Mar 12; dated Mon Mar 15 it is a 'reached' violation naming the date, the day and build."""
    found = check(
        core(),
        schedule(
            row("pay.design", "2027-03-01", "2027-03-03", ("bob",)),
            row("pay.build", "2027-03-04", "2027-03-11"),
            row("pay.live", "2027-03-15"),
            row("mig.extract", "2027-03-01", "2027-03-04", ("alice",)),
        ),
    )
    assert only(found, "reached").message == (
        "milestone pay.live is dated 2027-03-15, but it is reached on 2027-03-12 (the first working day its "
        "releases and dependencies allow, set by pay.build (finish-to-start)); a milestone is dated on the "
        "working day it is reached"
    )


def test_milestone_reached_by_start_to_start_lag_and_release() -> None:
    """m is SS+2 after x (starts Mon Mar 8, day 5): reached day 7, Thu Mar 11 (the holiday is skipped).
    Released on Sat Mar 13, it is reached on Mon Mar 15 (day 9) instead, and the message says so."""
    x = row("a.x", "2027-03-08", "2027-03-08")
    after_x = program(
        {"id": "x", "duration": 1},
        {"id": "m", "milestone": True, "after": [{"task": "x", "type": "SS", "lag": 2}]},
    )
    assert check(after_x, schedule(x, row("a.m", "2027-03-11"))) == []
    assert only(check(after_x, schedule(x, row("a.m", "2027-03-12"))), "reached").message.startswith(
        "milestone a.m is dated 2027-03-12, but it is reached on 2027-03-11 (the first working day its "
        "releases and dependencies allow, set by a.x (start-to-start))"
    )
    released = program(
        {"id": "x", "duration": 1},
        {
            "id": "m",
            "milestone": True,
            "release": "2027-03-13",
            "after": [{"task": "x", "type": "SS", "lag": 2}],
        },
    )
    assert check(released, schedule(x, row("a.m", "2027-03-15"))) == []
    assert (
        "reached on 2027-03-15 (the first working day its releases and dependencies allow, set by its "
        "release 2027-03-13)"
        in only(check(released, schedule(x, row("a.m", "2027-03-16"))), "reached").message
    )


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
    p = program(
        {"id": "x", "duration": 3},
        {"id": "m", "milestone": True, "after": ["x"], "fixed_start": "2027-03-12"},
    )
    assert check(p, schedule(row("a.x", "2027-03-01", "2027-03-03"), row("a.m", "2027-03-12"))) == []
