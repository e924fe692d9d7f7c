"""The resource rules (planner.check.resources): staffing, role capacity, people's bookings and leave.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

from planner.check import check
from tests.check.handmade import kinds, only, program, row, schedule


def test_role_capacity_changes_over_time() -> None:
    """Two dev tasks side by side fit while capacity is 2, not after it drops to 1 on Mar 8."""
    roles = [{"id": "dev", "capacity": 2, "changes": [{"from": "2027-03-08", "capacity": 1}]}]
    p = program(
        {"id": "x", "duration": 2, "requires": [{"role": "dev"}]},
        {"id": "y", "duration": 2, "requires": [{"role": "dev"}]},
        roles=roles,
    )
    early = schedule(row("a.x", "2027-03-01", "2027-03-02"), row("a.y", "2027-03-01", "2027-03-02"))
    assert check(p, early) == []
    # overlap only on Fri Mar 5 (capacity 2): fine; x alone on Mar 8
    staggered = schedule(row("a.x", "2027-03-05", "2027-03-08"), row("a.y", "2027-03-04", "2027-03-05"))
    assert check(p, staggered) == []
    late = schedule(row("a.x", "2027-03-08", "2027-03-09"), row("a.y", "2027-03-08", "2027-03-09"))
    found = only(check(p, late), "role-capacity")
    assert found.task is None
    assert found.message == (
        "role dev is asked for 2 people from 2027-03-08 to 2027-03-09 (2 working days) "
        "but has capacity 1: a.x (1), a.y (1)"
    )


def test_milestones_use_no_role_capacity() -> None:
    """A milestone needing a role does not count against its capacity."""
    p = program(
        {"id": "x", "duration": 1, "requires": [{"role": "dev"}]},
        {"id": "m", "milestone": True, "requires": [{"role": "dev"}]},
        roles=[{"id": "dev", "capacity": 1}],
    )
    assert check(p, schedule(row("a.x", "2027-03-01"), row("a.m", "2027-03-01"))) == []


def test_person_double_booked() -> None:
    """alice named on two full-time tasks that share Wed Mar 3 is booked 200% that day."""
    p = program(
        {"id": "x", "duration": 3, "requires": [{"person": "alice"}]},
        {"id": "y", "duration": 2, "requires": [{"person": "alice"}]},
        people=[{"id": "alice"}],
    )
    found = only(
        check(
            p,
            schedule(
                row("a.x", "2027-03-01", "2027-03-03", ("alice",)),
                row("a.y", "2027-03-03", "2027-03-04", ("alice",)),
            ),
        ),
        "person-overload",
    )
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
    p = program(
        {"id": "x", **task},
        {"id": "y", **task},
        people=[
            {
                "id": "carol",
                "skills": ["data"],
                "part_time": [{"from": "2027-03-01", "to": "2027-03-05", "percent": 50}],
            }
        ],
    )
    assert (
        check(
            p,
            schedule(
                row("a.x", "2027-03-05", people=("carol",)), row("a.y", "2027-03-08", people=("carol",))
            ),
        )
        == []
    )
    assert (
        check(
            p,
            schedule(
                row("a.x", "2027-03-08", people=("carol",)), row("a.y", "2027-03-08", people=("carol",))
            ),
        )
        == []
    )
    found = check(
        p, schedule(row("a.x", "2027-03-05", people=("carol",)), row("a.y", "2027-03-05", people=("carol",)))
    )
    assert only(found, "person-overload").message == (
        "carol is booked 100% on 2027-03-05 but gives 50% then: a.x (50%), a.y (50%)"
    )


def test_work_during_leave() -> None:
    """alice's leave on Mar 4-5 clashes with the last two days of a Mar 3-5 task."""
    p = program(
        {"id": "x", "duration": 3, "requires": [{"person": "alice"}]},
        people=[{"id": "alice", "leave": [{"from": "2027-03-04", "to": "2027-03-05"}]}],
    )
    found = only(check(p, schedule(row("a.x", "2027-03-03", "2027-03-05", ("alice",)))), "leave")
    assert found.task == "a.x"
    assert found.message == (
        "alice is on leave from 2027-03-04 to 2027-03-05 (2 working days) but booked 100%: a.x (100%)"
    )


