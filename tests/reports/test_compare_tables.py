"""Comparison tables and the JSON round trip, on the hand-worked build-late example."""

from __future__ import annotations

import datetime as dt

from planner.io.comparison_file import read_comparison, write_comparison
from planner.reports.compare_tables import causes_table, dates_table, moved_table, scenarios_table
from tests.reports.example import comparison


def test_tables_hold_the_hand_worked_figures():
    """Live moves from day 15 (Mon 25 Jan) to day 20 (Mon 1 Feb): +5 wd, +7 days; build finishes 5 later."""
    result = comparison()
    dates = dates_table(result).set_index("key")
    assert dates.loc["p.live", "base"] == dt.date(2027, 1, 25)
    assert dates.loc["p.live", "Build <late>"] == dt.date(2027, 2, 1)
    assert (dates.loc["p.live", "Build <late> wd"], dates.loc["p.live", "Build <late> days"]) == (5, 7)
    moved = moved_table(result).set_index("task")
    assert moved.loc["p.build", "finish_shift_wd"] == 5 and moved.loc["p.build", "start_shift_wd"] == 0
    causes = causes_table(result)
    assert causes["origin"].tolist() == ["p.build changed (duration 10 -> 15)"]
    summary = scenarios_table(result).set_index("scenario")
    assert summary.loc["Build <late>", "finish_change_wd"] == 5 and summary.loc["base", "moved_tasks"] == 0


def test_json_round_trip(tmp_path):
    """A comparison written as JSON reads back equal."""
    result = comparison()
    write_comparison(tmp_path / "c.json", result)
    assert read_comparison(tmp_path / "c.json") == result
