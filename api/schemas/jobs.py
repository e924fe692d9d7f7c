"""Bodies of the jobs resource: submitting a solve, a what-if or an explanation, and following it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import UtcDatetime
from api.tables import JobState

JobKind = Literal["solve", "whatif", "explain", "batch"]

_EXAMPLES: list[Any] = [
    {"program_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b", "time_limit": 10, "seed": 0},
    {
        "kind": "whatif",
        "program_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b",
        "changes": [{"kind": "slip", "project": "cards", "by": "2w"}],
        "baseline_job": "9d0e1f2a3b3f2a9c0e5b7d4e1f8a6b2c",
        "budget": 10,
        "time_limit": 20,
    },
    {"kind": "explain", "program_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b", "milestone": "cards.live"},
    {
        "kind": "batch",
        "program_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b",
        "baseline_job": "9d0e1f2a3b3f2a9c0e5b7d4e1f8a6b2c",
    },
]


class JobIn(BaseModel):
    """A job on a stored program (its current version unless ``version`` is given).

    ``solve`` finds a schedule (and explains it when the program cannot work); ``whatif`` applies
    changes (a stored scenario's, or ``changes`` given here) and replans with minimal disruption
    against a baseline (the result of ``baseline_job``, or the program solved first); ``explain``
    says why the program ends when it does, or why it cannot work; ``batch`` replans several
    stored scenarios (``scenario_ids``, or all of the program's) against one baseline, one row each.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": _EXAMPLES})

    kind: JobKind = Field(default="solve", description="solve, whatif, explain or batch.")
    program_id: str = Field(min_length=1, max_length=64, description="The stored program.")
    version: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="Version to use; the current one by default."
    )
    time_limit: float | None = Field(
        default=None,
        gt=0,
        le=86_400,
        description="Seconds for each solve; the server's default if not given, "
        "and never above its maximum (PLANNER_MAX_JOB_SECONDS).",
    )
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="Random seed of the search.")
    scenario_id: str | None = Field(
        default=None, max_length=64, description="whatif: a stored scenario of the program."
    )
    changes: list[dict[str, Any]] | None = Field(
        default=None,
        max_length=1000,
        description="whatif: scenario changes, as in a scenario file "
        "(e.g. `{kind: slip, project: cards, by: 2w}`).",
    )
    scenario_ids: list[str] | None = Field(
        default=None, max_length=200, description="batch: stored scenarios of the program (default: all)."
    )
    baseline_job: str | None = Field(
        default=None,
        max_length=64,
        description="whatif, batch: a done job of the same program whose schedule is "
        "the baseline; without it the program is solved first.",
    )
    budget: int | None = Field(
        default=None, ge=0, le=2**31 - 1, description="whatif: at most this many tasks may move."
    )
    pin: list[str] = Field(
        default_factory=list,
        max_length=1000,
        description="whatif: tasks (project.task) or projects kept at their baseline start.",
    )
    milestone: str | None = Field(
        default=None,
        max_length=200,
        description="explain: the task whose date to explain instead of the program's end.",
    )


class ProgressOut(BaseModel):
    """The best schedule found so far: objective tier, its value and the proven bound."""

    tier: str
    value: int
    bound: int
    elapsed: float | None = Field(default=None, description="Seconds of solving so far.")


class JobOut(BaseModel):
    """A job and where it is."""

    id: str
    kind: JobKind
    program_id: str
    program_version: int
    scenario_id: str | None = None
    state: JobState = Field(description="queued, running, done, failed or cancelled.")
    time_limit: float = Field(description="Seconds each solve may take.")
    seed: int
    created_at: UtcDatetime
    started_at: UtcDatetime | None = None
    finished_at: UtcDatetime | None = None
    progress: ProgressOut | None = Field(default=None, description="Best value and bound so far.")
    error: str | None = Field(default=None, description="Why the job failed or was cancelled.")
    attempts: int = Field(
        default=0,
        description=(
            "How many times a server started the job: more than 1 when the server running it died or "
            "shut down and the job was requeued and started again."
        ),
    )
    result: str | None = Field(default=None, description="Where the result is, once the job is done.")
