"""Whether the service is up, and how it is configured (no secrets)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

import planner
from api.deps import SettingsDep

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    """The service is up."""

    status: str = "ok"
    version: str = Field(description="The planner's version.")
    open_access: bool = Field(description="True when no API keys are configured (loopback clients only).")
    max_job_seconds: float
    max_tasks: int


@router.get("/health", summary="Is the service up?")
def health(settings: SettingsDep) -> HealthOut:
    """Answer without touching the database or needing an API key."""
    return HealthOut(
        version=planner.__version__,
        open_access=settings.open_access,
        max_job_seconds=settings.max_job_seconds,
        max_tasks=settings.max_tasks,
    )
