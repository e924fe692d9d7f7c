"""The ``add_project`` kind: a new project linked to the others."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from planner.scenarios.changes.timing import earliest_starts
from tests.scenarios.changes.helpers import apply, changes, program


def test_add_project_with_links():
    """A comms project whose notice follows the milestone (day 5: a on days 0-2, b on 3-4, m on 5)."""
    changed = apply(
        program(),
        {
            "kind": "add_project",
            "project": {"id": "comms", "tasks": [{"id": "notice", "duration": 3}]},
            "dependencies": [{"from": "p.m", "to": "comms.notice"}],
        },
    )
    assert earliest_starts(changed)["comms.notice"] == 5


def test_add_project_words():
    """Said as added."""
    (change,) = changes(
        {"kind": "add_project", "project": {"id": "comms", "tasks": [{"id": "n", "duration": 1}]}}
    )
    assert change_words(change) == "project comms added"
