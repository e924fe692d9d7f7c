"""Funding scenarios answered together (:mod:`planner.workflows.fund`): solved seeded with each
other's schedules, every schedule verified, and answered without a second solve.

Programs of ``tests/solvers/test_spending``: A and B, 10 days of one of two developers at 100 a
day; the looser caps 2027-Q1 at 1,000, the tighter 2027-Q2 at 1,000 too. The best plan of either
starts both on Thursday 25 March (five days, 500 each, in Q1) and ends on Wednesday 7 April.
"""

from __future__ import annotations

import datetime as dt

from planner.check import verify
from planner.solvers import SolveOptions
from planner.workflows.fund import answer_funding, fund, solve_scenarios
from tests.solvers.test_spending import capped


def test_scenarios_solved_together_are_verified_and_the_looser_ends_no_worse():
    """Both scenarios get the plan from 25 March to 7 April; the looser's tiers are no worse than
    the tighter's, and its answer reuses the schedule given."""
    looser, tighter = (
        capped({"caps": {"2027-Q1": 1000}}),
        capped({"caps": {"2027-Q1": 1000, "2027-Q2": 1000}}),
    )
    schedules = solve_scenarios([looser, tighter], SolveOptions(time_limit=10, workers=1))
    for program, schedule in zip((looser, tighter), schedules, strict=True):
        verify(program, schedule)
        assert {(row.start, row.finish) for row in schedule.tasks} == {
            (dt.date(2027, 3, 25), dt.date(2027, 4, 7))
        }
    assert [t.value for t in schedules[0].record.tiers] <= [t.value for t in schedules[1].record.tiers]  # type: ignore[union-attr]
    answer = answer_funding(looser, explain=False, schedule=schedules[0])
    assert answer.schedule is schedules[0]
    assert answer.finish == dt.date(2027, 4, 7)


def test_fund_answers_programs_and_scenario_files_together(tmp_path):
    """``fund`` takes a program and a scenario file over it: the scenario is titled with its own name,
    both get the checked plan ending 7 April, and nothing is left out, so no reason is asked for."""
    looser = capped({"caps": {"2027-Q1": 1000}})
    (tmp_path / "looser.yaml").write_text(looser.model_dump_json(by_alias=True, exclude_defaults=True))
    (tmp_path / "tighter.yaml").write_text(
        "name: Q2 capped too\nbase: looser.yaml\nchanges:\n"
        "  - {kind: funding, caps: {2027-Q1: 1000, 2027-Q2: 1000}}\n"
    )
    stages: list[tuple[int, str]] = []
    answers = fund(
        [looser, tmp_path / "tighter.yaml"],
        SolveOptions(time_limit=10, workers=1),
        stage=lambda i, step: stages.append((i, step)),
    )
    assert [a.path for a in answers] == [None, tmp_path / "tighter.yaml"]
    assert answers[1].title == f"{looser.name}: Q2 capped too"
    for funded in answers:
        verify(funded.program, funded.answer.schedule)
        assert funded.answer.finish == dt.date(2027, 4, 7) and funded.answer.unfunded == ()
        assert funded.no_schedule is None
    assert stages == [(0, "explaining"), (1, "explaining")]
