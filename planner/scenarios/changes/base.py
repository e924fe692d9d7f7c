"""What every change kind is made of, and the tools its functions share.

A :class:`ChangeKind` gathers, for one ``kind`` of scenario change, its model (in
:mod:`planner.models.scenario`) and four functions: how it applies to a program (an
:class:`Edit`), how its names are checked before anything is applied (a :class:`NameCheck`),
how it is worded, and which items of the program it touches. Each kind's module
(:mod:`planner.scenarios.changes.slip`, ...) defines them next to each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from planner.errors import Problem, ProgramInvalid
from planner.models import Program, Schedule, ScheduledTask
from planner.models.quantities import WORKING_DAYS_PER_WEEK
from planner.models.validation import closest
from planner.scenarios.changes.timing import earliest_starts, horizon_bound

Data = dict[str, Any]
"""A plain dump of a program (or part of it), edited by a change before it is validated again."""

Item = tuple[str, str]
"""An item of a program a change is about: ``("task", key)``, ``("project", id)``, ``("role", id)``
or ``("person", id)``."""

Planned = Mapping[str, ScheduledTask]
"""The baseline's rows by task key (``project.task``)."""

C = TypeVar("C", bound=BaseModel)


def planned_of(baseline: Schedule | None) -> dict[str, ScheduledTask] | None:
    """The baseline's rows by task key, or ``None`` without a baseline that has a plan."""
    return {t.key: t for t in baseline.tasks} if baseline is not None and baseline.has_plan else None


def where_change(index: int, kind: str | None, fld: str | None = None) -> str:
    """A change in the user's words, numbered from 1: ``changes[1] (slip): by`` for index 0."""
    head = f"changes[{index + 1}]" + (f" ({kind})" if kind else "")
    return f"{head}: {fld}" if fld else head


# ---------------------------------------------------------------------------------------------
# names, checked for every change before any is applied


class NameBook:
    """The names a program has, kept up to date change by change without applying the changes.

    Parameters
    ----------
    program
        The program the changes start from.
    """

    def __init__(self, program: Program) -> None:
        self.tasks: set[str] = set(program.tasks)
        self.projects: set[str] = {p.id for p in program.projects}
        self.roles: set[str] = set(program.role_by_id)
        self.people: set[str] = set(program.person_by_id)

    def add_project(self, project: str, tasks: Iterable[str]) -> None:
        """Record a new project and its tasks (``tasks`` are ids within the project)."""
        self.projects.add(project)
        self.tasks.update(f"{project}.{t}" for t in tasks)


@dataclass
class NameCheck:
    """The name check of one change: the names known so far, and the problems found.

    A kind's ``check`` function calls :meth:`task`, :meth:`project`, :meth:`role` and
    :meth:`person` for the names the change uses, :meth:`complain` for a duplicate it would add,
    and records what it adds or removes in :attr:`names`.
    """

    names: NameBook
    index: int
    kind: str
    problems: list[Problem] = field(default_factory=list)

    def complain(self, fld: str, message: str, *sub: int | str) -> None:
        """Record a problem of field ``fld`` (``sub`` locates it inside the field)."""
        self.problems.append(
            Problem(
                path=("changes", self.index, fld, *sub),
                where=where_change(self.index, self.kind, fld),
                message=message,
            )
        )

    def task(self, ref: str, fld: str = "task", *sub: int | str) -> None:
        """Complain unless ``ref`` is a known task (``project.task``)."""
        if ref not in self.names.tasks:
            hint = "" if "." in ref else " (write project.task)"
            self.complain(fld, f"unknown task '{ref}'{hint}{closest(ref, sorted(self.names.tasks))}", *sub)

    def _named(self, ref: str | None, fld: str, known: set[str], what: str) -> None:
        if ref is not None and ref not in known:
            self.complain(fld, f"unknown {what} '{ref}'{closest(ref, sorted(known))}")

    def project(self, ref: str | None, fld: str = "project") -> None:
        """Complain unless ``ref`` (when given) is a known project."""
        self._named(ref, fld, self.names.projects, "project")

    def role(self, ref: str | None, fld: str = "role") -> None:
        """Complain unless ``ref`` (when given) is a known role."""
        self._named(ref, fld, self.names.roles, "role")

    def person(self, ref: str | None, fld: str = "person") -> None:
        """Complain unless ``ref`` (when given) is a known person."""
        self._named(ref, fld, self.names.people, "person")

    def references(self, change: object) -> None:
        """Check whichever of ``project``, ``role``, ``person`` and ``task`` ``change`` gives as text."""
        for fld, check in (("project", self.project), ("role", self.role), ("person", self.person)):
            ref = getattr(change, fld, None)
            if isinstance(ref, str):
                check(ref, fld)
        task = getattr(change, "task", None)
        if isinstance(task, str):
            self.task(task)


