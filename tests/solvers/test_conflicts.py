"""Conflict search: planted conflicts whose minimal sets are known by construction, and their repairs.

Every program starts Monday 2027-01-04 (working day 0) with a Monday-Friday week: working day 5
is Monday 2027-01-11, day 9 Friday 2027-01-15, day 14 Friday 2027-01-22. Each planted conflict
sits among decoy commitments that hold comfortably, so the answer must be exactly the plant.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.explanations.infeasibility import explain_infeasible
from planner.solvers.conflicts import CheckResult, Verdict, find_conflicts, shrink
from tests.conftest import make_program

# A chain a(5) -> b(5) -> c(5) with a released on day 5 needs c to finish on day 19 at the
# earliest, but c is due on day 14: the release and the deadline clash through both links.
CHAIN = [
    {"id": "a", "duration": 5, "release": "2027-01-11"},
    {"id": "b", "duration": 5, "after": ["a"], "deadline": "2027-06-30"},  # decoy
    {"id": "c", "duration": 5, "after": ["b"], "deadline": "2027-01-22"},
    {"id": "free", "duration": 3, "release": "2027-01-05", "deadline": "2027-03-01"},  # decoy
]

# One developer; y and z both need the developer for 5 days and are both due Friday 8 January
# (day 4): only one fits. The capacity and both deadlines clash.
CAPACITY = [
    {"id": "x", "duration": 5, "requires": [{"role": "dev"}]},  # decoy: no date
    {"id": "y", "duration": 5, "requires": [{"role": "dev"}], "deadline": "2027-01-08"},
    {"id": "z", "duration": 5, "requires": [{"role": "dev"}], "deadline": "2027-01-08"},
]

# Dana is on leave 1-5 February (days 20-24); w needs her 3 days, released 1 February and due
# 4 February: leave, release and deadline clash.
LEAVE_PEOPLE = [{"id": "dana", "name": "Dana Okafor", "leave": [{"from": "2027-02-01", "to": "2027-02-05"}]}]
LEAVE = [
    {
        "id": "w",
        "duration": 3,
        "requires": [{"person": "dana"}],
        "release": "2027-02-01",
        "deadline": "2027-02-04",
    }
]


def _ids(conflict) -> set[str]:
    return set(conflict.members)


def test_release_and_deadline_through_a_chain():
    """Exactly {release of a, deadline of c}, linked by exactly a->b and b->c, proven minimal."""
    program = make_program(projects=[{"id": "p", "tasks": CHAIN}])
    search = find_conflicts(program)
    assert search.status == "infeasible" and search.complete
    (conflict,) = search.conflicts
    assert _ids(conflict) == {"release:p.a", "deadline:p.c"}
    assert conflict.proven and conflict.links_proven
    assert {(program.links[i].pred, program.links[i].succ) for i in conflict.links} == {
        ("p.a", "p.b"),
        ("p.b", "p.c"),
    }


def test_role_capacity_and_two_deadlines():
    """Exactly {developer capacity, deadline y, deadline z}; the cheapest extra capacity is one developer for a week."""
    program = make_program(
        roles=[{"id": "dev", "name": "Developer", "capacity": 1}], projects=[{"id": "p", "tasks": CAPACITY}]
    )
    inf = explain_infeasible(program, time_limit=20, workers=1)
    (conflict,) = inf.conflicts
    assert {c.id for c in conflict.commitments} == {"capacity:dev:0", "deadline:p.y", "deadline:p.z"}
    assert conflict.proven_minimal
    capacity = next(r for r in conflict.repairs if r.kind == "extra_capacity")
    assert (capacity.amount, capacity.first, capacity.last, capacity.weeks) == (
        1,
        dt.date(2027, 1, 4),
        dt.date(2027, 1, 8),
        1,
    )
    slips = [r for r in conflict.repairs if r.kind == "slip_deadline"]
    assert [r.amount for r in slips] == [5, 5]  # the other task runs the week after
    assert all(r.verified for r in conflict.repairs)


def test_leave_release_and_deadline():
    """Exactly {Dana's leave, release of w, deadline of w}; each repair is priced and checked."""
    program = make_program(people=LEAVE_PEOPLE, projects=[{"id": "p", "tasks": LEAVE}])
    inf = explain_infeasible(program, time_limit=20, workers=1)
    (conflict,) = inf.conflicts
    assert {c.id for c in conflict.commitments} == {"leave:dana:0", "release:p.w", "deadline:p.w"}
    repairs = {r.commitment: r for r in conflict.repairs}
    # 3 leave days worked (1-3 February), release 3 working days earlier (27 January),
    # deadline 4 working days later (w then runs 8-10 February)
    assert repairs["leave:dana:0"].days == (dt.date(2027, 2, 1), dt.date(2027, 2, 2), dt.date(2027, 2, 3))
    assert repairs["release:p.w"].new_date == dt.date(2027, 1, 27)
    assert (repairs["deadline:p.w"].amount, repairs["deadline:p.w"].new_date) == (4, dt.date(2027, 2, 10))
    assert all(r.verified and r.smallest for r in conflict.repairs)
    assert "Dana Okafor on leave 2027-02-01 to 2027-02-05" in {c.text for c in conflict.commitments}


def test_a_pin_alone_before_its_predecessor_can_finish():
    """b pinned to day 3 after a 5-day task: the pin alone is the conflict; moving it 2 days later repairs it."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 5},
                    {"id": "b", "duration": 2, "after": ["a"], "fixed_start": "2027-01-07"},
                ],
            }
        ]
    )
    inf = explain_infeasible(program, time_limit=20, workers=1)
    (conflict,) = inf.conflicts
    assert [c.id for c in conflict.commitments] == ["pinned:p.b"]
    (repair,) = conflict.repairs
    assert (repair.kind, repair.amount, repair.new_date, repair.verified) == (
        "move_pin",
        2,
        dt.date(2027, 1, 11),
        True,
    )


def test_capacity_window_from_a_capacity_change():
    """One developer until 15 January then two: three 5-day tasks due 15 January need the first window."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1, "changes": [{"from": "2027-01-18", "capacity": 2}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": f"t{i}", "duration": 5, "requires": [{"role": "dev"}], "deadline": "2027-01-15"}
                    for i in range(3)
                ],
            }
        ],
    )
    search = find_conflicts(program)
    (conflict,) = search.conflicts
    assert _ids(conflict) == {"capacity:dev:0", "deadline:p.t0", "deadline:p.t1", "deadline:p.t2"}
    window = search.commitment("capacity:dev:0")
    assert (window.level, window.date, window.until) == (1, dt.date(2027, 1, 4), dt.date(2027, 1, 15))


