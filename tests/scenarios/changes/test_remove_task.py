"""The ``remove_task`` kind: descoped work, its links bridged."""

from __future__ import annotations

from planner.models import DependencyType, Link
from planner.scenarios.changes import change_words
from planner.scenarios.changes.remove_task import bridge
from tests.scenarios.changes.helpers import apply, changes, program


def test_remove_task_bridges_its_links():
    """Removing b keeps a before m: a -> b -> m becomes a -> m (finish-to-start, lags added)."""
    changed = apply(program(), {"kind": "remove_task", "task": "p.b"})
    assert "p.b" not in changed.tasks
    assert [(l.pred, l.succ, l.type.value, l.lag) for l in changed.links] == [("p.a", "p.m", "FS", 0)]


def test_bridge_composes_link_types_and_lags():
    """a -SS+1-> x -FF+2-> b becomes a -SF+3-> b: a's start drives b's finish, lags added."""
    links = [Link("p.a", "p.x", DependencyType.SS, 1), Link("p.x", "p.b", DependencyType.FF, 2)]
    assert bridge(links, ["p.x"]) == [Link("p.a", "p.b", DependencyType.SF, 3)]


def test_remove_task_words():
    """Said as removed."""
    (change,) = changes({"kind": "remove_task", "task": "p.b"})
    assert change_words(change) == "task p.b removed"
