"""Batch runs over a folder of scenario files: one row per file, failures with reasons, a cache.

Every schedule a batch produces is verified by planner.check.verify inside the batch (a violation
would be a row with status error); the rows carry the dates worked out in tests/batch/scenario_files.py.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from planner.batch.cache import job_key
from planner.batch.files import bundle
from planner.check import verify
from planner.io.batch_file import results_table, write_results
from planner.io.program_file import load_program
from planner.solvers import SolveOptions
from planner.workflows.batch import StoredScenario, replan_scenarios, run_batch
from tests.batch.scenario_files import QUICKSTART, scenario_folder

OPTIONS = SolveOptions(time_limit=10, workers=1)


def by_file(rows):
    return {r["file"].replace("\\", "/").rsplit("/", 1)[-1]: r for r in rows}


def test_failing_files_get_their_rows_and_the_batch_goes_on(tmp_path):
    """A typo and an impossible deadline get rows with reasons (the deadline's conflict and its checked
    way out: 30 working days, 1 February to 15 March); the slip is solved: live +5 wd (+7 days)."""
    folder = scenario_folder(tmp_path)
    result = run_batch(folder, OPTIONS, jobs=2)
    rows = by_file(result.rows)
    assert set(rows) == {"quickstart.yaml", "slip.yaml", "bad.yaml", "infeasible.yaml"}
    assert result.skipped == [str(folder / "old-schedule.json")]
    assert rows["quickstart.yaml"]["kind"] == "base"
    assert (rows["quickstart.yaml"]["status"], rows["quickstart.yaml"]["cards.live"]) == (
        "optimal",
        "2027-03-15",
    )
    assert rows["bad.yaml"]["status"] == "error"
    assert "unknown task 'cards.buidl'; did you mean 'cards.build'?" in rows["bad.yaml"]["reason"]
    assert rows["infeasible.yaml"]["status"] == "infeasible"
    assert "cannot all hold together" in rows["infeasible.yaml"]["reason"]
    # explained in its row: the deadline clashes with the chain, which reaches live on 2027-03-15
    assert rows["infeasible.yaml"]["conflict"] == "Cards live (cards.live) finishes by 2027-02-01"
    assert (
        "move the deadline of Cards live (cards.live) by 30 working days, to 2027-03-15"
        in (rows["infeasible.yaml"]["ways_out"])
    )
    slip = rows["slip.yaml"]
    assert (slip["status"], slip["cards.live"], slip["cards.live wd"]) == ("optimal", "2027-03-22", 5)
    assert (slip["finish_wd"], slip["finish_days"]) == (5, 7)
    assert (result.failed, result.cached) == (2, 0)


def test_rerun_skips_scenarios_solved_from_unchanged_inputs(tmp_path):
    """The second run takes every row from the cache; editing slip.yaml solves that one again."""
    folder = scenario_folder(tmp_path)
    output = tmp_path / "out" / "results.csv"
    first = run_batch(folder, OPTIONS, jobs=2, output=output)
    assert (output.parent / "results.cache.json").is_file()
    second = run_batch(folder, OPTIONS, jobs=2, output=output)
    assert (second.cached, second.solved) == (4, 0)
    assert [r["status"] for r in second.rows] == [r["status"] for r in first.rows]
    (folder / "what-if" / "slip.yaml").write_text(
        "name: Build slips two weeks\nbase: ../quickstart.yaml\nchanges:\n  - {kind: slip, task: cards.build, by: 2w}\n"
    )
    third = run_batch(folder, OPTIONS, jobs=2, output=output)
    slip = by_file(third.rows)["slip.yaml"]
    assert (slip["cached"], slip["cards.live wd"]) == (False, 10)
    assert third.cached == 3


def test_cache_key_follows_files_options_and_baseline(tmp_path):
    """The key changes with a byte of an inherited file, with the options and with the base schedule."""
    folder = scenario_folder(tmp_path)
    slip = folder / "what-if" / "slip.yaml"
    key = job_key(bundle(slip), {"time_limit": 10})
    assert key == job_key(bundle(slip), {"time_limit": 10})
    assert key != job_key(bundle(slip), {"time_limit": 11})
    assert key != job_key(bundle(slip), {"time_limit": 10}, base_schedule="{}")
    (folder / "quickstart.yaml").write_text((folder / "quickstart.yaml").read_text() + "\n# edited\n")
    assert key != job_key(bundle(slip), {"time_limit": 10})


def test_results_table_and_files(tmp_path):
    """Dates become dates, shifts integers; CSV, Excel and (with pyarrow) Parquet hold the same rows."""
    rows = [
        {
            "file": "a.yaml",
            "kind": "base",
            "status": "optimal",
            "finish": "2027-03-15",
            "finish_wd": 0,
            "cards.live": "2027-03-15",
            "cards.live wd": 0,
            "peak dev": 2,
            "cached": False,
        },
        {"file": "b.yaml", "kind": "scenario", "status": "error", "reason": "bad", "cached": False},
    ]
    frame = results_table(rows)
    assert list(frame.columns[:6]) == ["file", "kind", "scenario", "base", "status", "reason"]
    assert frame.loc[0, "cards.live"] == dt.date(2027, 3, 15) and frame.loc[1, "cards.live"] is None
    assert str(frame["cards.live wd"].dtype) == "Int64"
    write_results(tmp_path / "r.csv", rows)
    write_results(tmp_path / "r.xlsx", rows)
    assert pd.read_csv(tmp_path / "r.csv")["status"].tolist() == ["optimal", "error"]
    assert pd.read_excel(tmp_path / "r.xlsx")["peak dev"].tolist()[0] == 2
    import pyarrow  # noqa: F401

    write_results(tmp_path / "r.parquet", rows)
    assert pd.read_parquet(tmp_path / "r.parquet")["cards.live wd"].tolist()[0] == 0


def test_stored_scenarios_replanned_against_one_baseline_a_row_each():
    """The API's batch: the quickstart solved once (checked), a week's slip of build moves live to
    22 March (+5 working days, as in the file batch's row), and a typo is a row with its reason."""
    program = load_program(QUICKSTART)
    batch = replan_scenarios(
        program,
        [
            StoredScenario("s1", "Build slips a week", [{"kind": "slip", "task": "cards.build", "by": "1w"}]),
            StoredScenario("s2", "Typo", [{"kind": "slip", "task": "cards.buidl", "by": "1w"}]),
        ],
        SolveOptions(time_limit=10, workers=1),
    )
    verify(program, batch.baseline)
    assert batch.violations == () and batch.summary.finish == max(t.finish for t in batch.baseline.tasks)
    slip, typo = batch.rows
    assert (slip["scenario_id"], slip["cards.live"], slip["cards.live wd"]) == ("s1", "2027-03-22", 5)
    assert slip["status"] in ("optimal", "feasible")
    assert slip["moved_tasks"] >= 3
    assert (typo["scenario_id"], typo["status"]) == ("s2", "error") and "cards.build" in typo["reason"]


def test_stored_scenarios_try_the_schedules_found_before_them(monkeypatch):
    """Solved in turn, each scenario of the API's batch is offered the schedules found before it as
    starts: the second (a longer slip of build) gets the first's checked schedule, the first none."""
    import planner.workflows.batch as batch_module

    offered: list[tuple[int, ...]] = []
    real = batch_module.replan_changes

    def recording(*args, **kwargs):
        offered.append(tuple(id(s) for s in kwargs.get("seeds", ())))
        result = real(*args, **kwargs)
        verify(result.program, result.schedule)
        kept.append(result.schedule)
        return result

    kept: list = []
    monkeypatch.setattr(batch_module, "replan_changes", recording)
    program = load_program(QUICKSTART)
    replan_scenarios(
        program,
        [
            StoredScenario("s1", "Build slips a week", [{"kind": "slip", "task": "cards.build", "by": "1w"}]),
            StoredScenario(
                "s2", "Build slips two weeks", [{"kind": "slip", "task": "cards.build", "by": "2w"}]
            ),
        ],
        SolveOptions(time_limit=10, workers=1),
    )
    assert offered == [(), (id(kept[0]),)]
