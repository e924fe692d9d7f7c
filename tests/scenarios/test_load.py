"""Loading scenario files: inheritance, baselines, options, loops and errors that name file, line and change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from planner.errors import InputError, ProgramInvalid
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.scenarios import load_scenario
from planner.scenarios.changes.timing import earliest_starts

SCENARIOS = Path(__file__).parents[2] / "scenarios"

PROGRAM = """\
name: Two projects
start: 2027-01-04
roles: [{id: developer, capacity: 2}]
projects:
  - id: p
    tasks:
      - {id: a, duration: 3, requires: [{role: developer}]}
      - {id: b, duration: 2, after: [a]}
  - id: q
    tasks:
      - {id: c, duration: 5}
"""


@pytest.fixture
def files(tmp_path: Path):
    """Write files into a temporary folder (the program as ``program.yaml``) and return the writer."""
    (tmp_path / "program.yaml").write_text(PROGRAM)

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    return write


def baseline_json(path: Path, starts: dict[str, dt.date]) -> None:
    tasks = [ScheduledTask(project=k[0], task=k[2], start=d, finish=d) for k, d in starts.items()]
    schedule = Schedule(program="Two projects", status=SolveStatus.FEASIBLE, tasks=tuple(tasks))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schedule.model_dump(mode="json")))


def test_scenario_over_a_program(files):
    """A one-change scenario gives the changed program, the root program and the chain of two files."""
    path = files(
        "slip.yaml", "name: c slips\nbase: program.yaml\nchanges:\n  - {kind: slip, task: q.c, by: 1w}\n"
    )
    resolved = load_scenario(path)
    assert resolved.program.tasks["q.c"][1].release == dt.date(2027, 1, 11)  # earliest day 0 + 5
    assert resolved.base_program.tasks["q.c"][1].release is None
    assert [p.name for p in resolved.chain] == ["program.yaml", "slip.yaml"]
    assert resolved.baseline is None and resolved.scenario.name == "c slips"


def test_inheritance_applies_the_parent_first_and_merges_options(files):
    """The child adds a duration change to its parent's slip; budget is the child's, pins add up."""
    files(
        "parent.yaml",
        "name: parent\nbase: program.yaml\ndisruption_budget: 5\npin: [p]\n"
        "changes:\n  - {kind: slip, task: q.c, by: 1w}\n",
    )
    path = files(
        "sub/child.yaml",
        "name: child\nbase: ../parent.yaml\ndisruption_budget: 2\npin: [q.c]\n"
        "changes:\n  - {kind: duration, task: p.a, duration: 4}\n",
    )
    resolved = load_scenario(path)
    assert resolved.program.tasks["q.c"][1].release == dt.date(2027, 1, 11)
    assert resolved.program.tasks["p.a"][1].duration == 4
    assert [p.name for p in resolved.chain] == ["program.yaml", "parent.yaml", "child.yaml"]
    assert (resolved.disruption_budget, resolved.pin) == (2, ("p", "q.c"))


def test_baseline_is_read_relative_to_the_scenario_and_used_for_slips(files, tmp_path):
    """c starts on Wednesday 6 January in the baseline, so a 1w slip releases it on Wednesday 13 January."""
    baseline_json(tmp_path / "out" / "base.json", {"q.c": dt.date(2027, 1, 6)})
    path = files(
        "s.yaml",
        "name: s\nbase: program.yaml\nbaseline: out/base.json\n"
        "changes:\n  - {kind: slip, task: q.c, by: 1w}\n",
    )
    resolved = load_scenario(path)
    assert resolved.program.tasks["q.c"][1].release == dt.date(2027, 1, 13)
    assert resolved.baseline is not None and resolved.baseline_file == tmp_path / "out" / "base.json"


def test_each_level_uses_its_own_baseline(files, tmp_path):
    """The parent slips against its baseline; the child's baseline does not re-slip the parent's change."""
    baseline_json(tmp_path / "out" / "base.json", {"q.c": dt.date(2027, 1, 4)})
    baseline_json(tmp_path / "out" / "parent.json", {"q.c": dt.date(2027, 1, 11)})
    files(
        "parent.yaml",
        "name: parent\nbase: program.yaml\nbaseline: out/base.json\n"
        "changes:\n  - {kind: slip, task: q.c, by: 1w}\n",
    )
    path = files(
        "child.yaml",
        "name: child\nbase: parent.yaml\nbaseline: out/parent.json\n"
        "changes:\n  - {kind: duration, task: p.a, duration: 4}\n",
    )
    resolved = load_scenario(path)
    assert resolved.program.tasks["q.c"][1].release == dt.date(2027, 1, 11)
    assert resolved.baseline is not None and resolved.baseline.by_key()["q.c"].start == dt.date(2027, 1, 11)


def test_inheritance_loop_is_refused_naming_the_files(files):
    """a -> b -> a: the error names the file that closes the loop and every file in it."""
    a = files("a.yaml", "name: a\nbase: b.yaml\n")
    files("b.yaml", "name: b\nbase: a.yaml\n")
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(a)
    message = str(info.value)
    assert "b.yaml:2: base: the scenarios inherit in a loop:" in message
    assert message.count("a.yaml") >= 2 and "-> " in message


def test_scenario_that_is_its_own_base_is_a_loop(files):
    """A scenario naming itself as base is refused, not followed forever."""
    path = files("self.yaml", "name: self\nbase: self.yaml\n")
    with pytest.raises(ProgramInvalid, match="inherit in a loop"):
        load_scenario(path)


def test_missing_base_suggests_a_file_next_to_it(files):
    """A misspelt base file names the scenario, the line and the closest file."""
    path = files("s.yaml", "name: s\nbase: programme.yaml\n")
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    assert (
        "s.yaml:2: base: no file 'programme.yaml' next to this scenario; did you mean 'program.yaml'?"
        in str(info.value)
    )


def test_bad_reference_names_file_line_change_and_closest_name(files):
    """The third line of changes misspells a task: file, line 5, changes[2] (defer) and 'p.b' are named."""
    path = files(
        "s.yaml",
        "name: s\nbase: program.yaml\nchanges:\n  - {kind: slip, task: q.c, by: 1}\n"
        "  - {kind: defer, task: p.bb, until: 2027-02-01}\n",
    )
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    assert f"{path}:5: changes[2] (defer): task: unknown task 'p.bb'; did you mean 'p.b'?" in str(info.value)


def test_structural_problems_are_all_listed_with_lines(files):
    """An unknown kind and a missing amount are both reported, each on its line."""
    path = files(
        "s.yaml",
        "name: s\nbase: program.yaml\nchanges:\n  - {kind: slp, task: q.c, by: 1}\n"
        "  - {kind: slip, task: q.c}\n",
    )
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    message = str(info.value)
    assert "s.yaml:4: changes[1] (slp): unknown change kind 'slp'; did you mean 'slip'?" in message
    assert "s.yaml:5: changes[2] (slip): by: missing required field 'by'" in message


def test_unknown_pin_suggests_the_closest(files):
    """A pinned task that does not exist is refused with the closest task or project."""
    path = files("s.yaml", "name: s\nbase: program.yaml\npin: [q.cc]\n")
    with pytest.raises(
        ProgramInvalid, match=r"pin\[0\]: unknown task or project 'q.cc'; did you mean 'q.c'\?"
    ):
        load_scenario(path)


def test_missing_baseline_file_is_named(files):
    """A baseline that is not there is reported at the scenario's baseline line."""
    path = files("s.yaml", "name: s\nbase: program.yaml\nbaseline: nothing.json\n")
    with pytest.raises(ProgramInvalid, match=r"s.yaml:3: baseline: .*no such schedule file"):
        load_scenario(path)


