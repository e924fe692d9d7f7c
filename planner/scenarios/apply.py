"""Apply a scenario's changes to a program: a new, validated program per change list.

Each change edits a plain dump of the program and the result is validated again with
``Program.model_validate``, so a scenario can never produce a program the rest of the planner
would not accept. A change that names something unknown, or that leaves an invalid program,
raises :class:`planner.errors.ProgramInvalid` naming the scenario file, the change (its index
and kind) and, for unknown names, the closest valid one.

Changes are applied in order; slips and status dates are measured against a baseline schedule
when one is given.
"""

from __future__ import annotations

import datetime as dt
import decimal
import graphlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from pydantic import ValidationError

from planner.errors import Problem, ProgramInvalid
from planner.models import DependencyType, Link, Program, Schedule, ScheduledTask
from planner.models.finance import Finance, normalise_label
from planner.models.scenario import (
    CHANGE_KINDS,
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
    StatusDateChange,
    TargetChange,
)
from planner.models.validation import closest

logger = logging.getLogger(__name__)

Data = dict[str, Any]


def apply_changes(program: Program, changes: Sequence[Change], baseline: Schedule | None = None,
                  source: str | None = None) -> Program:
    """Apply ``changes`` in order to ``program`` and return the new, validated program.

    Parameters
    ----------
    program
        The base program (left unchanged).
    changes
        Scenario changes, e.g. ``Scenario.changes``.
    baseline
        The schedule of the base plan: slips are measured from its starts (from the earliest
        start the dependencies allow when there is none), and a status date fixes the work it
        starts before that date.
    source
        The scenario file, for messages.

    Returns
    -------
    Program
        A new program, validated like any program read from a file.

    Raises
    ------
    ProgramInvalid
        A change names an unknown task, project, role or person (the closest valid name is
        suggested), cannot apply, or leaves a program that breaks a rule. Every problem is
        listed: all unknown names are found before anything is applied, and a change that
        cannot apply is skipped so that the later ones are still tried. Each problem's path is
        ``("changes", index, field)`` (``index`` from 0) and its ``where`` numbers the changes
        from 1: ``changes[1] (slip)`` is the first.
    """
    problems = reference_problems(program, changes)
    if problems:
        raise ProgramInvalid(problems, source=source)
    planned = {t.key: t for t in baseline.tasks} if baseline is not None and baseline.has_plan else None
    for index, change in enumerate(changes):
        edit = _Edit(program, index, change.kind, planned, source)
        try:
            _HANDLERS[change.kind](edit, change)
            program = edit.result()
        except ProgramInvalid as error:
            # every name was checked above: an unknown one here is what a failed change would add
            if not (isinstance(error, _UnknownName) and problems):
                problems.extend(error.problems)
            continue
        logger.debug("applied %s", where_change(index, change.kind))
    if problems:
        raise ProgramInvalid(problems, source=source)
    return program


def where_change(index: int, kind: str | None, fld: str | None = None) -> str:
    """A change in the user's words, numbered from 1: ``changes[1] (slip): by`` for index 0."""
    head = f"changes[{index + 1}]" + (f" ({kind})" if kind else "")
    return f"{head}: {fld}" if fld else head


# ---------------------------------------------------------------------------------------------
# names, checked for every change before any is applied


class _UnknownName(ProgramInvalid):
    """A change names a task, project, role or person the program does not have."""


