"""Plans as their tools wrote them (:class:`SourcePlan`) mapped to one program, with a report.

Each plan becomes a project of the program; what the program format cannot hold is noted in an
:class:`ImportReport` (see ``docs/interop.md`` for every field, each way). In short:

- leaf tasks become tasks, their summary tasks a WBS path in the task's name
  (``Phase 1 / Design / Write spec``); links from or to a summary task are spread over its tasks;
- durations become whole working days (rounded up; elapsed time at the calendar's share of
  working days); a task of duration 0 is a milestone;
- the four link types keep their type; lags become whole working days (elapsed lags and lags in
  percent of the predecessor's duration converted, and noted);
- the first plan's calendar is the program's (working weekdays, non-working exceptions as
  holidays; the other plans' holidays are added);
- work resources become named people (availability from max units and the availability table,
  non-working days of their own calendar as leave) or roles (P6 roles, generic resources, and
  resources of more than one unit), with their day rates; assignments become ``requires``;
- Start No Earlier Than becomes ``release``, Finish No Later Than and deadlines ``deadline``,
  Must Start On ``fixed_start``, As Late As Possible ``as_late_as_possible``;
- work started keeps its actual start (``fixed_start``); a finished task its actual dates;
- fixed costs become task costs; baseline dates a baseline schedule beside the program.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from planner.errors import InputError
from planner.interop.ids import name_id, safe_id, task_id, unique
from planner.interop.report import ImportReport
from planner.interop.source import CrossLink, SourceLink, SourcePlan, SourceResource, SourceTask
from planner.io.program_file import parse_program
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.models.calendar import WEEKDAYS, Calendar

WBS_SEPARATOR = " / "
"""Between the names of a task's summary tasks and its own name."""

MAX_DAYS = 10_000
_HOLIDAY_YEARS = 30
_TOLERANCE = 1e-6
_OPEN_END = dt.date(2049, 12, 31)  # Microsoft Project's last date: an availability without end
_RELEASE = ("START_NO_EARLIER_THAN", "START_ON_OR_AFTER")
_FINISH_BY = ("FINISH_NO_LATER_THAN", "FINISH_ON_OR_BEFORE")
_MUST_START = ("MUST_START_ON", "START_ON")
_MUST_FINISH = ("MUST_FINISH_ON", "FINISH_ON")
_NOTHING = ("AS_SOON_AS_POSSIBLE", "", None)


@dataclass
class Imported:
    """The result of an import.

    Parameters
    ----------
    program
        The validated program.
    report
        Everything not mapped, or converted, with the reason.
    baseline
        The files' baseline dates as a schedule of the program (tasks that have them), if any.
    origins
        Each task key (``project.task``) with its file and its id in that file.
    """

    program: Program
    report: ImportReport
    baseline: Schedule | None = None
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class _Leaf:
    """A task of the program in the making, with where it came from."""

    plan: SourcePlan
    source: SourceTask
    project: str
    id: str
    data: dict[str, Any]
    duration: int = 0

    @property
    def key(self) -> str:
        return f"{self.project}.{self.id}"