# ---------------------------------------------------------------------------------------------
# applying a change


class UnknownName(ProgramInvalid):
    """A change names a task, project, role or person the program does not have."""


def thaw(value: Any) -> Any:
    """``value`` with every tuple turned into a list, recursively (a dump that can be edited)."""
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    return value


def dump(model: BaseModel) -> Data:
    """A model as it would be written in a file, ready to edit."""
    out: Data = thaw(model.model_dump(by_alias=True, exclude_defaults=True))
    return out


def later(current: object, day: dt.date) -> dt.date:
    """The later of ``current`` (a date, or nothing) and ``day``."""
    return max(current, day) if isinstance(current, dt.date) else day


@dataclass
class Edit:
    """A change being applied: the program before it, its dump to edit, and how to complain.

    Parameters
    ----------
    program
        The program before the change (left unchanged).
    index, kind
        Where the change is in its list (from 0) and its kind, for messages.
    planned
        The baseline's rows by task key, or ``None`` without a baseline.
    source
        The scenario file, for messages.
    """

    program: Program
    index: int
    kind: str
    planned: Planned | None
    source: str | None
    data: Data = field(init=False)
    _early: dict[str, int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.data = dump(self.program)

    # -- complaints ---------------------------------------------------------------------------

    def problem(self, fld: str | None, message: str) -> Problem:
        """A problem of this change (of its field ``fld`` when given)."""
        path: tuple[str | int, ...] = ("changes", self.index) + ((fld,) if fld else ())
        return Problem(path=path, where=where_change(self.index, self.kind, fld), message=message)

    def fail(self, fld: str | None, message: str) -> ProgramInvalid:
        """The error to raise when the change cannot apply."""
        return ProgramInvalid([self.problem(fld, message)], source=self.source)

    def unknown(self, fld: str, message: str) -> ProgramInvalid:
        """The error to raise when the change names something the program does not have."""
        return UnknownName([self.problem(fld, message)], source=self.source)

    # -- names --------------------------------------------------------------------------------

    def task(self, ref: str, fld: str = "task") -> str:
        """``ref`` when the program has that task, else raise naming the closest."""
        if ref in self.program.tasks:
            return ref
        hint = "" if "." in ref else " (write project.task)"
        raise self.unknown(fld, f"unknown task '{ref}'{hint}{closest(ref, self.program.tasks)}")

    def project(self, ref: str, fld: str = "project") -> str:
        """``ref`` when the program has that project, else raise naming the closest."""
        ids = [p.id for p in self.program.projects]
        if ref not in ids:
            raise self.unknown(fld, f"unknown project '{ref}'{closest(ref, ids)}")
        return ref

    def role(self, ref: str, fld: str = "role") -> str:
        """``ref`` when the program has that role, else raise naming the closest."""
        if ref not in self.program.role_by_id:
            raise self.unknown(fld, f"unknown role '{ref}'{closest(ref, self.program.role_by_id)}")
        return ref

    def person(self, ref: str, fld: str = "person") -> str:
        """``ref`` when the program has that person, else raise naming the closest."""
        if ref not in self.program.person_by_id:
            raise self.unknown(fld, f"unknown person '{ref}'{closest(ref, self.program.person_by_id)}")
        return ref

    # -- the dump -----------------------------------------------------------------------------

    def project_data(self, project: str) -> Data:
        """The dump of project ``project``, to edit."""
        return next(p for p in self.data["projects"] if p["id"] == project)

    def task_data(self, key: str) -> Data:
        """The dump of task ``key`` (``project.task``), to edit."""
        project, task = key.split(".", 1)
        return next(t for t in self.project_data(project)["tasks"] if t["id"] == task)

    def task_or_project_data(self, task: str | None, project: str | None) -> Data:
        """The dump of the task when one is named, else of the project (raising for unknown names)."""
        if task is not None:
            return self.task_data(self.task(task))
        return self.project_data(self.project(project or ""))

    def item(self, group: str, ident: str) -> Data:
        """The dump of the role or person ``ident`` (``group`` ``roles`` or ``people``), to edit."""
        return next(x for x in self.data.get(group, []) if x["id"] == ident)

    def result(self) -> Program:
        """The edited dump validated as a program; raise naming this change when it is not one."""
        try:
            return Program.model_validate(self.data)
        except ProgramInvalid as error:
            problems = [
                self.problem(None, f"after this change the program is invalid: {p.where}: {p.message}")
                for p in error.problems
            ]
        except ValidationError as error:
            problems = [
                self.problem(
                    None,
                    "after this change the program is invalid: "
                    f"{'.'.join(str(s) for s in e['loc'])}: {e['msg']}",
                )
                for e in error.errors()
            ]
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
        return self.program.working_days.date(horizon_bound(self.program))


# ---------------------------------------------------------------------------------------------
# words


def span(days: int) -> str:
    """``2 weeks`` for 10 working days, ``3 working days`` otherwise."""
    if days >= WORKING_DAYS_PER_WEEK and days % WORKING_DAYS_PER_WEEK == 0:
        weeks = days // WORKING_DAYS_PER_WEEK
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return f"{days} working day{'s' if days != 1 else ''}"


def window(start: dt.date | None, end: dt.date | None) -> str:
    """`` from 2027-03-01 to 2027-03-05``, `` from 2027-03-01 on``, or nothing without a start."""
    if start is None:
        return ""
    return f" from {start} to {end}" if end is not None else f" from {start} on"


def task_or_project(change: object) -> list[Item]:
    """The task a change names, else the project it names (as text), else nothing."""
    task, project = getattr(change, "task", None), getattr(change, "project", None)
    if isinstance(task, str):
        return [("task", task)]
    return [("project", project)] if isinstance(project, str) else []


# ---------------------------------------------------------------------------------------------
# the kind


def _no_baseline(change: Any) -> bool:
    return False


@dataclass(frozen=True)
class ChangeKind(Generic[C]):
    """One kind of scenario change: its model and what the planner does with it.

    Parameters
    ----------
    kind
        The ``kind`` written in scenario files (``slip``, ``capacity`` ...).
    model
        Its model in :mod:`planner.models.scenario`.
    apply
        Edits the program's dump (:attr:`Edit.data`); raises through :meth:`Edit.fail` or the
        name methods of :class:`Edit` when it cannot apply.
    check
        Checks the names the change uses and records what it adds or removes, without applying it.
    words
        The change as a program office would say it, without its note.
    touches
        The items of the program (before the change) the change is about, given the baseline's
        rows when there is a baseline.
    needs_baseline
        Whether what the change does depends on a baseline schedule.
    record_written
        For a change not valid as written (a plain mapping): records the names it would add, so
        that later changes naming them are not blamed.
    """

    kind: str
    model: type[C]
    apply: Callable[[Edit, C], None]
    check: Callable[[NameCheck, C], None]
    words: Callable[[C], str]
    touches: Callable[[C, Program, Planned | None], list[Item]]
    needs_baseline: Callable[[C], bool] = _no_baseline
    record_written: Callable[[NameBook, Mapping[str, Any]], None] | None = None


__all__ = [
    "ChangeKind",
    "Data",
    "Edit",
    "Item",
    "NameBook",
    "NameCheck",
    "Planned",
    "UnknownName",
    "dump",
    "later",
    "planned_of",
    "span",
    "task_or_project",
    "thaw",
    "where_change",
    "window",
]
