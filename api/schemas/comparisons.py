"""Bodies of the comparisons resource: stored results side by side."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ComparedResult(BaseModel):
    """A result to compare with the base, and the name it has in the comparison."""

    model_config = ConfigDict(extra="forbid")

    job_id: str = Field(min_length=1, max_length=64)
    name: str | None = Field(
        default=None, max_length=200, description="Defaults to the scenario's name or the job id."
    )


class ComparisonIn(BaseModel):
    """The base result and the results to compare with it (all done jobs of your organisation)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "base": "9d0e1f2a3b3f2a9c0e5b7d4e1f8a6b2c",
                    "scenarios": [
                        {"job_id": "3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b", "name": "cards two weeks late"}
                    ],
                }
            ]
        },
    )

    base: str = Field(min_length=1, max_length=64, description="A done job whose schedule is the base.")
    scenarios: list[ComparedResult] = Field(min_length=1, max_length=50)