class _Mapper:
    def __init__(
        self, plans: list[SourcePlan], cross: list[CrossLink], name: str | None, start: dt.date | None
    ) -> None:
        self.plans, self.cross, self.name, self.given_start = plans, cross, name, start
        self.report = ImportReport()
        self.projects: dict[str, dict[str, Any]] = {}
        self.project_of_plan: dict[int, str] = {}
        self.leaves: dict[tuple[int, str], list[_Leaf]] = {}  # (plan index, uid) -> leaves under it
        self.leaf_of: dict[tuple[int, str], _Leaf] = {}
        self.people: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, dict[str, Any]] = {}
        self.resource_ids: dict[tuple[int, str], tuple[str, str]] = {}  # -> ("person"|"role", id)
        self.dependencies: list[dict[str, Any]] = []
        self.workdays: tuple[str, ...] = WEEKDAYS[:5]
        self.holidays: dict[dt.date, str] = {}
        self.week = Calendar()  # the program's calendar, once :meth:`calendar` has read the files
        self.keyed: set[str] = set()  # projects of files the planner wrote: their tasks go by their keys

    # ------------------------------------------------------------------ helpers
    def item(self, task: SourceTask) -> str:
        return f"task {task.uid} '{task.name}'"

    def file(self, plan: SourcePlan) -> str:
        return plan.path.name

    def next_workday(self, day: dt.date) -> dt.date:
        for _ in range(3700):
            if self.week.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        return day

    def working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days from ``first`` to ``last``, both included."""
        count, day = 0, first
        while day <= last and count <= MAX_DAYS:
            count += self.week.is_working_day(day)
            day += dt.timedelta(days=1)
        return count

    # ------------------------------------------------------------------ steps
    def run(self) -> Imported:
        if not self.plans:
            raise InputError("no plan to import")
        self.calendar()
        start = self.program_start()
        for index, plan in enumerate(self.plans):
            self.project(index, plan)
        for index, plan in enumerate(self.plans):
            self.resources(index, plan)
        for index, plan in enumerate(self.plans):
            self.assignments(index, plan)
        for index, plan in enumerate(self.plans):
            self.links(index, plan)
        self.cross_links()
        if not any(p["tasks"] for p in self.projects.values()):
            raise InputError(
                ", ".join(str(p.path) for p in self.plans) + ": no task to plan (the files hold "
                "no task, or only summary tasks)"
            )
        for project in self.projects.values():
            if not project["tasks"] and project["id"] not in self.keyed:
                self.report.not_mapped(
                    project["id"],
                    "project",
                    project["name"] or project["id"],
                    "tasks",
                    0,
                    "a project without tasks is left out",
                )
        start = min([start, *self.dates_used()])
        self.drop_early_deadlines(start)
        document: dict[str, Any] = {
            "name": self.name or (self.plans[0].name if len(self.plans) == 1 else "Imported program"),
            "description": "Imported from " + ", ".join(f"{p.path.name} ({p.format})" for p in self.plans),
            "start": start.isoformat(),
            "calendar": {
                "workdays": list(self.workdays),
                "holidays": [
                    {"date": d.isoformat(), "name": n} if n else d.isoformat()
                    for d, n in sorted(self.holidays.items())
                    if d >= start
                ],
            },
            "roles": list(self.roles.values()),
            "people": [self.person_document(p, start) for p in self.people.values()],
            "projects": [p for p in self.projects.values() if p["tasks"]],
            "dependencies": self.dependencies,
        }
        for project in self.projects.values():
            for task in project["tasks"]:
                task["after"] = [_short(a, project["id"]) for a in task["after"]]
        program = parse_program(document, source="the imported program")
        origins = {leaf.key: (leaf.plan.path.name, leaf.source.uid) for leaf in self.leaf_of.values()}
        return Imported(program=program, report=self.report, baseline=self.baseline(program), origins=origins)

    def calendar(self) -> None:
        first = self.plans[0]
        main = first.calendars.get(first.calendar or "")
        if main is not None and main.workdays:
            self.workdays = main.workdays
        for plan in self.plans:
            calendar = plan.calendars.get(plan.calendar or "")
            if calendar is None:
                if plan.format in ("XLSX", "CSV"):
                    continue  # a task list has no calendar: the program's is Monday to Friday
                self.report.not_mapped(
                    self.file(plan),
                    "calendar",
                    "project calendar",
                    "calendar",
                    plan.calendar,
                    "the file names no calendar: Monday to Friday assumed",
                )
                continue
            if calendar.workdays != self.workdays:
                self.report.not_mapped(
                    self.file(plan),
                    "calendar",
                    f"calendar '{calendar.name}'",
                    "working days",
                    ",".join(calendar.workdays),
                    f"one calendar per program: {first.path.name}'s ({','.join(self.workdays)}) is used",
                )
            for first_day, last_day, working, name in calendar.exceptions:
                if working:
                    self.report.not_mapped(
                        self.file(plan),
                        "calendar",
                        f"calendar '{calendar.name}'",
                        "exception",
                        f"{first_day}..{last_day} {name}".strip(),
                        "a working exception (extra working days) has no place in the program calendar",
                    )
                    continue
                day = first_day
                while day <= last_day:
                    if WEEKDAYS[day.weekday()] in self.workdays:
                        self.holidays.setdefault(day, name)
                    day += dt.timedelta(days=1)
            if plan is not first and calendar.exceptions:
                self.report.converted(
                    self.file(plan),
                    "calendar",
                    f"calendar '{calendar.name}'",
                    "exceptions",
                    len(calendar.exceptions),
                    "its non-working days are holidays of the whole program",
                )
        self.week = Calendar.model_validate(
            {"workdays": list(self.workdays), "holidays": [d.isoformat() for d in sorted(self.holidays)]}
        )

    def program_start(self) -> dt.date:
        if self.given_start is not None:
            return self.given_start
        starts = [p.start for p in self.plans if p.start is not None]
        starts += [t.start for p in self.plans for t in p.tasks if t.start is not None and not t.summary]
        if not starts:
            raise InputError(f"{self.plans[0].path}: no start date in the file; give one (--start)")
        return min(starts)

    def dates_used(self) -> list[dt.date]:
        out = []
        for project in self.projects.values():
            for task in project["tasks"]:
                out += [dt.date.fromisoformat(task[k]) for k in ("release", "fixed_start") if k in task]
        return out

    def drop_early_deadlines(self, start: dt.date) -> None:
        for project in self.projects.values():
            for task in project["tasks"]:
                if "deadline" in task and dt.date.fromisoformat(task["deadline"]) < start:
                    self.report.not_mapped(
                        project["id"],
                        "task",
                        task["id"],
                        "deadline",
                        task.pop("deadline"),
                        "before the program start",
                    )

    # ------------------------------------------------------------------ projects and tasks
    def project(self, index: int, plan: SourcePlan) -> None:
        base = plan.project_id or (
            plan.path.stem if sum(p.path == plan.path for p in self.plans) == 1 else plan.name
        )
        project_id = unique(safe_id(base, "project"), set(self.projects))
        self.projects[project_id] = {"id": project_id, "name": plan.name, "tasks": []}
        self.project_of_plan[index] = project_id
        by_uid = {t.uid: t for t in plan.tasks}
        children: dict[str | None, list[SourceTask]] = defaultdict(list)
        for task in plan.tasks:
            children[task.parent].append(task)
        taken: dict[str, set[str]] = defaultdict(set)
        for task in plan.tasks:
            if task.summary:
                continue
            if task.inactive:
                self.report.not_mapped(
                    self.file(plan),
                    "task",
                    self.item(task),
                    "active",
                    "no",
                    "an inactive task is left out (and its links)",
                )
                continue
            target_project, own_id = project_id, task_id(task.uid, plan.id_kind)
            if task.planner_key and "." in task.planner_key:
                self.keyed.add(project_id)
                keyed_project, keyed_task = task.planner_key.split(".", 1)
                target_project, own_id = safe_id(keyed_project), safe_id(keyed_task)
                if target_project not in self.projects:
                    self.projects[target_project] = {"id": target_project, "name": "", "tasks": []}
            leaf = _Leaf(plan, task, target_project, unique(own_id, taken[target_project]), {})
            self.task(leaf, by_uid, keyed=task.planner_key is not None)
            self.projects[target_project]["tasks"].append(leaf.data)
            self.leaf_of[(index, task.uid)] = leaf
        for task in plan.tasks:
            self.leaves[(index, task.uid)] = [
                self.leaf_of[(index, u)] for u in _leaf_uids(task, children) if (index, u) in self.leaf_of
            ]
        for task in plan.tasks:
            if task.summary:
                self.summary(index, plan, task)

    def path(
        self, task: SourceTask, by_uid: dict[str, SourceTask], plan: SourcePlan, keyed: bool
    ) -> list[str]:
        names, parent, guard = [], task.parent, 0
        while parent is not None and parent in by_uid and guard < 100:
            names.append(by_uid[parent].name)
            parent, guard = by_uid[parent].parent, guard + 1
        names.reverse()
        if names and (keyed or names[0] == plan.name):
            names = names[1:]
        return [n for n in names if n]

    def task(self, leaf: _Leaf, by_uid: dict[str, SourceTask], keyed: bool) -> None:
        task, plan, file, item = leaf.source, leaf.plan, self.file(leaf.plan), self.item(leaf.source)
        data: dict[str, Any] = {"id": leaf.id}
        name = WBS_SEPARATOR.join([*self.path(task, by_uid, plan, keyed), task.name])
        if name:
            data["name"] = name
        days = task.duration
        if days is None:
            days = 0.0
            self.report.not_mapped(file, "task", item, "duration", "", "no duration in the file: a milestone")
        if task.elapsed:
            working = days * len(self.workdays) / 7
            self.report.converted(
                file,
                "task",
                item,
                "duration",
                task.duration_text,
                f"elapsed time: {working:.2f} working days ({len(self.workdays)} of 7 days work)",
            )
            days = working
        whole = min(MAX_DAYS, math.ceil(days - _TOLERANCE)) if days > _TOLERANCE else 0
        if whole > 0 and abs(whole - days) > 1e-3:
            self.report.converted(
                file,
                "task",
                item,
                "duration",
                task.duration_text or f"{days:.3f}d",
                f"rounded up to {whole} whole working days",
            )
        if task.milestone and whole > 0:
            self.report.not_mapped(
                file,
                "task",
                item,
                "milestone",
                "yes",
                f"a milestone of {whole} working days is kept as a task (a milestone has duration 0)",
            )
        leaf.duration = whole
        data["duration"] = whole
        self.progress(leaf, data)
        self.constraint(leaf, data, task.constraint, task.constraint_date, "constraint")
        self.constraint(
            leaf, data, task.secondary_constraint, task.secondary_constraint_date, "secondary constraint"
        )
        if task.deadline is not None:
            data["deadline"] = min(
                task.deadline, dt.date.fromisoformat(data.get("deadline", "9999-12-31"))
            ).isoformat()
        if task.fixed_cost > 0:
            data["cost"] = round(task.fixed_cost)
        if task.calendar and task.calendar != plan.calendar:
            self.report.not_mapped(
                file,
                "task",
                item,
                "calendar",
                task.calendar,
                "a task's own calendar: the task follows the program calendar",
            )
        if task.pieces > 1:
            self.report.converted(
                file,
                "task",
                item,
                "split",
                f"{task.pieces} pieces",
                "a split task is one continuous task of its duration",
            )
        if task.manual:
            self.report.converted(
                file, "task", item, "task mode", "manually scheduled", "scheduled by the planner"
            )
        data["after"] = []
        data["requires"] = []
        leaf.data = data

    def progress(self, leaf: _Leaf, data: dict[str, Any]) -> None:
        task, file, item = leaf.source, self.file(leaf.plan), self.item(leaf.source)
        if task.actual_start is None:
            if task.percent_complete > 0:
                self.report.not_mapped(
                    file,
                    "task",
                    item,
                    "percent complete",
                    f"{task.percent_complete:g}%",
                    "no actual start: the task is planned from scratch",
                )
            return
        pinned = self.next_workday(task.actual_start)
        if pinned != task.actual_start:
            self.report.converted(
                file,
                "task",
                item,
                "actual start",
                task.actual_start,
                f"not a working day: pinned on {pinned}",
            )
        data["fixed_start"] = pinned.isoformat()
        if task.actual_finish is not None:
            done = max(1, self.working_days(pinned, task.actual_finish)) if leaf.duration > 0 else 0
            if done != leaf.duration:
                self.report.converted(
                    file,
                    "task",
                    item,
                    "duration",
                    f"{leaf.duration}d planned",
                    f"finished: its actual {done} working days from {task.actual_start} "
                    f"to {task.actual_finish}",
                )
            leaf.duration = done
            data["duration"] = done
        elif 0 < task.percent_complete < 100:
            self.report.not_mapped(
                file,
                "task",
                item,
                "percent complete",
                f"{task.percent_complete:g}%",
                "work under way keeps its actual start and its whole duration",
            )

    def constraint(
        self, leaf: _Leaf, data: dict[str, Any], kind: str | None, day: dt.date | None, label: str
    ) -> None:
        file, item = self.file(leaf.plan), self.item(leaf.source)
        if kind in _NOTHING:
            return
        if kind == "AS_LATE_AS_POSSIBLE":
            if leaf.duration > 0 and "fixed_start" not in data:
                data["as_late_as_possible"] = True
            return
        if day is None:
            self.report.not_mapped(file, "task", item, label, kind, "no constraint date in the file")
            return
        if kind in _RELEASE:
            data["release"] = max(day, dt.date.fromisoformat(data.get("release", "0001-01-01"))).isoformat()
        elif kind in _FINISH_BY or kind in _MUST_FINISH:
            data["deadline"] = min(day, dt.date.fromisoformat(data.get("deadline", "9999-12-31"))).isoformat()
            if kind in _MUST_FINISH:
                self.report.converted(
                    file,
                    "task",
                    item,
                    label,
                    f"{kind} {day}",
                    "must finish on: a deadline on that date (it may finish earlier)",
                )
        elif kind in _MUST_START:
            if "fixed_start" in data:
                self.report.not_mapped(
                    file, "task", item, label, f"{kind} {day}", "the task is pinned at its actual start"
                )
                return
            pinned = self.next_workday(day)
            data["fixed_start"] = pinned.isoformat()
            if pinned != day:
                self.report.converted(
                    file, "task", item, label, f"{kind} {day}", f"not a working day: pinned on {pinned}"
                )
        else:
            self.report.not_mapped(
                file,
                "task",
                item,
                label,
                f"{kind} {day}",
                "the program has releases (start no earlier than), deadlines (finish no "
                "later than) and pinned starts only",
            )

    def summary(self, index: int, plan: SourcePlan, task: SourceTask) -> None:
        file, item = self.file(plan), self.item(task)
        leaves = self.leaves[(index, task.uid)]
        for kind, day, label in (
            (task.constraint, task.constraint_date, "constraint"),
            (task.secondary_constraint, task.secondary_constraint_date, "secondary constraint"),
        ):
            if kind in _NOTHING or kind == "AS_LATE_AS_POSSIBLE" or day is None:
                continue
            if kind in _RELEASE or kind in _FINISH_BY:
                field_name = "release" if kind in _RELEASE else "deadline"
                pick = max if field_name == "release" else min
                for leaf in leaves:
                    current = leaf.data.get(field_name)
                    leaf.data[field_name] = (
                        pick(day, dt.date.fromisoformat(current)) if current else day
                    ).isoformat()
                self.report.converted(
                    file,
                    "task",
                    item,
                    label,
                    f"{kind} {day}",
                    f"a summary task's {field_name} is given to each of its {len(leaves)} tasks",
                )
            else:
                self.report.not_mapped(
                    file,
                    "task",
                    item,
                    label,
                    f"{kind} {day}",
                    "a summary task's constraint of this kind has no place in the program",
                )
        if task.deadline is not None:
            for leaf in leaves:
                current = leaf.data.get("deadline")
                leaf.data["deadline"] = (
                    min(task.deadline, dt.date.fromisoformat(current)) if current else task.deadline
                ).isoformat()
            self.report.converted(
                file,
                "task",
                item,
                "deadline",
                task.deadline,
                f"a summary task's deadline is given to each of its {len(leaves)} tasks",
            )
        if task.fixed_cost > 0:
            self.report.not_mapped(
                file,
                "task",
                item,
                "fixed cost",
                f"{task.fixed_cost:g}",
                "costs are held by tasks and projects, not by summary tasks",
            )

    # ------------------------------------------------------------------ links
    def links(self, index: int, plan: SourcePlan) -> None:
        file = self.file(plan)
        stems = {p.path.stem: i for i, p in enumerate(self.plans)}
        for task in plan.tasks:
            successors = self.leaves.get((index, task.uid), [])
            for link in task.links:
                where = stems.get(link.file, index) if link.file else index
                if link.file and link.file not in stems:
                    self.report.not_mapped(
                        file,
                        "link",
                        f"{link.pred} -> {self.item(task)}",
                        "external predecessor",
                        f"{link.file}:{link.pred}",
                        "the predecessor's file is not imported",
                    )
                    continue
                pred_task = next((t for t in self.plans[where].tasks if t.uid == link.pred), None)
                predecessors = self.leaves.get((where, link.pred), [])
                if pred_task is None or not predecessors or not successors:
                    self.report.not_mapped(
                        file,
                        "link",
                        f"{link.pred} -> {self.item(task)}",
                        "predecessor",
                        link.pred,
                        "no task to link (left out, or a summary task without tasks)",
                    )
                    continue
                lag = self.lag(file, task, link, pred_task)
                if task.summary or pred_task.summary:
                    self.report.converted(
                        file,
                        "link",
                        f"{pred_task.uid} -> {self.item(task)}",
                        "summary link",
                        link.type,
                        f"a link of a summary task is given to each pair of their "
                        f"{len(predecessors)} x {len(successors)} tasks",
                    )
                for succ in successors:
                    for pred in predecessors:
                        if pred is succ:
                            continue
                        self.add_link(pred, succ, link.type, lag)

    def lag(self, file: str, task: SourceTask, link: SourceLink, pred: SourceTask) -> int:
        value, item = link.lag, f"{pred.uid} -> {self.item(task)}"
        if link.lag_kind == "elapsed":
            value = link.lag * len(self.workdays) / 7
            self.report.converted(
                file, "link", item, "lag", link.text, f"elapsed lag: {round(value)} working days"
            )
        elif link.lag_kind == "percent":
            value = link.lag / 100 * (pred.duration or 0)
            self.report.converted(
                file,
                "link",
                item,
                "lag",
                link.text,
                f"{link.lag:g}% of the predecessor's duration: {round(value)} working days",
            )
        elif abs(value - round(value)) > 1e-3:
            self.report.converted(
                file, "link", item, "lag", link.text, f"rounded to {round(value)} working days"
            )
        return max(-MAX_DAYS, min(MAX_DAYS, round(value)))

    def add_link(self, pred: _Leaf, succ: _Leaf, kind: str, lag: int) -> None:
        entry = {"task": pred.key if pred.project != succ.project else pred.id, "type": kind, "lag": lag}
        if pred.project != succ.project:
            dependency = {"from": pred.key, "to": succ.key, "type": kind, "lag": lag}
            if dependency not in self.dependencies:
                self.dependencies.append(dependency)
        elif entry not in succ.data["after"]:
            succ.data["after"].append(entry)

    def cross_links(self) -> None:
        for link in self.cross:
            ends = [self.find(ref) for ref in (link.source, link.to)]
            pred, succ = ends
            if pred is None or succ is None:
                missing = link.source if pred is None else link.to
                self.report.not_mapped(
                    link.origin,
                    "link",
                    f"{link.source} -> {link.to}",
                    "task",
                    missing,
                    "no such task among the imported projects (write project.task with the "
                    "project's id and the task's id in the program or in its file)",
                )
                continue
            lag = round(link.lag)
            if abs(lag - link.lag) > 1e-3:
                self.report.converted(
                    link.origin,
                    "link",
                    f"{link.source} -> {link.to}",
                    "lag",
                    link.lag,
                    f"rounded to {lag} working days",
                )
            self.add_link(pred, succ, link.type, lag)

    def find(self, reference: str) -> _Leaf | None:
        """A task named ``project.task``: the project's id (or its file's stem) and the task's id or uid."""
        if "." not in reference:
            return None
        project, task = reference.strip().split(".", 1)
        for leaf in self.leaf_of.values():
            if project in (leaf.project, leaf.plan.path.stem, safe_id(leaf.plan.path.stem)) and task in (
                leaf.id,
                leaf.source.uid,
            ):
                return leaf
        return None

    # ------------------------------------------------------------------ resources
    def resources(self, index: int, plan: SourcePlan) -> None:
        file = self.file(plan)
        counts: dict[str, int] = defaultdict(int)
        for assignment in plan.assignments:
            counts[assignment.resource or ""] += 1
        for resource in plan.resources:
            item = f"resource {resource.uid} '{resource.name}'"
            if resource.kind != "work":
                self.report.not_mapped(
                    file,
                    "resource",
                    item,
                    "type",
                    resource.kind,
                    f"only work resources (people and roles) are planned; its "
                    f"{counts[resource.uid]} assignments are left out",
                )
                continue
            units = resource.max_units if resource.max_units is not None else 100.0
            as_role = resource.role or resource.generic or units > 100 + _TOLERANCE
            key = name_id(resource.name, "resource")
            if as_role:
                self.role(index, plan, resource, key, units, item)
            else:
                self.person(index, plan, resource, key, units, item)

    def role(
        self, index: int, plan: SourcePlan, resource: SourceResource, key: str, units: float, item: str
    ) -> None:
        file = self.file(plan)
        if key in self.roles:
            self.resource_ids[(index, resource.uid)] = ("role", key)
            return
        capacity = max(1, math.floor(units / 100 + _TOLERANCE))
        role: dict[str, Any] = {"id": key, "name": resource.name, "capacity": capacity}
        if abs(capacity * 100 - units) > _TOLERANCE:
            self.report.converted(
                file, "resource", item, "max units", f"{units:g}%", f"a role of {capacity} whole people"
            )
        changes = []
        for first, _, percent in _windows_in_use(resource.availability):
            people = math.floor(percent / 100 + _TOLERANCE)
            if people != capacity:
                changes.append({"from": first.isoformat(), "capacity": people})
        if changes:
            role["changes"] = changes
            self.report.converted(
                file,
                "resource",
                item,
                "availability",
                len(changes),
                "capacity changes from each window's start (the end of a window is not kept)",
            )
        if resource.day_rate:
            role["day_rate"] = round(resource.day_rate)
        if (
            resource.calendar
            and resource.calendar in plan.calendars
            and plan.calendars[resource.calendar].exceptions
        ):
            self.report.not_mapped(
                file,
                "calendar",
                f"calendar '{resource.calendar}'",
                "exceptions",
                len(plan.calendars[resource.calendar].exceptions),
                "a role's calendar exceptions: the role follows the program calendar",
            )
        self.roles[key] = role
        self.resource_ids[(index, resource.uid)] = ("role", key)

    def person(
        self, index: int, plan: SourcePlan, resource: SourceResource, key: str, units: float, item: str
    ) -> None:
        file = self.file(plan)
        self.resource_ids[(index, resource.uid)] = ("person", key)
        if key in self.people:
            return
        availability = max(1, min(100, round(units)))
        person: dict[str, Any] = {
            "id": key,
            "name": resource.name,
            "availability": availability,
            "windows": _windows_in_use(resource.availability),
            "leave": [],
        }
        if resource.day_rate:
            person["day_rate"] = round(resource.day_rate)
        calendar = plan.calendars.get(resource.calendar or "")
        if calendar is not None:
            if calendar.workdays != self.workdays:
                self.report.not_mapped(
                    file,
                    "calendar",
                    f"calendar '{calendar.name}'",
                    "working days",
                    ",".join(calendar.workdays),
                    f"{resource.name} works the program's days ({','.join(self.workdays)})",
                )
            for first, last, working, name in calendar.exceptions:
                if working:
                    self.report.not_mapped(
                        file,
                        "calendar",
                        f"calendar '{calendar.name}'",
                        "exception",
                        f"{first}..{last}",
                        "extra working days of a person are not held",
                    )
                elif not all(d in self.holidays for d in _days(first, last)):
                    person["leave"].append(
                        {
                            "from": first.isoformat(),
                            "to": last.isoformat(),
                            **({"reason": name} if name else {}),
                        }
                    )
        self.people[key] = person

    def person_document(self, person: dict[str, Any], start: dt.date) -> dict[str, Any]:
        out = {k: v for k, v in person.items() if k not in ("windows", "leave") and v is not None}
        windows = person["windows"]
        leave = list(person["leave"])
        part_time = []
        if windows:
            cursor = start
            end = start + dt.timedelta(days=365 * _HOLIDAY_YEARS)
            if windows[-1][1] >= _OPEN_END:
                windows = [*windows[:-1], (windows[-1][0], max(end, windows[-1][1]), windows[-1][2])]
            for first, last, percent in windows:
                if last < start:
                    continue
                first = max(first, start)
                if first > cursor:
                    leave.append(
                        {
                            "from": cursor.isoformat(),
                            "to": (first - dt.timedelta(days=1)).isoformat(),
                            "reason": "not available",
                        }
                    )
                share = max(0, min(100, round(percent)))
                if share == 0:
                    leave.append(
                        {
                            "from": first.isoformat(),
                            "to": min(last, end).isoformat(),
                            "reason": "not available",
                        }
                    )
                elif share != out["availability"]:
                    part_time.append(
                        {"from": first.isoformat(), "to": min(last, end).isoformat(), "percent": share}
                    )
                cursor = max(cursor, last + dt.timedelta(days=1))
            if cursor < end:
                leave.append({"from": cursor.isoformat(), "to": end.isoformat(), "reason": "not available"})
        leave = [w for w in leave if dt.date.fromisoformat(w["to"]) >= start]
        for window in leave:
            window["from"] = max(dt.date.fromisoformat(window["from"]), start).isoformat()
        if part_time:
            out["part_time"] = part_time
        if leave:
            out["leave"] = leave
        return out

    def assignments(self, index: int, plan: SourcePlan) -> None:
        file = self.file(plan)
        by_uid = {t.uid: t for t in plan.tasks}
        seen: dict[tuple[str, str], int] = {}
        for assignment in plan.assignments:
            task = by_uid.get(assignment.task)
            resource_uid = assignment.resource or assignment.role
            if task is None or resource_uid is None:
                continue
            target = self.resource_ids.get((index, resource_uid))
            if target is None and assignment.role is not None:
                target = self.resource_ids.get((index, assignment.role))
            if target is None:
                continue  # a material or cost resource: reported with the resource
            item = f"{self.item(task)} <- resource {resource_uid}"
            if task.summary:
                self.report.not_mapped(
                    file,
                    "assignment",
                    item,
                    "task",
                    "summary",
                    "work is assigned to tasks, not to summary tasks",
                )
                continue
            leaf = self.leaf_of.get((index, task.uid))
            if leaf is None:
                continue
            kind, ident = target
            if (leaf.key, ident) in seen:
                self.report.converted(
                    file,
                    "assignment",
                    item,
                    "resource",
                    ident,
                    "assigned more than once to the task: one requirement",
                )
                continue
            seen[(leaf.key, ident)] = 1
            if kind == "role":
                count = max(1, math.ceil(assignment.units / 100 - _TOLERANCE))
                capacity = max(
                    [
                        self.roles[ident]["capacity"],
                        *(c["capacity"] for c in self.roles[ident].get("changes", [])),
                    ]
                )
                if count > capacity:
                    self.report.converted(
                        file,
                        "assignment",
                        item,
                        "units",
                        f"{assignment.units:g}%",
                        f"more than the role's {capacity}: {capacity}",
                    )
                    count = capacity
                leaf.data["requires"].append({"role": ident, "count": count})
                continue
            person = self.people[ident]
            most = max([person["availability"], *(round(w[2]) for w in person["windows"])])
            allocation = max(1, min(100, most, round(assignment.units)))
            if abs(allocation - assignment.units) > 0.5:
                self.report.converted(
                    file,
                    "assignment",
                    item,
                    "units",
                    f"{assignment.units:g}%",
                    f"an allocation of {allocation}% ({person['name']} gives at most {most}%)",
                )
            leaf.data["requires"].append(
                {"person": ident, **({"allocation": allocation} if allocation != 100 else {})}
            )

    # ------------------------------------------------------------------ baseline
    def baseline(self, program: Program) -> Schedule | None:
        rows = []
        for leaf in self.leaf_of.values():
            first, last = leaf.source.baseline_start, leaf.source.baseline_finish
            if first is None:
                continue
            if last is None or last < first or leaf.duration == 0:
                last = first
            rows.append(ScheduledTask(project=leaf.project, task=leaf.id, start=first, finish=last))
        if not rows:
            return None
        return Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows))


