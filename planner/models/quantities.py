"""Durations and lags written as working days, with optional ``d`` / ``w`` suffixes."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator

from planner.models.file_forms import TextForm

WORKING_DAYS_PER_WEEK = 5
_PATTERN = re.compile(r"^\s*(-?\d+)\s*([dw]?)\s*$", re.IGNORECASE)


def parse_days(value: object) -> object:
    """Turn ``"3w"`` into 15 and ``"4d"`` or ``"4"`` into 4; leave other values to pydantic.

    A week is five working days, whatever the calendar, so that "2w" means the same in every file.
    """
    if isinstance(value, str):
        match = _PATTERN.match(value)
        if match is None:
            raise ValueError(f"'{value}' is not a number of working days (write 10, '10d' or '2w')")
        number, unit = int(match.group(1)), match.group(2).lower()
        return number * (WORKING_DAYS_PER_WEEK if unit == "w" else 1)
    return value


Days = Annotated[int, BeforeValidator(parse_days), TextForm("days", week=WORKING_DAYS_PER_WEEK)]
"""An integer count of working days, accepting ``"2w"`` and ``"3d"`` in files (and in its JSON Schema)."""
