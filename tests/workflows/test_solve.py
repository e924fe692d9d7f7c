"""``solve_program`` (:mod:`planner.workflows.solve`): the schedule checked and summarised, and an
infeasible program explained.

The quickstart program (``scenarios/quickstart.yaml``) goes live on Monday 15 March 2027 (its
critical path design 10 -> build 30 -> test 10 working days from Monday 4 January). A deadline of
1 February on cards.live cannot hold: the checked way out moves it back 30 working days, to the
15th of March.
"""

from __future__ import annotations

import datetime as dt

from planner.check import check
from planner.io.program_file import load_program
from planner.models import SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.solvers import SolveOptions
from planner.workflows.solve import solve_program
from tests.batch.scenario_files import QUICKSTART

OPTIONS = SolveOptions(time_limit=10, workers=1)


def test_a_schedule_is_checked_and_summarised_and_not_explained():
    """The quickstart's schedule passes the checker, its summary dates cards.live on 15 March, and a
    program with a schedule gets no explanation even when one is asked for."""
    program = load_program(QUICKSTART)
    solved = solve_program(program, OPTIONS, explain_time=5)
    assert solved.has_plan and solved.violations == () and check(program, solved.schedule) == []
    assert {m.key: m.date for m in solved.summary.milestones}["cards.live"] == dt.date(2027, 3, 15)
    assert solved.no_schedule is None


def test_an_infeasible_program_is_explained_when_asked():
    """Live by 1 February: infeasible; with explain_time the conflict is the deadline and its checked way
    out is 30 working days later (15 March); without it, nothing is explained."""
    scenario = Scenario.model_validate(
        {
            "name": "Live by February",
            "base": "quickstart.yaml",
            "changes": [{"kind": "deadline", "task": "cards.live", "date": "2027-02-01"}],
        }
    )
    program = apply_changes(load_program(QUICKSTART), scenario.changes)
    stages: list[str] = []
    solved = solve_program(program, OPTIONS, explain_time=10, explain_lint=True, stage=stages.append)
    assert solved.schedule.status is SolveStatus.INFEASIBLE and not solved.has_plan
    assert solved.no_schedule is not None and solved.no_schedule.explanation is not None
    assert stages == ["looking for the conflicting commitments ..."]
    (conflict,) = solved.no_schedule.explanation.infeasibility.conflicts  # type: ignore[union-attr]
    assert [c.id for c in conflict.commitments] == ["deadline:cards.live"]
    assert [(r.amount, r.new_date, r.verified) for r in conflict.repairs] == [
        (30, dt.date(2027, 3, 15), True)
    ]
    assert solve_program(program, OPTIONS).no_schedule is None
