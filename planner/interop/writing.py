"""A program's schedule written for Microsoft Project and Primavera P6 through MPXJ's writers.

:func:`write_plan` builds one MPXJ project from the program and its schedule and writes it as
MSPDI (``.xml``, which Microsoft Project opens), XER (``.xer``) or P6 XML (``.pmxml``) for P6,
or MPX (``.mpx``). What is written (``docs/interop.md`` has the full table):

- the program calendar (working weekdays, holidays as exceptions);
- people (availability as max units, leave as exceptions of their own calendar, day rates) and
  roles (generic resources of ``capacity`` x 100 % max units);
- a summary task per project, and one per level of a task's WBS path (``Build / Backend /``);
- each task with its schedule's start and finish, its duration, its links (types and lags in
  working days), its assignments (named people at their allocation, the people the solver chose,
  roles at ``count`` x 100 %), its release (Start No Earlier Than), pinned start (Must Start On),
  deadline, fixed cost and, from ``baseline``, baseline dates;
- the ids a task came with: a task ``t12`` gets Unique ID 12 (unless another project's ``t12``
  took it), every task its program id as Activity ID (``project.task`` where two projects share
  the id) and its ``project.task`` in the Text1 field (alias "Planner key"), which ``planner
  import`` reads back from MSPDI;
- where the solver started a task later than its links and release allow (for a resource), the
  difference as a levelling delay in elapsed days, so that Microsoft Project, which reads it,
  keeps the optimised dates.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from planner.errors import InputError
from planner.interop import session
from planner.interop.ids import free_numbers, unique_id_of
from planner.interop.mapping import WBS_SEPARATOR
from planner.interop.reading import PLANNER_KEY_ALIAS
from planner.models import Program, Schedule, ScheduledTask
from planner.models.calendar import WEEKDAYS
from planner.models.network import start_gap
from planner.models.program import Task

logger = logging.getLogger(__name__)

FORMATS = {".xml": "MSPDI", ".xer": "XER", ".pmxml": "PMXML", ".mpx": "MPX"}
"""Extensions written through MPXJ, with MPXJ's name of the format."""

_DAY_START, _DAY_END = 8, 17
_HOURS_PER_DAY = 8
_OPEN = (dt.date(1984, 1, 1), dt.date(2049, 12, 31))


def write_plan(
    path: str | Path, program: Program, schedule: Schedule, baseline: Schedule | None = None
) -> Path:
    """Write ``schedule`` of ``program`` as a Microsoft Project or P6 file, by the extension of ``path``.

    Parameters
    ----------
    path
        ``.xml`` (MSPDI), ``.xer``, ``.pmxml`` (P6 XML) or ``.mpx``.
    program
        The program the schedule is of.
    schedule
        A schedule with a plan (every task dated).
    baseline
        Earlier dates to write as each task's baseline (e.g. the imported file's own dates).

    Raises
    ------
    InputError
        An extension MPXJ does not write, a schedule without a plan, or a writer's failure.
    """
    path = Path(path)
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise InputError(
            f"{path}: cannot write '{path.suffix}' plans; use one of {', '.join(FORMATS)} or .xlsx"
        )
    if not schedule.has_plan:
        raise InputError(
            f"the schedule of {program.name} has no plan (status {schedule.status.value}): nothing to export"
        )
    session.start()
    from org.mpxj.writer import FileFormat, UniversalProjectWriter

    project = _Builder(program, schedule, baseline, p6=file_format in ("XER", "PMXML")).build()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        UniversalProjectWriter(getattr(FileFormat, file_format)).write(project, str(path))
    except Exception as error:  # noqa: BLE001 - Java's exceptions become one message
        raise InputError(
            f"{path}: cannot write it as {file_format} ({session.java_message(error)})"
        ) from None
    logger.info("wrote %s as %s", path, file_format)
    return path


def _datetime(day: dt.date, hour: int) -> Any:
    from java.time import LocalDateTime

    return LocalDateTime.of(day.year, day.month, day.day, hour, 0)


def _integer(value: int) -> Any:
    from java.lang import Integer

    return Integer.valueOf(int(value))


