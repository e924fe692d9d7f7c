"""`planner lint` and `planner explain` through typer's CliRunner and the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from planner.analysis.explanations.explanation import Explanation
from planner.cli import app

QUICKSTART = Path(__file__).parents[2] / "scenarios" / "quickstart.yaml"
runner = CliRunner()

# b(5) follows a(5), due Friday 8 January (day 4): a deadline the chain misses by 5 working days.
LATE = """\
name: late
start: 2027-01-04
projects:
  - id: p
    tasks:
      - {id: a, name: Build, duration: 5}
      - {id: b, name: Go-live, milestone: true, after: [a], deadline: 2027-01-08}
"""


def _file(tmp_path: Path, text: str = LATE) -> Path:
    path = tmp_path / "program.yaml"
    path.write_text(text)
    return path


def test_lint_prints_warnings_with_numbers(tmp_path):
    """The missed deadline is named with its shortfall; exit status 0 without --strict, 1 with it."""
    path = _file(tmp_path)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert "deadline-before-chain" in result.output and "Go-live (p.b)" in result.output
    assert runner.invoke(app, ["lint", str(path), "--strict"]).exit_code == 1


def test_lint_json(tmp_path):
    """--format json gives a list of findings with rule, severity and figures."""
    result = runner.invoke(app, ["lint", str(_file(tmp_path)), "--format", "json"])
    found = json.loads(result.output)
    assert [w["rule"] for w in found] == ["deadline-before-chain"]
    assert found[0]["figures"]["short_working_days"] == 1


def test_explain_infeasible_as_json(tmp_path):
    """The JSON explanation of an infeasible file names the deadline and a checked slip of 1 working day."""
    result = runner.invoke(app, ["explain", str(_file(tmp_path)), "--format", "json", "-t", "20"])
    assert result.exit_code == 0, result.output
    e = Explanation.model_validate_json(result.output)
    assert e.status.value == "infeasible" and e.infeasibility is not None
    (conflict,) = e.infeasibility.conflicts
    assert [c.id for c in conflict.commitments] == ["deadline:p.b"]
    assert [(r.amount, str(r.new_date), r.verified) for r in conflict.repairs] == [(1, "2027-01-11", True)]


def test_explain_text_for_an_infeasible_program(tmp_path):
    """The text form states the conflict in the user's words and the checked way out."""
    result = runner.invoke(app, ["explain", str(_file(tmp_path)), "-t", "20"])
    assert result.exit_code == 0, result.output
    assert "Go-live (p.b) finishes by 2027-01-08" in result.output
    assert "move the deadline of Go-live (p.b) by 1 working day, to 2027-01-11" in result.output


def test_unknown_milestone_is_a_clear_error():
    """--milestone with a misspelt task: exit status 2 and the closest name."""
    result = runner.invoke(app, ["explain", str(QUICKSTART), "--milestone", "cards.liv"])
    assert result.exit_code == 2 and "cards.live" in result.output


def test_explain_quickstart_through_the_entry_point():
    """`python -m planner explain --milestone cards.live` prints the critical chain; JSON parses too."""
    text = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "explain",
            str(QUICKSTART),
            "--milestone",
            "cards.live",
            "-t",
            "20",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert text.returncode == 0, text.stderr
    assert "Critical chain" in text.stdout and "Cards live (cards.live)" in text.stdout
    data = subprocess.run(
        [sys.executable, "-m", "planner", "explain", str(QUICKSTART), "-f", "json", "-t", "20"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    e = Explanation.model_validate_json(data.stdout)
    assert e.finish is not None and e.finish.chain[-1].task == e.finish.chain[-1].task
    assert e.finish.working_days == e.finish.dependency_days + e.finish.resource_days


def test_lint_summary_counts_in_the_singular(tmp_path):
    """One warning and one note: 'lint: 1 warning, 1 note', not '1 notes'."""
    from rich.console import Console

    from planner.cli.explain import show_lint
    from planner.io.program_file import load_program

    text = LATE.replace("deadline: 2027-01-08", "deadline: 2027-01-09")  # a Saturday: a note too
    console = Console(record=True, width=200)
    show_lint(load_program(_file(tmp_path, text)), console)
    assert console.export_text().splitlines()[0] == "lint: 1 warning, 1 note"


# Over a program whose go-live (Monday 11 January) meets its deadline of 15 January, a scenario
# pulls the deadline in to Friday 8 January: one working day too early.
ON_TIME = LATE.replace("deadline: 2027-01-08", "deadline: 2027-01-15")
PULL_IN = "name: Board pulls go-live in\nbase: program.yaml\nchanges:\n  - {kind: deadline, task: p.b, date: 2027-01-08}\n"


def _scenario(tmp_path: Path, text: str = PULL_IN) -> Path:
    _file(tmp_path, ON_TIME)
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    return path


def test_explain_a_scenario_file(tmp_path):
    """explain works on the applied program: the pulled-in deadline and the checked 1-day slip back."""
    result = runner.invoke(app, ["explain", str(_scenario(tmp_path)), "--format", "json", "-t", "20"])
    assert result.exit_code == 0, result.output
    e = Explanation.model_validate_json(result.stdout)
    assert e.infeasibility is not None
    (conflict,) = e.infeasibility.conflicts
    assert [c.id for c in conflict.commitments] == ["deadline:p.b"]
    assert [(r.amount, str(r.new_date), r.verified) for r in conflict.repairs] == [(1, "2027-01-11", True)]


def test_lint_a_scenario_file(tmp_path):
    """lint finds the deadline the scenario pulls in before the chain can meet it (1 working day short)."""
    result = runner.invoke(app, ["lint", str(_scenario(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(w["rule"], w["figures"]["short_working_days"]) for w in found] == [("deadline-before-chain", 1)]


def test_a_bad_scenario_file_names_file_change_and_field(tmp_path):
    """A misspelt task in a change: exit status 2, the file, the change, the field and the closest name."""
    path = _scenario(tmp_path, PULL_IN.replace("task: p.b", "task: p.bb"))
    for command in ("explain", "lint"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, result.output
        text = " ".join(result.output.split())
        assert (
            "scenario.yaml" in text and "changes[1] (deadline): task" in text and "did you mean 'p.b'" in text
        )
        assert "Traceback" not in text


def test_explain_the_schedule_solve_wrote(tmp_path):
    """`explain --schedule` explains the dates `solve -o` wrote: quickstart's go-live is Monday
    15 March in both (design 10 + build 30 + test 10 working days from 4 January)."""
    written = tmp_path / "schedule.json"
    solved = runner.invoke(app, ["solve", str(QUICKSTART), "-t", "10", "-w", "2", "-o", str(written)])
    assert solved.exit_code == 0, solved.output
    rows = json.loads(written.read_text())["tasks"]
    assert next(r["start"] for r in rows if r["project"] == "cards" and r["task"] == "live") == "2027-03-15"
    result = runner.invoke(
        app,
        [
            "explain",
            str(QUICKSTART),
            "--schedule",
            str(written),
            "--milestone",
            "cards.live",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    explanation = Explanation.model_validate_json(result.stdout)
    assert explanation.finish is not None and str(explanation.finish.finish) == "2027-03-15"
