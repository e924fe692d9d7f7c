"""One replan, one moved count: what-if, compare, the API's what-if result and the HTML report agree.

The replan of the quickstart program (``scenarios/quickstart.yaml``): cards.design slips 2 weeks and
data.mapping takes 50 % longer. It moves 6 tasks by 50 working days in total, data.mapping among
them although its start stays (its finish moves 8 working days): moved means start *or* finish
(:mod:`planner.analysis.comparison.disruption`). Each front end is asked the same question against
the same baseline, with one worker and a fixed seed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from api.worker import run_job
from planner.check import verify
from planner.io.program_file import load_program, read_document
from planner.reports.html import comparison_html
from planner.scenarios import shorthand
from planner.solvers import SolveOptions
from planner.workflows.compare import compare
from planner.workflows.replan import solve_baseline, whatif

QUICKSTART = Path(__file__).parents[2] / "scenarios" / "quickstart.yaml"
OPTIONS = SolveOptions(time_limit=10, workers=1, seed=1)


def test_whatif_compare_api_and_html_report_count_the_same_moves(tmp_path):
    """6 tasks moved, 50 working days of shift, in the what-if, the comparison, the API's result and the HTML."""
    shutil.copy(QUICKSTART, tmp_path / "quickstart.yaml")
    program = load_program(tmp_path / "quickstart.yaml")
    baseline = solve_baseline(program, OPTIONS)
    verify(program, baseline)
    changes, labels = shorthand.changes(program, slip=["cards.design=2w"], stretch=["data.mapping=50%"])
    written = [c.model_dump(mode="json", by_alias=True, exclude_unset=True) for c in changes]

    asked = whatif(program, changes, labels, OPTIONS, baseline=baseline)
    verify(asked.program, asked.schedule)
    assert asked.disruption is not None
    moved = (asked.disruption.moved, asked.disruption.total_shift)
    assert moved == (6, 50)
    assert asked.report.disruption == asked.disruption
    assert "data.mapping" in {m.key for m in asked.disruption.moves}

    scenario = tmp_path / "late-design.json"
    scenario.write_text(json.dumps({"name": "late design", "base": "quickstart.yaml", "changes": written}))
    compared = compare(tmp_path / "quickstart.yaml", [scenario], OPTIONS, baseline=baseline)
    result = compared.comparison.scenario("late design")
    assert (result.moved_count, result.total_shift) == moved
    assert {m.key for m in result.moved} == {m.key for m in asked.disruption.moves}

    document, _ = read_document(tmp_path / "quickstart.yaml")
    kind, data = run_job(
        {
            "kind": "whatif",
            "program": document,
            "changes": written,
            "labels": labels,
            "baseline": baseline.model_dump(mode="json"),
            "time_limit": 10,
            "workers": 1,
            "seed": 1,
        },
        lambda message: None,
    )
    assert kind == "done" and data["violations"] == []
    served = data["details"]["disruption"]
    assert (served["moved"], served["total_shift"]) == moved
    assert data["details"]["replan"]["disruption"]["moved"] == moved[0]

    page = comparison_html(compared.comparison)
    assert re.search(r"6 tasks moved, 50 working days in total", page)
