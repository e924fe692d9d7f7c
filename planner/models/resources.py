"""Role pools and named people: who can do the work, and when they are there."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.models.file_forms import schema_extra
from planner.models.finance import Money

_FROZEN = ConfigDict(
    frozen=True,
    extra="forbid",
    populate_by_name=True,
    coerce_numbers_to_str=True,
    json_schema_extra=schema_extra(numbers_as_text=True),
)


class CapacityChange(BaseModel):
    """From ``from`` on (until the next change), a role has ``capacity`` people."""

    model_config = _FROZEN

    start: dt.date = Field(alias="from")
    capacity: int = Field(ge=0, le=100_000)


class Role(BaseModel):
    """A pool of interchangeable people (a role), whose capacity may change over time.

    Parameters
    ----------
    id
        Identifier used by requirements (``role: data_architect``).
    name
        Display name.
    capacity
        Number of people in the pool at the program start.
    changes
        Later capacity steps: hiring plans, freezes, departures.
    day_rate
        Cost of one person of the pool for one working day, in currency units (default 0).
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    capacity: int = Field(ge=0, le=100_000)
    changes: tuple[CapacityChange, ...] = ()
    day_rate: Money = 0

    def capacity_on(self, day: dt.date) -> int:
        """Capacity in force on ``day``."""
        value = self.capacity
        for change in sorted(self.changes, key=lambda c: c.start):
            if change.start <= day:
                value = change.capacity
        return value

    @property
    def max_capacity(self) -> int:
        """The largest capacity the role ever has."""
        return max([self.capacity, *(c.capacity for c in self.changes)])

    @property
    def label(self) -> str:
        """Name for people to read."""
        return self.name or self.id


class Window(BaseModel):
    """A date window, both ends included, with the share of time a person works in it.

    For leave the share is always 0; for part-time windows it is ``percent``.
    """

    model_config = _FROZEN

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    percent: int = Field(default=0, ge=0, le=100)
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")
        return self


class Person(BaseModel):
    """A named specialist with skills, a share of time for the program, and leave.

    Parameters
    ----------
    id
        Identifier used by requirements (``person: alice``).
    name
        Display name.
    skills
        What the person can do; requirements ask for a skill and the solver picks who.
    availability
        Share of a working day the person gives to the program, in percent (100 = full time).
    part_time
        Windows with a different share (``percent``), e.g. 50 while on another program.
    leave
        Windows the person is away (share 0).
    day_rate
        Cost of the person for one full working day, in currency units (default 0); a task at
        ``allocation`` percent costs that share of it.
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    skills: tuple[str, ...] = ()
    availability: int = Field(default=100, ge=0, le=100)
    part_time: tuple[Window, ...] = ()
    leave: tuple[Window, ...] = ()
    day_rate: Money = 0

    def percent_on(self, day: dt.date) -> int:
        """Share of ``day`` the person can give, after part-time windows and leave."""
        value = self.availability
        for window in self.part_time:
            if window.start <= day <= window.end:
                value = window.percent
        for window in self.leave:
            if window.start <= day <= window.end:
                return 0
        return value

    @property
    def label(self) -> str:
        """Name for people to read."""
        return self.name or self.id
