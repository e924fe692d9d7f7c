"""`planner fund` through the real entry point: funded sets, reasons, side by side, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

PROGRAM = {
    "name": "Card refresh",
    "start": "2027-01-04",
    "end": "2027-03-31",
    "finance": {"currency": "GBP", "appraisal_end": "2027-12-31", "budget": {"caps": {"2027-Q1": 1000}}},
    "projects": [
        {"id": "core", "cost": 800, "tasks": [{"id": "t", "duration": 5}]},
        {
            "id": "app",
            "funding": "candidate",
            "cost": 500,
            "benefit": {"per_month": 100},
            "tasks": [{"id": "t", "duration": 5}],
        },
    ],
}


def planner(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_fund_explains_and_compares(tmp_path):
    """The capped file leaves 'app' out (300 short in Q1); with the cap raised to 1,300 it is funded."""
    capped, raised = tmp_path / "capped.yaml", tmp_path / "raised.yaml"
    capped.write_text(yaml.safe_dump(PROGRAM))
    more = json.loads(json.dumps(PROGRAM))
    more["finance"]["budget"]["caps"]["2027-Q1"] = 1300
    raised.write_text(yaml.safe_dump(more))
    result = planner("fund", capped, raised, "-t", "5", "-w", "1", "-o", tmp_path / "answers.json")
    assert result.returncode == 0, result.stderr
    assert "it fits with GBP 300 more in 2027-Q1" in result.stdout
    assert "Funding scenarios side by side" in result.stdout
    answers = json.loads((tmp_path / "answers.json").read_text())
    assert [a["unfunded"] for a in answers] == [["app"], []]
    assert answers[0]["exclusions"][0]["kind"] == "funding"


def test_fund_reports_an_infeasible_budget_with_exit_1(tmp_path):
    """A total cap below the mandatory cost: status infeasible and exit status 1, no traceback."""
    program = json.loads(json.dumps(PROGRAM))
    program["finance"]["budget"] = {"total": 700}
    path = tmp_path / "tight.yaml"
    path.write_text(yaml.safe_dump(program))
    result = planner("fund", path, "-t", "5", "-w", "1")
    assert result.returncode == 1
    assert "infeasible" in result.stdout
    assert "Traceback" not in result.stderr


def test_fund_accepts_scenario_files(tmp_path):
    """A scenario raising Q1 to 1,300 over the capped program funds 'app'; its heading names the scenario."""
    (tmp_path / "capped.yaml").write_text(yaml.safe_dump(PROGRAM))
    scenario = tmp_path / "raised.yaml"
    scenario.write_text(
        yaml.safe_dump(
            {
                "name": "Q1 raised",
                "base": "capped.yaml",
                "changes": [{"kind": "funding", "caps": {"2027-Q1": 1300}}],
            }
        )
    )
    result = planner("fund", scenario, "-t", "5", "-w", "1", "--no-explain", "-o", tmp_path / "answers.json")
    assert result.returncode == 0, result.stderr
    assert "Card refresh: Q1 raised" in result.stdout
    assert json.loads((tmp_path / "answers.json").read_text())[0]["unfunded"] == []


def test_fund_explains_a_scenario_without_a_schedule(tmp_path):
    """Committing 'app' (a scenario) needs core's 800 and app's 500 in Q1 against a cap of 1,000: no
    schedule, and the answer names the cap, the mandatory projects and the 300 missing in 2027-Q1."""
    capped, scenario = tmp_path / "capped.yaml", tmp_path / "commit-app.yaml"
    capped.write_text(yaml.safe_dump(PROGRAM))
    scenario.write_text(
        "name: App committed\nbase: capped.yaml\nchanges:\n"
        "  - {kind: funding_status, project: app, funding: mandatory}\n"
    )
    result = planner("fund", scenario, "-t", "10", "-w", "1", "--no-explain", "-o", tmp_path / "answers.json")
    assert result.returncode == 1, result.stderr
    text = " ".join(result.stdout.split())
    assert "caps 2027-Q1 GBP 1,000 (no carry-over); mandatory projects: core, app" in text
    assert "missing: GBP 300 in 2027-Q1" in text
    (answer,) = json.loads((tmp_path / "answers.json").read_text())
    funding = answer["no_schedule"]["explanation"]["funding"]
    assert (funding["status"], funding["extra"], funding["least"], funding["verified"]) == (
        "short",
        {"2027-Q1": 300},
        True,
        True,
    )
