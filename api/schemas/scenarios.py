"""Bodies of the scenarios resource: named lists of changes stored against a program."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from api.schemas.common import UtcDatetime


class ScenarioOut(BaseModel):
    """A stored scenario."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    program_id: str
    name: str
    created_at: UtcDatetime


class ScenarioDetail(ScenarioOut):
    """A stored scenario with its document (name, changes, disruption_budget, pin)."""

    document: dict[str, Any]