def _local_date(day: dt.date) -> Any:
    from java.time import LocalDate

    return LocalDate.of(day.year, day.month, day.day)


def activity_ids(program: Program) -> dict[str, str]:
    """Each task's Activity ID in an export: its id, or ``project.task`` where two projects share the id."""
    counts: dict[str, int] = {}
    for _, task in program.tasks.values():
        counts[task.id] = counts.get(task.id, 0) + 1
    return {key: task.id if counts[task.id] == 1 else key for key, (_, task) in program.tasks.items()}


def _day_rate(resource: Any, amount: int) -> None:
    """Give ``resource`` a standard rate of ``amount`` per working day (per hour in the file)."""
    from java.lang import Double
    from org.mpxj import CostRateTable, CostRateTableEntry, Rate, TimeUnit

    table = CostRateTable()
    table.add(
        CostRateTableEntry(
            _datetime(_OPEN[0], 0),
            _datetime(_OPEN[1], 23),
            Double(0.0),
            Rate(float(amount) / _HOURS_PER_DAY, TimeUnit.HOURS),
        )
    )
    resource.setCostRateTable(0, table)


class _Builder:
    def __init__(self, program: Program, schedule: Schedule, baseline: Schedule | None, p6: bool) -> None:
        from org.mpxj import ProjectFile

        self.program, self.schedule, self.p6 = program, schedule, p6
        self.rows = schedule.by_key()
        self.baseline = baseline.by_key() if baseline is not None else {}
        self.file = ProjectFile()
        self.resources: dict[str, Any] = {}
        self.tasks: dict[str, Any] = {}
        self.activity_ids = activity_ids(program)

    def build(self) -> Any:
        properties = self.file.getProjectProperties()
        properties.setProjectTitle(self.program.name)
        properties.setName(self.program.name)
        properties.setStartDate(_datetime(self.program.working_days.date(0), _DAY_START))
        self.calendar()
        self.add_resources()
        self.add_tasks()
        self.add_links()
        self.file.updateStructure()
        return self.file

    def calendar(self) -> None:
        from java.time import DayOfWeek, LocalTime
        from org.mpxj import LocalTimeRange

        calendar = self.file.addDefaultBaseCalendar()
        self.file.setDefaultCalendar(calendar)
        for name, day in zip(WEEKDAYS, DayOfWeek.values(), strict=True):
            working = name in self.program.calendar.workdays
            calendar.setWorkingDay(day, working)
            hours = calendar.getCalendarHours(day) or calendar.addCalendarHours(day)
            hours.clear()
            if working:
                hours.add(LocalTimeRange(LocalTime.of(_DAY_START, 0), LocalTime.of(12, 0)))
                hours.add(LocalTimeRange(LocalTime.of(13, 0), LocalTime.of(_DAY_END, 0)))
        for holiday in self.program.calendar.holidays:
            exception = calendar.addCalendarException(_local_date(holiday.date), _local_date(holiday.date))
            if holiday.name:
                exception.setName(holiday.name)
        self.base = calendar

    def add_resources(self) -> None:
        from java.lang import Double
        from org.mpxj import Availability, ResourceType

        numbers = free_numbers(())
        for person in self.program.people:
            resource = self.file.addResource()
            resource.setUniqueID(_integer(next(numbers)))
            resource.setName(person.label)
            resource.setType(ResourceType.WORK)
            resource.getAvailability().add(
                Availability(
                    _datetime(_OPEN[0], 0), _datetime(_OPEN[1], 23), Double(float(person.availability))
                )
            )
            if person.day_rate:
                _day_rate(resource, person.day_rate)
            if person.leave:
                calendar = self.file.addDefaultDerivedCalendar()
                calendar.setParent(self.base)
                calendar.setName(person.label)
                for window in person.leave:
                    exception = calendar.addCalendarException(
                        _local_date(window.start), _local_date(window.end)
                    )
                    if window.reason:
                        exception.setName(window.reason)
                resource.setCalendar(calendar)
            self.resources[f"person:{person.id}"] = resource
        for role in self.program.roles:
            resource = self.file.addResource()
            resource.setUniqueID(_integer(next(numbers)))
            resource.setName(role.label)
            resource.setType(ResourceType.WORK)
            resource.setGeneric(True)
            if self.p6:
                resource.setRole(True)
            resource.getAvailability().add(
                Availability(
                    _datetime(_OPEN[0], 0), _datetime(_OPEN[1], 23), Double(float(role.capacity * 100))
                )
            )
            if role.day_rate:
                _day_rate(resource, role.day_rate)
            self.resources[f"role:{role.id}"] = resource

    def add_tasks(self) -> None:
        from org.mpxj import TaskField

        self.file.getCustomFields().getOrCreate(TaskField.TEXT1).setAlias(PLANNER_KEY_ALIAS)
        reserved: dict[str, int] = {}
        for key, (_, task) in self.program.tasks.items():
            number = unique_id_of(task.id)
            if number is not None and number not in reserved.values():
                reserved[key] = number
        numbers = free_numbers(reserved.values())
        for project in self.program.projects:
            top = self.file.addTask()
            top.setUniqueID(_integer(next(numbers)))
            top.setName(project.label)
            summaries: dict[str, Any] = {}
            for task in project.tasks:
                key = f"{project.id}.{task.id}"
                parent, parts = top, [p for p in task.label.split(WBS_SEPARATOR)]
                for depth in range(1, len(parts)):
                    prefix = WBS_SEPARATOR.join(parts[:depth])
                    if prefix not in summaries:
                        summary = parent.addTask()
                        summary.setUniqueID(_integer(next(numbers)))
                        summary.setName(parts[depth - 1])
                        summaries[prefix] = summary
                    parent = summaries[prefix]
                leaf = parent.addTask()
                leaf.setUniqueID(_integer(reserved[key] if key in reserved else next(numbers)))
                leaf.setName(parts[-1])
                self.task(leaf, key, task)
                self.tasks[key] = leaf
            self.roll_up(top)

    def task(self, leaf: Any, key: str, task: Task) -> None:
        from java.lang import Double
        from org.mpxj import ConstraintType, Duration, TimeUnit

        row = self.rows.get(key)
        if row is None:
            raise InputError(
                f"the schedule has no dates for task {key}; export the schedule solved for this program"
            )
        start = _datetime(row.start, _DAY_START)
        finish = _datetime(row.finish, _DAY_START if task.is_milestone else _DAY_END)
        leaf.setActivityID(self.activity_ids[key])
        leaf.setText(1, key)
        duration = Duration.getInstance(float(task.duration), TimeUnit.DAYS)
        for setter in ("setDuration", "setPlannedDuration", "setRemainingDuration"):
            getattr(leaf, setter)(duration)
        leaf.setPercentageComplete(Double(0.0))
        leaf.setMilestone(task.is_milestone)
        for setter in (
            "setStart",
            "setPlannedStart",
            "setEarlyStart",
            "setRemainingEarlyStart",
            "setScheduledStart",
        ):
            getattr(leaf, setter)(start)
        for setter in (
            "setFinish",
            "setPlannedFinish",
            "setEarlyFinish",
            "setRemainingEarlyFinish",
            "setScheduledFinish",
        ):
            getattr(leaf, setter)(finish)
        if task.fixed_start is not None:
            leaf.setConstraintType(ConstraintType.MUST_START_ON)
            leaf.setConstraintDate(_datetime(task.fixed_start, _DAY_START))
        elif task.release is not None:
            leaf.setConstraintType(ConstraintType.START_NO_EARLIER_THAN)
            leaf.setConstraintDate(_datetime(task.release, _DAY_START))
        elif task.as_late_as_possible:
            leaf.setConstraintType(ConstraintType.AS_LATE_AS_POSSIBLE)
        if task.deadline is not None:
            leaf.setDeadline(_datetime(task.deadline, _DAY_END))
        if task.cost:
            leaf.setFixedCost(Double(float(task.cost)))
        before = self.baseline.get(key)
        if before is not None:
            leaf.setBaselineStart(_datetime(before.start, _DAY_START))
            leaf.setBaselineFinish(_datetime(before.finish, _DAY_START if task.is_milestone else _DAY_END))
        self.assign(leaf, task, row)

    def assign(self, leaf: Any, task: Task, row: ScheduledTask) -> None:
        from java.lang import Double
        from org.mpxj import Duration, TimeUnit

        units: dict[str, float] = {}
        for requirement in task.requires:
            if requirement.role is not None:
                units[f"role:{requirement.role}"] = (
                    units.get(f"role:{requirement.role}", 0) + 100.0 * requirement.count
                )
            elif requirement.person is not None:
                units[f"person:{requirement.person}"] = float(requirement.allocation)
        skills = [r for r in task.requires if r.skill is not None]
        for person in row.people:
            if f"person:{person}" in units:
                continue
            has = self.program.person_by_id.get(person)
            chosen = next(
                (r for r in skills if has is not None and r.skill in has.skills),
                skills[0] if skills else None,
            )
            units[f"person:{person}"] = float(chosen.allocation if chosen is not None else 100)
        for name, percent in units.items():
            resource = self.resources.get(name)
            if resource is None:
                continue
            assignment = leaf.addResourceAssignment(resource)
            assignment.setUnits(Double(percent))
            assignment.setWork(
                Duration.getInstance(task.duration * _HOURS_PER_DAY * percent / 100, TimeUnit.HOURS)
            )
            assignment.setStart(leaf.getStart())
            assignment.setFinish(leaf.getFinish())

    def roll_up(self, summary: Any) -> tuple[Any, Any]:
        """Give a summary task the span of its tasks; return (first start, last finish)."""
        children = list(summary.getChildTasks())
        if not children:
            return summary.getStart(), summary.getFinish()
        spans = [self.roll_up(child) for child in children]
        first = min((s for s, _ in spans if s is not None), key=lambda v: str(v))
        last = max((f for _, f in spans if f is not None), key=lambda v: str(v))
        summary.setSummary(True)
        for setter in ("setStart", "setPlannedStart", "setEarlyStart", "setScheduledStart"):
            getattr(summary, setter)(first)
        for setter in ("setFinish", "setPlannedFinish", "setEarlyFinish", "setScheduledFinish"):
            getattr(summary, setter)(last)
        return first, last

    def add_links(self) -> None:
        from org.mpxj import Duration, Relation, RelationType, TimeUnit

        types = {
            "FS": RelationType.FINISH_START,
            "SS": RelationType.START_START,
            "FF": RelationType.FINISH_FINISH,
            "SF": RelationType.START_FINISH,
        }
        lowest: dict[str, int] = {}
        days = self.program.working_days
        for link in self.program.links:
            pred, succ = self.tasks.get(link.pred), self.tasks.get(link.succ)
            if pred is None or succ is None:
                continue
            succ.addPredecessor(
                Relation.Builder()
                .predecessorTask(pred)
                .type(types[link.type.value])
                .lag(Duration.getInstance(float(link.lag), TimeUnit.DAYS))
            )
            pred_row, succ_task = self.rows[link.pred], self.program.tasks[link.succ][1]
            pred_task = self.program.tasks[link.pred][1]
            bound = days.index_on_or_after(pred_row.start) + start_gap(
                link.type, link.lag, pred_task.duration, succ_task.duration
            )
            lowest[link.succ] = max(lowest.get(link.succ, 0), bound)
        if self.p6:
            return
        for key, leaf in self.tasks.items():
            project, task = self.program.tasks[key]
            release = max(
                (d for d in (task.release, project.release, task.fixed_start) if d is not None), default=None
            )
            floor = max(lowest.get(key, 0), days.index_on_or_after(release) if release is not None else 0, 0)
            start = self.rows[key].start
            earliest = days.date(floor)
            if task.fixed_start is None and start > earliest:
                leaf.setLevelingDelay(
                    Duration.getInstance(float((start - earliest).days), TimeUnit.ELAPSED_DAYS)
                )


__all__ = ["FORMATS", "activity_ids", "write_plan"]
