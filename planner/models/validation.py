"""Semantic rules of a program, checked all at once so that every problem is reported together."""

from __future__ import annotations

import datetime as dt
import difflib
import graphlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from pydantic import BaseModel

from planner.errors import Problem
from planner.models.finance_validation import find_finance_problems

if TYPE_CHECKING:
    from planner.models.program import Program

_ID = re.compile(r"^[A-Za-z0-9_\-]+$")
Path = tuple[str | int, ...]


MAX_COMPARISONS = 10_000
"""Most name comparisons the 'did you mean' hints of one validation make (under 0.1 s): each hint
compares the name with every valid one, so a document with thousands of unknown names would
otherwise cost time quadratic in its size. Past it, problems are reported without a hint."""

_suggestions_left: ContextVar[list[int] | None] = ContextVar("suggestions_left", default=None)


@contextmanager
def suggestion_budget(limit: int = MAX_COMPARISONS) -> Iterator[None]:
    """Within the block, :func:`closest` compares at most ``limit`` names (an outer budget is kept)."""
    if _suggestions_left.get() is not None:
        yield
        return
    token = _suggestions_left.set([limit])
    try:
        yield
    finally:
        _suggestions_left.reset(token)


def closest(name: str, options: Iterable[str]) -> str:
    """A 'did you mean' hint for ``name`` among ``options`` (empty if nothing is close, or when the
    :func:`suggestion_budget` of the validation under way is spent)."""
    left = _suggestions_left.get()
    if left is not None and left[0] <= 0:
        return ""
    candidates = list(options)
    if left is not None:
        left[0] -= max(1, len(candidates))
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, where: str, message: str) -> None:
        self.problems.append(Problem(path=path, where=where, message=message))


def find_problems(program: Program) -> list[Problem]:
    """Every semantic problem of ``program``, in document order.

    Structural problems (types, missing fields, negative durations) are pydantic's; this finds
    duplicate or malformed ids, unknown references (with the closest valid name), dependency
    cycles (spelled out), requirements nobody can meet and dates outside the program.
    """
    with suggestion_budget():
        return _find_problems(program)


def _find_problems(program: Program) -> list[Problem]:
    out = _Collector()
    if _horizon(program, out):
        return out.problems  # dates that far out would overflow the working-day calendar
    _ids(program, out)
    _references(program, out)
    if not out.problems:
        _cycles(program, out)
    _requirements(program, out)
    _dates(program, out)
    out.problems.extend(find_finance_problems(program))
    return out.problems


HORIZON_YEARS = 100
"""How far after the program start a date may be: no plan runs longer, and later dates (up to
9999-12-31) would only make the working-day calendar count days until it overflows."""


def _horizon(program: Program, out: _Collector) -> bool:
    """Whether a date of the program lies more than :data:`HORIZON_YEARS` after its start."""
    start = program.start
    latest = start + dt.timedelta(days=round(365.25 * HORIZON_YEARS)) if start.year < 9000 else None
    if latest is None:
        out.add(("start",), "program", f"start {start} is too late; the planner plans up to the year 9000")
        return True
    found = False
    for path, day in _all_dates(program, ()):
        if day > latest:
            found = True
            label = str(path[-1]) if path and isinstance(path[-1], str) else "date"
            out.add(
                path,
                "",
                f"{label} {day} is more than {HORIZON_YEARS} years after the program start "
                f"{start}; the planner plans at most {HORIZON_YEARS} years ahead",
            )
    return found