def test_skill_filled_by_someone_without_it() -> None:
    """bob lacks skill data, so he cannot fill the task's data requirement."""
    p = program(
        {"id": "x", "duration": 1, "requires": [{"skill": "data"}]},
        people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["design"]}],
    )
    assert check(p, schedule(row("a.x", "2027-03-01", people=("alice",)))) == []
    found = only(check(p, schedule(row("a.x", "2027-03-01", people=("bob",)))), "requirement")
    assert found.message == "bob is assigned to a.x but has none of the skills it needs (data)"


def test_staffing_count_and_named_person() -> None:
    """Too few people, and a named person left off, are requirement violations."""
    p = program(
        {"id": "x", "duration": 1, "requires": [{"skill": "data", "count": 2}, {"person": "carol"}]},
        people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]}, {"id": "carol"}],
    )
    assert check(p, schedule(row("a.x", "2027-03-01", people=("carol", "bob", "alice")))) == []
    found = check(p, schedule(row("a.x", "2027-03-01", people=("alice", "bob"))))
    assert [v.message for v in found] == [
        "a.x needs carol by name, who is not assigned",
        (
            "a.x is staffed by 2 people (alice, bob); its requirements need 3 "
            "(2 x skill data at 100%, 1 x person carol at 100%)"
        ),
    ]


def test_skills_matched_one_person_per_requirement() -> None:
    """Two people who both only have skill data cannot fill one data and one design requirement."""
    # dan has data and design; with alice (data) the pair fits in either listing order.
    p = program(
        {"id": "x", "duration": 1, "requires": [{"skill": "design"}, {"skill": "data"}]},
        people=[
            {"id": "alice", "skills": ["data"]},
            {"id": "bob", "skills": ["data"]},
            {"id": "dan", "skills": ["data", "design"]},
        ],
    )
    assert check(p, schedule(row("a.x", "2027-03-01", people=("alice", "dan")))) == []
    found = only(check(p, schedule(row("a.x", "2027-03-01", people=("alice", "bob")))), "requirement")
    assert "alice, bob cannot fill its requirements" in found.message


def test_unknown_and_repeated_people() -> None:
    """Someone who is not a person of the program, or a person listed twice, is reported."""
    p = program(
        {"id": "x", "duration": 1, "requires": [{"skill": "data", "count": 2}]},
        people=[{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data"]}],
    )
    found = check(p, schedule(row("a.x", "2027-03-01", people=("alice", "alice", "zed"))))
    assert [v.message for v in found][:2] == [
        "a.x lists alice 2 times",
        "a.x is staffed by zed, who is not a person of the program",
    ]
    assert set(kinds(found)) == {"requirement"}


def test_milestones_are_staffed_but_carry_no_load() -> None:
    """A milestone's named person must be listed, but being on leave that day is no violation."""
    # m is released on Tue Mar 2, the day it is reached.
    p = program(
        {"id": "m", "milestone": True, "requires": [{"person": "alice"}], "release": "2027-03-02"},
        people=[{"id": "alice", "leave": [{"from": "2027-03-01", "to": "2027-03-05"}]}],
    )
    assert check(p, schedule(row("a.m", "2027-03-02", people=("alice",)))) == []
    assert kinds(check(p, schedule(row("a.m", "2027-03-02")))) == ["requirement", "requirement"]


def test_allocation_comes_from_matched_requirement() -> None:
    """A person's load on a task is the allocation of the requirement they fill (listing order)."""
    # x needs design at 100% and data at 50%; dan fills data (50%) next to bob on design, so a
    # 50% task y beside it keeps dan at 100%.
    p = program(
        {"id": "x", "duration": 1, "requires": [{"skill": "design"}, {"skill": "data", "allocation": 50}]},
        {"id": "y", "duration": 1, "requires": [{"person": "dan", "allocation": 50}]},
        people=[{"id": "bob", "skills": ["design"]}, {"id": "dan", "skills": ["data", "design"]}],
    )
    ok = schedule(row("a.x", "2027-03-01", people=("bob", "dan")), row("a.y", "2027-03-01", people=("dan",)))
    assert check(p, ok) == []
