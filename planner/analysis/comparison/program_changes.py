"""What differs between two programs: the changed items a scenario's slips start from.

A scenario is a base program with changes applied; this module finds those changes again by
comparing the two programs field by field, so that any pair of programs can be compared (a
scenario file, a hand-edited copy, or two programs built in code). Dates are described in the
user's terms ("may not start before 2027-04-28", "must finish by 2027-06-30"). When the
scenario's own change list is known, :class:`ScenarioWords` says each change as it was written
("payments slips 2 weeks"), with its note, and tells which change touched a task, role or person;
it and :func:`change_words` live with the change kinds (:mod:`planner.scenarios.changes`) and are
re-exported here.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from planner.models import Link, Person, Program, Role, Task
from planner.scenarios.changes import ScenarioWords, change_words

_FROZEN = ConfigDict(frozen=True)

_TASK_FIELDS = (
    "duration",
    "release",
    "deadline",
    "target",
    "requires",
    "after",
    "fixed_start",
    "fixed_people",
)
_PROJECT_FIELDS = ("release", "deadline", "target")


class ProgramChanges(BaseModel):
    """The items of a program that differ from a base program, each with a short description.

    Parameters
    ----------
    tasks
        Tasks (``project.task``) added or changed, with what changed (e.g. ``"duration 20 -> 30"``).
    removed_tasks
        Tasks of the base that the program no longer has.
    projects
        Projects whose release, deadline or target changed, or that were added or removed.
    links
        Dependencies added or removed, as ``(pred, succ)`` with a description.
    roles
        Roles whose capacity over time changed, or that were added or removed.
    people
        People whose skills, availability, part-time windows or leave changed, or added/removed.
    calendar
        A description when the working week or holidays changed, else ``None``.
    fields
        For each changed task and project (by key or id), the names of the fields that changed
        (``added`` and ``removed`` for whole items).
    """

    model_config = _FROZEN

    tasks: dict[str, str] = {}
    removed_tasks: tuple[str, ...] = ()
    projects: dict[str, str] = {}
    links: dict[str, str] = {}
    roles: dict[str, str] = {}
    people: dict[str, str] = {}
    calendar: str | None = None
    fields: dict[str, tuple[str, ...]] = {}

    @property
    def empty(self) -> bool:
        """Whether the two programs plan the same work with the same resources."""
        return not (
            self.tasks
            or self.removed_tasks
            or self.projects
            or self.links
            or self.roles
            or self.people
            or self.calendar
        )

    def describe(self) -> list[str]:
        """Every change as one line, for people to read."""
        out = [f"task {k}: {v}" for k, v in self.tasks.items()]
        out += [f"task {k}: removed" for k in self.removed_tasks]
        out += [f"project {k}: {v}" for k, v in self.projects.items()]
        out += [f"dependency {k}: {v}" for k, v in self.links.items()]
        out += [f"role {k}: {v}" for k, v in self.roles.items()]
        out += [f"person {k}: {v}" for k, v in self.people.items()]
        if self.calendar:
            out.append(f"calendar: {self.calendar}")
        return out

    def task_changed(self, key: str) -> bool:
        """Whether task ``key`` or the commitments of its project changed."""
        return key in self.tasks or key.split(".", 1)[0] in self.projects


def link_name(pred: str, succ: str) -> str:
    """The name of a dependency in :attr:`ProgramChanges.links`: ``pred -> succ``."""
    return f"{pred} -> {succ}"


def program_changes(base: Program, program: Program) -> ProgramChanges:
    """The changes that turn ``base`` into ``program``.

    Parameters
    ----------
    base
        The program the scenario starts from.
    program
        The changed program.

    Returns
    -------
    ProgramChanges
        Every added, removed or changed task, project, dependency, role and person.
    """
    tasks: dict[str, str] = {}
    fields: dict[str, tuple[str, ...]] = {}
    for key, (_, task) in program.tasks.items():
        if key not in base.tasks:
            tasks[key], fields[key] = "added", ("added",)
        else:
            old = base.tasks[key][1]
            diff = _task_diff(old, task)
            if diff:
                tasks[key] = diff
                fields[key] = tuple(f for f in _TASK_FIELDS if getattr(old, f) != getattr(task, f))
    removed = tuple(k for k in base.tasks if k not in program.tasks)
    old_projects = {p.id: p for p in base.projects}
    for project in program.projects:
        if project.id in old_projects:
            changed = tuple(
                f for f in _PROJECT_FIELDS if getattr(old_projects[project.id], f) != getattr(project, f)
            )
            if changed:
                fields[project.id] = changed
    return ProgramChanges(
        tasks=tasks,
        removed_tasks=removed,
        projects=_projects(base, program),
        links=_links(base, program),
        roles=_by_id(base.role_by_id, program.role_by_id, lambda a, b: _role_diff(a, b, base.start)),
        people=_by_id(base.person_by_id, program.person_by_id, _person_diff),
        calendar=_calendar(base, program),
        fields=fields,
    )


def _show(value: object) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, BaseModel) and hasattr(value, "date"):
        return str(value.date)  # a target: its date says enough
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, BaseModel):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.model_dump(exclude_defaults=True).items())
    return str(value)


def _field_words(field: str, a: object, b: object) -> str:
    """A changed field in the user's terms: ``may not start before 2027-04-28 (was 2027-04-14)``."""
    was = f" (was {_show(a)})" if a is not None else ""
    if field == "release":
        return f"may not start before {_show(b)}{was}" if b is not None else f"may start any time{was}"
    if field == "deadline":
        return f"must finish by {_show(b)}{was}" if b is not None else f"no deadline any more{was}"
    if field == "target":
        return f"aims to finish by {_show(b)}{was}" if b is not None else f"no target any more{was}"
    if field == "fixed_start":
        return f"fixed to start on {_show(b)}{was}" if b is not None else f"no longer fixed to a start{was}"
    return f"{field} {_show(a)} -> {_show(b)}"


