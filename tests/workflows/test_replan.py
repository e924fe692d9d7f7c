"""``whatif``, ``whatif_file``, ``replan`` and ``replan_program`` (:mod:`planner.workflows.replan`): the
replan checked, its disruption and its report, and what the summary says when only the budget blocks.

Files of ``tests/batch/scenario_files.py``: slipping cards.build by a week moves test, load and live
by 5 working days, so cards.live goes from Monday 15 March to Monday 22 March 2027.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.check import check, verify
from planner.errors import InputError
from planner.io.program_file import load_program
from planner.models import Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.solvers import SolveOptions
from planner.solvers.stability import Stability
from planner.workflows.replan import Replanned, replan, replan_program, solve_baseline, whatif, whatif_file
from tests.batch.scenario_files import QUICKSTART, scenario_folder
from tests.conftest import make_program

OPTIONS = SolveOptions(time_limit=10, workers=1)


def _live(result: Replanned) -> tuple[dt.date | None, int | None]:
    (live,) = [m for m in result.report.milestones if m.key == "cards.live"]
    return live.date, live.working_days


def _checked(result: Replanned) -> None:
    assert result.has_plan
    assert check(result.program, result.schedule) == [] and result.violations() == []
    assert result.report.verified


def test_whatif_replans_a_program_and_reports_the_moved_milestone():
    """A week's slip of cards.build, given as a change model: live moves 5 working days to 22 March;
    the baseline was solved first, so it is not checked again."""
    changes = Scenario.model_validate(
        {"name": "w", "base": "x", "changes": [{"kind": "slip", "task": "cards.build", "by": "1w"}]}
    ).changes
    result = whatif(load_program(QUICKSTART), changes, options=OPTIONS)
    _checked(result)
    assert _live(result) == (dt.date(2027, 3, 22), 5)
    assert result.disruption is not None and result.disruption.moved >= 3  # build, test, live at least
    assert result.result.baseline_source == "solved" and result.baseline_violations() == []


def test_whatif_file_reads_the_shorthand_and_refuses_no_change():
    """``--slip cards.build=1w`` in shorthand gives the same move; no change at all is refused."""
    result = whatif_file(QUICKSTART, slip=["cards.build=1w"], options=OPTIONS)
    _checked(result)
    assert _live(result) == (dt.date(2027, 3, 22), 5)
    assert result.report.changes[0].written == "--slip cards.build=1w"
    with pytest.raises(InputError, match="give at least one change"):
        whatif_file(QUICKSTART, options=OPTIONS)


def test_replan_a_scenario_file_against_a_given_baseline(tmp_path):
    """The slip scenario replanned against the quickstart's schedule given as its baseline: the report
    names the source given, and live moves to 22 March."""
    folder = scenario_folder(tmp_path)
    first = whatif_file(QUICKSTART, slip=["cards.build=1w"], options=OPTIONS)
    result = replan(
        folder / "what-if" / "slip.yaml",
        OPTIONS,
        baseline=first.baseline,
        baseline_source="the approved plan",
    )
    _checked(result)
    assert result.report.baseline.source == "the approved plan"
    assert result.report.scenario == "Build slips a week"
    assert _live(result) == (dt.date(2027, 3, 22), 5)


def test_budget_alone_blocking_is_the_headline_not_infeasible():
    """p.a (3 days) then p.b (2 days) from Monday 4 January 2027; a slips 1w, so a and b both move 5
    working days: a budget of 1 blocks, and the summary says so instead of "infeasible"."""
    program = make_program(
        projects=[
            {"id": "p", "tasks": [{"id": "a", "duration": 3}, {"id": "b", "duration": 2, "after": ["a"]}]}
        ]
    )
    baseline = Schedule(
        program="test",
        status=SolveStatus.FEASIBLE,
        tasks=(
            ScheduledTask(project="p", task="a", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 6)),
            ScheduledTask(project="p", task="b", start=dt.date(2027, 1, 7), finish=dt.date(2027, 1, 8)),
        ),
    )
    change = Scenario.model_validate(
        {"name": "s", "base": "x.yaml", "changes": [{"kind": "slip", "task": "p.a", "by": "1w"}]}
    ).changes
    result = replan_program(apply_changes(program, change, baseline), baseline, OPTIONS, Stability(budget=1))
    assert result.schedule.status is SolveStatus.INFEASIBLE
    assert result.summary().quality == (
        "no schedule within the disruption budget of 1 moved task; without the "
        "budget the replan moves 2 tasks (10 working days of shift in total)"
    )


# Only Bob has the skill py, so the solver staffs q.c (5 days) with him although no task names him.
_STAFFED = """\
name: Staffed
start: 2027-01-04
people:
  - {id: ann, skills: [sql]}
  - {id: bob, skills: [sql, py]}
projects:
  - id: q
    tasks:
      - {id: c, duration: 5, requires: [{skill: py}]}
      - {id: d, duration: 2, after: [c], requires: [{person: ann}]}
"""


@pytest.mark.parametrize("given", [False, True])
def test_whatif_file_stretches_the_work_the_baseline_staffs_with_a_person(tmp_path, given):
    """--stretch bob=20% lengthens q.c, which the baseline staffs with Bob, by 1 working day (5 x 20 %):
    c runs Monday 4 to Monday 11 January, d 12-13 January; without a baseline it is solved first."""
    path = tmp_path / "staffed.yaml"
    path.write_text(_STAFFED, encoding="utf-8")
    program = load_program(path)
    baseline = None
    if given:
        baseline = solve_baseline(program, OPTIONS)
        verify(program, baseline)
    result = whatif_file(path, stretch=["bob=20%"], options=OPTIONS, baseline=baseline)
    _checked(result)
    verify(result.program, result.schedule)
    assert [(c.kind, c.written) for c in result.report.changes] == [("slip", "--stretch bob=20%")]
    rows = result.schedule.by_key()
    assert (rows["q.c"].start, rows["q.c"].finish) == (dt.date(2027, 1, 4), dt.date(2027, 1, 11))
    assert (rows["q.d"].start, rows["q.d"].finish) == (dt.date(2027, 1, 12), dt.date(2027, 1, 13))
    assert result.result.baseline_source == ("given" if given else "solved")
