"""A schedule: when every task runs and who does it, with the record of how it was found."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class SolveStatus(str, Enum):
    """What the solver proved: ``optimal``, ``feasible`` (not proven best), ``infeasible``, or
    ``unknown`` (no schedule found and no proof that none exists, usually the time limit)."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ScheduledTask(BaseModel):
    """One task placed in time.

    ``finish`` is the last working day of the task; for a milestone it equals ``start``.
    ``people`` names the people who fill its skill and person requirements.
    """

    model_config = _FROZEN

    project: str
    task: str
    start: dt.date
    finish: dt.date
    people: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """``project.task``."""
        return f"{self.project}.{self.task}"


class TierResult(BaseModel):
    """The value the solver reached for one objective tier, and the best bound it proved."""

    model_config = _FROZEN

    name: str
    value: int
    bound: int
    optimal: bool


class SolveRecord(BaseModel):
    """How a schedule was produced: versions, parameters, time, per-tier values, status."""

    model_config = _FROZEN

    planner_version: str
    ortools_version: str
    python_version: str
    time_limit: float
    workers: int
    seed: int
    wall_time: float
    status: SolveStatus
    tiers: tuple[TierResult, ...] = ()
    parameters: dict[str, str] = Field(default_factory=dict)
    solved_at: dt.datetime


class Schedule(BaseModel):
    """Start, finish and assignees of every task, with the solve record when a solver made it.

    ``unfunded`` lists the projects the schedule leaves out (candidate projects the solver did
    not select, and excluded ones); their tasks are not in ``tasks``.
    """

    model_config = _FROZEN

    program: str
    status: SolveStatus
    tasks: tuple[ScheduledTask, ...] = ()
    record: SolveRecord | None = None
    unfunded: tuple[str, ...] = ()

    @property
    def has_plan(self) -> bool:
        """Whether the schedule places the tasks (status optimal or feasible)."""
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)

    def by_key(self) -> dict[str, ScheduledTask]:
        """Tasks by ``project.task``."""
        return {t.key: t for t in self.tasks}