def test_independent_conflicts_one_after_another():
    """Three planted, independent conflicts are all found, disjoint, and the rest then holds."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        people=LEAVE_PEOPLE,
        projects=[{"id": "p", "tasks": CHAIN + CAPACITY + LEAVE}],
    )
    search = find_conflicts(program, limit=5)
    assert sorted(map(sorted, map(_ids, search.conflicts))) == sorted(
        [
            sorted({"release:p.a", "deadline:p.c"}),
            sorted({"capacity:dev:0", "deadline:p.y", "deadline:p.z"}),
            sorted({"leave:dana:0", "release:p.w", "deadline:p.w"}),
        ]
    )
    assert search.complete and all(c.proven for c in search.conflicts)


def test_limit_stops_the_search_and_says_so():
    """With a limit of one, one conflict is reported and the search is not complete."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}], projects=[{"id": "p", "tasks": CHAIN + CAPACITY}]
    )
    search = find_conflicts(program, limit=1)
    assert len(search.conflicts) == 1 and not search.complete


def test_combined_repairs_make_the_program_feasible():
    """With two conflicts, the suggested repairs applied together give a checked plan."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}], projects=[{"id": "p", "tasks": CHAIN + CAPACITY}]
    )
    inf = explain_infeasible(program, time_limit=30, workers=1)
    assert len(inf.conflicts) == 2 and inf.complete
    assert inf.combined is not None and inf.combined.verified


def test_feasible_program_has_no_conflict():
    """Commitments that hold together give status feasible and no conflict."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 2}], people=LEAVE_PEOPLE, projects=[{"id": "p", "tasks": CAPACITY}]
    )
    search = find_conflicts(program)
    assert (search.status, search.conflicts, search.complete) == ("feasible", (), True)


