"""``deadline``: move (or, with ``date: null``, drop) the hard deadline of a task or a project."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import DeadlineChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, task_or_project


def apply(edit: Edit, change: DeadlineChange) -> None:
    """Set or drop the deadline."""
    item = edit.task_or_project_data(change.task, change.project)
    if change.date is None:
        item.pop("deadline", None)
    else:
        item["deadline"] = change.date


def check(names: NameCheck, change: DeadlineChange) -> None:
    """The task or project must exist."""
    names.references(change)


def words(change: DeadlineChange) -> str:
    """``payments.live must finish by 2027-06-30``, ``payments: deadline dropped``."""
    who = change.task or change.project
    return f"{who} must finish by {change.date}" if change.date else f"{who}: deadline dropped"


def touches(change: DeadlineChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task or project."""
    return task_or_project(change)


KIND = ChangeKind("deadline", DeadlineChange, apply=apply, check=check, words=words, touches=touches)
"""The ``deadline`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
