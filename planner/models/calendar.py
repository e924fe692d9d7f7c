"""Working weeks, holidays, and the map between dates and working-day numbers."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from planner.models.file_forms import DATE, caseless, or_bare

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Holiday(BaseModel):
    """A non-working day for the whole program."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    name: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_bare_date(cls, value: Any) -> Any:
        return {"date": value} if isinstance(value, (str, dt.date)) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """In files a holiday is also a bare date."""
        return or_bare(handler, core_schema, DATE)


_WEEKDAY_TEXT = r"^\s*(" + "|".join(caseless(day) for day in WEEKDAYS + _FULL_NAMES) + r")\s*$"


class Calendar(BaseModel):
    """The program's working week and holidays.

    Parameters
    ----------
    workdays
        Weekdays that are worked, as three-letter names (default Monday to Friday).
    holidays
        Dates nobody works, either bare dates or ``{date, name}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    workdays: tuple[str, ...] = Field(
        default=WEEKDAYS[:5],
        json_schema_extra={"minItems": 1, "items": {"type": "string", "pattern": _WEEKDAY_TEXT}},
    )
    holidays: tuple[Holiday, ...] = ()

    @field_validator("workdays")
    @classmethod
    def _known_weekdays(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = [v.strip().lower() for v in value]
        unknown = [v for v in names if v not in WEEKDAYS and v not in _FULL_NAMES]
        if unknown:
            raise ValueError(f"unknown weekday {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
        days = tuple(v[:3] for v in names)
        if not days:
            raise ValueError("a calendar needs at least one working weekday")
        return days

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day of this calendar."""
        return WEEKDAYS[day.weekday()] in self.workdays and day not in self._holiday_dates

    @property
    def _holiday_dates(self) -> frozenset[dt.date]:
        cached = self.__dict__.get("_holiday_set")
        if cached is None:
            cached = frozenset(h.date for h in self.holidays)
            self.__dict__["_holiday_set"] = cached
        return cached


class WorkingDays:
    """Numbers the working days of a calendar from a start date: day 0 is the first working day.

    Inside the planner time is an integer count of working days; this class maps both ways.

    Parameters
    ----------
    calendar
        The working week and holidays.
    start
        The program start; if it is not a working day, day 0 is the next working day.
    """

    _CHUNK = 512

    def __init__(self, calendar: Calendar, start: dt.date) -> None:
        self.calendar = calendar
        self.start = start
        self._dates: list[dt.date] = []
        self._next = start
        self._extend()

    def _extend(self) -> None:
        target = len(self._dates) + self._CHUNK
        guard = 0
        while len(self._dates) < target:
            if self.calendar.is_working_day(self._next):
                self._dates.append(self._next)
                guard = 0
            else:
                guard += 1
                if guard > 3660:
                    raise ValueError("the calendar has no working day in ten years")
            self._next += dt.timedelta(days=1)

    def date(self, index: int) -> dt.date:
        """The date of working day ``index`` (``index`` >= 0)."""
        if index < 0:
            raise ValueError(f"working day {index} is before the program start {self.start}")
        while index >= len(self._dates):
            self._extend()
        return self._dates[index]

    def index_on_or_after(self, day: dt.date) -> int:
        """Number of the first working day on or after ``day`` (0 for dates before the start)."""
        if day <= self.start:
            return 0
        while self._dates[-1] < day:
            self._extend()
        return bisect.bisect_left(self._dates, day)

    def index_on_or_before(self, day: dt.date) -> int:
        """Number of the last working day on or before ``day`` (-1 if there is none)."""
        if day < self.start:
            return -1
        while self._dates[-1] < day:
            self._extend()
        return bisect.bisect_right(self._dates, day) - 1

    def index(self, day: dt.date) -> int | None:
        """Number of ``day`` if it is a working day on or after the start, else ``None``."""
        i = self.index_on_or_after(day)
        return i if self.date(i) == day else None

    def span(self, first: dt.date, last: dt.date) -> range:
        """Working-day numbers of the window ``first`` .. ``last`` (both inclusive)."""
        return range(self.index_on_or_after(first), self.index_on_or_before(last) + 1)


__all__ = ["WEEKDAYS", "Calendar", "Holiday", "WorkingDays"]
