"""Spending caps in list scheduling (:mod:`planner.solvers.spending`), worked by hand.

Programs start Monday 2027-01-04 (working day 0), Monday-Friday, no holidays: 2027-Q1 is working
days 0..62 (Wednesday 31 March is day 62) and 2027-Q2 starts on Thursday 1 April, day 63. Two
developers at 100 a day; tasks A and B take 10 days of one developer each, 1,000 apiece.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.check import verify
from planner.models import Program, Schedule, SolveStatus
from planner.solvers import search
from planner.solvers.cpsat import scheduled_tasks, unfunded
from planner.solvers.instance import build_instance
from planner.solvers.list_scheduler import ListScheduler
from planner.solvers.solve import compile_program
from planner.solvers.spending import Ledger
from tests.conftest import make_program


def capped(budget: dict[str, Any], b: dict[str, Any] | None = None) -> Program:
    """A and B on two developers under ``budget``; ``b`` adds fields to project B."""
    task = {"id": "t", "duration": 10, "requires": [{"role": "dev"}]}
    return make_program(
        roles=[{"id": "dev", "capacity": 2, "day_rate": 100}],
        projects=[{"id": "a", "tasks": [task]}, {"id": "b", "tasks": [task], **(b or {})}],
        finance={"budget": budget},
    )


def list_schedule(program: Program) -> Schedule:
    """The warm start's schedule (a list schedule confirmed by CP-SAT), as a schedule to verify."""
    model, inst, var, tiers = compile_program(program, build_instance(program))
    warm = search.warm_start(model, inst, var, tiers, 10.0)
    assert warm is not None
    return Schedule(
        program=program.name,
        status=SolveStatus.FEASIBLE,
        tasks=scheduled_tasks(inst, var, warm.values),
        unfunded=unfunded(var, warm.values),
    )


def starts(schedule: Schedule) -> dict[str, dt.date]:
    return {row.key: row.start for row in schedule.tasks}


def test_a_task_waits_for_the_next_quarter_when_the_cap_is_spent():
    """Q1 capped at 1,000: A at day 0 spends it all, so B (also fitting on day 0 by people) may
    spend nothing in Q1 and starts on the first day of Q2, Thursday 1 April (day 63)."""
    program = capped({"caps": {"2027-Q1": 1000}})
    placement = ListScheduler(build_instance(program)).search(0.0)
    assert placement is not None
    assert placement.start == {"a.t": 0, "b.t": 63}
    schedule = list_schedule(program)
    verify(program, schedule)
    assert starts(schedule) == {"a.t": dt.date(2027, 1, 4), "b.t": dt.date(2027, 4, 1)}


def test_a_task_straddles_the_quarter_end_with_what_is_left():
    """Q1 capped at 1,500: after A (1,000) 500 is left, five days of B: B starts on day 58
    (Thursday 25 March) and spends 25, 26, 29, 30 and 31 March in Q1, the rest in Q2."""
    program = capped({"caps": {"2027-Q1": 1500}})
    schedule = list_schedule(program)
    verify(program, schedule)
    assert starts(schedule) == {"a.t": dt.date(2027, 1, 4), "b.t": dt.date(2027, 3, 25)}


def test_carry_over_lets_a_later_quarter_spend_what_an_earlier_one_did_not():
    """With carry-over, Q1 500 and Q2 capped at 0: by the end of Q2 at most 500 may be spent, so
    only five days of work fit before Q3 (Thursday 1 July, day 128): A spends them at the end of
    Q2 (day 123, Thursday 24 June) and B waits for Q3, uncapped."""
    program = capped({"carry_over": True, "caps": {"2027-Q1": 500, "2027-Q2": 0}})
    schedule = list_schedule(program)
    verify(program, schedule)
    assert starts(schedule) == {"a.t": dt.date(2027, 6, 24), "b.t": dt.date(2027, 7, 1)}


def test_the_total_cap_leaves_the_candidate_out_of_the_obvious_plan():
    """A total cap of 1,500 carries A (1,000) but not B as well: the list schedule of every
    candidate funded places nothing, so the warm start is the mandatory project alone."""
    program = capped({"total": 1500}, {"funding": "candidate"})
    schedule = list_schedule(program)
    verify(program, schedule)
    assert schedule.unfunded == ("b",)
    assert starts(schedule) == {"a.t": dt.date(2027, 1, 4)}


def test_the_ledger_books_and_releases_what_a_task_spends_per_quarter():
    """B from day 58 spends 500 in Q1 and 500 in Q2; released, nothing is booked."""
    program = capped({"caps": {"2027-Q1": 1500, "2027-Q2": 5000}})
    ledger = Ledger.of(build_instance(program), ["a.t", "b.t"], {})
    assert ledger is not None
    assert ledger.spend(1, 58, []) == [500, 500]
    ledger.book(1, 58, [])
    assert (ledger.booked, ledger.booked_total) == ([500, 500], 1000)
    ledger.book(1, 58, [], -1)
    assert (ledger.booked, ledger.booked_total) == ([0, 0], 0)


def test_a_cap_broken_by_a_pinned_task_holds_up_no_work_that_spends_nothing():
    """A pinned on day 0 spends 1,000 against a Q1 cap of 500; C (5 days, no one, no cost) still
    starts on day 0, and the ledger says the cap is broken."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 2, "day_rate": 100}],
        projects=[
            {
                "id": "a",
                "tasks": [
                    {"id": "t", "duration": 10, "requires": [{"role": "dev"}], "fixed_start": "2027-01-04"}
                ],
            },
            {"id": "c", "tasks": [{"id": "t", "duration": 5}]},
        ],
        finance={"budget": {"caps": {"2027-Q1": 500}}},
    )
    scheduler = ListScheduler(build_instance(program))
    placement = scheduler.search(0.0)
    assert placement is not None and placement.start == {"a.t": 0, "c.t": 0}
    assert scheduler.spending is not None and scheduler.spending.over()
