"""Task lists in Excel (``.xlsx``) and CSV read into :class:`SourcePlan` objects, and links files.

A task list has a header row and a task per row. Column names are matched without regard to
case, spaces or underscores, and the usual names of Microsoft Project's and P6's exports are
understood:

========================  ==========================================================================
column                    holds
========================  ==========================================================================
Name (Task Name)          the task's name (required)
Duration                  working days: ``5``, ``5d``, ``2w``, ``16h`` (8 hours a day), ``3ed`` (elapsed
                          days); ``0`` makes a milestone (required)
ID                        the task's id, referred to by Predecessors (default: the row's number)
Predecessors              ``3``, ``3FS+2d``, ``5SS-1d``, ``7FF``, ``4SF+50%``, separated by ``,`` or ``;``
Resources                 ``Dana Okafor``, ``Developer[200%]``, separated by ``,`` or ``;``
WBS (Phase)               the summary tasks above it, ``Build / Backend``
Start, Finish             the file's dates (the earliest start is the program start)
Release, Deadline         Start No Earlier Than and Finish No Later Than
Milestone                 ``yes`` for a milestone
% Complete, Actual Start, Actual Finish, Baseline Start, Baseline Finish, Cost
Key                       ``project.task`` (written by ``planner export``: the task keeps its id)
========================  ==========================================================================

In a workbook every sheet with Name and Duration columns is a project (named after the sheet);
IDs are shared by the whole workbook, so a predecessor on another sheet is a link between
projects. A sheet named ``resources`` (Name, Type ``person`` or ``role``, Max Units, Rate per
day) describes the resources, and a sheet named ``links`` (From, To, Type, Lag) links projects.
A CSV file is one project, or, with From and To columns, a links file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import InputError
from planner.interop.ids import safe_id
from planner.interop.mapping import WBS_SEPARATOR
from planner.interop.source import (
    CrossLink,
    LinkType,
    SourceAssignment,
    SourceLink,
    SourcePlan,
    SourceResource,
    SourceTask,
)

TABLE_SUFFIXES = (".xlsx", ".csv")
"""File extensions read as task lists or links files."""

_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "taskid", "activityid", "uniqueid", "uid"),
    "key": ("key", "plannerkey"),
    "name": ("name", "taskname", "task", "activityname", "title"),
    "duration": ("duration", "durationdays", "days", "originalduration", "plannedduration"),
    "predecessors": ("predecessors", "after", "dependson"),
    "resources": ("resources", "resourcenames", "assignedto", "resource"),
    "wbs": ("wbs", "phase", "summary", "wbspath", "outline"),
    "start": ("start", "startdate", "plannedstart"),
    "finish": ("finish", "finishdate", "end", "plannedfinish"),
    "release": ("release", "startnoearlierthan", "snet", "notbefore"),
    "deadline": ("deadline", "finishnolaterthan", "fnlt", "due"),
    "milestone": ("milestone",),
    "percent": ("complete", "percentcomplete", "pctcomplete", "%complete", "progress"),
    "actual_start": ("actualstart",),
    "actual_finish": ("actualfinish",),
    "baseline_start": ("baselinestart",),
    "baseline_finish": ("baselinefinish",),
    "cost": ("cost", "fixedcost"),
    "from": ("from", "predecessor", "source"),
    "to": ("to", "successor", "target"),
    "type": ("type", "kind", "linktype"),
    "lag": ("lag",),
    "max_units": ("maxunits", "units", "capacity", "max"),
    "rate": ("rate", "dayrate", "rateperday", "standardrate"),
}
_LINK = re.compile(
    r"^\s*(?P<ref>[^\s+\-]+?|[^\s]+?)\s*(?P<type>FS|SS|FF|SF)?\s*"
    r"(?P<lag>[+-]\s*\d+(?:\.\d+)?\s*(?:ed|ew|eh|d|w|h|%|days?|weeks?|hours?)?)?\s*$",
    re.IGNORECASE,
)
_LINK_TYPES: tuple[LinkType, ...] = ("FS", "SS", "FF", "SF")
_DURATION = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(ed|ew|eh|d|w|h|mo|days?|weeks?|hours?|months?|edays?|eweeks?)?\s*\??\s*$",
    re.IGNORECASE,
)
_RESOURCE = re.compile(r"^\s*(?P<name>.+?)\s*(?:\[\s*(?P<units>\d+(?:\.\d+)?)\s*%?\s*\])?\s*$")
_SEPARATORS = re.compile(r"[;,]")


def _normal(header: object) -> str:
    return re.sub(r"[\s_\-().]+", "", str(header or "").strip().lower())


@dataclass
class _Table:
    """Rows of one sheet or CSV file, with its columns by meaning."""

    where: str
    columns: dict[str, int]
    rows: list[tuple[int, Sequence[Any]]]

    def get(self, row: Sequence[Any], column: str) -> Any:
        index = self.columns.get(column)
        if index is None or index >= len(row):
            return None
        value = row[index]
        return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _table(where: str, rows: Iterable[Sequence[Any]]) -> _Table | None:
    """The table under the first row that looks like a header (within the first ten rows)."""
    materialised = list(rows)
    for n, header in enumerate(materialised[:10]):
        names = [_normal(h) for h in header]
        columns: dict[str, int] = {}
        for meaning, synonyms in _COLUMNS.items():
            for i, name in enumerate(names):
                if name in synonyms and meaning not in columns:
                    columns[meaning] = i
                    break
        if columns:
            data = [
                (n + k + 2, row)
                for k, row in enumerate(materialised[n + 1 :])
                if any(v is not None and str(v).strip() for v in row)
            ]
            return _Table(where, columns, data)
    return None


def read_tables(path: Path) -> tuple[list[SourcePlan], list[CrossLink]]:
    """The projects and the links of an Excel workbook or a CSV file.

    Raises
    ------
    InputError
        The file is missing or unreadable, has no sheet with Name and Duration columns (or From and
        To), or a value that cannot be read (the message names the file, sheet, row and value).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                table = _table(str(path), list(csv.reader(handle)))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise InputError(f"{path}: cannot read it as CSV ({error})") from None
        if (
            table is not None
            and "from" in table.columns
            and "to" in table.columns
            and "duration" not in table.columns
        ):
            return [], _links(table)
        plan, cross = _plan(path, path.stem, _required(path, table), {}, {})
        return [plan], cross
    return _workbook(path)


