"""Executors: local worker processes, and Ray (optional) on a local Ray started by the test itself."""

from __future__ import annotations

import math
import sys

import pytest

from planner.batch.executors import ExecutorUnavailable, LocalExecutor, make_executor
from planner.solvers import SolveOptions
from planner.workflows.batch import run_batch
from tests.batch.scenario_files import scenario_folder


def test_local_executor_runs_jobs_in_processes():
    """Two factorials in two worker processes: 5! = 120 and 6! = 720."""
    with LocalExecutor(2) as executor:
        handles = [executor.submit(math.factorial, n, cpus=1) for n in (5, 6)]
        results = set()
        while handles:
            for done in executor.wait(handles):
                handles.remove(done)
                results.add(executor.result(done))
    assert results == {120, 720}


def test_ray_missing_is_a_clear_error(monkeypatch):
    """Without Ray installed, asking for it says how to install it."""
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ExecutorUnavailable, match=r"pip install 'planner\[ray\]'"):
        make_executor("ray", jobs=1, cpus=1)


def test_unknown_executor_and_address_without_ray_are_refused():
    """--executor dask is unknown; --address only makes sense for Ray."""
    with pytest.raises(ExecutorUnavailable, match="unknown executor"):
        make_executor("dask", jobs=1, cpus=1)
    with pytest.raises(ExecutorUnavailable, match="--address"):
        make_executor("local", jobs=1, cpus=1, address="ray://x:10001")


def test_batch_on_a_local_ray(tmp_path):
    """The same batch on Ray (2 CPUs, each solve declaring 1): the slip moves live by +5 wd, the typo fails."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR")
    try:
        result = run_batch(scenario_folder(tmp_path), SolveOptions(time_limit=10, workers=1), executor="ray")
    finally:
        ray.shutdown()
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in result.rows}
    assert rows["slip.yaml"]["status"] == "optimal"
    assert rows["slip.yaml"]["cards.live wd"] == 5
    assert rows["bad.yaml"]["status"] == "error"
    assert rows["infeasible.yaml"]["status"] == "infeasible"
