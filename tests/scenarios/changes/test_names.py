"""Names checked before anything is applied: unknown ones with the closest, duplicates, in order."""

from __future__ import annotations

from planner.scenarios.changes import Names
from tests.scenarios.changes.helpers import changes, error, program


def test_unknown_names_give_change_and_closest_name():
    """A misspelt task, project, role and person each name the scenario file, the change and the valid name."""
    base = program()
    assert (
        "s.yaml: 1 problem\n  s.yaml: changes[1] (slip): task: unknown task 'p.bb'; did you mean 'p.b'?"
        in error(base, {"kind": "slip", "task": "p.bb", "by": 1})
    )
    assert "changes[2] (defer): project: unknown project 'qq'; did you mean 'q'?" in error(
        base,
        {"kind": "duration", "task": "p.a", "duration": 1},
        {"kind": "defer", "project": "qq", "until": "2027-02-01"},
    )
    assert "unknown role 'developr'; did you mean 'developer'?" in error(
        base, {"kind": "capacity", "role": "developr", "from": "2027-02-01", "capacity": 1}
    )
    assert "unknown person 'an'; did you mean 'ann'?" in error(
        base, {"kind": "availability", "person": "an", "from": "2027-02-01"}
    )


def test_every_unknown_name_is_reported_before_applying():
    """Three changes with bad names give three problems, numbered from 1, none applied first."""
    message = error(
        program(),
        {"kind": "slip", "task": "p.bb", "by": 1},
        {"kind": "duration", "task": "q.c", "duration": 2},
        {"kind": "add_task", "project": "p", "task": {"id": "z", "duration": 1}, "before": ["x.y"]},
        {"kind": "remove_person", "person": "an", "from": "2027-02-01"},
    )
    assert message.splitlines() == [
        "s.yaml: 3 problems",
        "  s.yaml: changes[1] (slip): task: unknown task 'p.bb'; did you mean 'p.b'?",
        "  s.yaml: changes[3] (add_task): before: unknown task 'x.y'",
        "  s.yaml: changes[4] (remove_person): person: unknown person 'an'; did you mean 'ann'?",
    ]


def test_names_added_and_removed_by_earlier_changes():
    """A task added by change 1 may be slipped by change 2; a project removed by change 3 may not be
    deferred by change 4, nor may its task be named."""
    names = Names(program())
    found = [
        p
        for i, c in enumerate(
            changes(
                {"kind": "add_task", "project": "q", "task": {"id": "d", "duration": 1}},
                {"kind": "slip", "task": "q.d", "by": 1},
                {"kind": "remove_project", "project": "p"},
                {"kind": "defer", "project": "p", "until": "2027-02-01"},
                {"kind": "duration", "task": "p.a", "duration": 1},
            )
        )
        for p in names.check(i, c)
    ]
    assert [(p.where, p.message.split(";")[0]) for p in found] == [
        ("changes[4] (defer): project", "unknown project 'p'"),
        ("changes[5] (duration): task", "unknown task 'p.a'"),
    ]


def test_a_change_not_valid_as_written_has_its_names_checked_and_its_additions_recorded():
    """An add_person without its required fields still adds 'cy' for later changes; a slip of 'bobb'
    (with no 'by') is blamed for the unknown person only."""
    names = Names(program())
    assert names.check_written(0, {"kind": "add_person", "person": {"id": "cy", "skills": 3}}) == []
    assert "cy" in names.people
    (problem,) = names.check_written(1, {"kind": "slip", "person": "bobb"})
    assert (problem.where, problem.message) == (
        "changes[2] (slip): person",
        "unknown person 'bobb'; did you mean 'bob'?",
    )