def _all_dates(value: object, path: Path) -> Iterable[tuple[Path, dt.date]]:
    """Every date in a program's fields, with its document path (fields named as written)."""
    if isinstance(value, dt.date):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _all_dates(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _all_dates(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _all_dates(item, (*path, str(key)))


def _ids(program: Program, out: _Collector) -> None:
    groups: list[tuple[str, Path, list[str]]] = [
        ("role", ("roles",), [r.id for r in program.roles]),
        ("person", ("people",), [p.id for p in program.people]),
        ("project", ("projects",), [p.id for p in program.projects]),
    ]
    for i, project in enumerate(program.projects):
        groups.append(
            (f"task of project {project.id}", ("projects", i, "tasks"), [t.id for t in project.tasks])
        )
    for kind, base, ids in groups:
        counts = Counter(ids)
        for k, ident in enumerate(ids):
            if not _ID.match(ident):
                out.add(
                    (*base, k, "id"), ident, f"{kind} id '{ident}' may only use letters, digits, '_' and '-'"
                )
            elif counts[ident] > 1 and ids.index(ident) != k:
                out.add((*base, k, "id"), ident, f"duplicate {kind} id '{ident}'")


def _references(program: Program, out: _Collector) -> None:
    keys = set(program.tasks)
    roles = set(program.role_by_id)
    people = set(program.person_by_id)
    skills = {s for p in program.people for s in p.skills}
    for i, project in enumerate(program.projects):
        own = {t.id for t in project.tasks}
        for j, task in enumerate(project.tasks):
            where = f"{project.id}.{task.id}"
            base: Path = ("projects", i, "tasks", j)
            for k, pred in enumerate(task.after):
                ref = pred.task
                if "." in ref:
                    if ref not in keys:
                        out.add(
                            (*base, "after", k), where, f"after: unknown task '{ref}'{closest(ref, keys)}"
                        )
                elif ref not in own:
                    hint = closest(ref, own) or closest(ref, keys)
                    out.add(
                        (*base, "after", k), where, f"after: no task '{ref}' in project {project.id}{hint}"
                    )
                elif ref == task.id:
                    out.add((*base, "after", k), where, "after: a task cannot follow itself")
            for k, req in enumerate(task.requires):
                known = {"role": roles, "skill": skills, "person": people}[req.kind]
                if req.name not in known:
                    noun = "nobody has skill" if req.kind == "skill" else f"unknown {req.kind}"
                    out.add(
                        (*base, "requires", k, req.kind),
                        where,
                        f"requires: {noun} '{req.name}'{closest(req.name, known)}",
                    )
            for k, person in enumerate(task.fixed_people):
                if person not in people:
                    out.add(
                        (*base, "fixed_people", k),
                        where,
                        f"fixed_people: unknown person '{person}'{closest(person, people)}",
                    )
    for k, dep in enumerate(program.dependencies):
        for field, ref in (("from", dep.source), ("to", dep.to)):
            if ref not in keys:
                hint = "" if "." in ref else " (write project.task)"
                out.add(
                    ("dependencies", k, field),
                    f"dependencies[{k}]",
                    f"{field}: unknown task '{ref}'{hint}{closest(ref, keys)}",
                )
        if dep.source == dep.to:
            out.add(("dependencies", k), f"dependencies[{k}]", "a task cannot depend on itself")


def _cycles(program: Program, out: _Collector) -> None:
    graph: dict[str, set[str]] = {key: set() for key in program.tasks}
    for link in program.links:
        graph[link.succ].add(link.pred)
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        # graphlib lists the cycle so that each task is a predecessor of the next
        cycle: list[str] = error.args[1]
        out.add(
            _link_path(program, cycle[0], cycle[1]), "dependencies", f"dependency cycle: {' -> '.join(cycle)}"
        )


def _link_path(program: Program, pred: str, succ: str) -> Path:
    """Where the link ``pred -> succ`` is written: in the successor's ``after`` or the program's list."""
    for i, project in enumerate(program.projects):
        for j, task in enumerate(project.tasks):
            if f"{project.id}.{task.id}" == succ:
                for k, p in enumerate(task.after):
                    if p.task == pred or f"{project.id}.{p.task}" == pred:
                        return ("projects", i, "tasks", j, "after", k)
    for k, dep in enumerate(program.dependencies):
        if (dep.source, dep.to) == (pred, succ):
            return ("dependencies", k)
    return ("dependencies",)


def _requirements(program: Program, out: _Collector) -> None:
    for i, project in enumerate(program.projects):
        for j, task in enumerate(project.tasks):
            where = f"{project.id}.{task.id}"
            for k, req in enumerate(task.requires):
                path: Path = ("projects", i, "tasks", j, "requires", k)
                if req.role is not None and req.role in program.role_by_id:
                    most = program.role_by_id[req.role].max_capacity
                    if req.count > most:
                        out.add(
                            (*path, "count"),
                            where,
                            f"needs {req.count} of role {req.role}, which never has more than {most}",
                        )
                elif req.kind != "role":
                    pool = (
                        program.people_with(req.skill)
                        if req.skill
                        else [p for p in program.people if p.id == req.person]
                    )
                    if not pool:
                        continue  # reported as an unknown reference
                    able = program.eligible(req)
                    if len(able) < req.count:
                        who = f"skill {req.skill}" if req.skill else f"person {req.person}"
                        out.add(
                            path,
                            where,
                            f"needs {req.count} people at {req.allocation}% for {who}, "
                            f"but only {len(able)} can give that much time",
                        )
            if task.fixed_people and task.requires:
                needed = sum(r.count for r in task.requires if r.kind != "role")
                if len(task.fixed_people) != needed:
                    out.add(
                        ("projects", i, "tasks", j, "fixed_people"),
                        where,
                        f"fixed_people names {len(task.fixed_people)} people, the requirements need {needed}",
                    )


def _dates(program: Program, out: _Collector) -> None:
    start, end = program.start, program.end
    if end is not None and end < start:
        out.add(("end",), "program", f"end {end} is before start {start}")
        return

    def check(path: Path, where: str, label: str, day: dt.date | None) -> None:
        if day is None:
            return
        if day < start:
            out.add(path, where, f"{label} {day} is before the program start {start}")
        elif end is not None and day > end:
            out.add(path, where, f"{label} {day} is after the program end {end}")

    for i, project in enumerate(program.projects):
        base: Path = ("projects", i)
        check((*base, "release"), project.id, "release", project.release)
        check((*base, "deadline"), project.id, "deadline", project.deadline)
        check((*base, "target"), project.id, "target", project.target.date if project.target else None)
        for j, task in enumerate(project.tasks):
            where, tpath = f"{project.id}.{task.id}", (*base, "tasks", j)
            check((*tpath, "release"), where, "release", task.release)
            check((*tpath, "deadline"), where, "deadline", task.deadline)
            check((*tpath, "target"), where, "target", task.target.date if task.target else None)
            check((*tpath, "fixed_start"), where, "fixed_start", task.fixed_start)
            if task.fixed_start is not None and not program.calendar.is_working_day(task.fixed_start):
                out.add(
                    (*tpath, "fixed_start"), where, f"fixed_start {task.fixed_start} is not a working day"
                )
