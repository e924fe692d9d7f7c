"""``remove_project``: drop a project (not funded); links through its tasks are kept between the others."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import RemoveProjectChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned
from planner.scenarios.changes.remove_task import remove_tasks


def apply(edit: Edit, change: RemoveProjectChange) -> None:
    """Remove the project and its tasks, bridging the links through them; the only project is refused."""
    project = edit.project(change.project)
    if len(edit.program.projects) == 1:
        raise edit.fail("project", f"{project} is the only project of the program")
    remove_tasks(edit, {k for k, (p, _) in edit.program.tasks.items() if p.id == project})
    edit.data["projects"] = [p for p in edit.data["projects"] if p["id"] != project]


def check(names: NameCheck, change: RemoveProjectChange) -> None:
    """The project must exist; later changes may not name it or its tasks."""
    names.project(change.project)
    names.names.projects.discard(change.project)
    names.names.tasks = {k for k in names.names.tasks if k.split(".", 1)[0] != change.project}


def words(change: RemoveProjectChange) -> str:
    """``project comms removed``."""
    return f"project {change.project} removed"


def touches(change: RemoveProjectChange, program: Program, planned: Planned | None) -> list[Item]:
    """The project."""
    return [("project", change.project)]


KIND = ChangeKind(
    "remove_project", RemoveProjectChange, apply=apply, check=check, words=words, touches=touches
)
"""The ``remove_project`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
