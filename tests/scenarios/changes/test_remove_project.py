"""The ``remove_project`` kind: an unfunded project dropped."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import apply, changes, error, program


def test_remove_project_leaves_the_others():
    """Removing p leaves q alone; removing both is refused at the last one."""
    removed = apply(program(), {"kind": "remove_project", "project": "p"})
    assert [p.id for p in removed.projects] == ["q"]
    assert "q is the only project of the program" in error(
        removed, {"kind": "remove_project", "project": "q"}
    )


def test_remove_project_words():
    """Said as removed."""
    (change,) = changes({"kind": "remove_project", "project": "p"})
    assert change_words(change) == "project p removed"
