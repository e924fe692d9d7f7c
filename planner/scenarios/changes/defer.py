"""``defer``: a task or a whole project may not start before ``until``."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import DeferChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, later, task_or_project


def apply(edit: Edit, change: DeferChange) -> None:
    """Release the task or project on ``until`` (or keep a later release it has)."""
    item = edit.task_or_project_data(change.task, change.project)
    item["release"] = later(item.get("release"), change.until)


def check(names: NameCheck, change: DeferChange) -> None:
    """The task or project must exist."""
    names.references(change)


def words(change: DeferChange) -> str:
    """``comms deferred: may not start before 2027-09-01``."""
    return f"{change.task or change.project} deferred: may not start before {change.until}"


def touches(change: DeferChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task or project."""
    return task_or_project(change)


KIND = ChangeKind("defer", DeferChange, apply=apply, check=check, words=words, touches=touches)
"""The ``defer`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
