"""Money in a program: day rates and fixed costs, benefits, funding caps and project selection.

Every amount is a whole number of currency units (``2_500_000``, or ``"2.5m"``, ``"650k"``,
``"1,200"`` in files). The rules that turn a schedule into money live here, as plain functions,
so that the solver, the checker and the reports apply the same rules:

- **Costs.** A role requirement costs ``count x day_rate`` of the role per working day of the
  task; a person costs ``day_rate x allocation / 100`` (rounded to whole units, halves up) per
  working day. A fixed cost of a task is spread over its working days: each day carries
  ``cost // d`` and the first day also the remainder ``cost % d`` (a milestone's fixed cost falls
  on its day). A
  project's fixed cost is shared among its tasks in proportion to their durations
  (:func:`apportion`; milestones share only when the project has nothing else).
- **Periods.** Funding caps are set per quarter (``2027-Q1``) or per year (``2027``) of a
  financial year that starts in month ``year_start``; a period is named after the calendar year
  in which its financial year starts.
- **Benefits.** A project earns ``per_month`` for every month after the month it is delivered
  (its last task finishes, or the task named in ``from`` is reached), ramping up linearly over
  ``ramp_months``, until the appraisal end. Each month is discounted to the program start at
  ``(1 + discount_rate) ** (months / 12)``, ``months`` counted from the start month. The
  present value is rounded to whole units (:func:`benefit_value`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue

from planner.models.file_forms import TextForm, caseless, schema_extra

_FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
MAX_MONEY = 10**15
"""Largest amount accepted, in currency units."""

_MONEY = re.compile(r"^\s*[^\d\s.+-]{0,3}\s*([+-]?[\d][\d,_ ]*(?:\.\d+)?)\s*(k|m|bn|b)?\s*$", re.IGNORECASE)
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}


def parse_money(value: object) -> object:
    """Turn ``"2.5m"`` into 2500000, ``"650k"`` into 650000 and ``"£1,200"`` into 1200.

    Whole floats become ints; other values are left to pydantic, which reports them.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _MONEY.match(value)
        if match is None:
            raise ValueError(f"'{value}' is not an amount (write 2500000, '2.5m', '650k' or '1,200')")
        number = float(match.group(1).replace(",", "").replace("_", "").replace(" ", ""))
        amount = number * _SCALE[(match.group(2) or "").lower()]
        if not math.isclose(amount, round(amount), abs_tol=1e-6):
            raise ValueError(f"'{value}' is not a whole number of currency units")
        return round(amount)
    return value


Money = Annotated[int, BeforeValidator(parse_money), Field(ge=0, le=MAX_MONEY), TextForm("money")]
"""A non-negative whole amount of currency units, accepting ``"2.5m"`` and ``"650k"`` in files (and in its JSON
Schema)."""

FundingStatus = Literal["mandatory", "candidate", "excluded"]
"""Whether a project must be funded, may be left out by the solver, or is left out."""

PeriodKind = Literal["quarter", "year"]
"""The length of a funding period."""


# ---------------------------------------------------------------------------------------------
# models


class Benefit(BaseModel):
    """What a project earns once delivered: a value per month, optionally ramping up.

    Parameters
    ----------
    per_month
        Value per month at full benefit, in currency units.
    from_
        A task of the project (often a milestone) whose date starts the benefit; by default the
        project's last finish. Written ``from`` in files.
    ramp_months
        Months to reach full benefit: month ``k`` (from 1) earns ``k / ramp_months`` of it.
    months
        How many months the benefit lasts (default: until the appraisal end).
    """

    model_config = _FROZEN

    per_month: Money
    from_: str | None = Field(default=None, alias="from")
    ramp_months: int = Field(default=0, ge=0, le=600)
    months: int | None = Field(default=None, ge=1, le=1200)


QUARTER_TEXT = r"^\s*(" + caseless("fy") + r")?\s*\d{4}\s*-?\s*" + caseless("q") + r"[1-4]\s*$"
"""A quarter's label as :func:`normalise_label` reads it (``2027-Q1``, ``FY2027 q1``), for JSON Schema."""
YEAR_TEXT = r"^\s*(" + caseless("fy") + r")?\s*\d{4}\s*$"
"""A year's label as :func:`normalise_label` reads it (``2027``, ``FY2027``), for JSON Schema."""


def _caps_labelled(pattern: str) -> JsonSchemaValue:
    return {"properties": {"caps": {"propertyNames": {"pattern": pattern}}}}


