"""Schedules as files: JSON (complete), CSV (tasks) or Excel (tasks, assignments, daily load)."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from planner.analysis.facts.summary import Summary
from planner.errors import InputError
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.reports.tables import assignments_table, load_table, tasks_table

FORMATS = (".json", ".csv", ".xlsx")
_EXTRA = ("replan",)  # keys write_schedule's callers add beside the schedule, ignored when reading


def write_schedule(
    path: str | Path,
    program: Program,
    schedule: Schedule,
    summary: Summary | None = None,
    extra: Mapping[str, object] | None = None,
) -> Path:
    """Write ``schedule`` in the format its extension names (.json, .csv or .xlsx).

    JSON holds the whole schedule with its run record (and the summary when given, and every
    key of ``extra``, e.g. a replan's report under ``replan``); CSV holds the task table; Excel
    holds sheets ``tasks``, ``assignments`` and ``load``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: cannot write a schedule as '{suffix}'; use one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        document = schedule.model_dump(mode="json")
        if summary is not None:
            document["summary"] = summary.model_dump(mode="json")
        document.update(extra or {})
        path.write_text(json.dumps(document, indent=2) + "\n")
    elif suffix == ".csv":
        tasks_table(program, schedule).to_csv(path, index=False)
    else:
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            tasks_table(program, schedule).to_excel(writer, sheet_name="tasks", index=False)
            assignments_table(program, schedule).to_excel(writer, sheet_name="assignments", index=False)
            load_table(program, schedule).to_excel(writer, sheet_name="load", index=False)
    return path


def read_schedule(path: str | Path, program_name: str = "") -> Schedule:
    """Read a schedule written by :func:`write_schedule`, or a task table edited by hand.

    JSON is read whole; CSV and Excel need columns ``project``, ``task``, ``start``, ``finish``
    and optionally ``people`` (``;``-separated).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such schedule file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            document = json.loads(path.read_text())
            if not isinstance(document, dict):
                raise InputError(
                    f"{path}: a schedule is a JSON object (as `planner solve -o` writes), "
                    f"not {type(document).__name__ if document is not None else 'null'}"
                )
            for key in ("summary", *_EXTRA):
                document.pop(key, None)
            return Schedule.model_validate(document)
        if suffix in (".csv", ".xlsx"):
            return _from_table(_read_table(path, suffix), path, program_name)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: {where}: {first['msg']} ({error.error_count()} problems)") from None
    raise InputError(f"{path}: cannot read a schedule from '{suffix}'; use one of {', '.join(FORMATS)}")


def _read_table(path: Path, suffix: str) -> pd.DataFrame:
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str)
        return pd.read_excel(path, sheet_name="tasks", dtype=str)
    except pd.errors.EmptyDataError:
        raise InputError(
            f"{path}: the file is empty; expected a task table with columns "
            "project, task, start, finish, people"
        ) from None
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not an Excel workbook; expected one with a 'tasks' sheet") from None
    except ValueError as error:  # no sheet of that name, or a file pandas cannot tell the kind of
        reason = "not an Excel workbook" if "format cannot be determined" in str(error) else str(error)
        raise InputError(f"{path}: {reason}; expected a workbook with a 'tasks' sheet") from None


def _from_table(frame: pd.DataFrame, path: Path, program_name: str) -> Schedule:
    missing = [c for c in ("project", "task", "start", "finish") if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    tasks = []
    for row_number, row in enumerate(frame.fillna("").to_dict("records"), start=2):
        try:
            start = dt.date.fromisoformat(str(row["start"])[:10])
            finish = dt.date.fromisoformat(str(row["finish"])[:10])
        except ValueError:
            raise InputError(
                f"{path}: row {row_number}: start/finish must be dates like 2027-03-01"
            ) from None
        people = tuple(p.strip() for p in re.split(r"[;,]", str(row.get("people", ""))) if p.strip())
        tasks.append(
            ScheduledTask(project=row["project"], task=row["task"], start=start, finish=finish, people=people)
        )
    return Schedule(program=program_name, status=SolveStatus.FEASIBLE, tasks=tuple(tasks))
