"""``compare`` (:mod:`planner.workflows.compare`) seeds each scenario's replan with the
schedules of the scenarios before it, so the same scenario given twice ends no worse the second
time. Files of ``tests/batch/scenario_files.py`` (replan verifies every schedule itself)."""

from __future__ import annotations

from collections.abc import Sequence

import planner.workflows.compare as compare_module
from planner.models import Schedule
from planner.solvers import SolveOptions
from planner.workflows.compare import compare
from planner.workflows.replan import Replan
from planner.workflows.replan import replan_program as replan
from tests.batch.scenario_files import scenario_folder


def test_each_scenario_is_seeded_with_the_schedules_before_it(tmp_path, monkeypatch):
    """The first replan gets no seed, the second the first's schedule, and ends no worse by the tiers."""
    folder = scenario_folder(tmp_path)
    seeded: list[int] = []
    results: list[Replan] = []

    def spy(*args: object, seeds: Sequence[Schedule] = (), **kwargs: object) -> Replan:
        seeded.append(len(seeds))
        results.append(replan(*args, seeds=seeds, **kwargs))  # type: ignore[arg-type]
        return results[-1]

    monkeypatch.setattr(compare_module, "replan_program", spy)
    slip = folder / "what-if" / "slip.yaml"
    compared = compare(folder / "quickstart.yaml", [slip, slip], SolveOptions(time_limit=10, workers=1))
    assert seeded == [0, 1]
    assert len(compared.comparison.scenarios) == 2  # the base aside
    first, second = ([t.value for t in r.schedule.record.tiers] for r in results)  # type: ignore[union-attr]
    assert second <= first
