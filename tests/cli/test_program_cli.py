"""CLI tests through the real entry point (``python -m planner``): exit codes, outputs, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planner.check import verify
from planner.io.program_file import load_program
from planner.io.schedule_file import read_schedule
from planner.scenarios import load_scenario

QUICKSTART = Path(__file__).parents[2] / "scenarios" / "quickstart.yaml"


def planner(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_schema_is_json_schema():
    """`planner schema` prints a JSON Schema whose properties include projects and calendar."""
    result = planner("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert {"projects", "calendar", "roles", "people"} <= set(schema["properties"])


def test_validate_lists_every_problem(tmp_path):
    """Two problems in one file are both printed with file, line and task; exit status 2, no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\nstart: 2027-01-04\nroles: [{id: dev, capacity: 1}]\nprojects:\n"
        "  - id: p\n    tasks:\n      - {id: a, duration: -1}\n      - {id: b, duration: 2, requires: [{role: devv}]}\n"
    )
    result = planner("validate", bad)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "bad.yaml" in result.stderr and "p.a" in result.stderr
    assert "duration" in result.stderr


def test_validate_missing_file_is_a_clear_error(tmp_path):
    """A file that does not exist gives exit status 2 and names the file."""
    result = planner("validate", tmp_path / "nope.yaml")
    assert result.returncode == 2 and "nope.yaml" in result.stderr and "Traceback" not in result.stderr


def test_solve_writes_json_csv_excel_and_check_accepts_them(tmp_path):
    """Solving the quickstart writes three formats; each reads back and passes the checker."""
    outputs = [tmp_path / "s.json", tmp_path / "s.csv", tmp_path / "s.xlsx"]
    result = planner("solve", QUICKSTART, "-t", "10", "-w", "2", *[a for p in outputs for a in ("-o", p)])
    assert result.returncode == 0, result.stderr
    assert "status optimal" in result.stdout or "status feasible" in result.stdout
    program = load_program(QUICKSTART)
    for path in outputs:
        verify(program, read_schedule(path, program.name))
        assert planner("check", QUICKSTART, path).returncode == 0
    document = json.loads(outputs[0].read_text())
    assert document["record"]["ortools_version"] and document["summary"]["finish"]
    sheets = pd.read_excel(outputs[2], sheet_name=None)
    assert set(sheets) == {"tasks", "assignments", "load"}


def test_check_reports_a_hand_edit(tmp_path):
    """Moving cards.build before its design in the CSV is reported as a dependency violation, exit 1."""
    csv = tmp_path / "s.csv"
    assert planner("solve", QUICKSTART, "-t", "10", "-w", "2", "-o", csv).returncode == 0
    table = pd.read_csv(csv, dtype=str)
    row = (table.project == "cards") & (table.task == "build")
    table.loc[row, "start"] = "2027-01-04"
    table.to_csv(csv, index=False)
    result = planner("check", QUICKSTART, csv)
    assert result.returncode == 1
    assert "cards.build" in result.stdout


@pytest.mark.parametrize("content", ["name: [unclosed\n", "{}\n", "projects: 3\n"])
def test_solve_bad_input_never_tracebacks(tmp_path, content):
    """Broken YAML, an empty program and a wrong type each give exit status 2 and a message."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = planner("solve", bad)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "bad.yaml" in result.stderr


def test_program_commands_point_scenario_files_to_solve_scenario():
    """Giving a scenario file to `planner validate` says what it is and which command solves it."""
    result = planner(
        "validate", Path(__file__).parents[2] / "scenarios" / "bank" / "payments-slips-two-weeks.yaml"
    )
    assert result.returncode == 2 and "scenario file" in result.stderr and "solve-scenario" in result.stderr


def test_check_refuses_empty_and_planless_schedules(tmp_path):
    """An empty CSV is an input error (2); a JSON schedule of an infeasible solve has no plan to check (1)."""
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = planner("check", QUICKSTART, empty)
    assert result.returncode == 2 and "empty" in result.stderr and "Traceback" not in result.stderr
    planless = tmp_path / "none.json"
    planless.write_text('{"program": "x", "status": "infeasible", "tasks": []}')
    result = planner("check", QUICKSTART, planless)
    assert result.returncode == 1 and "no plan" in result.stdout


def _slip_scenario(tmp_path: Path) -> Path:
    path = tmp_path / "slip.yaml"
    path.write_text(
        f"name: Design slips\nbase: {QUICKSTART}\nchanges:\n"
        "  - {kind: slip, task: cards.design, by: 1w, note: vendor late}\n"
    )
    return path


def test_check_and_apply_a_scenario(tmp_path):
    """A replan of a slip scenario checks against the scenario with its baseline, and against the
    program `planner apply` writes; that file validates and loads back to the applied program."""
    scenario, out, base = _slip_scenario(tmp_path), tmp_path / "out.json", tmp_path / "base.json"
    solved = planner("solve-scenario", scenario, "-t", "10", "-w", "2", "-o", out, "--save-baseline", base)
    assert solved.returncode == 0, solved.stderr
    baseline = read_schedule(base)
    verify(load_program(QUICKSTART), baseline)
    resolved = load_scenario(scenario, baseline)
    verify(resolved.program, read_schedule(out))

    refused = planner("check", scenario, out)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "changes[1] (slip): measured from a baseline schedule, and none is given" in " ".join(
        refused.stderr.split()
    )
    checked = planner("check", scenario, out, "--baseline", base)
    assert checked.returncode == 0 and "no violation" in checked.stdout

    applied = tmp_path / "applied.yaml"
    result = planner("apply", scenario, "-o", applied, "--baseline", base)
    assert result.returncode == 0, result.stderr
    assert planner("validate", applied).returncode == 0
    assert load_program(applied) == resolved.program
    assert planner("check", applied, out).returncode == 0


def test_apply_writes_json_that_loads_back(tmp_path):
    """A scenario measured from no baseline (a new estimate) needs no solve; its JSON loads back equal."""
    scenario = tmp_path / "estimate.yaml"
    scenario.write_text(
        f"name: Build re-estimated\nbase: {QUICKSTART}\nchanges:\n"
        "  - {kind: duration, task: cards.build, duration: 8w}\n"
    )
    applied = tmp_path / "applied.json"
    result = planner("apply", scenario, "-o", applied)
    assert result.returncode == 0, result.stderr
    program = load_program(applied)
    assert program == load_scenario(scenario).program
    assert program.tasks["cards.build"][1].duration == 40