def test_a_program_file_is_not_a_scenario(files, tmp_path):
    """Loading a program file as a scenario says what a scenario needs."""
    with pytest.raises(InputError, match="not a scenario file"):
        load_scenario(tmp_path / "program.yaml")


def earliest_schedule(program: Program) -> Schedule:
    """Every task at its earliest start by dependencies alone: a stand-in baseline, no solver needed."""
    wd = program.working_days
    rows = [
        ScheduledTask(
            project=key.split(".")[0],
            task=key.split(".", 1)[1],
            start=wd.date(day),
            finish=wd.date(day + max(program.tasks[key][1].duration - 1, 0)),
        )
        for key, day in earliest_starts(program).items()
    ]
    return Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows))


def example_scenarios() -> list[Path]:
    return sorted(p for folder in ("bank", "mes", "funding") for p in (SCENARIOS / folder).glob("*.yaml"))


def test_example_scenarios_load():
    """Every example scenario file loads, and together they use every kind of change, some inheriting."""
    from planner.models.scenario import CHANGE_KINDS

    paths = example_scenarios()
    assert len(paths) >= 10
    kinds, inherited = set(), 0
    for path in paths:
        resolved = load_scenario(path, solve_base=earliest_schedule)
        kinds |= {c.kind for c in resolved.scenario.changes}
        inherited += len(resolved.chain) > 2
    assert kinds == set(CHANGE_KINDS)
    assert inherited >= 2


