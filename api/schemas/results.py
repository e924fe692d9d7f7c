"""Bodies of the results resource: finished schedules with their summaries."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.common import UtcDatetime
from planner.analysis.summary import Summary
from planner.models import Schedule, SolveStatus


class ResultOut(BaseModel):
    """The outcome of a done job: the schedule with its run record, and its summary.

    Every schedule here passed the planner's independent checker.
    """

    job_id: str
    program_id: str
    program_version: int
    status: SolveStatus = Field(description="optimal, feasible, infeasible or unknown.")
    schedule: Schedule
    summary: Summary
    created_at: UtcDatetime


class ResultBrief(BaseModel):
    """A result in a list: its status and program finish."""

    job_id: str
    program_id: str
    program_version: int
    status: SolveStatus
    finish: dt.date | None = Field(default=None, description="The program's finish date, when there is a schedule.")
    quality: str = Field(description="optimal, or how far from the best possible.")
    created_at: UtcDatetime
