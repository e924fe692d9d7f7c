"""A schedule as a readable Excel plan: a sheet per project, predecessors as Project users write them.

Each project's sheet has a row per task: ``ID`` (numbered through the workbook, so a predecessor
on another sheet is written the same way), ``Key`` (``project.task``), ``Original ID`` (the id in
the tool the task came from: Microsoft Project's Unique ID for ``t12``, else the task's id),
``WBS``, ``Name``, ``Duration`` (working days), ``Start``, ``Finish``, ``Predecessors``
(``12FS+2d``; a plain finish-to-start link is just ``12``), ``Resources`` (``Dana Okafor[50%]``,
``Developer[200%]``), ``Release``, ``Deadline`` and, with a baseline, ``Baseline Start`` and
``Baseline Finish``. A ``resources`` sheet lists people and roles. ``planner import`` reads the
workbook back (the Key column keeps every task's id).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from planner.errors import InputError
from planner.interop.ids import unique_id_of
from planner.interop.mapping import WBS_SEPARATOR
from planner.models import Program, Schedule

COLUMNS = (
    "ID",
    "Key",
    "Original ID",
    "WBS",
    "Name",
    "Duration",
    "Milestone",
    "Start",
    "Finish",
    "Predecessors",
    "Resources",
    "Release",
    "Deadline",
    "Baseline Start",
    "Baseline Finish",
)


def predecessor_text(number: int, kind: str, lag: int) -> str:
    """A predecessor as Microsoft Project writes it: ``12``, ``12SS``, ``12FS+2d``, ``7FF-1d``."""
    if kind == "FS" and lag == 0:
        return str(number)
    return f"{number}{kind}" + (f"{lag:+d}d" if lag else "")


def write_workbook(
    path: str | Path, program: Program, schedule: Schedule, baseline: Schedule | None = None
) -> Path:
    """Write the Excel plan of ``schedule`` (see the module's description) to ``path`` (``.xlsx``).

    Raises
    ------
    InputError
        The schedule has no plan.
    """
    path = Path(path)
    if not schedule.has_plan:
        raise InputError(
            f"the schedule of {program.name} has no plan (status {schedule.status.value}): nothing to export"
        )
    rows = schedule.by_key()
    before = baseline.by_key() if baseline is not None else {}
    numbers = {key: n for n, key in enumerate(program.tasks, start=1)}
    incoming: dict[str, list[str]] = {}
    for link in program.links:
        incoming.setdefault(link.succ, []).append(
            predecessor_text(numbers[link.pred], link.type.value, link.lag)
        )
    book = Workbook()
    book.remove(book.active)
    titles: set[str] = set()
    for project in program.projects:
        title = project.id[:31]
        while title.lower() in titles or title.lower() in ("resources", "links"):
            title = f"{title[:28]}_{len(titles)}"
        titles.add(title.lower())
        sheet = book.create_sheet(title)
        sheet.append(COLUMNS)
        for task in project.tasks:
            key = f"{project.id}.{task.id}"
            row = rows.get(key)
            *path_parts, name = task.label.split(WBS_SEPARATOR)
            original = unique_id_of(task.id)
            earlier = before.get(key)
            sheet.append(
                [
                    numbers[key],
                    key,
                    str(original) if original is not None else task.id,
                    WBS_SEPARATOR.join(path_parts) or None,
                    name,
                    task.duration,
                    "yes" if task.is_milestone else None,
                    row.start if row else None,
                    row.finish if row else None,
                    ", ".join(incoming.get(key, [])) or None,
                    _resources(program, task, row.people if row else ()),
                    task.release,
                    task.deadline,
                    earlier.start if earlier else None,
                    earlier.finish if earlier else None,
                ]
            )
        _widths(sheet)
    sheet = book.create_sheet("resources")
    sheet.append(("Name", "Type", "Max Units", "Rate"))
    for person in program.people:
        sheet.append((person.label, "person", person.availability, person.day_rate or None))
    for role in program.roles:
        sheet.append((role.label, "role", role.max_capacity * 100, role.day_rate or None))
    _widths(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _resources(program: Program, task: object, people: tuple[str, ...]) -> str | None:
    from planner.models.program import Task

    assert isinstance(task, Task)
    parts: list[str] = []
    named = set()
    for requirement in task.requires:
        if requirement.role is not None:
            role = program.role_by_id.get(requirement.role)
            parts.append(f"{role.label if role else requirement.role}[{100 * requirement.count}%]")
        elif requirement.person is not None:
            named.add(requirement.person)
            person = program.person_by_id.get(requirement.person)
            label = person.label if person else requirement.person
            parts.append(label if requirement.allocation == 100 else f"{label}[{requirement.allocation}%]")
    skills = [r for r in task.requires if r.skill is not None]
    for ident in people:
        if ident in named:
            continue
        person = program.person_by_id.get(ident)
        if person is None:
            continue
        chosen = next((r for r in skills if r.skill in person.skills), None)
        allocation = chosen.allocation if chosen is not None else 100
        parts.append(person.label if allocation == 100 else f"{person.label}[{allocation}%]")
    return "; ".join(parts) or None


def _widths(sheet: object) -> None:
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max((len(str(v)) for v in column if v is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))


__all__ = ["COLUMNS", "predecessor_text", "write_workbook"]
