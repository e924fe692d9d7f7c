"""Bodies of the jobs resource: submitting a solve and following it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import UtcDatetime
from api.tables import JobState


class JobIn(BaseModel):
    """A solve of a stored program (its current version unless ``version`` is given)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"program_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b", "time_limit": 10, "seed": 0}]})

    program_id: str = Field(min_length=1, max_length=64, description="The stored program to solve.")
    version: int | None = Field(default=None, ge=1, description="Version to solve; the current one by default.")
    time_limit: float | None = Field(default=None, gt=0, le=86_400,
                                     description="Seconds for the solve; the server's default if not given, "
                                                 "and never above its maximum (PLANNER_MAX_JOB_SECONDS).")
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="Random seed of the search.")


class ProgressOut(BaseModel):
    """The best schedule found so far: objective tier, its value and the proven bound."""

    tier: str
    value: int
    bound: int
    elapsed: float | None = Field(default=None, description="Seconds of solving so far.")


class JobOut(BaseModel):
    """A job and where it is."""

    id: str
    kind: str = Field(description="`solve`.")
    program_id: str
    program_version: int
    state: JobState = Field(description="queued, running, done, failed or cancelled.")
    time_limit: float = Field(description="Seconds the solve may take.")
    seed: int
    created_at: UtcDatetime
    started_at: UtcDatetime | None = None
    finished_at: UtcDatetime | None = None
    progress: ProgressOut | None = Field(default=None, description="Best value and bound so far.")
    error: str | None = Field(default=None, description="Why the job failed or was cancelled.")
    result: str | None = Field(default=None, description="Where the result is, once the job is done.")
