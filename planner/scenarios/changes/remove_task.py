"""``remove_task``: drop a task (descoped); its predecessors then link straight to its successors.

:func:`remove_tasks` takes tasks out of a program while keeping the order they imposed; a
project's removal (:mod:`planner.scenarios.changes.remove_project`) uses it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from planner.models import DependencyType, Link, Program
from planner.models.scenario import RemoveTaskChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned


def apply(edit: Edit, change: RemoveTaskChange) -> None:
    """Remove the task, bridging its links; a project's only task is refused."""
    key = edit.task(change.task)
    project = edit.program.tasks[key][0]
    if len(project.tasks) == 1:
        raise edit.fail("task", f"{key} is the only task of project {project.id}; remove the project instead")
    remove_tasks(edit, {key})


def check(names: NameCheck, change: RemoveTaskChange) -> None:
    """The task must exist; later changes may not name it."""
    names.task(change.task)
    names.names.tasks.discard(change.task)


def words(change: RemoveTaskChange) -> str:
    """``task p.b removed``."""
    return f"task {change.task} removed"


def touches(change: RemoveTaskChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task."""
    return [("task", change.task)]


KIND = ChangeKind("remove_task", RemoveTaskChange, apply=apply, check=check, words=words, touches=touches)
"""The ``remove_task`` kind."""


# ---------------------------------------------------------------------------------------------
# removing tasks while keeping the order they imposed


def bridge(links: Iterable[Link], removed: Iterable[str]) -> list[Link]:
    """The links among the remaining tasks once ``removed`` tasks are taken out.

    Each path ``a -> x -> b`` through a removed task ``x`` becomes a link ``a -> b`` whose type
    takes ``a``'s end from the first link and ``b``'s end from the second, with the lags added
    (the removed task's own duration no longer counts). The result keeps every original link
    between remaining tasks first, in order, then the bridged ones.
    """
    current = list(links)
    for key in removed:
        into = [l for l in current if l.succ == key]
        out_of = [l for l in current if l.pred == key]
        current = [l for l in current if key not in (l.pred, l.succ)]
        for a in into:
            for b in out_of:
                kind = DependencyType(a.type.value[0] + b.type.value[1])
                current.append(Link(a.pred, b.succ, kind, a.lag + b.lag))
    seen: set[tuple[str, str, DependencyType, int]] = set()
    out = []
    for link in current:
        ident = (link.pred, link.succ, link.type, link.lag)
        if ident not in seen:
            seen.add(ident)
            out.append(link)
    return out


def remove_tasks(edit: Edit, keys: set[str]) -> None:
    """Take the tasks ``keys`` out of the edited program, bridging the links through them."""
    program = edit.program
    kept = bridge(program.links, sorted(keys))
    original = {(l.pred, l.succ, l.type, l.lag) for l in program.links}
    for project in edit.data["projects"]:
        project["tasks"] = [t for t in project["tasks"] if f"{project['id']}.{t['id']}" not in keys]
        for task in project["tasks"]:
            after = task.get("after", [])
            task["after"] = [a for a in after if _resolve(project["id"], a) not in keys]
    deps = [d for d in edit.data.get("dependencies", []) if d["from"] not in keys and d["to"] not in keys]
    deps.extend(
        {"from": l.pred, "to": l.succ, "type": l.type.value, "lag": l.lag}
        for l in kept
        if (l.pred, l.succ, l.type, l.lag) not in original
    )
    edit.data["dependencies"] = deps


def _resolve(project: str, pred: Any) -> str:
    ref = pred if isinstance(pred, str) else pred["task"]
    return ref if "." in ref else f"{project}.{ref}"


__all__ = ["KIND", "apply", "bridge", "check", "remove_tasks", "touches", "words"]
