"""Batch results as one table: CSV, Parquet (needs pyarrow) or Excel.

Columns: ``file``, ``kind`` (``base`` or ``scenario``), ``scenario``, ``base``, ``status``,
``reason`` (for a program without a schedule: why, with the cheapest checked way out),
``conflict`` and ``ways_out`` (the commitments that clash and every checked way out),
``finish``, ``finish_wd`` and ``finish_days`` (change against the base), ``moved_tasks``,
``total_shift_wd``, ``cost``, ``solve_time_s``, ``cached``; then per milestone ``<project.task>``
(its date) and ``<project.task> wd`` (its change in working days); then ``peak <role or person>``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from planner.errors import InputError

logger = logging.getLogger(__name__)

FORMATS = (".csv", ".parquet", ".xlsx")
"""File extensions batch results can be written to."""

LEADING = (
    "file",
    "kind",
    "scenario",
    "base",
    "status",
    "reason",
    "conflict",
    "ways_out",
    "finish",
    "finish_wd",
    "finish_days",
    "moved_tasks",
    "total_shift_wd",
    "cost",
    "solve_time_s",
    "cached",
)
"""The columns every batch table starts with."""


def check_results_path(path: str | Path) -> Path:
    """``path`` if batch results can be written there, else an :class:`InputError` saying why."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InputError(
            f"{path}: cannot write batch results as '{path.suffix or 'no extension'}'; "
            f"use {', '.join(FORMATS)}"
        )
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(
                f"{path}: writing Parquet needs pyarrow (pip install pyarrow); or write .csv or .xlsx"
            ) from None
    return path


def results_table(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a table: leading columns, then milestone and peak columns in first-seen order.

    Dates become ``datetime.date`` values; missing values are empty.
    """
    seen: dict[str, None] = dict.fromkeys(LEADING)
    for row in rows:
        seen.update(dict.fromkeys(k for k in row if not k.startswith("peak ")))
    for row in rows:
        seen.update(dict.fromkeys(k for k in row if k.startswith("peak ")))
    columns = list(seen)
    frame = pd.DataFrame(list(rows), columns=columns)
    dates = ["finish", *(c for c in columns if f"{c} wd" in seen)]
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], errors="coerce").dt.date
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    counts = [
        "finish_wd",
        "finish_days",
        "moved_tasks",
        "total_shift_wd",
        *(c for c in columns if c.endswith(" wd") or c.startswith("peak ")),
    ]
    for column in counts:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    frame["cached"] = frame["cached"].astype("boolean")
    return frame


def write_results(path: str | Path, rows: Sequence[dict[str, Any]]) -> Path:
    """Write batch rows to ``path`` (``.csv``, ``.parquet`` or ``.xlsx``); return the path.

    Raises
    ------
    InputError
        An unknown extension, or Parquet without pyarrow.
    """
    path = check_results_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = results_table(rows)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_excel(path, index=False, sheet_name="results", engine="openpyxl")
    logger.info("wrote %d batch rows to %s", len(frame), path)
    return path


__all__ = ["FORMATS", "LEADING", "check_results_path", "results_table", "write_results"]
