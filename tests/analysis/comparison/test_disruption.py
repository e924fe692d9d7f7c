"""The one definition of moved and shift, shared by what-if and compare, and the baseline hash.

The quickstart (starts Monday 2027-01-04) solves to a unique plan: cards.design 01-04..01-15,
build 01-18..02-26, test 03-01..03-12, live 03-15; data.mapping 01-04..01-22 (15 days at half of
Lee's time), data.load 03-08..03-12. Slipping the design two weeks moves the cards chain and
data.load by 10 working days each; stretching data.mapping by 50 % (15 -> 23 days, 7.5 rounded
up to 8) keeps its start and moves its finish by 8 working days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from planner.analysis.comparison.compare import compare
from planner.analysis.comparison.disruption import disruption, schedule_fingerprint
from planner.check import verify
from planner.io.program_file import load_program
from planner.models import Schedule, ScheduledTask, SolveStatus
from planner.scenarios import shorthand
from planner.solvers import SolveOptions
from planner.workflows.replan import replan_changes
from tests.conftest import make_program, solve_checked

QUICKSTART = Path(__file__).parents[3] / "scenarios" / "quickstart.yaml"


def test_whatif_and_compare_count_the_same_moves():
    """One replan: what-if's disruption and compare's moved count agree (6 tasks, 50 working days),
    including data.mapping, whose start stays and whose finish moves 8 working days."""
    program = load_program(QUICKSTART)
    changes, labels = shorthand.changes(program, slip=["cards.design=2w"], stretch=["data.mapping=50%"])
    result = replan_changes(program, changes, labels, SolveOptions(time_limit=10, workers=1))
    verify(program, result.baseline)
    verify(result.program, result.schedule)
    assert result.disruption is not None
    comparison = compare((program, result.baseline), [("what-if", result.program, result.schedule)])
    scenario = comparison.scenario("what-if")
    assert (result.disruption.moved, result.disruption.total_shift) == (6, 50)
    assert (scenario.moved_count, scenario.total_shift) == (
        result.disruption.moved,
        result.disruption.total_shift,
    )
    assert {m.key for m in scenario.moved} == {m.key for m in result.disruption.moves}
    mapping = next(m for m in result.disruption.moves if m.key == "data.mapping")
    assert (mapping.shift, mapping.finish_shift, mapping.finish) == (0, 8, dt.date(2027, 2, 3))


def test_shift_counts_working_days_of_the_replanned_calendar():
    """A holiday on Friday 8 January in the replanned program: a start moving from Monday 4 to Monday
    11 January is 4 working days later there (5 on the base calendar), 7 calendar days."""
    base = make_program(projects=[{"id": "p", "tasks": [{"id": "a", "duration": 2}]}])
    changed = make_program(
        calendar={"holidays": ["2027-01-08"]},
        projects=[{"id": "p", "tasks": [{"id": "a", "duration": 2, "release": "2027-01-11"}]}],
    )
    before, after = solve_checked(base, workers=1), solve_checked(changed, workers=1)
    found = disruption(before, after, changed)
    assert found.moved == 1 and found.total_shift == 4
    move = found.moves[0]
    assert (move.start, move.shift, move.finish_shift, move.calendar_days) == (dt.date(2027, 1, 11), 4, 4, 7)
    assert compare((base, before), [("s", changed, after)]).scenario("s").moved[0].start_shift == 4


def test_fingerprint_is_the_hash_of_sorted_task_dates():
    """The hash is SHA-256 of 'project.task,start,finish' lines sorted by key; people do not count."""
    rows = (
        ScheduledTask(project="q", task="b", start=dt.date(2027, 1, 5), finish=dt.date(2027, 1, 6)),
        ScheduledTask(
            project="p", task="a", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 4), people=("x",)
        ),
    )
    schedule = Schedule(program="t", status=SolveStatus.FEASIBLE, tasks=rows)
    expected = hashlib.sha256(b"p.a,2027-01-04,2027-01-04\nq.b,2027-01-05,2027-01-06\n").hexdigest()
    assert schedule_fingerprint(schedule) == expected
    unstaffed = Schedule(
        program="t",
        status=SolveStatus.FEASIBLE,
        tasks=tuple(r.model_copy(update={"people": ()}) for r in reversed(rows)),
    )
    assert schedule_fingerprint(unstaffed) == expected
