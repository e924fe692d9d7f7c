"""`planner whatif` and `planner solve-scenario` through typer's CliRunner: outputs, files, exit codes.

The quickstart's design (Dana, 2 weeks) starts the cards chain design -> build -> test -> live,
and data.load follows cards.test start-to-start; slipping the design two weeks moves exactly
those five tasks by 10 working days each (data.mapping has no link to them and stays).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from planner.check import verify
from planner.io.program_file import load_program
from planner.io.schedule_file import read_schedule
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes, load_scenario

QUICKSTART = Path(__file__).parents[2] / "scenarios" / "quickstart.yaml"
runner = CliRunner()


def invoke(*args: str | Path):
    from planner.cli import app

    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def test_whatif_slip_moves_the_chain_and_writes_checked_schedules(tmp_path):
    """--slip cards.design=2w: five tasks moved by 10 working days each; both written schedules verify."""
    out, base = tmp_path / "whatif.json", tmp_path / "baseline.json"
    result = invoke(
        "whatif",
        QUICKSTART,
        "--slip",
        "cards.design=2w",
        "-t",
        "10",
        "-w",
        "2",
        "-o",
        out,
        "--save-baseline",
        base,
    )
    assert result.exit_code == 0, result.output
    assert "5 tasks moved, 50 working days of shift in total" in result.output
    assert "cards.design" in result.output and "+10" in result.output
    program = load_program(QUICKSTART)
    baseline = read_schedule(base)
    verify(program, baseline)
    change = Scenario.model_validate(
        {"name": "s", "base": "q.yaml", "changes": [{"kind": "slip", "task": "cards.design", "by": "2w"}]}
    ).changes
    changed = apply_changes(program, change, baseline)
    schedule = read_schedule(out)
    verify(changed, schedule)
    moved = {t.key for t in schedule.tasks if t.start != baseline.by_key()[t.key].start}
    assert moved == {"cards.design", "cards.build", "cards.test", "cards.live", "data.load"}
    tiers = {t["name"]: t for t in json.loads(out.read_text())["record"]["tiers"]}
    assert tiers["moved"] == {"name": "moved", "value": 5, "bound": 5, "optimal": True}
    assert tiers["shift"] == {"name": "shift", "value": 50, "bound": 50, "optimal": True}


def test_whatif_against_a_given_baseline(tmp_path):
    """With --baseline the program is not solved again, and the disruption is measured against that file."""
    base = tmp_path / "baseline.json"
    assert invoke("solve", QUICKSTART, "-t", "10", "-w", "2", "-o", base).exit_code == 0
    result = invoke(
        "whatif",
        QUICKSTART,
        "--capacity",
        "developer=1@2027-01-04..2027-02-26",
        "--baseline",
        base,
        "-t",
        "10",
        "-w",
        "2",
    )
    assert result.exit_code == 0, result.output
    assert f"Disruption against {base}" in result.output.replace("\n", "")


def test_whatif_unknown_name_suggests_the_closest(tmp_path):
    """A misspelt task names the flag as written and the closest task; exit status 2, no traceback."""
    result = invoke("whatif", QUICKSTART, "--slip", "cards.desing=2w", "-t", "5", "-w", "2")
    assert result.exit_code == 2
    assert (
        "quickstart.yaml: --slip cards.desing=2w: unknown task 'cards.desing'; did you mean 'cards.design'?"
        in (result.output)
    )
    assert "Traceback" not in result.output


def test_whatif_bad_flag_shows_the_form():
    """A capacity without a window is refused with the expected form, before any solve."""
    result = invoke("whatif", QUICKSTART, "--capacity", "developer=2")
    assert result.exit_code == 2
    assert "ROLE=N@FROM..TO" in result.output


def test_whatif_budget_too_small_says_why():
    """Five tasks must move; a budget of 2 gives no schedule, exit status 1, and the reason in words."""
    result = invoke("whatif", QUICKSTART, "--slip", "cards.design=2w", "--budget", "2", "-t", "10", "-w", "2")
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert (
        "no schedule moves at most 2 tasks; without the budget the replan moves 5 tasks by 50 working days"
        in text
    )


def test_whatif_pin_keeps_a_task(tmp_path):
    """Pinning data.mapping keeps it at its baseline start in the written schedule."""
    out, base = tmp_path / "whatif.json", tmp_path / "baseline.json"
    result = invoke(
        "whatif",
        QUICKSTART,
        "--stretch",
        "cards.build=1w",
        "--pin",
        "data.mapping",
        "-t",
        "10",
        "-w",
        "2",
        "-o",
        out,
        "--save-baseline",
        base,
    )
    assert result.exit_code == 0, result.output
    assert (
        read_schedule(out).by_key()["data.mapping"].start
        == read_schedule(base).by_key()["data.mapping"].start
    )


def test_solve_scenario_with_inheritance(tmp_path):
    """A child scenario over a parent over the quickstart: both changes apply and the schedule verifies."""
    (tmp_path / "parent.yaml").write_text(
        f"name: Design slips\nbase: {QUICKSTART}\nchanges:\n  - {{kind: slip, task: cards.design, by: 1w}}\n"
    )
    child = tmp_path / "child.yaml"
    child.write_text(
        "name: Design slips and Dana is away\nbase: parent.yaml\nchanges:\n"
        "  - {kind: availability, person: dana, from: 2027-03-01, to: 2027-03-05}\n"
    )
    out, base = tmp_path / "child.json", tmp_path / "baseline.json"
    result = invoke("solve-scenario", child, "-t", "10", "-w", "2", "-o", out, "--save-baseline", base)
    assert result.exit_code == 0, result.output
    assert "Design slips and Dana is away" in result.output
    assert "child.yaml <- parent.yaml <- quickstart.yaml" in result.output
    assert "Disruption against the base program, solved first" in result.output
    schedule = read_schedule(out)
    resolved = load_scenario(child, read_schedule(base))
    verify(resolved.program, schedule)
    assert schedule.by_key()["cards.design"].start >= dt.date(2027, 1, 11)


def test_solve_scenario_loop_is_refused(tmp_path):
    """Scenarios that inherit in a loop: exit status 2 and both files named."""
    (tmp_path / "a.yaml").write_text("name: a\nbase: b.yaml\n")
    (tmp_path / "b.yaml").write_text("name: b\nbase: a.yaml\n")
    result = invoke("solve-scenario", tmp_path / "a.yaml")
    assert result.exit_code == 2
    assert "inherit in a loop" in result.output and "a.yaml" in result.output and "b.yaml" in result.output


def test_unknown_pin_names_the_option_before_any_solve(tmp_path):
    """--pin card (for cards) is refused as '--pin card: ...' by whatif and solve-scenario, exit status 2."""
    result = invoke("whatif", QUICKSTART, "--slip", "cards.design=2w", "--pin", "card")
    assert result.exit_code == 2
    assert "error: --pin card: unknown task or project; did you mean 'cards'?" in result.output
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        f"name: s\nbase: {QUICKSTART}\nchanges:\n  - {{kind: slip, task: cards.design, by: 1w}}\n"
    )
    result = invoke("solve-scenario", scenario, "--pin", "card")
    assert result.exit_code == 2
    assert "error: --pin card: unknown task or project; did you mean 'cards'?" in result.output


def test_whatif_json_carries_a_checkable_replan(tmp_path):
    """The JSON names each change as written, the baseline's hash, the disruption, the milestones and
    verified; `planner check` passes the schedule against the program --save-program wrote."""
    out, base, program_file = tmp_path / "w.json", tmp_path / "baseline.json", tmp_path / "changed.yaml"
    result = invoke(
        "whatif",
        QUICKSTART,
        "--slip",
        "cards.design=2w",
        "--stretch",
        "data.mapping=50%",
        "-t",
        "10",
        "-w",
        "2",
        "-o",
        out,
        "--save-baseline",
        base,
        "--save-program",
        program_file,
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "6 tasks moved, 50 working days of shift in total" in text
    assert (
        "Milestones and projects with a deadline or target" in text and "cards.design slips 2 weeks" in text
    )
    report = json.loads(out.read_text())["replan"]
    assert [(c["written"], c["text"]) for c in report["changes"]] == [
        ("--slip cards.design=2w", "cards.design slips 2 weeks"),
        ("--stretch data.mapping=50%", "data.mapping takes 8 working days longer (50% of its duration)"),
    ]
    baseline = read_schedule(base)
    verify(load_program(QUICKSTART), baseline)
    lines = sorted(f"{t.key},{t.start},{t.finish}\n" for t in baseline.tasks)
    assert report["baseline"]["fingerprint"] == hashlib.sha256("".join(lines).encode()).hexdigest()
    assert report["verified"] is True and report["disruption"]["moved"] == 6
    live = next(m for m in report["milestones"] if m["key"] == "cards.live")
    assert (live["baseline"], live["date"], live["working_days"]) == ("2027-03-15", "2027-03-29", 10)
    assert live["chain"].startswith("cards.design +10 wd")
    verify(load_program(program_file), read_schedule(out))
    checked = invoke("check", program_file, out)
    assert checked.exit_code == 0 and "no violation" in checked.output


def test_whatif_without_a_schedule_is_explained(tmp_path):
    """Design 20 weeks late pushes cards.live past its 2027-06-30 deadline: exit status 1, and the
    conflict (the deadline against the slip) with a checked way out, on screen and in the JSON."""
    out = tmp_path / "w.json"
    result = invoke("whatif", QUICKSTART, "--slip", "cards.design=20w", "-t", "10", "-w", "2", "-o", out)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "Why there is no schedule" in text and "2027-06-30" in text
    assert "ways out (each applied, re-solved and checked)" in text
    why = json.loads(out.read_text())["replan"]["no_schedule"]
    conflict = why["explanation"]["infeasibility"]["conflicts"][0]
    assert "deadline:cards.live" in {c["id"] for c in conflict["commitments"]}
    assert any(r["verified"] for r in conflict["repairs"])


def test_stretch_percent_of_a_project():
    """--stretch cards=20% makes design 10 -> 12, build 30 -> 36, test 10 -> 12 days (live is a milestone):
    the chain is 10 working days longer, so the program finishes 2027-03-29 instead of 2027-03-15."""
    result = invoke("whatif", QUICKSTART, "--stretch", "cards=20%", "-t", "10", "-w", "2")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "program finish 2027-03-15 -> 2027-03-29 (+10 working days)" in text
