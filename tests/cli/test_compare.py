"""`planner compare` and `planner batch` through the real entry point (``python -m planner``).

The commands verify every schedule with planner.check.verify themselves (exit status 3 on a
violation), so exit status 0 here means every schedule passed the checker. The expected dates are
worked out in tests/batch/scenario_files.py: slipping build a week moves cards.live +5 wd (+7 days).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.batch.scenario_files import scenario_folder


def planner(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


def test_compare_as_json(tmp_path):
    """JSON on stdout: the slip moves the program and cards.live +5 wd; the infeasible one has no dates,
    and its explanation: the deadline 1 February against a chain that reaches 15 March (30 working days)."""
    folder = scenario_folder(tmp_path)
    result = planner(
        "compare",
        folder / "quickstart.yaml",
        folder / "what-if" / "slip.yaml",
        folder / "what-if" / "infeasible.yaml",
        "-t",
        "10",
        "-w",
        "1",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert [s["name"] for s in comparison["scenarios"]] == ["Build slips a week", "Live by February"]
    live = next(r for r in comparison["dates"] if r["key"] == "cards.live")
    assert live["base"] == "2027-03-15"
    assert [(d["date"], d["working_days"], d["calendar_days"]) for d in live["scenarios"]] == [
        ("2027-03-22", 5, 7),
        (None, None, None),
    ]
    (cause,) = comparison["scenarios"][0]["causes"]
    assert cause["origin"] == "cards.build slips 1 week: cards.build may not start before 2027-01-25"
    assert comparison["scenarios"][1]["status"] == "infeasible"
    assert "Live by February: no schedule" in result.stderr
    why = comparison["scenarios"][1]["no_schedule"]
    (conflict,) = why["explanation"]["infeasibility"]["conflicts"]
    assert [c["id"] for c in conflict["commitments"]] == ["deadline:cards.live"]
    assert [(r["amount"], r["new_date"], r["verified"]) for r in conflict["repairs"]] == [
        (30, "2027-03-15", True)
    ]
    assert (
        "cheapest checked way out: move the deadline of Cards live (cards.live) by 30 working days"
        in why["message"]
    )


def test_compare_table(tmp_path):
    """The terminal table names the cause of the move as the scenario wrote it."""
    folder = scenario_folder(tmp_path)
    table = planner(
        "compare", folder / "quickstart.yaml", folder / "what-if" / "slip.yaml", "-t", "10", "-w", "1"
    )
    assert table.returncode == 0, table.stderr
    assert "Why milestones moved" in table.stdout and "cards.build slips 1 week" in table.stdout


def test_compare_html_report(tmp_path):
    """-o report.html writes the offline report (plotly inline)."""
    folder = scenario_folder(tmp_path)
    report = tmp_path / "out" / "report.html"
    html = planner(
        "compare",
        folder / "quickstart.yaml",
        folder / "what-if" / "slip.yaml",
        "-t",
        "10",
        "-w",
        "1",
        "-o",
        report,
    )
    assert html.returncode == 0, html.stderr
    assert report.is_file() and "plotly.js" in report.read_text()


def test_compare_refuses_bad_input_without_a_traceback(tmp_path):
    """A typo in a scenario: exit 2 with the file, the change and the closest name; xlsx needs -o."""
    folder = scenario_folder(tmp_path)
    bad = planner(
        "compare", folder / "quickstart.yaml", folder / "what-if" / "bad.yaml", "-t", "5", "-w", "1"
    )
    assert bad.returncode == 2
    assert "bad.yaml" in bad.stderr and "did you mean 'cards.build'" in bad.stderr
    assert "Traceback" not in bad.stderr
    no_file = planner(
        "compare", folder / "quickstart.yaml", folder / "what-if" / "slip.yaml", "--format", "xlsx"
    )
    assert no_file.returncode == 2 and "-o" in no_file.stderr


def test_batch_writes_one_row_per_file_and_reuses_the_cache(tmp_path):
    """Four rows (base, slip, typo, infeasible), exit 1 for the failures; the rerun takes all from the cache."""
    folder = scenario_folder(tmp_path)
    output = tmp_path / "results.csv"
    first = planner("batch", folder, "-j", "2", "-t", "10", "-o", output)
    assert first.returncode == 1, first.stderr
    table = pd.read_csv(output)
    assert sorted(table["status"]) == ["error", "infeasible", "optimal", "optimal"]
    assert table.set_index("scenario").loc["Build slips a week", "cards.live wd"] == 5
    again = planner("batch", folder, "-j", "2", "-t", "10", "-o", output)
    assert "4 from the cache" in again.stdout


def test_compare_against_a_hand_edited_baseline_shows_the_overloads_avoided(tmp_path):
    """A plan edited by hand runs A and B (3 days each) together on the one developer, 4-6 January.

    The baseline is compared as it is (the checker's finding is printed); the scenario, replanned
    by the solver, runs them one after the other: the 3 overloaded days are avoided, the peak
    drops from 2 to 1, and M moves from Thursday 7 to Tuesday 12 January (+3 wd, +5 days).
    """
    (tmp_path / "program.yaml").write_text(
        "name: hand\nstart: 2027-01-04\nroles: [{id: dev, capacity: 1}]\nprojects:\n  - id: p\n    tasks:\n"
        "      - {id: a, duration: 3, requires: [{role: dev}]}\n      - {id: b, duration: 3, requires: [{role: dev}]}\n"
        "      - {id: m, milestone: true, after: [a, b]}\n"
    )
    (tmp_path / "plan.csv").write_text(
        "project,task,start,finish\np,a,2027-01-04,2027-01-06\n"
        "p,b,2027-01-04,2027-01-06\np,m,2027-01-07,2027-01-07\n"
    )
    (tmp_path / "later.yaml").write_text(
        "name: Target for M\nbase: program.yaml\nchanges:\n  - {kind: target, task: p.m, date: 2027-01-29}\n"
    )
    result = planner(
        "compare",
        tmp_path / "program.yaml",
        tmp_path / "later.yaml",
        "--baseline",
        tmp_path / "plan.csv",
        "-t",
        "10",
        "-w",
        "1",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert "the baseline breaks 1 rule(s)" in result.stderr and "role dev" in result.stderr
    comparison = json.loads(result.stdout)
    (load,) = comparison["scenarios"][0]["load"]
    assert (load["base_peak"], load["peak"], load["base_overloaded_days"], load["overloaded_days"]) == (
        2,
        1,
        3,
        0,
    )
    assert load["avoided"] == [{"first": "2027-01-04", "last": "2027-01-06", "days": 3}]
    m = next(r for r in comparison["dates"] if r["key"] == "p.m")
    assert (m["base"], m["scenarios"][0]["date"], m["scenarios"][0]["working_days"]) == (
        "2027-01-07",
        "2027-01-12",
        3,
    )
