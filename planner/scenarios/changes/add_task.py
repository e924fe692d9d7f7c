"""``add_task``: a new task in a project; ``before`` lists the tasks (``project.task``) that must follow it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.models import Program
from planner.models.scenario import AddTaskChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameBook, NameCheck, Planned, dump


def apply(edit: Edit, change: AddTaskChange) -> None:
    """Add the task to its project and a finish-to-start link from it to each task ``before``."""
    project = edit.project(change.project)
    if any(t.id == change.task.id for (p, t) in edit.program.tasks.values() if p.id == project):
        raise edit.fail("task", f"project {project} already has a task '{change.task.id}'")
    successors = [edit.task(ref, "before") for ref in change.before]
    edit.project_data(project)["tasks"].append(dump(change.task))
    key = f"{project}.{change.task.id}"
    edit.data.setdefault("dependencies", []).extend({"from": key, "to": s} for s in successors)


def check(names: NameCheck, change: AddTaskChange) -> None:
    """The project and the tasks ``before`` must exist and the task's id be free; later changes may name it."""
    names.project(change.project)
    key = f"{change.project}.{change.task.id}"
    if key in names.names.tasks:
        names.complain("task", f"project {change.project} already has a task '{change.task.id}'")
    for k, ref in enumerate(change.before):
        names.task(ref, "before", k)
    if change.project in names.names.projects:
        names.names.tasks.add(key)


def record_written(names: NameBook, item: Mapping[str, Any]) -> None:
    """The task a change not valid as written would add, when it gives its id."""
    task = item.get("task")
    if isinstance(task, Mapping) and isinstance(task.get("id"), str):
        names.tasks.add(f"{item.get('project')}.{task['id']}")


def words(change: AddTaskChange) -> str:
    """``task p.pen added before p.m``."""
    before = f" before {', '.join(change.before)}" if change.before else ""
    return f"task {change.project}.{change.task.id} added{before}"


def touches(change: AddTaskChange, program: Program, planned: Planned | None) -> list[Item]:
    """The new task."""
    return [("task", f"{change.project}.{change.task.id}")]


KIND = ChangeKind(
    "add_task",
    AddTaskChange,
    apply=apply,
    check=check,
    words=words,
    touches=touches,
    record_written=record_written,
)
"""The ``add_task`` kind."""

__all__ = ["KIND", "apply", "check", "record_written", "touches", "words"]