def test_bank_funding_scenarios_load():
    """Full funding's caps and 36m total; the cut scales them by 0.8 (6m -> 4.8m, 36m -> 28.8m); the freeze sets Q4 to 1.5m."""

    def budget(name: str):
        return load_scenario(SCENARIOS / "funding" / f"{name}.yaml").program.finance.budget

    full, cut, freeze = budget("full-funding"), budget("cut-20-percent"), budget("freeze-q4-2027")
    assert (full.caps["2027-Q4"], full.total, full.carry_over, len(full.caps)) == (
        6_000_000,
        36_000_000,
        False,
        8,
    )
    assert (cut.caps["2027-Q4"], cut.caps["2027-Q1"], cut.total) == (4_800_000, 5_200_000, 28_800_000)
    assert freeze.caps == {**full.caps, "2027-Q4": 1_500_000} and freeze.total == full.total
    committed = load_scenario(SCENARIOS / "funding" / "mobile-relaunch-committed.yaml").program
    assert {p.id: p.funding for p in committed.projects}["mobile_relaunch"] == "mandatory"


def test_solve_base_makes_the_baseline_only_when_no_file_names_one(files, tmp_path):
    """A status date needs a baseline: solve_base is asked for one when the chain names none, not otherwise."""
    calls: list[str] = []

    def solve_base(program: Program) -> Schedule:
        calls.append(program.name)
        return earliest_schedule(program)

    path = files(
        "status.yaml", "name: s\nbase: program.yaml\nchanges:\n  - {kind: status_date, date: 2027-01-06}\n"
    )
    resolved = load_scenario(path, solve_base=solve_base)
    assert calls == ["Two projects"]
    assert resolved.program.tasks["p.a"][1].fixed_start == dt.date(
        2027, 1, 4
    )  # started day 0, before the 6th
    assert resolved.program.tasks["p.b"][1].release == dt.date(
        2027, 1, 6
    )  # earliest day 3 is the 7th: not started
    baseline_json(tmp_path / "base.json", {"p.a": dt.date(2027, 1, 4)})
    named = files("named.yaml", "name: s\nbase: program.yaml\nbaseline: base.json\n")
    load_scenario(named, solve_base=solve_base)
    assert calls == ["Two projects"]


def test_every_problem_of_a_scenario_is_listed_at_once(files):
    """An unknown kind, project, role and person and a bad date: five problems in one report, changes from 1."""
    path = files(
        "s.yaml",
        "name: s\nbase: program.yaml\nchanges:\n"
        "  - {kind: slipp, task: q.c, by: 1}\n"
        "  - {kind: slip, project: qq, by: 1}\n"
        "  - {kind: capacity, role: developers, from: 2027-01-11, capacity: 1}\n"
        "  - {kind: availability, person: ann, from: 2027-13-01}\n",
    )
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    message = str(info.value)
    assert "s.yaml: 5 problems" in message
    assert "s.yaml:4: changes[1] (slipp): unknown change kind 'slipp'; did you mean 'slip'?" in message
    assert "s.yaml:5: changes[2] (slip): project: unknown project 'qq'; did you mean 'q'?" in message
    assert (
        "s.yaml:6: changes[3] (capacity): role: unknown role 'developers'; did you mean 'developer'?"
        in message
    )
    assert "s.yaml:7: changes[4] (availability): person: unknown person 'ann'" in message
    assert (
        "s.yaml:7: changes[4] (availability): from: should be a date written YYYY-MM-DD, got '2027-13-01'"
        in message
    )