def _short(entry: dict[str, Any], project: str) -> Any:
    """An ``after`` entry in its shortest form: a bare id for a plain finish-to-start link."""
    if entry["type"] == "FS" and entry["lag"] == 0:
        return entry["task"]
    return {k: v for k, v in entry.items() if not (k == "lag" and v == 0)}


def _leaf_uids(task: SourceTask, children: dict[str | None, list[SourceTask]]) -> list[str]:
    if not task.summary:
        return [task.uid]
    out, stack = [], list(reversed(children.get(task.uid, [])))
    while stack:
        current = stack.pop()
        if current.summary:
            stack.extend(reversed(children.get(current.uid, [])))
        else:
            out.append(current.uid)
    return out


def _windows_in_use(windows: list[tuple[dt.date, dt.date, float]]) -> list[tuple[dt.date, dt.date, float]]:
    """Availability windows in date order (an open end, Microsoft Project's 2049-12-31, stays open)."""
    return sorted(windows)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def map_plans(
    plans: list[SourcePlan],
    links: list[CrossLink] | None = None,
    name: str | None = None,
    start: dt.date | None = None,
) -> Imported:
    """Map plans (one project each) and cross-project links to one validated program.

    Parameters
    ----------
    plans
        The plans, in order; the first one's calendar is the program's.
    links
        Links between projects (from a links sheet or file).
    name
        The program's name (default: the plan's name, or "Imported program" for several).
    start
        The program start (default: the earliest start of the plans and their tasks).

    Returns
    -------
    Imported
        The program, the report of what was not mapped or converted, and the baseline.

    Raises
    ------
    InputError
        No plan, no task, or no start date anywhere.
    planner.errors.ProgramInvalid
        The mapped program breaks a rule of the program format (e.g. a dependency cycle).
    """
    return _Mapper(plans, links or [], name, start).run()


__all__ = ["WBS_SEPARATOR", "Imported", "map_plans"]