class Names:
    """The names a program has, kept up to date change by change without applying the changes.

    Checks what each change refers to (tasks, projects, roles, people) and what it adds (no
    duplicates), then records what it adds or removes, so that a later change may name a task
    an earlier one added. Use :meth:`check` for each change in order (across the files of a
    scenario chain too), and :meth:`check_written` for a change that is not valid as written.
    """

    def __init__(self, program: Program) -> None:
        self.tasks: set[str] = set(program.tasks)
        self.projects: set[str] = {p.id for p in program.projects}
        self.roles: set[str] = set(program.role_by_id)
        self.people: set[str] = set(program.person_by_id)

    def check(self, index: int, change: Change) -> list[Problem]:
        """The problems of ``change`` (at position ``index`` of its file) with the names so far."""
        found: list[Problem] = []

        def complain(fld: str, message: str, *sub: int | str) -> None:
            found.append(Problem(path=("changes", index, fld, *sub),
                                 where=where_change(index, change.kind, fld), message=message))

        def task(ref: str, fld: str = "task", *sub: int | str) -> None:
            if ref not in self.tasks:
                hint = "" if "." in ref else " (write project.task)"
                complain(fld, f"unknown task '{ref}'{hint}{closest(ref, sorted(self.tasks))}", *sub)

        def named(ref: str | None, fld: str, known: set[str], what: str) -> None:
            if ref is not None and ref not in known:
                complain(fld, f"unknown {what} '{ref}'{closest(ref, sorted(known))}")

        for fld, known, what in (("project", self.projects, "project"), ("role", self.roles, "role"),
                                 ("person", self.people, "person")):
            ref = getattr(change, fld, None)
            if isinstance(ref, str):
                named(ref, fld, known, what)
        named_task = getattr(change, "task", None)
        if isinstance(named_task, str):
            task(named_task)
        if isinstance(change, AddTaskChange):
            key = f"{change.project}.{change.task.id}"
            if key in self.tasks:
                complain("task", f"project {change.project} already has a task '{change.task.id}'")
            for k, ref in enumerate(change.before):
                task(ref, "before", k)
            if change.project in self.projects:
                self.tasks.add(key)
        elif isinstance(change, StatusDateChange):
            for k, actual in enumerate(change.started):
                task(actual.task, "started", k, "task")
            for k, ref in enumerate(change.not_started):
                task(ref, "not_started", k)
        elif isinstance(change, AddPersonChange):
            if change.person.id in self.people:
                complain("person", f"person '{change.person.id}' already exists")
            self.people.add(change.person.id)
        elif isinstance(change, AddProjectChange):
            if change.project.id in self.projects:
                complain("project", f"project '{change.project.id}' already exists")
            self._add_project(change.project.id, [t.id for t in change.project.tasks])
        elif isinstance(change, RemoveTaskChange):
            self.tasks.discard(change.task)
        elif isinstance(change, RemoveProjectChange):
            self.projects.discard(change.project)
            self.tasks = {k for k in self.tasks if k.split(".", 1)[0] != change.project}
        elif isinstance(change, RemovePersonChange) and change.start is None:
            self.people.discard(change.person)
        return found

    def check_written(self, index: int, item: object) -> list[Problem]:
        """The unknown names of a change that is not valid as written (its other problems are
        pydantic's); what it would add is recorded so that later changes are not blamed."""
        found: list[Problem] = []
        if not isinstance(item, Mapping):
            return found
        kind = item.get("kind")
        refs = {f: item[f] for f in ("task", "project", "role", "person") if isinstance(item.get(f), str)}
        if kind in CHANGE_KINDS and refs:
            found = self.check(index, SimpleNamespace(kind=kind, **refs))  # type: ignore[arg-type]
        added = item.get("person") if kind == "add_person" else None
        if isinstance(added, Mapping) and isinstance(added.get("id"), str):
            self.people.add(added["id"])
        task = item.get("task")
        if kind == "add_task" and isinstance(task, Mapping) and isinstance(task.get("id"), str):
            self.tasks.add(f"{item.get('project')}.{task['id']}")
        project = item.get("project")
        if kind == "add_project" and isinstance(project, Mapping) and isinstance(project.get("id"), str):
            listed = project.get("tasks")
            tasks: list[object] = listed if isinstance(listed, list) else []
            self._add_project(project["id"], [t["id"] for t in tasks
                                              if isinstance(t, Mapping) and isinstance(t.get("id"), str)])
        return found

    def _add_project(self, project: str, tasks: Iterable[str]) -> None:
        self.projects.add(project)
        self.tasks.update(f"{project}.{t}" for t in tasks)


def reference_problems(program: Program, changes: Sequence[Change]) -> list[Problem]:
    """Every unknown or duplicate name ``changes`` use, checked in order against ``program``.

    A change may name what an earlier one adds (a person, a task, a project); nothing is applied.
    """
    names = Names(program)
    return [problem for index, change in enumerate(changes) for problem in names.check(index, change)]


# ---------------------------------------------------------------------------------------------
# one change at a time


def _thaw(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_thaw(v) for v in value]
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    return value


