"""Types shared by the bodies of several resources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator


def _as_utc(value: dt.datetime) -> dt.datetime:
    """Times are stored in UTC; some databases (SQLite) forget the zone, so put it back."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


UtcDatetime = Annotated[dt.datetime, AfterValidator(_as_utc)]
"""A time in UTC, always with its zone."""
