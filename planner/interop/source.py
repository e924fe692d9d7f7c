"""A plan as its tool wrote it, in plain Python: what the readers produce and the mapping consumes.

Every reader (Microsoft Project and P6 files through MPXJ, Excel and CSV task lists) fills these
classes with the file's own values and units, converted only to dates and working days; the
decisions about what the program can hold are the mapping's (:mod:`planner.interop.mapping`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

LinkType = Literal["FS", "SS", "FF", "SF"]
LagKind = Literal["work", "elapsed", "percent"]


@dataclass
class SourceLink:
    """A predecessor link of a task: the predecessor's id in its file, the type and the lag.

    ``lag`` is in working days for ``work`` lags, in calendar days for ``elapsed`` ones and in
    percent of the predecessor's duration for ``percent`` ones; ``text`` is the lag as written.
    ``file`` names another file's plan (its stem) for a link to an external task.
    """

    pred: str
    type: LinkType = "FS"
    lag: float = 0.0
    lag_kind: LagKind = "work"
    text: str = ""
    file: str | None = None


@dataclass
class SourceTask:
    """A task, summary task or milestone as the file has it.

    ``uid`` is the id the tool keys the task by (Microsoft Project's Unique ID, P6's Activity ID,
    a task list's ID); ``parent`` the uid of its summary task; ``duration`` working days (None when
    the file gives none); ``elapsed`` True when the file's duration is in elapsed (calendar) time.
    """

    uid: str
    name: str
    row: int | None = None
    parent: str | None = None
    summary: bool = False
    milestone: bool = False
    duration: float | None = None
    duration_text: str = ""
    elapsed: bool = False
    start: dt.date | None = None
    finish: dt.date | None = None
    constraint: str | None = None
    constraint_date: dt.date | None = None
    secondary_constraint: str | None = None
    secondary_constraint_date: dt.date | None = None
    deadline: dt.date | None = None
    percent_complete: float = 0.0
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    remaining: float | None = None
    baseline_start: dt.date | None = None
    baseline_finish: dt.date | None = None
    fixed_cost: float = 0.0
    calendar: str | None = None
    links: list[SourceLink] = field(default_factory=list)
    pieces: int = 1
    manual: bool = False
    inactive: bool = False
    planner_key: str | None = None


@dataclass
class SourceResource:
    """A resource: a named person, a role (a P6 role, a generic or multi-unit resource), or material.

    ``max_units`` is in percent (100 = one full-time person); ``availability`` lists windows
    ``(first day, last day, percent)``; ``day_rate`` is the standard rate per working day.
    """

    uid: str
    name: str
    kind: Literal["work", "material", "cost"] = "work"
    role: bool = False
    generic: bool = False
    max_units: float | None = 100.0
    availability: list[tuple[dt.date, dt.date, float]] = field(default_factory=list)
    day_rate: float | None = None
    calendar: str | None = None


@dataclass
class SourceAssignment:
    """A resource (or a role) assigned to a task at ``units`` percent."""

    task: str
    resource: str | None
    units: float = 100.0
    role: str | None = None


@dataclass
class SourceCalendar:
    """A calendar: its working weekdays (``mon``..``sun``) and its exceptions.

    ``exceptions`` are ``(first day, last day, working, name)``; a working exception makes
    normally free days working ones.
    """

    name: str
    workdays: tuple[str, ...]
    exceptions: list[tuple[dt.date, dt.date, bool, str]] = field(default_factory=list)
    minutes_per_day: int | None = None


@dataclass
class SourcePlan:
    """One project as read from one file (a file may hold several)."""

    path: Path
    format: str
    name: str
    start: dt.date | None = None
    status_date: dt.date | None = None
    calendar: str | None = None
    calendars: dict[str, SourceCalendar] = field(default_factory=dict)
    tasks: list[SourceTask] = field(default_factory=list)
    resources: list[SourceResource] = field(default_factory=list)
    assignments: list[SourceAssignment] = field(default_factory=list)
    currency: str = ""
    id_kind: Literal["unique_id", "activity_id", "list_id"] = "unique_id"
    project_id: str | None = None


@dataclass
class CrossLink:
    """A link between two projects from a links sheet or file: ``project.task`` on either end."""

    source: str
    to: str
    type: LinkType = "FS"
    lag: float = 0.0
    origin: str = ""


__all__ = [
    "CrossLink",
    "LagKind",
    "LinkType",
    "SourceAssignment",
    "SourceCalendar",
    "SourceLink",
    "SourcePlan",
    "SourceResource",
    "SourceTask",
]
