"""What differs between two programs: the changed items a scenario's slips start from.

A scenario is a base program with changes applied; this module finds those changes again by
comparing the two programs field by field, so that any pair of programs can be compared (a
scenario file, a hand-edited copy, or two programs built in code). Dates are described in the
user's terms ("may not start before 2027-04-28", "must finish by 2027-06-30"). When the
scenario's own change list is known, :class:`ScenarioWords` says each change as it was written
("payments slips 2 weeks"), with its note, and tells which change touched a task, role or person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from planner.models import Link, Person, Program, Role, Task
from planner.models.quantities import WORKING_DAYS_PER_WEEK
from planner.models.scenario import (
    AddPersonChange,
    AddProjectChange,
    AddTaskChange,
    AvailabilityChange,
    CapacityWindow,
    Change,
    DeadlineChange,
    DeferChange,
    DurationChange,
    FundingChange,
    FundingStatusChange,
    RemovePersonChange,
    RemoveProjectChange,
    RemoveTaskChange,
    SlipChange,
    TargetChange,
)

_FROZEN = ConfigDict(frozen=True)

_TASK_FIELDS = ("duration", "release", "deadline", "target", "requires", "after", "fixed_start", "fixed_people")
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
        return not (self.tasks or self.removed_tasks or self.projects or self.links or self.roles
                    or self.people or self.calendar)

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
            changed = tuple(f for f in _PROJECT_FIELDS
                            if getattr(old_projects[project.id], f) != getattr(project, f))
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
        return (f"fixed to start on {_show(b)}{was}" if b is not None else
                f"no longer fixed to a start{was}")
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
        parts = [_field_words(f, getattr(old[project.id], f), getattr(project, f))
                 for f in _PROJECT_FIELDS if getattr(old[project.id], f) != getattr(project, f)]
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


def _by_id(old: dict, new: dict, diff) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out: dict[str, str] = {}
    for ident, item in new.items():
        if ident not in old:
            out[ident] = "added"
        elif (text := diff(old[ident], item)):
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


def _windows(windows: tuple) -> str:  # type: ignore[type-arg]
    return ", ".join(f"{w.start}..{w.end}" + (f" at {w.percent}%" if w.percent else "") for w in windows) or "none"


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
        parts.append(f"workdays {', '.join(base.calendar.workdays)} -> {', '.join(program.calendar.workdays)}")
    old = {h.date for h in base.calendar.holidays}
    new = {h.date for h in program.calendar.holidays}
    if old != new:
        added, removed = sorted(new - old), sorted(old - new)
        words = [f"holiday {d} added" for d in added] + [f"holiday {d} removed" for d in removed]
        parts.append(", ".join(words))
    if base.end != program.end:
        parts.append(f"end {base.end} -> {program.end}")
    return "; ".join(parts) or None


# ---------------------------------------------------------------------------------------------
# the scenario's own words


def _span(days: int) -> str:
    """``2 weeks`` for 10 working days, ``3 working days`` otherwise."""
    if days >= WORKING_DAYS_PER_WEEK and days % WORKING_DAYS_PER_WEEK == 0:
        weeks = days // WORKING_DAYS_PER_WEEK
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return f"{days} working day{'s' if days != 1 else ''}"


def _window(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return ""
    return f" from {start} to {end}" if end is not None else f" from {start} on"


def change_words(change: Change) -> str:
    """One scenario change as a program office would say it, with its note.

    Examples: ``payments slips 2 weeks``, ``role tester has 6 from 2027-09-06 to 2027-10-31
    (4 permanent testers + 2 contractors already cleared)``, ``dana away from 2027-03-01 to
    2027-03-05``.
    """
    text = _change_text(change)
    return f"{text} ({change.note})" if change.note else text


def _change_text(c: Change) -> str:
    if isinstance(c, SlipChange):
        who = c.task or c.project or (f"work needing role {c.role}" if c.role else f"work of {c.person}")
        return f"{who} takes {_span(c.by)} longer" if c.as_ == "duration" else f"{who} slips {_span(c.by)}"
    if isinstance(c, DurationChange):
        return f"{c.task} re-estimated at {_span(c.duration)}" if c.duration else f"{c.task} becomes a milestone"
    if isinstance(c, CapacityWindow):
        amount = (f"has {c.capacity}" if c.capacity is not None else
                  f"has {abs(c.delta or 0)} {'more' if (c.delta or 0) >= 0 else 'fewer'}")
        return f"role {c.role} {amount}{_window(c.start, c.end)}"
    if isinstance(c, AvailabilityChange):
        reason = f" ({c.reason})" if c.reason and c.reason != c.note else ""
        what = "away" if c.percent == 0 else f"at {c.percent}%"
        return f"{c.person} {what}{_window(c.start, c.end)}{reason}"
    if isinstance(c, AddPersonChange):
        return f"{c.person.id} joins" + (f" on {c.start}" if c.start else "")
    if isinstance(c, RemovePersonChange):
        return f"{c.person} leaves the program" + (f" on {c.start}" if c.start else "")
    if isinstance(c, DeadlineChange):
        return f"{c.task or c.project} must finish by {c.date}" if c.date else f"{c.task or c.project}: deadline dropped"
    if isinstance(c, TargetChange):
        return f"{c.task or c.project} aims to finish by {c.date}" if c.date else f"{c.task or c.project}: target dropped"
    if isinstance(c, AddTaskChange):
        return f"task {c.project}.{c.task.id} added" + (f" before {', '.join(c.before)}" if c.before else "")
    if isinstance(c, RemoveTaskChange):
        return f"task {c.task} removed"
    if isinstance(c, DeferChange):
        return f"{c.task or c.project} deferred: may not start before {c.until}"
    if isinstance(c, AddProjectChange):
        return f"project {c.project.id} added"
    if isinstance(c, RemoveProjectChange):
        return f"project {c.project} removed"
    if isinstance(c, FundingChange):
        return _funding_text(c)
    if isinstance(c, FundingStatusChange):
        status = {"mandatory": "mandatory", "candidate": "a candidate", "excluded": "excluded"}[c.funding]
        return f"project {c.project} becomes {status}"
    return f"status date {c.date}: work started before it stays where it is, the rest starts on or after it"


def _funding_text(c: FundingChange) -> str:
    """``every funding cap and the total x 0.8`` or ``funding: 2027-Q4 capped at 1,500,000; ...``."""
    if c.scale is not None:
        return f"every funding cap and the total x {c.scale:g}"
    parts = [f"{label} capped at {amount:,}" for label, amount in (c.caps or {}).items()]
    parts += [f"total capped at {c.total:,}"] if c.total is not None else []
    parts += [f"carry-over {'on' if c.carry_over else 'off'}"] if c.carry_over is not None else []
    return "funding: " + "; ".join(parts)


class ScenarioWords:
    """A scenario's changes in its own words, and which change touched each item of the program.

    Parameters
    ----------
    changes
        The scenario's changes, in order (for a scenario over a scenario, the whole chain's).
    base
        The program the changes apply to (to tell the tasks a role's or person's slip touches).
    """

    def __init__(self, changes: Sequence[Change], base: Program) -> None:
        self.lines = [change_words(c) for c in changes]
        self._items: dict[tuple[str, str], list[str]] = {}
        self._status: list[str] = []
        for change, line in zip(changes, self.lines, strict=True):
            for item in _touched(change, base):
                self._items.setdefault(item, [])
                if line not in self._items[item]:
                    self._items[item].append(line)
            if change.kind == "status_date":
                self._status.append(line)

    def for_task(self, key: str) -> str | None:
        """The changes that touched task ``key`` or its project (a status date last), joined."""
        project = key.split(".", 1)[0]
        found = [*self._items.get(("task", key), []), *self._items.get(("project", project), [])]
        return "; ".join(dict.fromkeys(found)) or ("; ".join(self._status) or None)

    def for_resource(self, kind: str, ident: str) -> str | None:
        """The changes that touched role or person ``ident`` (``kind`` ``role`` or ``person``), joined."""
        return "; ".join(self._items.get((kind, ident), [])) or None


def _touched(c: Change, base: Program) -> list[tuple[str, str]]:
    """The items a change is about: ``("task", key)``, ``("project", id)``, ``("role", id)``, ``("person", id)``."""
    if isinstance(c, SlipChange) and c.role:
        return [("role", c.role)] + [("task", k) for k, (_, t) in base.tasks.items()
                                     if any(r.role == c.role for r in t.requires)]
    if isinstance(c, SlipChange) and c.person:
        return [("person", c.person)] + [("task", k) for k, (_, t) in base.tasks.items()
                                         if any(r.person == c.person for r in t.requires)
                                         or c.person in t.fixed_people]
    if isinstance(c, CapacityWindow):
        return [("role", c.role)]
    if isinstance(c, (AvailabilityChange, RemovePersonChange)):
        return [("person", c.person)]
    if isinstance(c, AddPersonChange):
        return [("person", c.person.id)]
    if isinstance(c, AddTaskChange):
        return [("task", f"{c.project}.{c.task.id}")]
    if isinstance(c, AddProjectChange):
        return [("project", c.project.id)]
    task, project = getattr(c, "task", None), getattr(c, "project", None)
    return [("task", task)] if isinstance(task, str) else [("project", project)] if isinstance(project, str) else []


__all__ = ["ProgramChanges", "ScenarioWords", "change_words", "link_name", "program_changes"]