def test_a_change_may_name_what_an_earlier_one_adds(files):
    """A person added by change 1 may be sent on leave by change 2; a misspelt pin is still found."""
    path = files(
        "s.yaml",
        "name: s\nbase: program.yaml\npin: [pp]\nchanges:\n"
        "  - {kind: add_person, person: {id: eve}}\n"
        "  - {kind: availability, person: eve, from: 2027-01-11, to: 2027-01-15}\n",
    )
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    assert str(info.value).splitlines()[1:] == [
        f"  {path}:3: pin[0]: unknown task or project 'pp'; did you mean 'p'?"
    ]


def test_missing_base_not_close_to_any_file_lists_the_files(files):
    """'whatever.yaml' is like no file in the folder: no 'did you mean', the folder's files instead."""
    path = files("s.yaml", "name: s\nbase: whatever.yaml\n")
    with pytest.raises(ProgramInvalid) as info:
        load_scenario(path)
    assert (
        "s.yaml:2: base: no file 'whatever.yaml' next to this scenario; the files there are program.yaml, "
        "s.yaml"
    ) in str(info.value)
    assert "did you mean" not in str(info.value)


def test_load_applied_solves_the_base_only_when_a_change_needs_it(files):
    """A slip is measured from a baseline: solve_base is called (once) or, without it, the missing
    baseline is refused naming the file and the change; a new estimate needs no baseline."""
    from planner.check import verify
    from planner.scenarios.load import load_applied

    slip = files("slip.yaml", "name: s\nbase: program.yaml\nchanges:\n  - {kind: slip, task: p.a, by: 2}\n")
    estimate = files(
        "estimate.yaml",
        "name: e\nbase: program.yaml\nchanges:\n  - {kind: duration, task: p.a, duration: 4}\n",
    )
    calls: list[str] = []

    def solve_base(root: Program) -> Schedule:
        calls.append(root.name)
        schedule = Schedule(
            program=root.name,
            status=SolveStatus.FEASIBLE,
            tasks=(
                ScheduledTask(project="p", task="a", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 6)),
                ScheduledTask(project="p", task="b", start=dt.date(2027, 1, 7), finish=dt.date(2027, 1, 8)),
                ScheduledTask(project="q", task="c", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 8)),
            ),
        )
        verify(root, schedule)
        return schedule

    applied = load_applied(slip, solve_base=solve_base)
    assert calls == ["Two projects"] and applied.baseline_solved
    assert applied.program.tasks["p.a"][1].release == dt.date(2027, 1, 6)  # day 0 + 2 working days
    with pytest.raises(
        InputError, match=r"slip.yaml: changes\[1\] \(slip\): measured from a baseline schedule"
    ):
        load_applied(slip, require_baseline="give --baseline")
    assert load_applied(estimate, solve_base=solve_base).program.tasks["p.a"][1].duration == 4
    assert calls == ["Two projects"]


def test_a_persons_longer_work_needs_a_baseline():
    """A person's work includes what the baseline staffs with them, so even their longer durations need one;
    a project's longer durations do not."""
    from planner.models.scenario import SlipChange
    from planner.scenarios.load import changes_need_baseline

    person = SlipChange.model_validate({"kind": "slip", "person": "dana", "by": 2, "as": "duration"})
    project = SlipChange.model_validate({"kind": "slip", "project": "p", "by": 2, "as": "duration"})
    assert (changes_need_baseline([person]), changes_need_baseline([project])) == (True, False)
