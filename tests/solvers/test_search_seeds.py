"""Seeds of the warm start (:func:`planner.solvers.search.warm_start`): schedules of other scenarios
confirmed like list schedules, kept when better by the tiers, rejected when the program forbids them.

The program is the one of ``test_spending``: two developers at 100 a day, A and B 10 days each,
2027-Q1 (working days 0..62) capped at 1,000. Its list schedule puts A on day 0 and B on day 63
(1 April), ending on day 73. Starting both on day 58 (Thursday 25 March: five days and 500 each
in Q1) ends on day 68.
"""

from __future__ import annotations

import datetime as dt

from planner.check import verify
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.solvers import SolveOptions, search, solve
from planner.solvers.instance import build_instance
from planner.solvers.solve import compile_program
from tests.solvers.test_spending import capped

THU_25_MARCH, WED_7_APRIL = dt.date(2027, 3, 25), dt.date(2027, 4, 7)


def both_at(start: dt.date, finish: dt.date, drop: str = "") -> Schedule:
    """A schedule of another scenario with A and B from ``start`` to ``finish`` (without ``drop``)."""
    rows = tuple(
        ScheduledTask(project=p, task="t", start=start, finish=finish) for p in ("a", "b") if p != drop
    )
    return Schedule(program="another scenario", status=SolveStatus.FEASIBLE, tasks=rows)


def warm(program: Program, seeds: list[Schedule]) -> search.WarmStart:
    model, inst, var, tiers = compile_program(program, build_instance(program))
    found = search.warm_start(model, inst, var, tiers, 10.0, seeds=seeds)
    assert found is not None
    return found


def test_a_better_seed_from_a_tighter_scenario_is_the_start():
    """Both from 25 March is valid under the tighter caps (Q2 also capped at 1,000) and ends on day
    68, before the list schedule's 73: the warm start takes it, and the solve verifies."""
    tighter, looser = (
        capped({"caps": {"2027-Q1": 1000, "2027-Q2": 1000}}),
        capped({"caps": {"2027-Q1": 1000}}),
    )
    seed = both_at(THU_25_MARCH, WED_7_APRIL)
    verify(tighter, seed)
    start = warm(looser, [seed])
    assert start.source == search.SEEDED
    assert (start.values["a.t"], start.values["b.t"], start.tier_values["finish"]) == (58, 58, 68)
    schedule = solve(looser, SolveOptions(time_limit=10, workers=1), seeds=[seed])
    verify(looser, schedule)
    assert schedule.record is not None and schedule.record.parameters["start_from"] == search.SEEDED
    assert {t.name: t.value for t in schedule.record.tiers}["finish"] <= 68


def test_a_seed_breaking_a_cap_is_rejected():
    """Both on day 0 spends 2,000 in Q1, over its 1,000: rejected, the list schedule stays the start."""
    program = capped({"caps": {"2027-Q1": 1000}})
    seed = both_at(dt.date(2027, 1, 4), dt.date(2027, 1, 15))
    verify(capped({}), seed)  # valid where nothing is capped
    start = warm(program, [seed])
    assert start.source == search.LISTED
    assert (start.values["a.t"], start.values["b.t"]) == (0, 63)


def test_a_seed_missing_a_funded_task_is_rejected():
    """A seed without B (a mandatory project here) is no schedule of this program."""
    program = capped({"caps": {"2027-Q1": 1000}})
    _, inst, var, _ = compile_program(program, build_instance(program))
    assert search.seed_values(inst, var, both_at(THU_25_MARCH, WED_7_APRIL, drop="b")) is None
    assert warm(program, [both_at(THU_25_MARCH, WED_7_APRIL, drop="b")]).source == search.LISTED