def _required(path: Path, table: _Table | None, sheet: str = "") -> _Table:
    where = f"{path}" + (f", sheet '{sheet}'" if sheet else "")
    missing = [c for c in ("name", "duration") if table is None or c not in table.columns]
    if table is not None and "key" in table.columns and "name" in missing:
        missing.remove("name")
    if missing:
        raise InputError(
            f"{where}: no column {' or '.join(_COLUMNS[c][0].title() for c in missing)} "
            "(a task list needs Name and Duration; a links file From and To)"
        )
    assert table is not None
    return table


def _workbook(path: Path) -> tuple[list[SourcePlan], list[CrossLink]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError(
            f"{path}: cannot read it as an Excel workbook ({error or type(error).__name__})"
        ) from None
    tables: dict[str, _Table] = {}
    try:
        for sheet in book.worksheets:
            table = _table(f"{path}, sheet '{sheet.title}'", sheet.iter_rows(values_only=True))
            if table is not None:
                tables[sheet.title] = table
    finally:
        book.close()
    links: list[CrossLink] = []
    resources: dict[str, SourceResource] = {}
    projects = {}
    for title, table in tables.items():
        if title.strip().lower() == "links":
            links += _links(table)
        elif title.strip().lower() == "resources":
            resources = _resources(table)
        elif "name" in table.columns or "key" in table.columns:
            if "duration" not in table.columns:
                _required(path, table, title)
            projects[title] = table
    if not projects:
        raise InputError(f"{path}: no sheet with the columns Name and Duration (a task per row)")
    ids = {
        title: {str(_cell_id(t.get(row, "id"), number)) for number, row in t.rows}
        for title, t in projects.items()
    }
    plans = []
    for title, table in projects.items():
        plan, cross = _plan(path, title, table, resources, ids)
        plans.append(plan)
        links += cross
    return plans, links


def _cell_id(value: Any, row: int) -> str:
    if value is None:
        return str(row)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any, where: str, column: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for parse in (
        dt.date.fromisoformat,
        lambda t: dt.datetime.fromisoformat(t).date(),
        lambda t: dt.datetime.strptime(t, "%d/%m/%Y").date(),
    ):
        try:
            return parse(text)
        except ValueError:
            continue
    raise InputError(f"{where}: {column} '{text}' is not a date (write 2027-03-01)")


def _duration(value: Any, where: str) -> tuple[float, bool, str]:
    """``(days, elapsed, as written)`` of a duration cell."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value), False, str(value)
    text = str(value).strip()
    match = _DURATION.match(text)
    if match is None:
        raise InputError(f"{where}: duration '{text}' is not a duration (write 5, 5d, 2w or 16h)")
    number, unit = float(match.group(1)), (match.group(2) or "d").lower()
    elapsed = unit.startswith("e")
    unit = unit[1:] if elapsed else unit
    scale = (
        {"d": 1, "w": 5, "h": 1 / 8, "m": 20}[unit[0]]
        if not elapsed
        else {"d": 1, "w": 7, "h": 1 / 24}[unit[0]]
    )
    return number * scale, elapsed, text


def _lag(text: str) -> tuple[float, str]:
    """``(value, kind)`` of a lag like ``+2d``, ``-1w``, ``+3ed`` or ``+50%``."""
    compact = text.replace(" ", "").lower()
    number = float(re.match(r"[+-]?\d+(?:\.\d+)?", compact).group(0))  # type: ignore[union-attr]
    unit = compact.lstrip("+-0123456789.") or "d"
    if unit == "%":
        return number, "percent"
    if unit.startswith("e"):
        return number * {"d": 1, "w": 7, "h": 1 / 24}[unit[1]], "elapsed"
    return number * {"d": 1, "w": 5, "h": 1 / 8}[unit[0]], "work"


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("yes", "y", "true", "1", "x")


def _plan(
    path: Path, title: str, table: _Table, resources: dict[str, SourceResource], ids: dict[str, set[str]]
) -> tuple[SourcePlan, list[CrossLink]]:
    plan = SourcePlan(
        path=path,
        format="XLSX" if path.suffix.lower() == ".xlsx" else "CSV",
        name=title,
        id_kind="list_id",
        project_id=title if path.suffix.lower() == ".xlsx" else None,
    )
    cross: list[CrossLink] = []
    summaries: dict[str, SourceTask] = {}
    own_ids = {_cell_id(table.get(row, "id"), n) for n, row in table.rows}
    used: dict[str, float] = {}
    for number, row in table.rows:
        where = f"{table.where}, row {number}"
        uid = _cell_id(table.get(row, "id"), number)
        key = table.get(row, "key")
        name = str(table.get(row, "name") or (str(key).split(".", 1)[-1] if key else "")).strip()
        wbs = table.get(row, "wbs")
        parent = None
        if wbs is not None:
            path_so_far = ""
            for part in [p.strip() for p in str(wbs).split(WBS_SEPARATOR.strip()) if p.strip()]:
                path_so_far = f"{path_so_far}/{part}"
                if path_so_far not in summaries:
                    summaries[path_so_far] = SourceTask(
                        uid=f"wbs:{path_so_far}", name=part, summary=True, parent=parent
                    )
                parent = summaries[path_so_far].uid
        raw = table.get(row, "duration")
        milestone = _flag(table.get(row, "milestone")) if table.get(row, "milestone") is not None else False
        days, elapsed, text = _duration(raw, where) if raw is not None else (0.0, False, "")
        task = SourceTask(
            uid=uid,
            name=name,
            row=number,
            parent=parent,
            milestone=milestone or days == 0,
            duration=days,
            duration_text=text,
            elapsed=elapsed,
            start=_date(table.get(row, "start"), where, "start"),
            finish=_date(table.get(row, "finish"), where, "finish"),
            deadline=_date(table.get(row, "deadline"), where, "deadline"),
            actual_start=_date(table.get(row, "actual_start"), where, "actual start"),
            actual_finish=_date(table.get(row, "actual_finish"), where, "actual finish"),
            baseline_start=_date(table.get(row, "baseline_start"), where, "baseline start"),
            baseline_finish=_date(table.get(row, "baseline_finish"), where, "baseline finish"),
            planner_key=str(key).strip() if key else None,
        )
        release = _date(table.get(row, "release"), where, "release")
        if release is not None:
            task.constraint, task.constraint_date = "START_NO_EARLIER_THAN", release
        percent = table.get(row, "percent")
        if percent is not None:
            task.percent_complete = _percent(percent, where)
        cost = table.get(row, "cost")
        if cost is not None:
            task.fixed_cost = _number(cost, where, "cost")
        for item in _items(table.get(row, "predecessors")):
            match = _LINK.match(item)
            if match is None:
                raise InputError(f"{where}: predecessor '{item}' is not a link (write 12, 12FS+2d or 5SS-1d)")
            ref = match.group("ref")
            kind: LinkType = next(
                (t for t in _LINK_TYPES if t == (match.group("type") or "FS").upper()), "FS"
            )
            lag, lag_kind = _lag(match.group("lag")) if match.group("lag") else (0.0, "work")
            if ref in own_ids:
                task.links.append(
                    SourceLink(
                        pred=ref,
                        type=kind,
                        lag=lag,
                        lag_kind=lag_kind,  # type: ignore[arg-type]
                        text=match.group("lag") or "",
                    )
                )
                continue
            other = next((sheet for sheet, known in ids.items() if sheet != title and ref in known), None)
            if other is None:
                raise InputError(f"{where}: predecessor '{item}': no task with ID {ref}")
            if lag_kind != "work":
                raise InputError(
                    f"{where}: predecessor '{item}': a link to another sheet takes a lag in working days"
                )
            cross.append(
                CrossLink(
                    source=f"{safe_id(other)}.{ref}",
                    to=f"{safe_id(title)}.{uid}",
                    type=kind,
                    lag=lag,
                    origin=path.name,
                )
            )
        for item in _items(table.get(row, "resources")):
            match = _RESOURCE.match(item)
            if match is None:
                continue
            resource, units = match.group("name"), float(match.group("units") or 100)
            used[resource] = max(used.get(resource, 0.0), units)
            plan.assignments.append(SourceAssignment(task=uid, resource=resource, units=units))
        plan.tasks.append(task)
    plan.tasks = [*summaries.values(), *plan.tasks]
    starts = [t.start for t in plan.tasks if t.start is not None]
    plan.start = min(starts) if starts else None
    for name, most in used.items():
        described = resources.get(name.lower())
        if described is not None:
            plan.resources.append(
                SourceResource(
                    uid=name,
                    name=described.name,
                    role=described.role,
                    max_units=described.max_units,
                    day_rate=described.day_rate,
                )
            )
        else:
            plan.resources.append(
                SourceResource(uid=name, name=name, role=most > 100, max_units=max(100.0, most))
            )
    return plan, cross


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [item.strip() for item in _SEPARATORS.split(str(value)) if item.strip()]


def _number(value: Any, where: str, column: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip().rstrip("%"))
    except ValueError:
        raise InputError(f"{where}: {column} '{value}' is not a number") from None


def _percent(value: Any, where: str) -> float:
    number = _number(value, where, "% complete")
    return number * 100 if isinstance(value, float) and 0 < number <= 1 else number


def _resources(table: _Table) -> dict[str, SourceResource]:
    out = {}
    for number, row in table.rows:
        name = table.get(row, "name")
        if name is None:
            continue
        where = f"{table.where}, row {number}"
        kind = str(table.get(row, "type") or "person").strip().lower()
        units = table.get(row, "max_units")
        maximum = _number(units, where, "max units") if units is not None else 100.0
        if units is not None and isinstance(units, (int, float)) and maximum <= 50 and kind == "role":
            maximum *= 100  # a head-count, not a percentage
        rate = table.get(row, "rate")
        out[str(name).strip().lower()] = SourceResource(
            uid=str(name).strip(),
            name=str(name).strip(),
            role=kind == "role",
            max_units=maximum,
            day_rate=_number(rate, where, "rate") if rate is not None else None,
        )
    return out


def _links(table: _Table) -> list[CrossLink]:
    out = []
    for number, row in table.rows:
        where = f"{table.where}, row {number}"
        source, to = table.get(row, "from"), table.get(row, "to")
        if source is None or to is None:
            raise InputError(f"{where}: a link needs From and To (project.task)")
        kind = str(table.get(row, "type") or "FS").strip().upper()
        if kind not in _LINK_TYPES:
            raise InputError(f"{where}: link type '{kind}' is none of FS, SS, FF, SF")
        lag_value = table.get(row, "lag")
        lag = 0.0
        if lag_value is not None:
            lag, lag_kind = _lag(f"+{lag_value}" if str(lag_value)[0] not in "+-" else str(lag_value))
            if lag_kind != "work":
                raise InputError(f"{where}: lag '{lag_value}' of a link between projects is in working days")
        out.append(
            CrossLink(
                source=str(source).strip(),
                to=str(to).strip(),
                type=kind,
                lag=lag,
                origin=Path(table.where.split(",")[0]).name,
            )
        )
    return out


__all__ = ["TABLE_SUFFIXES", "read_tables"]
