"""The ``deadline`` kind: a hard deadline moved or dropped."""

from __future__ import annotations

from planner.scenarios.changes import change_words, touched
from tests.scenarios.changes.helpers import D, apply, changes, program


def test_deadline_moves_and_drops():
    """A deadline on the milestone, then dropped again."""
    changed = apply(program(), {"kind": "deadline", "task": "p.m", "date": "2027-02-26"})
    assert changed.tasks["p.m"][1].deadline == D(2027, 2, 26)
    dropped = apply(changed, {"kind": "deadline", "task": "p.m", "date": None})
    assert dropped.tasks["p.m"][1].deadline is None


def test_deadline_words_and_touches():
    """Said as must finish by, or dropped; touches the task or the project."""
    moved, dropped = changes(
        {"kind": "deadline", "task": "p.m", "date": "2027-02-26"},
        {"kind": "deadline", "project": "q", "date": None},
    )
    assert (change_words(moved), change_words(dropped)) == (
        "p.m must finish by 2027-02-26",
        "q: deadline dropped",
    )
    assert (touched(moved, program()), touched(dropped, program())) == ([("task", "p.m")], [("project", "q")])