class Budget(BaseModel):
    """Funding caps: per period (quarter or year), a default for other periods, and a total.

    Parameters
    ----------
    period
        ``quarter`` or ``year``.
    year_start
        First month (1-12) of the financial year; periods are named after the calendar year in
        which their financial year starts (with ``year_start: 4``, ``2027-Q1`` is April-June 2027).
    carry_over
        Whether money not spent in a period may be spent later: then, over each run of
        consecutive capped periods, spend up to the end of every period stays within the caps
        up to it.
    caps
        Cap per period label (``2027-Q1``, ``FY2027-Q1`` or ``2027`` for years).
    default
        Cap of every period not listed (none: those periods are not capped).
    total
        Cap on the total cost of the program.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        json_schema_extra=schema_extra(
            rules=[
                {
                    "if": {"required": ["period"], "properties": {"period": {"const": "year"}}},
                    "then": _caps_labelled(YEAR_TEXT),
                    "else": _caps_labelled(QUARTER_TEXT),
                }
            ]
        ),
    )

    period: PeriodKind = "quarter"
    year_start: int = Field(default=1, ge=1, le=12)
    carry_over: bool = False
    caps: dict[str, Money] = Field(default_factory=dict)
    default: Money | None = None
    total: Money | None = None

    @field_validator("caps", mode="before")
    @classmethod
    def _keys_as_text(cls, value: Any) -> Any:
        return caps_keys_as_text(value)

    @field_validator("caps")
    @classmethod
    def _labels(cls, value: dict[str, int], info: ValidationInfo) -> dict[str, int]:
        kind: PeriodKind = info.data.get("period", "quarter")
        example = "2027-Q1" if kind == "quarter" else "2027"
        return normalise_caps(value, (kind,), f"a {kind} (write it like {example})")

    @property
    def capped(self) -> bool:
        """Whether any period or the total is capped."""
        return bool(self.caps) or self.default is not None or self.total is not None

    def cap(self, label: str) -> int | None:
        """The cap of period ``label`` (``None``: not capped)."""
        return self.caps.get(label, self.default)

    def limit_dates(self) -> list[dt.date]:
        """The day after each listed capped period: work held back by a cap may wait until then.

        Schedulers extend their horizon past these dates (a ``default`` cap adds none).
        """
        return [
            period_bounds(label, self.period, self.year_start)[1] + dt.timedelta(days=1)
            for label in self.caps
        ]


class Finance(BaseModel):
    """The program's money settings: currency, discounting, objective, budget, alternatives.

    Parameters
    ----------
    currency
        Currency code or symbol shown with amounts (e.g. ``GBP``).
    discount_rate
        Annual rate for the net present value of benefits (``0.08`` for 8%).
    appraisal_end
        Last date whose month counts benefits (default: five years after the program start).
    objective
        ``value``: maximise benefit NPV minus cost (which projects to fund and when);
        ``cost``: minimise cost (candidates are then funded only when something needs them).
    budget
        Funding caps.
    alternatives
        Groups of projects of which at most one may be funded.
    """

    model_config = _FROZEN

    currency: str = ""
    discount_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    appraisal_end: dt.date | None = None
    objective: Literal["value", "cost"] = "value"
    budget: Budget = Budget()
    alternatives: tuple[tuple[str, ...], ...] = ()

    def appraisal_until(self, start: dt.date) -> dt.date:
        """The appraisal end, defaulting to the day before the fifth anniversary of ``start``."""
        if self.appraisal_end is not None:
            return self.appraisal_end
        try:
            return start.replace(year=start.year + 5) - dt.timedelta(days=1)
        except ValueError:  # 29 February
            return start.replace(year=start.year + 5, day=28)


# ---------------------------------------------------------------------------------------------
# periods

_QUARTER = re.compile(r"^\s*(?:FY)?\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(?:FY)?\s*(\d{4})\s*$", re.IGNORECASE)


def normalise_label(label: str, kind: PeriodKind) -> str | None:
    """The canonical label (``2027-Q1`` or ``2027``) of ``label``, or ``None`` if it is not one."""
    if kind == "quarter":
        match = _QUARTER.match(label)
        return f"{match.group(1)}-Q{match.group(2)}" if match else None
    match = _YEAR.match(label)
    return match.group(1) if match else None


def caps_keys_as_text(value: Any) -> Any:
    """Cap keys as text (YAML reads ``2027: 100000`` with an integer key)."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return value


def normalise_caps(caps: dict[str, int], kinds: tuple[PeriodKind, ...], expected: str) -> dict[str, int]:
    """Caps keyed by canonical labels of the first of ``kinds`` each label is a period of.

    Raises
    ------
    ValueError
        "'<label>' is not <expected>" for a label of no such period; a period given twice.
    """
    normal: dict[str, int] = {}
    for label, amount in caps.items():
        canonical = next((c for kind in kinds if (c := normalise_label(label, kind)) is not None), None)
        if canonical is None:
            raise ValueError(f"'{label}' is not {expected}")
        if canonical in normal:
            raise ValueError(f"period {canonical} is given twice")
        normal[canonical] = amount
    return normal


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def period_of(day: dt.date, kind: PeriodKind, year_start: int = 1) -> str:
    """Label of the funding period ``day`` falls in."""
    fiscal_year = day.year if day.month >= year_start else day.year - 1
    if kind == "year":
        return str(fiscal_year)
    quarter = ((day.month - year_start) % 12) // 3 + 1
    return f"{fiscal_year}-Q{quarter}"


