"""The ``slip`` kind: which tasks it acts on, how it applies, its words, what it touches, its text.

A slip of a person acts on the tasks that name them, are fixed to them, or are staffed with them
in the baseline (:func:`planner.scenarios.changes.slip.work_of`); applying it, the reports' "which
change touched this task" and ``--stretch NAME=P%`` use that one rule.
"""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.models.scenario import SlipChange
from planner.scenarios.changes import ScenarioWords, change_words, needs_baseline, touched
from planner.scenarios.changes import slip as kind
from tests.conftest import make_program
from tests.scenarios.changes.helpers import BASELINE, D, apply, changes, error, program
from tests.scenarios.test_shorthand import STRETCH


def test_slip_task_without_baseline_counts_from_earliest_start():
    """b can start on day 3 at the earliest; slipping it 2w releases it on day 13, Thursday 21 January."""
    changed = apply(program(), {"kind": "slip", "task": "p.b", "by": "2w"})
    assert changed.tasks["p.b"][1].release == D(2027, 1, 21)
    assert changed.tasks["p.a"][1].release is None


def test_slip_project_counts_from_baseline_starts():
    """With a baseline, every task of p may start no earlier than its baseline start + 5 working days."""
    changed = apply(program(), {"kind": "slip", "project": "p", "by": "1w"}, baseline=BASELINE)
    releases = {k: t.release for k, (_, t) in changed.tasks.items()}
    assert releases == {"p.a": D(2027, 1, 11), "p.b": D(2027, 1, 18), "p.m": D(2027, 1, 20), "q.c": None}


def test_slip_as_duration_lengthens_work_and_leaves_milestones():
    """Slipping p by 3 days as duration: a 3 -> 6, b 2 -> 5, the milestone stays 0."""
    changed = apply(program(), {"kind": "slip", "project": "p", "by": 3, "as": "duration"})
    assert [t.duration for t in changed.projects[0].tasks] == [6, 5, 0]


def test_slip_role_and_person_pick_their_tasks():
    """A role slip touches a (the only developer task); a person slip touches what Bob does in the baseline."""
    by_role = apply(program(), {"kind": "slip", "role": "developer", "by": 2})
    assert {k for k, (_, t) in by_role.tasks.items() if t.release} == {"p.a"}
    by_person = apply(program(), {"kind": "slip", "person": "bob", "by": 2}, baseline=BASELINE)
    assert {k for k, (_, t) in by_person.tasks.items() if t.release} == {"q.c"}
    assert by_person.tasks["q.c"][1].release == D(2027, 1, 6)


def test_work_of_a_person_is_named_fixed_or_staffed_in_the_baseline():
    """Ann is named by b; Bob by nothing, but the baseline staffs c with him; without it his work is empty."""
    base = program()
    assert kind.work_of(base, "person", "ann") == ["p.b"]
    assert kind.work_of(base, "person", "bob") == []
    assert kind.work_of(base, "person", "bob", {t.key: t for t in BASELINE.tasks}) == ["q.c"]
    assert kind.work_of(base, "project", "p") == ["p.a", "p.b", "p.m"]
    assert kind.work_of(base, "role", "developer") == ["p.a"]


def test_a_person_slip_touches_the_tasks_it_moves():
    """The fix: Bob's 2-day slip releases c (staffed with him in the baseline) on Wednesday 6 January,
    so what the slip touches is Bob and c, and c's change is said to be "work of bob slips 2 working
    days". Before, the reports looked only at tasks naming Bob (none) and gave c no change."""
    slip = changes({"kind": "slip", "person": "bob", "by": 2})
    applied = apply(program(), {"kind": "slip", "person": "bob", "by": 2}, baseline=BASELINE)
    moved = {k for k, (_, t) in applied.tasks.items() if t.release}
    assert moved == {"q.c"}
    assert touched(slip[0], program(), BASELINE) == [("person", "bob"), ("task", "q.c")]
    words = ScenarioWords(slip, program(), BASELINE)
    assert words.for_task("q.c") == "work of bob slips 2 working days"
    assert words.for_resource("person", "bob") == "work of bob slips 2 working days"
    assert words.for_task("p.a") is None
    assert ScenarioWords(slip, program()).for_task("q.c") is None  # no baseline: Bob's work is what names him


