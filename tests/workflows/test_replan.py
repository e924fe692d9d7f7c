"""``whatif``, ``whatif_file`` and ``replan`` (:mod:`planner.workflows.replan`): the replan checked, its
disruption and its report.

Files of ``tests/batch/scenario_files.py``: slipping cards.build by a week moves test, load and live
by 5 working days, so cards.live goes from Monday 15 March to Monday 22 March 2027.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.check import check
from planner.errors import InputError
from planner.io.program_file import load_program
from planner.models.scenario import Scenario
from planner.solvers import SolveOptions
from planner.workflows.replan import Replanned, replan, whatif, whatif_file
from tests.batch.scenario_files import QUICKSTART, scenario_folder

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
    changes = Scenario.model_validate({"name": "w", "base": "x", "changes": [
        {"kind": "slip", "task": "cards.build", "by": "1w"}]}).changes
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
    result = replan(folder / "what-if" / "slip.yaml", OPTIONS, baseline=first.baseline,
                    baseline_source="the approved plan")
    _checked(result)
    assert result.report.baseline.source == "the approved plan"
    assert result.report.scenario == "Build slips a week"
    assert _live(result) == (dt.date(2027, 3, 22), 5)