@dataclass
class _Edit:
    """A change being applied: the program before it, its dump to edit, and how to complain."""

    program: Program
    index: int
    kind: str
    planned: dict[str, ScheduledTask] | None
    source: str | None
    data: Data = field(init=False)
    _early: dict[str, int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.data = _thaw(self.program.model_dump(by_alias=True, exclude_defaults=True))

    # -- complaints ---------------------------------------------------------------------------

    def problem(self, fld: str | None, message: str) -> Problem:
        path: tuple[str | int, ...] = ("changes", self.index) + ((fld,) if fld else ())
        return Problem(path=path, where=where_change(self.index, self.kind, fld), message=message)

    def fail(self, fld: str | None, message: str) -> ProgramInvalid:
        return ProgramInvalid([self.problem(fld, message)], source=self.source)

    def unknown(self, fld: str, message: str) -> ProgramInvalid:
        return _UnknownName([self.problem(fld, message)], source=self.source)

    # -- names --------------------------------------------------------------------------------

    def task(self, ref: str, fld: str = "task") -> str:
        if ref in self.program.tasks:
            return ref
        hint = "" if "." in ref else " (write project.task)"
        raise self.unknown(fld, f"unknown task '{ref}'{hint}{closest(ref, self.program.tasks)}")

    def project(self, ref: str, fld: str = "project") -> str:
        ids = [p.id for p in self.program.projects]
        if ref not in ids:
            raise self.unknown(fld, f"unknown project '{ref}'{closest(ref, ids)}")
        return ref

    def role(self, ref: str, fld: str = "role") -> str:
        if ref not in self.program.role_by_id:
            raise self.unknown(fld, f"unknown role '{ref}'{closest(ref, self.program.role_by_id)}")
        return ref

    def person(self, ref: str, fld: str = "person") -> str:
        if ref not in self.program.person_by_id:
            raise self.unknown(fld, f"unknown person '{ref}'{closest(ref, self.program.person_by_id)}")
        return ref

    # -- the dump -----------------------------------------------------------------------------

    def project_data(self, project: str) -> Data:
        return next(p for p in self.data["projects"] if p["id"] == project)

    def task_data(self, key: str) -> Data:
        project, task = key.split(".", 1)
        return next(t for t in self.project_data(project)["tasks"] if t["id"] == task)

    def item(self, group: str, ident: str) -> Data:
        return next(x for x in self.data.get(group, []) if x["id"] == ident)

    def result(self) -> Program:
        try:
            return Program.model_validate(self.data)
        except ProgramInvalid as error:
            problems = [self.problem(None, f"after this change the program is invalid: {p.where}: "
                                           f"{p.message}") for p in error.problems]
        except ValidationError as error:
            problems = [self.problem(None, "after this change the program is invalid: "
                                     f"{'.'.join(str(s) for s in e['loc'])}: {e['msg']}")
                        for e in error.errors()]
        raise ProgramInvalid(problems, source=self.source)

    # -- time ---------------------------------------------------------------------------------

    def start_index(self, key: str) -> int:
        """Working day the task starts in the baseline, else its earliest start."""
        wd = self.program.working_days
        if self.planned is not None and key in self.planned:
            return wd.index_on_or_after(self.planned[key].start)
        if self._early is None:
            self._early = earliest_starts(self.program)
        return self._early[key]

    def open_end(self) -> dt.date:
        """A date after which nothing of the program can happen: ``end``, or a safe bound."""
        if self.program.end is not None:
            return self.program.end
        return self.program.working_days.date(_horizon_bound(self.program))


def _later(current: object, day: dt.date) -> dt.date:
    return max(current, day) if isinstance(current, dt.date) else day


# ---------------------------------------------------------------------------------------------
# handlers, one per kind


def _slip(edit: _Edit, change: SlipChange) -> None:
    program = edit.program
    if change.task is not None:
        keys = [edit.task(change.task)]
    elif change.project is not None:
        project = edit.project(change.project)
        keys = [k for k, (p, _) in program.tasks.items() if p.id == project]
    elif change.role is not None:
        role = edit.role(change.role)
        keys = [k for k, (_, t) in program.tasks.items() if any(r.role == role for r in t.requires)]
        if not keys:
            raise edit.fail("role", f"no task needs role '{role}'")
    else:
        person = edit.person(change.person or "")
        keys = [k for k, (_, t) in program.tasks.items()
                if any(r.person == person for r in t.requires) or person in t.fixed_people
                or (edit.planned is not None and k in edit.planned and person in edit.planned[k].people)]
        if not keys:
            raise edit.fail("person", f"no task is named for, fixed to or staffed with '{person}'")
    if change.as_ == "duration":
        keys = [k for k in keys if program.tasks[k][1].duration > 0]
        if not keys:
            raise edit.fail(None, "only milestones are named, and a milestone has no duration; "
                                  "slip its start instead (as: start)")
        for key in keys:
            edit.task_data(key)["duration"] += change.by
        return
    movable = [k for k in keys if program.tasks[k][1].fixed_start is None]
    if not movable:
        raise edit.fail(None, "the work named is fixed in place (fixed_start: done or under way); "
                              "slip its duration instead (as: duration)")
    wd = program.working_days
    for key in movable:
        task = edit.task_data(key)
        task["release"] = _later(task.get("release"), wd.date(edit.start_index(key) + change.by))


def _duration(edit: _Edit, change: DurationChange) -> None:
    edit.task_data(edit.task(change.task))["duration"] = change.duration


def _capacity(edit: _Edit, change: CapacityWindow) -> None:
    role = edit.program.role_by_id[edit.role(change.role)]
    start = edit.program.start
    after = change.end + dt.timedelta(days=1) if change.end is not None else None
    points = sorted({start, *(c.start for c in role.changes if c.start > start),
                     max(change.start, start), *([after] if after and after > start else [])})

    def level(day: dt.date) -> int:
        value = role.capacity_on(day)
        if change.start <= day and (change.end is None or day <= change.end):
            value = change.capacity if change.capacity is not None else value + (change.delta or 0)
        if value < 0:
            raise edit.fail("delta", f"role {role.id} would have capacity {value} on {day}")
        return value

    steps = [(day, level(day)) for day in points]
    out = edit.item("roles", role.id)
    out["capacity"] = steps[0][1]
    changes, last = [], steps[0][1]
    for day, value in steps[1:]:
        if value != last:
            changes.append({"from": day, "capacity": value})
            last = value
    out["changes"] = changes


def _availability(edit: _Edit, change: AvailabilityChange) -> None:
    person = edit.item("people", edit.person(change.person))
    end = change.end or edit.open_end()
    if change.end is None and end < change.start:
        end = change.start
    window: Data = {"from": change.start, "to": end}
    if change.percent == 0:
        person.setdefault("leave", []).append({**window, "reason": change.reason or change.note})
    else:
        person.setdefault("part_time", []).append({**window, "percent": change.percent,
                                                   "reason": change.reason or change.note})


def _add_person(edit: _Edit, change: AddPersonChange) -> None:
    new = change.person
    if new.id in edit.program.person_by_id:
        raise edit.fail("person", f"person '{new.id}' already exists")
    data = _thaw(new.model_dump(by_alias=True, exclude_defaults=True))
    if change.start is not None and change.start > edit.program.start:
        data.setdefault("leave", []).append({"from": edit.program.start,
                                             "to": change.start - dt.timedelta(days=1),
                                             "reason": f"joins on {change.start}"})
    edit.data.setdefault("people", []).append(data)


def _remove_person(edit: _Edit, change: RemovePersonChange) -> None:
    person = edit.person(change.person)
    if change.start is not None:
        end = max(edit.open_end(), change.start)
        edit.item("people", person).setdefault("leave", []).append(
            {"from": change.start, "to": end, "reason": change.note or "leaves the program"})
        return
    named = [k for k, (_, t) in edit.program.tasks.items()
             if any(r.person == person for r in t.requires) or person in t.fixed_people]
    if named:
        shown = ", ".join(named[:5]) + (f" and {len(named) - 5} more" if len(named) > 5 else "")
        raise edit.fail("person", f"{person} is named by {shown}; give 'from' to keep their work "
                                  "before that date, or change those tasks first")
    edit.data["people"] = [p for p in edit.data["people"] if p["id"] != person]


def _target_of(edit: _Edit, change: DeadlineChange | TargetChange | DeferChange) -> Data:
    if change.task is not None:
        return edit.task_data(edit.task(change.task))
    return edit.project_data(edit.project(change.project or ""))


def _deadline(edit: _Edit, change: DeadlineChange) -> None:
    item = _target_of(edit, change)
    if change.date is None:
        item.pop("deadline", None)
    else:
        item["deadline"] = change.date


def _target(edit: _Edit, change: TargetChange) -> None:
    item = _target_of(edit, change)
    if change.date is None:
        item.pop("target", None)
        return
    old = item.get("target") or {}
    weight = change.weight if change.weight is not None else old.get("weight", 1)
    item["target"] = {"date": change.date, "weight": weight}


def _defer(edit: _Edit, change: DeferChange) -> None:
    item = _target_of(edit, change)
    item["release"] = _later(item.get("release"), change.until)


def _add_task(edit: _Edit, change: AddTaskChange) -> None:
    project = edit.project(change.project)
    if any(t.id == change.task.id for t in edit.program.projects[_project_index(edit, project)].tasks):
        raise edit.fail("task", f"project {project} already has a task '{change.task.id}'")
    successors = [edit.task(ref, "before") for ref in change.before]
    task = _thaw(change.task.model_dump(by_alias=True, exclude_defaults=True))
    edit.project_data(project)["tasks"].append(task)
    key = f"{project}.{change.task.id}"
    edit.data.setdefault("dependencies", []).extend({"from": key, "to": s} for s in successors)


def _project_index(edit: _Edit, project: str) -> int:
    return next(i for i, p in enumerate(edit.program.projects) if p.id == project)


def _remove_task(edit: _Edit, change: RemoveTaskChange) -> None:
    key = edit.task(change.task)
    project = edit.program.tasks[key][0]
    if len(project.tasks) == 1:
        raise edit.fail("task", f"{key} is the only task of project {project.id}; remove the project instead")
    _remove_tasks(edit, {key})


def _add_project(edit: _Edit, change: AddProjectChange) -> None:
    if any(p.id == change.project.id for p in edit.program.projects):
        raise edit.fail("project", f"project '{change.project.id}' already exists")
    edit.data["projects"].append(_thaw(change.project.model_dump(by_alias=True, exclude_defaults=True)))
    edit.data.setdefault("dependencies", []).extend(
        _thaw(d.model_dump(by_alias=True, exclude_defaults=True)) for d in change.dependencies)


def _remove_project(edit: _Edit, change: RemoveProjectChange) -> None:
    project = edit.project(change.project)
    if len(edit.program.projects) == 1:
        raise edit.fail("project", f"{project} is the only project of the program")
    _remove_tasks(edit, {k for k, (p, _) in edit.program.tasks.items() if p.id == project})
    edit.data["projects"] = [p for p in edit.data["projects"] if p["id"] != project]


def _status_date(edit: _Edit, change: StatusDateChange) -> None:
    if edit.planned is None:
        raise edit.fail("date", "a status date needs a baseline schedule (give the scenario a baseline)")
    started = {edit.task(a.task, "started"): a.date for a in change.started}
    waiting = {edit.task(ref, "not_started") for ref in change.not_started}
    for key, day in started.items():
        if day > change.date:
            raise edit.fail("started", f"{key} started on {day}, after the status date {change.date}")
    fixed = 0
    for key, (_, task) in edit.program.tasks.items():
        item = edit.task_data(key)
        row = edit.planned.get(key)
        if key in started or (row is not None and row.start < change.date and key not in waiting):
            item["fixed_start"] = started.get(key, row.start if row else None)
            item.pop("release", None)
            needed = sum(r.count for r in task.requires if r.kind != "role")
            if row is not None and needed and len(row.people) == needed and not task.fixed_people:
                item["fixed_people"] = list(row.people)
            fixed += 1
        elif task.fixed_start is None:
            item["release"] = _later(item.get("release"), change.date)
    logger.info("status date %s: %d tasks done or under way are fixed in place", change.date, fixed)


def scaled(amount: int, scale: float) -> int:
    """``amount`` times ``scale`` in whole units, halves up: ``scaled(1001, 0.5) == 501``.

    The scale is taken as written (``0.8`` is exactly eight tenths), so ``scaled(6_500_000, 0.8)``
    is exactly ``5_200_000``.
    """
    exact = decimal.Decimal(amount) * decimal.Decimal(repr(scale))
    return int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def _funding(edit: _Edit, change: FundingChange) -> None:
    current = (edit.program.finance or Finance()).budget
    finance = edit.data.get("finance")
    if finance is None:  # a program without money: a finance block with only the budget
        finance = edit.data["finance"] = {}
    budget = finance.setdefault("budget", {})
    if change.scale is not None:
        if not current.capped:
            raise edit.fail("scale", "the program has no funding caps to scale; set them with caps or total")
        budget["caps"] = {label: scaled(amount, change.scale) for label, amount in current.caps.items()}
        for fld in ("default", "total"):
            amount = getattr(current, fld)
            if amount is not None:
                budget[fld] = scaled(amount, change.scale)
        return
    if change.caps:
        kind = current.period
        example = "2027-Q1" if kind == "quarter" else "2027"
        wrong = [Problem(path=("changes", edit.index, "caps", label),
                         where=where_change(edit.index, edit.kind, f"caps.{label}"),
                         message=f"'{label}' is not a {kind}: the program's budget is per {kind} "
                                 f"(write it like {example})")
                 for label in change.caps if normalise_label(label, kind) is None]
        if wrong:
            raise ProgramInvalid(wrong, source=edit.source)
        budget["caps"] = {**budget.get("caps", {}), **change.caps}
    if change.total is not None:
        budget["total"] = change.total
    if change.carry_over is not None:
        budget["carry_over"] = change.carry_over


def _funding_status(edit: _Edit, change: FundingStatusChange) -> None:
    edit.project_data(edit.project(change.project))["funding"] = change.funding


_HANDLERS: dict[str, Callable[[_Edit, Any], None]] = {
    "slip": _slip, "duration": _duration, "capacity": _capacity, "availability": _availability,
    "add_person": _add_person, "remove_person": _remove_person, "deadline": _deadline,
    "target": _target, "add_task": _add_task, "remove_task": _remove_task, "defer": _defer,
    "add_project": _add_project, "remove_project": _remove_project, "status_date": _status_date,
    "funding": _funding, "funding_status": _funding_status,
}


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


def _remove_tasks(edit: _Edit, keys: set[str]) -> None:
    program = edit.program
    kept = bridge(program.links, sorted(keys))
    original = {(l.pred, l.succ, l.type, l.lag) for l in program.links}
    for project in edit.data["projects"]:
        project["tasks"] = [t for t in project["tasks"] if f"{project['id']}.{t['id']}" not in keys]
        for task in project["tasks"]:
            after = task.get("after", [])
            task["after"] = [a for a in after if _resolve(project["id"], a) not in keys]
    deps = [d for d in edit.data.get("dependencies", []) if d["from"] not in keys and d["to"] not in keys]
    deps.extend({"from": l.pred, "to": l.succ, "type": l.type.value, "lag": l.lag} for l in kept
                if (l.pred, l.succ, l.type, l.lag) not in original)
    edit.data["dependencies"] = deps


def _resolve(project: str, pred: Any) -> str:
    ref = pred if isinstance(pred, str) else pred["task"]
    return ref if "." in ref else f"{project}.{ref}"


# ---------------------------------------------------------------------------------------------
# time without a solver


def earliest_starts(program: Program) -> dict[str, int]:
    """Each task's earliest start (working day) from releases, fixed starts and dependencies.

    A forward pass over the dependencies that ignores roles and people: the date a slip is
    measured from when there is no baseline schedule.
    """
    wd = program.working_days
    early: dict[str, int] = {}
    for key, (project, task) in program.tasks.items():
        days = [wd.index_on_or_after(d) for d in (project.release, task.release) if d is not None]
        early[key] = wd.index_on_or_after(task.fixed_start) if task.fixed_start else max(days, default=0)
    preds: dict[str, list[Link]] = {key: [] for key in program.tasks}
    for link in program.links:
        preds[link.succ].append(link)
    order = graphlib.TopologicalSorter({k: {l.pred for l in v} for k, v in preds.items()}).static_order()
    for key in order:
        if program.tasks[key][1].fixed_start is not None:
            continue
        dur = program.tasks[key][1].duration
        for link in preds[key]:
            start, pdur = early[link.pred], program.tasks[link.pred][1].duration
            anchor = start + (pdur if link.type.value[0] == "F" else 0) + link.lag
            early[key] = max(early[key], anchor - (dur if link.type.value[1] == "F" else 0))
    return early


def _horizon_bound(program: Program) -> int:
    """A working day no schedule of ``program`` reaches: every dated event, then all work in a row."""
    wd = program.working_days
    dates: list[dt.date] = [program.start]
    for project in program.projects:
        dates += [d for d in (project.release, project.deadline) if d]
        dates += [project.target.date] if project.target else []
        for task in project.tasks:
            dates += [d for d in (task.release, task.deadline, task.fixed_start) if d]
            dates += [task.target.date] if task.target else []
    for role in program.roles:
        dates += [c.start for c in role.changes]
    for person in program.people:
        dates += [w.end for w in (*person.part_time, *person.leave)]
    work = sum(t.duration for _, t in program.tasks.values()) + sum(max(l.lag, 0) for l in program.links)
    return wd.index_on_or_after(max(dates)) + work + 1


__all__ = ["Names", "apply_changes", "bridge", "earliest_starts", "reference_problems", "scaled", "where_change"]