def period_bounds(label: str, kind: PeriodKind, year_start: int = 1) -> tuple[dt.date, dt.date]:
    """First and last date of period ``label``.

    Raises
    ------
    ValueError
        When ``label`` is not a period of kind ``kind``.
    """
    canonical = normalise_label(label, kind)
    if canonical is None:
        raise ValueError(f"'{label}' is not a {kind}")
    year = int(canonical[:4])
    offset, length = (3 * (int(canonical[-1]) - 1), 3) if kind == "quarter" else (0, 12)
    y0, m0 = _add_months(year, year_start, offset)
    y1, m1 = _add_months(y0, m0, length)
    return dt.date(y0, m0, 1), dt.date(y1, m1, 1) - dt.timedelta(days=1)


def periods_between(first: dt.date, last: dt.date, kind: PeriodKind, year_start: int = 1) -> list[str]:
    """Labels of every period from the one holding ``first`` to the one holding ``last``."""
    out: list[str] = []
    day = first
    while day <= last:
        label = period_of(day, kind, year_start)
        out.append(label)
        day = period_bounds(label, kind, year_start)[1] + dt.timedelta(days=1)
    return out


def month_label(day: dt.date) -> str:
    """``YYYY-MM`` of ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


# ---------------------------------------------------------------------------------------------
# cost rules


def person_day_cost(day_rate: int, allocation: int) -> int:
    """Cost of a person for one working day at ``allocation`` percent (halves round up)."""
    return (day_rate * allocation + 50) // 100


def spread(amount: int, days: int, done: int) -> int:
    """Part of a fixed ``amount`` spent after ``done`` of ``days`` working days.

    Each day carries ``amount // days``; the first also carries the remainder.
    """
    days = max(days, 1)
    done = min(max(done, 0), days)
    return amount // days * done + (amount % days if done else 0)


def apportion(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` in proportion to ``weights`` in whole units (largest remainder).

    Ties in the remainders go to the earlier weight; all-zero weights split equally.
    """
    if not weights:
        return []
    if sum(weights) == 0:
        weights = [1] * len(weights)
    total = sum(weights)
    shares = [amount * w // total for w in weights]
    left = amount - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def fixed_costs(project_cost: int, task_costs: Sequence[int], durations: Sequence[int]) -> list[int]:
    """Fixed cost of each task of a project: its own plus its share of the project's.

    The project's fixed cost is shared in proportion to the tasks' durations (milestones get a
    share only when the project has nothing but milestones).
    """
    shares = apportion(project_cost, list(durations)) if project_cost else [0] * len(task_costs)
    return [own + share for own, share in zip(task_costs, shares, strict=True)]


# ---------------------------------------------------------------------------------------------
# benefit rules


def months_from(start: dt.date, day: dt.date) -> int:
    """Whole calendar months from the month of ``start`` to the month of ``day``."""
    return (day.year - start.year) * 12 + day.month - start.month


def benefit_flows(benefit: Benefit, delivered: dt.date, until: dt.date) -> list[tuple[dt.date, float]]:
    """Benefit per month (first day of the month, amount) after delivery on ``delivered``.

    The first month earning is the one after the delivery month; the last is the month of
    ``until`` (or earlier, after ``benefit.months`` months).
    """
    out: list[tuple[dt.date, float]] = []
    year, month = _add_months(delivered.year, delivered.month, 1)
    k = 0
    while dt.date(year, month, 1) <= until and (benefit.months is None or k < benefit.months):
        ramp = 1.0 if benefit.ramp_months == 0 else min(1.0, (k + 1) / benefit.ramp_months)
        out.append((dt.date(year, month, 1), benefit.per_month * ramp))
        year, month = _add_months(year, month, 1)
        k += 1
    return out


def discount_factor(start: dt.date, day: dt.date, rate: float) -> float:
    """Factor discounting money of ``day``'s month to the program start month."""
    return float((1.0 + rate) ** (-months_from(start, day) / 12.0))


def benefit_value(benefit: Benefit, delivered: dt.date, start: dt.date, rate: float, until: dt.date) -> int:
    """Present value at the program start of ``benefit`` delivered on ``delivered`` (whole units)."""
    total = sum(
        amount * discount_factor(start, day, rate) for day, amount in benefit_flows(benefit, delivered, until)
    )
    return round(total)


__all__ = [
    "MAX_MONEY",
    "QUARTER_TEXT",
    "YEAR_TEXT",
    "Benefit",
    "Budget",
    "Finance",
    "FundingStatus",
    "Money",
    "PeriodKind",
    "apportion",
    "benefit_flows",
    "benefit_value",
    "discount_factor",
    "fixed_costs",
    "month_label",
    "months_from",
    "normalise_label",
    "parse_money",
    "period_bounds",
    "period_of",
    "periods_between",
    "person_day_cost",
    "spread",
]
