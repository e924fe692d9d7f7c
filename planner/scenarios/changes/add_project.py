"""``add_project``: a new project joins the program, with the dependencies that link it to the others."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.models import Program
from planner.models.scenario import AddProjectChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameBook, NameCheck, Planned, dump


def apply(edit: Edit, change: AddProjectChange) -> None:
    """Add the project and its dependencies."""
    if any(p.id == change.project.id for p in edit.program.projects):
        raise edit.fail("project", f"project '{change.project.id}' already exists")
    edit.data["projects"].append(dump(change.project))
    edit.data.setdefault("dependencies", []).extend(dump(d) for d in change.dependencies)


def check(names: NameCheck, change: AddProjectChange) -> None:
    """The project's id must be free; later changes may name it and its tasks."""
    if change.project.id in names.names.projects:
        names.complain("project", f"project '{change.project.id}' already exists")
    names.names.add_project(change.project.id, [t.id for t in change.project.tasks])


def record_written(names: NameBook, item: Mapping[str, Any]) -> None:
    """The project (and tasks) a change not valid as written would add, when it gives their ids."""
    project = item.get("project")
    if isinstance(project, Mapping) and isinstance(project.get("id"), str):
        listed = project.get("tasks")
        tasks: list[object] = listed if isinstance(listed, list) else []
        names.add_project(
            project["id"], [t["id"] for t in tasks if isinstance(t, Mapping) and isinstance(t.get("id"), str)]
        )


def words(change: AddProjectChange) -> str:
    """``project comms added``."""
    return f"project {change.project.id} added"


def touches(change: AddProjectChange, program: Program, planned: Planned | None) -> list[Item]:
    """The new project."""
    return [("project", change.project.id)]


KIND = ChangeKind(
    "add_project",
    AddProjectChange,
    apply=apply,
    check=check,
    words=words,
    touches=touches,
    record_written=record_written,
)
"""The ``add_project`` kind."""

__all__ = ["KIND", "apply", "check", "record_written", "touches", "words"]
