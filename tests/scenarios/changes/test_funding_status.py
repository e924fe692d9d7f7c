"""The ``funding_status`` kind: a project committed, made optional or ruled out."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import apply, changes, error, program


def test_funding_status_changes_projects():
    """q becomes a candidate and p is excluded; nothing else changes."""
    changed = apply(
        program(),
        {"kind": "funding_status", "project": "q", "funding": "candidate"},
        {"kind": "funding_status", "project": "p", "funding": "excluded"},
    )
    assert [(p.id, p.funding) for p in changed.projects] == [("p", "excluded"), ("q", "candidate")]


def test_funding_status_unknown_project_suggests_the_closest():
    """'qq' is no project; 'q' is suggested, and the change is numbered from 1."""
    message = error(program(), {"kind": "funding_status", "project": "qq", "funding": "candidate"})
    assert "changes[1] (funding_status): project: unknown project 'qq'" in message
    assert "'q'" in message


def test_funding_status_words():
    """A candidate is said with its article."""
    (change,) = changes({"kind": "funding_status", "project": "q", "funding": "candidate"})
    assert change_words(change) == "project q becomes a candidate"
