"""The ``add_task`` kind: new work and the tasks that must follow it."""

from __future__ import annotations

from planner.scenarios.changes import change_words, touched
from tests.scenarios.changes.helpers import apply, changes, error, program


def test_add_task_with_successors():
    """A pen test after b and before the milestone adds the task and a link pen -> m."""
    changed = apply(
        program(),
        {
            "kind": "add_task",
            "project": "p",
            "task": {"id": "pen", "duration": 5, "after": ["b"]},
            "before": ["p.m"],
        },
    )
    assert "p.pen" in changed.tasks
    assert [(d.source, d.to) for d in changed.dependencies] == [("p.pen", "p.m")]
    assert "already has a task 'a'" in error(
        program(), {"kind": "add_task", "project": "p", "task": {"id": "a", "duration": 1}}
    )


def test_add_task_words_and_touches():
    """Said with the tasks it comes before; touches the new task."""
    (change,) = changes(
        {"kind": "add_task", "project": "p", "task": {"id": "pen", "duration": 5}, "before": ["p.m"]}
    )
    assert change_words(change) == "task p.pen added before p.m"
    assert touched(change, program()) == [("task", "p.pen")]
