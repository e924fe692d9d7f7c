"""``target``: move (or, with ``date: null``, drop) the soft target of a task or a project."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import TargetChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, task_or_project


def apply(edit: Edit, change: TargetChange) -> None:
    """Set or drop the target; the weight stays (1 when there was none) unless one is given."""
    item = edit.task_or_project_data(change.task, change.project)
    if change.date is None:
        item.pop("target", None)
        return
    old = item.get("target") or {}
    weight = change.weight if change.weight is not None else old.get("weight", 1)
    item["target"] = {"date": change.date, "weight": weight}


def check(names: NameCheck, change: TargetChange) -> None:
    """The task or project must exist."""
    names.references(change)


def words(change: TargetChange) -> str:
    """``cards aims to finish by 2027-04-30``, ``cards: target dropped``."""
    who = change.task or change.project
    return f"{who} aims to finish by {change.date}" if change.date else f"{who}: target dropped"


def touches(change: TargetChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task or project."""
    return task_or_project(change)


KIND = ChangeKind("target", TargetChange, apply=apply, check=check, words=words, touches=touches)
"""The ``target`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
