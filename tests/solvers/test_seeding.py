"""Scenarios solved together (:mod:`planner.solvers.seeding`): a later schedule that beats an
earlier scenario's makes it solve again, seeded, so the looser scenario ends no worse.

Programs of ``test_spending``: A and B, 10 days of one of two developers at 100 a day. The looser
caps 2027-Q1 at 1,000; the tighter caps 2027-Q2 at 1,000 too. The looser's list schedule (A on day
0, B on day 63) ends on day 73; both from day 58 (25 March) ends on day 68 and fits either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from planner.check import verify
from planner.models import Program, Schedule, SolveRecord, SolveStatus, TierResult
from planner.solvers import SolveOptions, search, solve
from planner.solvers.cpsat import scheduled_tasks, unfunded
from planner.solvers.instance import build_instance
from planner.solvers.seeding import improves, solve_together
from planner.solvers.solve import compile_program
from tests.solvers.test_search_seeds import THU_25_MARCH, WED_7_APRIL, both_at
from tests.solvers.test_spending import capped

LOOSER, TIGHTER = {"caps": {"2027-Q1": 1000}}, {"caps": {"2027-Q1": 1000, "2027-Q2": 1000}}


def listed(program: Program) -> Schedule:
    """The list schedule of ``program`` with its confirmed tier values in the record (unproven)."""
    model, inst, var, tiers = compile_program(program, build_instance(program))
    warm = search.warm_start(model, inst, var, tiers, 10.0)
    assert warm is not None
    record = SolveRecord(
        planner_version="test",
        ortools_version="test",
        python_version="test",
        time_limit=0,
        workers=1,
        seed=0,
        wall_time=0,
        status=SolveStatus.FEASIBLE,
        solved_at=dt.datetime.now(dt.UTC),
        tiers=tuple(
            TierResult(name=t.name, value=warm.tier_values[t.name], bound=0, optimal=False) for t in tiers
        ),
    )
    return Schedule(
        program=program.name,
        status=SolveStatus.FEASIBLE,
        tasks=scheduled_tasks(inst, var, warm.values),
        unfunded=unfunded(var, warm.values),
        record=record,
    )


def ranked(schedule: Schedule) -> list[int]:
    assert schedule.record is not None
    return [t.value for t in schedule.record.tiers]


def test_a_seed_improves_only_when_it_is_allowed_and_better():
    """Both from 25 March (finish 68) beats the list schedule (finish 73); both on 4 January breaks
    the Q1 cap and does not; the list schedule itself is no improvement on itself."""
    looser = capped(LOOSER)
    mine = listed(looser)
    verify(looser, mine)
    assert {t.name: t.value for t in mine.record.tiers}["finish"] == 73  # type: ignore[union-attr]
    assert improves(looser, mine, [both_at(THU_25_MARCH, WED_7_APRIL)])
    assert not improves(looser, mine, [both_at(dt.date(2027, 1, 4), dt.date(2027, 1, 15))])
    assert not improves(looser, mine, [mine])


def test_the_looser_scenario_solves_again_with_the_tighter_schedule_and_ends_no_worse():
    """The looser comes first and (here) returns its list schedule; the tighter, seeded with it,
    ends on day 68, which beats it: the looser solves again seeded with both and ends no worse
    than the tighter by the tiers. The tighter, not beaten by anything after it, is solved once."""
    programs = [capped(LOOSER), capped(TIGHTER)]
    calls: list[tuple[int, int]] = []

    def solve_one(i: int, seeds: Sequence[Schedule]) -> Schedule:
        calls.append((i, len(seeds)))
        schedule = (
            listed(programs[0])
            if (i, len(seeds)) == (0, 0)
            else solve(programs[i], SolveOptions(time_limit=10, workers=1), seeds=seeds)
        )
        verify(programs[i], schedule)
        return schedule

    looser, tighter = solve_together(programs, solve_one)
    assert calls == [(0, 0), (1, 1), (0, 2)]
    assert {t.name: t.value for t in tighter.record.tiers}["finish"] == 68  # type: ignore[union-attr]
    assert ranked(looser) <= ranked(tighter)