def test_a_person_stretch_in_percent_takes_the_same_tasks_as_the_slip():
    """--stretch bob=20% with the baseline: c (5 days, staffed with Bob) gets 1 day longer (20% of 5),
    exactly what {slip, person: bob, by: 1, as: duration} does; without the baseline Bob has no task."""
    stretched = kind.stretch_percent(program(), "bob=20%", BASELINE)
    assert [(c.task, c.by, c.as_) for c in stretched] == [("q.c", 1, "duration")]
    by_slip = apply(
        program(), {"kind": "slip", "person": "bob", "by": 1, "as": "duration"}, baseline=BASELINE
    )
    by_stretch = apply(program(), *(c.model_dump(by_alias=True) for c in stretched))
    assert (
        {k: t.duration for k, (_, t) in by_slip.tasks.items()}
        == {k: t.duration for k, (_, t) in by_stretch.tasks.items()}
        == {"p.a": 3, "p.b": 2, "p.m": 0, "q.c": 6}
    )
    with pytest.raises(InputError, match="no task of 'bob' has a duration"):
        kind.stretch_percent(program(), "bob=20%")


def test_a_slip_needs_a_baseline_for_starts_and_for_a_persons_work():
    """Starts are measured from the baseline; a person's longer work depends on whom it staffs; a
    project's longer work does not."""
    start, person, project = changes(
        {"kind": "slip", "project": "p", "by": 1},
        {"kind": "slip", "person": "bob", "by": 1, "as": "duration"},
        {"kind": "slip", "project": "p", "by": 1, "as": "duration"},
    )
    assert (needs_baseline(start), needs_baseline(person), needs_baseline(project)) == (True, True, False)


def test_slip_words():
    """A project's slip in weeks, a role's longer work in working days, with the note."""
    project, role = changes(
        {"kind": "slip", "project": "p", "by": "2w", "note": "vendor late"},
        {"kind": "slip", "role": "developer", "by": 3, "as": "duration"},
    )
    assert change_words(project) == "p slips 2 weeks (vendor late)"
    assert change_words(role) == "work needing role developer takes 3 working days longer"


def test_slip_of_fixed_work_or_milestones_only_is_refused():
    """A slip of starts on work fixed in place, and a longer duration for a milestone, each say what to do."""
    fixed = program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 2, "fixed_start": "2027-01-04"},
                    {"id": "m", "milestone": True, "after": ["a"]},
                ],
            }
        ]
    )
    assert "slip its duration instead (as: duration)" in error(
        fixed, {"kind": "slip", "task": "p.a", "by": 1}
    )
    assert "slip its start instead (as: start)" in error(
        fixed, {"kind": "slip", "task": "p.m", "by": 1, "as": "duration"}
    )


# ---------------------------------------------------------------------------------------------
# the command line

PROGRAM = make_program(
    roles=[{"id": "developer", "capacity": 2}],
    people=[{"id": "dana", "skills": ["sql"]}],
    projects=[
        {"id": "payments", "tasks": [{"id": "design", "duration": 5, "requires": [{"role": "developer"}]}]}
    ],
)


def test_slip_tells_task_project_role_and_person_apart():
    """payments.design is a task, payments a project, developer a role, dana a person; 2w is 10 days."""
    assert kind.parse_text(PROGRAM, "payments.design=3d").task == "payments.design"
    slip = kind.parse_text(PROGRAM, "payments=2w")
    assert (slip.project, slip.by, slip.as_) == ("payments", 10, "start")
    assert kind.parse_text(PROGRAM, "developer=1w", "duration").role == "developer"
    assert kind.parse_text(PROGRAM, "dana=1").person == "dana"
    assert isinstance(slip, SlipChange)


def test_slip_unknown_name_suggests_the_closest():
    """A misspelt project is refused with the closest project, role or person."""
    with pytest.raises(
        InputError,
        match=r"--slip 'paymnts=2w': no project, role or person 'paymnts'; "
        r"did you mean 'payments'\?",
    ):
        kind.parse_text(PROGRAM, "paymnts=2w")


def test_stretch_in_percent_refuses_what_it_cannot_read():
    """A percentage that is not positive, a misspelt task and a milestone alone are refused in words."""
    with pytest.raises(InputError, match=r"'-5%' is not a positive percentage"):
        kind.stretch_percent(STRETCH, "payments=-5%")
    with pytest.raises(InputError, match=r"unknown task 'payments.desing'; did you mean 'payments.design'"):
        kind.stretch_percent(STRETCH, "payments.desing=50%")
    with pytest.raises(InputError, match=r"no task of 'payments.live' has a duration"):
        kind.stretch_percent(STRETCH, "payments.live=50%")