def _task_diff(old: Task, new: Task) -> str:
    parts = []
    for field in _TASK_FIELDS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            parts.append(_field_words(field, a, b))
    return "; ".join(parts)


def _projects(base: Program, program: Program) -> dict[str, str]:
    old = {p.id: p for p in base.projects}
    out: dict[str, str] = {}
    for project in program.projects:
        if project.id not in old:
            out[project.id] = "added"
            continue
        parts = [
            _field_words(f, getattr(old[project.id], f), getattr(project, f))
            for f in _PROJECT_FIELDS
            if getattr(old[project.id], f) != getattr(project, f)
        ]
        if parts:
            out[project.id] = "; ".join(parts)
    ids = {p.id for p in program.projects}
    out.update({k: "removed" for k in old if k not in ids})
    return out


def _link_text(link: Link) -> str:
    return f"{link.type.value}{'+' if link.lag >= 0 else ''}{link.lag}"


def _links(base: Program, program: Program) -> dict[str, str]:
    def table(p: Program) -> dict[tuple[str, str], str]:
        return {(x.pred, x.succ): _link_text(x) for x in p.links}

    old, new = table(base), table(program)
    out: dict[str, str] = {}
    for (pred, succ), text in new.items():
        if (pred, succ) not in old:
            out[link_name(pred, succ)] = f"added ({text})"
        elif old[(pred, succ)] != text:
            out[link_name(pred, succ)] = f"{old[(pred, succ)]} -> {text}"
    for (pred, succ), text in old.items():
        if (pred, succ) not in new and pred in program.tasks and succ in program.tasks:
            out[link_name(pred, succ)] = f"removed (was {text})"
    return out


def _by_id(old: dict, new: dict, diff) -> dict[str, str]:
    out: dict[str, str] = {}
    for ident, item in new.items():
        if ident not in old:
            out[ident] = "added"
        elif text := diff(old[ident], item):
            out[ident] = text
    out.update({k: "removed" for k in old if k not in new})
    return out


def _role_diff(old: Role, new: Role, start: dt.date) -> str:
    """The windows where the two capacity timelines differ, e.g. ``capacity 20 -> 16 from 2027-04-05``."""
    points = sorted({start, *(c.start for c in old.changes), *(c.start for c in new.changes)})
    parts: list[tuple[dt.date, dt.date | None, int, int]] = []
    for i, first in enumerate(points):
        a, b = old.capacity_on(first), new.capacity_on(first)
        last = points[i + 1] - dt.timedelta(days=1) if i + 1 < len(points) else None
        if a == b:
            continue
        if parts and (parts[-1][2], parts[-1][3]) == (a, b) and parts[-1][1] == first - dt.timedelta(days=1):
            parts[-1] = (parts[-1][0], last, a, b)
        else:
            parts.append((first, last, a, b))
    words = []
    for first, last, a, b in parts:
        when = "" if first <= start and last is None else f" from {first}" + (f" to {last}" if last else "")
        words.append(f"capacity {a} -> {b}{when}")
    return "; ".join(words)


def _windows(windows: tuple) -> str:
    return (
        ", ".join(f"{w.start}..{w.end}" + (f" at {w.percent}%" if w.percent else "") for w in windows)
        or "none"
    )


def _person_diff(old: Person, new: Person) -> str:
    parts = []
    if set(old.skills) != set(new.skills):
        parts.append(f"skills {', '.join(old.skills) or 'none'} -> {', '.join(new.skills) or 'none'}")
    if old.availability != new.availability:
        parts.append(f"availability {old.availability}% -> {new.availability}%")
    for name, a, b in (("part time", old.part_time, new.part_time), ("leave", old.leave, new.leave)):
        added = tuple(w for w in b if w not in a)
        dropped = tuple(w for w in a if w not in b)
        if added:
            parts.append(f"{name} added {_windows(added)}")
        if dropped:
            parts.append(f"{name} removed {_windows(dropped)}")
    return "; ".join(parts)


def _calendar(base: Program, program: Program) -> str | None:
    parts = []
    if base.start != program.start:
        parts.append(f"start {base.start} -> {program.start}")
    if base.calendar.workdays != program.calendar.workdays:
        parts.append(
            f"workdays {', '.join(base.calendar.workdays)} -> {', '.join(program.calendar.workdays)}"
        )
    old = {h.date for h in base.calendar.holidays}
    new = {h.date for h in program.calendar.holidays}
    if old != new:
        added, removed = sorted(new - old), sorted(old - new)
        words = [f"holiday {d} added" for d in added] + [f"holiday {d} removed" for d in removed]
        parts.append(", ".join(words))
    if base.end != program.end:
        parts.append(f"end {base.end} -> {program.end}")
    return "; ".join(parts) or None


__all__ = ["ProgramChanges", "ScenarioWords", "change_words", "link_name", "program_changes"]