def test_deletion_filter_keeps_exactly_the_necessary_members():
    """Infeasible exactly when both a and c are assumed: the filter returns (a, c), proven."""

    def check(assumed: list[str]) -> CheckResult:
        return (
            CheckResult(Verdict.INFEASIBLE, tuple(assumed))
            if {"a", "c"} <= set(assumed)
            else CheckResult(Verdict.FEASIBLE)
        )

    core = shrink(check, ["a", "b", "c", "d"])
    assert (core.members, core.proven, core.unproven) == (("a", "c"), True, ())


def test_deletion_filter_restarts_from_each_new_core():
    """A check that returns a smaller core lets the filter skip the members outside it (blocks first)."""
    calls = []

    def check(assumed: list[str]) -> CheckResult:
        calls.append(list(assumed))
        return CheckResult(Verdict.INFEASIBLE, ("c",)) if "c" in assumed else CheckResult(Verdict.FEASIBLE)

    core = shrink(check, ["a", "b", "c", "d"])
    # drop all: feasible; drop a and b: infeasible with core {c}, so d goes too; drop c: feasible
    assert core.members == ("c",) and calls == [[], ["c", "d"], []]


def test_deletion_filter_on_a_long_core_needs_few_checks():
    """Two needed members among 64: dropping blocks first takes far fewer than 64 checks."""
    calls = []

    def check(assumed: list[str]) -> CheckResult:
        calls.append(assumed)
        needed = {"m10", "m50"} <= set(assumed)
        return CheckResult(Verdict.INFEASIBLE, tuple(assumed)) if needed else CheckResult(Verdict.FEASIBLE)

    core = shrink(check, [f"m{i}" for i in range(64)])
    assert core.members == ("m10", "m50") and core.proven and len(calls) < 30


def test_deletion_filter_says_when_a_check_timed_out():
    """A member whose check is unknown is kept and the set is not proven minimal."""

    def check(assumed: list[str]) -> CheckResult:
        if "b" not in assumed:
            return CheckResult(Verdict.UNKNOWN)
        return (
            CheckResult(Verdict.INFEASIBLE, tuple(assumed))
            if "a" in assumed
            else CheckResult(Verdict.FEASIBLE)
        )

    core = shrink(check, ["a", "b", "c"])
    assert core.members == ("a", "b") and not core.proven and core.unproven == ("b",)


def test_an_overloaded_specialist_is_a_conflict_without_a_search():
    """The DBA's 5,000 %-days before a day-20 go-live with 2,000 available: the deadline alone is
    the conflict, proven minimal by arithmetic (no feasibility check)."""
    from tests.solvers.test_bounds import dba_program

    search = find_conflicts(dba_program())
    assert search.status == "infeasible" and search.complete
    (conflict,) = search.conflicts
    assert (conflict.members, conflict.proven, conflict.checks) == (("deadline:p.live",), True, 0)
    assert conflict.overload is not None and conflict.overload.energy.work == 5000


def test_an_overload_that_needs_the_leave_keeps_it():
    """5 x 3 days of the DBA (1,500 %-days) by day 20, with the DBA on leave 11-29 January (days
    5-19): 5 days left (500) are too few, 20 without the leave (2,000) would do, so the conflict
    is the deadline and the leave, each proven necessary by the deletion filter."""
    from tests.solvers.test_bounds import dba_program

    program = dba_program(leave=[{"from": "2027-01-11", "to": "2027-01-29"}], days=3)
    (conflict,) = find_conflicts(program).conflicts
    assert set(conflict.members) == {"deadline:p.live", "leave:dba:0"}
    assert conflict.proven and conflict.overload is not None
