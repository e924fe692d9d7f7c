"""Read Microsoft Project and Primavera P6 files through MPXJ into :class:`SourcePlan` objects.

One function, :func:`read_plans`, takes a ``.mpp``, ``.mpt``, ``.mpx``, MSPDI ``.xml``, ``.xer``
or P6 XML (``.xml``, ``.pmxml``) file and returns one :class:`SourcePlan` per project in it (a
XER or P6 XML file may hold several). Values are converted to Python dates and to working days
(the file's own minutes per day, week and month) and nothing else is decided here. A file MPXJ
cannot read is an :class:`planner.errors.InputError` naming it, never a Java stack trace.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from planner.errors import InputError
from planner.interop import session
from planner.interop.source import (
    LinkType,
    SourceAssignment,
    SourceCalendar,
    SourceLink,
    SourcePlan,
    SourceResource,
    SourceTask,
)

logger = logging.getLogger(__name__)

MPXJ_SUFFIXES = (".mpp", ".mpt", ".mpx", ".xml", ".xer", ".pmxml")
"""File extensions read through MPXJ."""

PLANNER_KEY_ALIAS = "Planner key"
"""Alias of the task text field in which the planner's exports keep each task's ``project.task``."""

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LINK_TYPES: dict[str, LinkType] = {
    "FS": "FS",
    "SS": "SS",
    "FF": "FF",
    "SF": "SF",
    "FINISH_START": "FS",
    "START_START": "SS",
    "FINISH_FINISH": "FF",
    "START_FINISH": "SF",
}
_P6_FORMATS = ("XER", "PMXML", "P3", "SDEF")


def read_plans(path: Path) -> list[SourcePlan]:
    """Every project of a Microsoft Project or P6 file, as plain data.

    Parameters
    ----------
    path
        The file; its format is recognised from its content (MPXJ's universal reader).

    Returns
    -------
    list of SourcePlan
        One per project in the file, in file order.

    Raises
    ------
    InputError
        The file is missing, is not a plan file MPXJ recognises, or cannot be read (truncated,
        password-protected, corrupt); the message names the file and what is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    session.start()
    from org.mpxj.reader import UniversalProjectReader

    try:
        projects = list(UniversalProjectReader().readAll(str(path)))
    except Exception as error:  # noqa: BLE001 - Java's exceptions, any kind, become one message
        raise InputError(
            f"{path}: cannot read it as a Microsoft Project or Primavera P6 plan "
            f"({session.java_message(error)})"
        ) from None
    if not projects:
        raise InputError(
            f"{path}: cannot read it as a plan: it is damaged or truncated, or not a file of "
            "Microsoft Project (.mpp, .mpt, .mpx, MSPDI .xml) or Primavera P6 (.xer, P6 XML)"
        )
    try:
        return [_plan(path, project) for project in projects]
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - a file MPXJ read but whose values make no sense
        raise InputError(f"{path}: cannot read its plan ({session.java_message(error)})") from None


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return dt.date(int(value.getYear()), int(value.getMonthValue()), int(value.getDayOfMonth()))


def _finish(value: Any, start: Any) -> dt.date | None:
    """The last day worked of a finish: a finish at midnight closes the day before, unless the file gives
    dates without times (its start at midnight too, as MPX does)."""
    day = _date(value)
    if day is None or start is None or value.isEqual(start):
        return day
    if (
        int(value.getHour()) == 0
        and int(value.getMinute()) == 0
        and (int(start.getHour()), int(start.getMinute())) != (0, 0)
    ):
        return day - dt.timedelta(days=1)
    return day


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _Units:
    """Converts MPXJ durations (value and unit) into working days with the file's own day length."""

    def __init__(self, properties: Any) -> None:
        self.minutes_per_day = float(properties.getMinutesPerDay() or 480)
        self.minutes_per_week = float(properties.getMinutesPerWeek() or 5 * self.minutes_per_day)
        self.days_per_month = float(properties.getDaysPerMonth() or 20)
        self.days_per_week = self.minutes_per_week / self.minutes_per_day

    def days(self, duration: Any) -> tuple[float, str]:
        """``(value, kind)``: working days for ``work``, calendar days for ``elapsed``, percent for ``percent``."""
        value, unit = float(duration.getDuration()), str(duration.getUnits())
        if unit.endswith("%"):
            return value, "percent"
        elapsed = unit.startswith("e")
        base = unit[1:] if elapsed else unit
        if elapsed:
            per_day = {"m": 1 / 1440, "h": 1 / 24, "d": 1.0, "w": 7.0, "mo": 30.0, "y": 365.0}
            return value * per_day.get(base, 1.0), "elapsed"
        minutes = self.minutes_per_day
        per_work_day = {
            "m": 1 / minutes,
            "h": 60 / minutes,
            "d": 1.0,
            "w": self.days_per_week,
            "mo": self.days_per_month,
            "y": 12 * self.days_per_month,
        }
        return value * per_work_day.get(base, 1.0), "work"

    def day_rate(self, rate: Any) -> float | None:
        if rate is None or rate.getAmount() is None:
            return None
        amount, unit = float(rate.getAmount()), str(rate.getUnits())
        unit = unit.removeprefix("e")
        per_day = {
            "m": self.minutes_per_day,
            "h": self.minutes_per_day / 60,
            "d": 1.0,
            "w": 1 / self.days_per_week,
            "mo": 1 / self.days_per_month,
            "y": 1 / (12 * self.days_per_month),
        }
        return amount * per_day.get(unit, 1.0)


def _calendar(calendar: Any, day_of_week: Any) -> SourceCalendar:
    days = day_of_week.values()
    workdays = tuple(
        name for name, day in zip(_WEEKDAYS, days, strict=True) if bool(calendar.isWorkingDay(day))
    )
    exceptions = []
    try:
        found = calendar.getExpandedCalendarExceptions()
    except Exception:  # noqa: BLE001 - older calendars: their own list
        found = calendar.getCalendarExceptions()
    for exception in found:
        first, last = _date(exception.getFromDate()), _date(exception.getToDate())
        if first is None:
            continue
        exceptions.append((first, last or first, bool(exception.getWorking()), _text(exception.getName())))
    minutes = calendar.getMinutesPerDay()
    return SourceCalendar(
        name=_text(calendar.getName()),
        workdays=workdays,
        exceptions=exceptions,
        minutes_per_day=int(minutes) if minutes is not None else None,
    )


def _planner_key_field(project: Any) -> bool:
    """Whether the file's Text1 task field is the planner's key (a file the planner wrote)."""
    try:
        from org.mpxj import TaskField

        custom = project.getCustomFields().get(TaskField.TEXT1)
        return custom is not None and _text(custom.getAlias()) == PLANNER_KEY_ALIAS
    except Exception:  # noqa: BLE001 - no custom fields in this format
        return False


def _plan(path: Path, project: Any) -> SourcePlan:
    from java.time import DayOfWeek

    properties = project.getProjectProperties()
    units = _Units(properties)
    file_format = _text(properties.getFileType()) or path.suffix.lstrip(".").upper()
    p6 = file_format in _P6_FORMATS
    tasks = list(project.getTasks())
    root = next((t for t in tasks if t.getOutlineLevel() is not None and int(t.getOutlineLevel()) == 0), None)
    name = (
        next(
            (
                n
                for n in (
                    _text(properties.getProjectTitle()),
                    _text(root.getName()) if root is not None else "",
                    _text(properties.getName()),
                )
                if n and n != path.name
            ),
            "",
        )
        or path.stem
    )
    default = project.getDefaultCalendar()
    plan = SourcePlan(
        path=path,
        format=file_format,
        name=name,
        start=_date(properties.getStartDate()),
        status_date=_date(properties.getStatusDate()),
        calendar=_text(default.getName()) if default is not None else None,
        currency=_text(properties.getCurrencySymbol()),
        id_kind="activity_id" if p6 else "unique_id",
    )
    for calendar in project.getCalendars():
        read = _calendar(calendar, DayOfWeek)
        plan.calendars.setdefault(read.name, read)

    keyed = _planner_key_field(project)
    uids: dict[int, str] = {}
    for task in tasks:
        unique = task.getUniqueID()
        if unique is None:
            continue
        activity = _text(task.getActivityID()) if p6 else ""
        summary = not task.getChildTasks().isEmpty()
        uids[int(unique)] = (
            (f"wbs{int(unique)}" if summary else activity)
            if p6 and (summary or activity)
            else str(int(unique))
        )
    for row, task in enumerate(tasks):
        if task is root or task.getUniqueID() is None or bool(task.getNull()):
            continue
        plan.tasks.append(_task(task, row, uids, units, root, keyed))
    for resource in project.getResources():
        read_resource = _resource(resource, units)
        if read_resource is not None:
            plan.resources.append(read_resource)
    for assignment in project.getResourceAssignments():
        task = assignment.getTask()
        if task is None or task.getUniqueID() is None or int(task.getUniqueID()) not in uids:
            continue
        resource, role = assignment.getResource(), _role_of(assignment)
        units_value = assignment.getUnits()
        plan.assignments.append(
            SourceAssignment(
                task=uids[int(task.getUniqueID())],
                resource=str(int(resource.getUniqueID()))
                if resource is not None and resource.getUniqueID() is not None
                else None,
                units=float(units_value) if units_value is not None else 100.0,
                role=str(int(role.getUniqueID()))
                if role is not None and role.getUniqueID() is not None
                else None,
            )
        )
    logger.info(
        "read %s: %s, %d tasks, %d resources", path, file_format, len(plan.tasks), len(plan.resources)
    )
    return plan


def _role_of(assignment: Any) -> Any:
    try:
        return assignment.getRole()
    except Exception:  # noqa: BLE001 - formats without roles on assignments
        return None


def _task(task: Any, row: int, uids: dict[int, str], units: _Units, root: Any, keyed: bool) -> SourceTask:
    unique = int(task.getUniqueID())
    parent = task.getParentTask()
    duration = task.getDuration()
    days: float | None = None
    elapsed = False
    if duration is not None:
        days, kind = units.days(duration)
        elapsed = kind == "elapsed"
    remaining = task.getRemainingDuration()
    calendar = task.getCalendar()
    splits = task.getWorkSplits()
    out = SourceTask(
        uid=uids[unique],
        name=_text(task.getName()),
        row=int(task.getID()) if task.getID() is not None else row,
        parent=uids.get(int(parent.getUniqueID()))
        if parent is not None
        and parent.getUniqueID() is not None
        and (root is None or int(parent.getUniqueID()) != int(root.getUniqueID()))
        else None,
        summary=not task.getChildTasks().isEmpty(),
        milestone=bool(task.getMilestone()),
        duration=days,
        duration_text=_text(duration),
        elapsed=elapsed,
        start=_date(task.getStart()),
        finish=_finish(task.getFinish(), task.getStart()),
        constraint=_text(task.getConstraintType()) or None,
        constraint_date=_date(task.getConstraintDate()),
        secondary_constraint=_text(task.getSecondaryConstraintType()) or None,
        secondary_constraint_date=_date(task.getSecondaryConstraintDate()),
        deadline=_date(task.getDeadline()),
        percent_complete=float(task.getPercentageComplete() or 0),
        actual_start=_date(task.getActualStart()),
        actual_finish=_finish(task.getActualFinish(), task.getActualStart()),
        remaining=units.days(remaining)[0] if remaining is not None else None,
        baseline_start=_date(task.getBaselineStart()),
        baseline_finish=_finish(task.getBaselineFinish(), task.getBaselineStart()),
        fixed_cost=float(task.getFixedCost() or 0),
        calendar=_text(calendar.getName()) if calendar is not None else None,
        pieces=_pieces(splits),
        manual=_text(task.getTaskMode()) == "MANUALLY_SCHEDULED",
        inactive=task.getActive() is not None and not bool(task.getActive()),
        planner_key=_text(task.getText(1)) or None if keyed else None,
    )
    for relation in task.getPredecessors():
        pred = relation.getPredecessorTask()
        if pred is None or pred.getUniqueID() is None:
            continue
        lag = relation.getLag()
        value, kind = units.days(lag) if lag is not None else (0.0, "work")
        link = SourceLink(
            pred=uids.get(int(pred.getUniqueID()), str(int(pred.getUniqueID()))),
            type=_LINK_TYPES.get(_text(relation.getType()), "FS"),
            lag=value,
            lag_kind=kind,  # type: ignore[arg-type]
            text=_text(lag),
        )
        if bool(pred.getExternalTask()):
            link.file = Path(_text(pred.getSubprojectFile())).stem or None
            external = pred.getSubprojectTaskUniqueID()
            link.pred = str(int(external)) if external is not None else link.pred
        out.links.append(link)
    return out


def _pieces(splits: Any) -> int:
    """How many pieces a split task has: gaps of a working weekday or more between its work ranges.

    MPXJ lists a task's work in ranges (one per contour step, too), so adjacent ranges are one piece.
    """
    if splits is None:
        return 1
    pieces, previous = 1, None
    for window in splits:
        first, last = _date(window.getStart()), _date(window.getEnd())
        if previous is not None and first is not None:
            between = (previous + dt.timedelta(days=n) for n in range(1, (first - previous).days))
            pieces += any(day.weekday() < 5 for day in between)
        previous = last
    return pieces


def _resource(resource: Any, units: _Units) -> SourceResource | None:
    if resource.getUniqueID() is None or bool(resource.getNull()) or not _text(resource.getName()):
        return None
    kind = _text(resource.getType()).lower()
    maximum = resource.getMaxUnits()
    availability = []
    for entry in resource.getAvailability():
        window = entry.getRange()
        first, last = _date(window.getStart()), _date(window.getEnd())
        if first is not None and last is not None and entry.getUnits() is not None:
            availability.append((first, last, float(entry.getUnits())))
    calendar = resource.getCalendar()
    return SourceResource(
        uid=str(int(resource.getUniqueID())),
        name=_text(resource.getName()),
        kind="material" if kind == "material" else "cost" if kind == "cost" else "work",
        role=bool(resource.getRole()),
        generic=bool(resource.getGeneric()),
        max_units=float(maximum) if maximum is not None else None,
        availability=availability,
        day_rate=units.day_rate(resource.getStandardRate()),
        calendar=_text(calendar.getName()) if calendar is not None else None,
    )


__all__ = ["MPXJ_SUFFIXES", "PLANNER_KEY_ALIAS", "read_plans"]
