"""Bodies of the results resource: finished schedules with their summaries and details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from api.schemas.common import UtcDatetime
from api.schemas.jobs import JobKind
from planner.analysis.comparison.disruption import Disruption
from planner.analysis.explanations.explanation import Explanation
from planner.analysis.facts.summary import Summary
from planner.models import Schedule, SolveStatus
from planner.workflows.replan_report import ReplanReport


class ResultOut(BaseModel):
    """The outcome of a done job.

    Every schedule here passed the planner's independent checker. A what-if adds its disruption
    against the baseline (or the reason there is no schedule); an explain job, and a solve of a
    program that cannot work, add the explanation; a batch gives its baseline schedule and one row
    per scenario.
    """

    job_id: str
    kind: JobKind
    program_id: str
    program_version: int
    status: SolveStatus = Field(description="optimal, feasible, infeasible or unknown.")
    schedule: Schedule | None = Field(default=None, description="The schedule with its run record.")
    summary: Summary | None = None
    disruption: Disruption | None = Field(default=None, description="whatif: moves against the baseline.")
    reason: str | None = Field(
        default=None, description="whatif: why there is no schedule, if there is none."
    )
    replan: ReplanReport | None = Field(
        default=None,
        description="whatif: the changes as written, the baseline's hash, the disruption, every milestone "
        "with a deadline or target and the chain that carried its slip, whether the checker verified the "
        "replan, and why there is no schedule.",
    )
    baseline_job: str | None = Field(
        default=None, description="whatif: the job whose schedule was the baseline."
    )
    explanation: Explanation | None = Field(
        default=None, description="Why the program ends when it does, or why it cannot work."
    )
    rows: list[dict[str, Any]] | None = Field(
        default=None,
        description="batch: one row per scenario (id, name, status, reason, finish and its change, "
        "tasks moved, milestone dates and changes, peak use), like `planner batch`.",
    )
    created_at: UtcDatetime


class ResultBrief(BaseModel):
    """A result in a list: its status and program finish."""

    job_id: str
    kind: JobKind
    program_id: str
    program_version: int
    status: SolveStatus
    finish: dt.date | None = Field(
        default=None, description="The program's finish date, when there is a schedule."
    )
    quality: str = Field(default="", description="optimal, or how far from the best possible.")
    created_at: UtcDatetime
