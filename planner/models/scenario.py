"""Scenarios: a named list of typed changes over a base program (or another scenario).

A scenario file names its ``base`` (a program file or another scenario file, relative to the
scenario file), optionally a ``baseline`` schedule to stay close to, and ``changes`` written as
a program office would say them::

    name: Payments vendor slips two weeks
    base: ../bank_core_replacement.yaml
    baseline: ../../out/bank/schedule.json
    changes:
      - {kind: slip, project: payments, by: 2w}
    disruption_budget: 20
    pin: [compliance]

Every change is a model with a ``kind`` (the discriminator) and an optional ``note``. The models
only check their own shape. Everything else about a kind (how it applies, how the names it uses
are checked with the closest valid name suggested, how it is worded, what it touches, its
command-line text) is in its own module of :mod:`planner.scenarios.changes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue

from planner.models.file_forms import exactly_one, given, schema_extra
from planner.models.finance import (
    QUARTER_TEXT,
    YEAR_TEXT,
    FundingStatus,
    Money,
    caps_keys_as_text,
    normalise_caps,
)
from planner.models.program import MAX_DAYS, Dependency, Project, Task
from planner.models.quantities import Days
from planner.models.resources import Person

_FROZEN = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

COUNT_LIMIT = 2**31 - 1
"""The largest count (a budget, a capacity, a weight) the scenario reader takes
(:data:`planner.io.scenario_file.MAX_COUNT`); told in the JSON Schema only, the reader checks it."""
_COUNT: JsonSchemaValue = {"minimum": -COUNT_LIMIT, "maximum": COUNT_LIMIT}


def _rules(*rules: JsonSchemaValue) -> ConfigDict:
    """A change's settings, with the JSON Schema of what its model validator wants."""
    return ConfigDict(json_schema_extra=schema_extra(rules=rules))


def _exactly_one(change: BaseModel, fields: tuple[str, ...]) -> None:
    given = [f for f in fields if getattr(change, f) is not None]
    if len(given) != 1:
        names = ", ".join(fields[:-1]) + f" or {fields[-1]}"
        got = f" (got {', '.join(given)})" if given else ""
        raise ValueError(f"name exactly one of {names}{got}")


class _Change(BaseModel):
    """Fields every change has."""

    model_config = _FROZEN

    note: str = ""


class SlipChange(_Change):
    """Work slips by ``by`` working days: a task, a project, or everything a role or person does.

    With ``as: start`` (the default) each task may start no earlier than ``by`` working days after
    its baseline start (its earliest start by dependencies and releases when there is no
    baseline); tasks already fixed in place (``fixed_start``) are left where they are. With
    ``as: duration`` each task takes ``by`` working days longer (milestones are left alone).

    Parameters
    ----------
    task, project, role, person
        Exactly one: a task (``project.task``), a project, every task needing a role, or every
        task a person is named on, fixed to, or staffed on in the baseline.
    by
        Working days, or ``"2w"`` / ``"3d"``; at least one.
    as_
        ``start`` (later start) or ``duration`` (longer duration); written ``as`` in files.
    """

    model_config = _rules(exactly_one(("task", "project", "role", "person")))

    kind: Literal["slip"]
    task: str | None = None
    project: str | None = None
    role: str | None = None
    person: str | None = None
    by: Days = Field(ge=1, le=MAX_DAYS)
    as_: Literal["start", "duration"] = Field(default="start", alias="as")

    @model_validator(mode="after")
    def _one_target(self) -> SlipChange:
        _exactly_one(self, ("task", "project", "role", "person"))
        return self


class DurationChange(_Change):
    """A new estimate for a task: ``duration`` working days (0 makes it a milestone)."""

    kind: Literal["duration"]
    task: str
    duration: Days = Field(ge=0, le=MAX_DAYS)


class CapacityWindow(_Change):
    """A role's capacity over a date window: a hire, a freeze, a secondment, a departure.

    Give either ``capacity`` (the head-count in the window) or ``delta`` (added to whatever the
    capacity is on each day of the window, e.g. ``-1``). Without ``to`` the change lasts.
    """

    model_config = _rules(exactly_one(("capacity", "delta")))

    kind: Literal["capacity"]
    role: str
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    capacity: int | None = Field(default=None, ge=0, json_schema_extra=_COUNT)
    delta: int | None = Field(default=None, json_schema_extra=_COUNT)

    @model_validator(mode="after")
    def _one_amount(self) -> CapacityWindow:
        _exactly_one(self, ("capacity", "delta"))
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the window ends ({self.end}) before it starts ({self.start})")
        return self


class AvailabilityChange(_Change):
    """A person's availability over a date window: leave (``percent: 0``, the default) or part time.

    Without ``to`` the change lasts (the person leaves the program, or stays part time).
    """

    kind: Literal["availability"]
    person: str
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    percent: int = Field(default=0, ge=0, le=100)
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> AvailabilityChange:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the window ends ({self.end}) before it starts ({self.start})")
        return self


class AddPersonChange(_Change):
    """A new person joins: a hire or a contractor, available from ``from`` (default: the start)."""

    kind: Literal["add_person"]
    person: Person
    start: dt.date | None = Field(default=None, alias="from")


class RemovePersonChange(_Change):
    """A person leaves the program: for good, or from ``from`` on (their earlier work stays)."""

    kind: Literal["remove_person"]
    person: str
    start: dt.date | None = Field(default=None, alias="from")


class DeadlineChange(_Change):
    """Move (or, with ``date: null``, drop) the hard deadline of a task or a project."""

    model_config = _rules(exactly_one(("task", "project")))

    kind: Literal["deadline"]
    task: str | None = None
    project: str | None = None
    date: dt.date | None

    @model_validator(mode="after")
    def _one_target(self) -> DeadlineChange:
        _exactly_one(self, ("task", "project"))
        return self


class TargetChange(_Change):
    """Move (or, with ``date: null``, drop) the soft target of a task or a project.

    ``weight`` keeps the current weight (or 1) when not given.
    """

    model_config = _rules(exactly_one(("task", "project")))

    kind: Literal["target"]
    task: str | None = None
    project: str | None = None
    date: dt.date | None
    weight: int | None = Field(default=None, ge=0, json_schema_extra=_COUNT)

    @model_validator(mode="after")
    def _one_target(self) -> TargetChange:
        _exactly_one(self, ("task", "project"))
        return self


class AddTaskChange(_Change):
    """A new task in a project; ``before`` lists tasks (``project.task``) that must follow it."""

    kind: Literal["add_task"]
    project: str
    task: Task
    before: tuple[str, ...] = ()


class RemoveTaskChange(_Change):
    """Drop a task (descoped); its predecessors then link straight to its successors."""

    kind: Literal["remove_task"]
    task: str


class DeferChange(_Change):
    """Defer a task or a whole project: it may not start before ``until``."""

    model_config = _rules(exactly_one(("task", "project")))

    kind: Literal["defer"]
    task: str | None = None
    project: str | None = None
    until: dt.date

    @model_validator(mode="after")
    def _one_target(self) -> DeferChange:
        _exactly_one(self, ("task", "project"))
        return self


class AddProjectChange(_Change):
    """A new project joins the program, with the dependencies that link it to the others."""

    kind: Literal["add_project"]
    project: Project
    dependencies: tuple[Dependency, ...] = ()


class RemoveProjectChange(_Change):
    """Drop a project (not funded); links through its tasks are kept between the others."""

    kind: Literal["remove_project"]
    project: str


class ActualStart(BaseModel):
    """A task that actually started on ``date`` (which may differ from the baseline)."""

    model_config = _FROZEN

    task: str
    date: dt.date


class StatusDateChange(_Change):
    """Replan from a status date: work done or under way stays, the rest starts on or after ``date``.

    Every task the baseline starts before ``date`` is fixed at its baseline start and people,
    except those listed in ``not_started``; ``started`` gives actual starts that differ from the
    baseline. Needs a baseline schedule.
    """

    kind: Literal["status_date"]
    date: dt.date
    started: tuple[ActualStart, ...] = ()
    not_started: tuple[str, ...] = ()


class FundingChange(_Change):
    """The board changes the funding caps: scale them all, or set some.

    Either ``scale`` alone: every period cap, the ``default`` cap and the ``total`` are
    multiplied by it and rounded to whole currency units, halves up (``0.8`` turns a cap of
    ``1001`` into ``801``, and ``0.5`` turns ``1001`` into ``501``); the program must have caps.
    Or any of ``caps``, ``total`` and ``carry_over``: each cap listed is set (added or
    overridden; the others stay), the total is set, carry-over is switched on or off.

    Parameters
    ----------
    scale
        Factor for every cap and the total (``0.8`` for a 20% cut).
    caps
        Cap per period, labelled and written as in a program's ``finance.budget.caps``
        (``2027-Q4: 1.5m``, or ``2027`` for yearly budgets).
    total
        The cap on the program's total cost.
    carry_over
        Whether money not spent in a period may be spent later.
    """

    model_config = _rules(
        {"oneOf": [given("scale"), {"anyOf": [given(f) for f in ("caps", "total", "carry_over")]}]}
    )

    kind: Literal["funding"]
    scale: float | None = Field(default=None, ge=0)
    caps: dict[str, Money] | None = Field(
        default=None, json_schema_extra={"propertyNames": {"pattern": f"{QUARTER_TEXT}|{YEAR_TEXT}"}}
    )
    total: Money | None = Field(default=None, json_schema_extra=_COUNT)
    carry_over: bool | None = None

    @field_validator("caps", mode="before")
    @classmethod
    def _keys_as_text(cls, value: Any) -> Any:
        return caps_keys_as_text(value)

    @field_validator("caps")
    @classmethod
    def _labels(cls, value: dict[str, int] | None) -> dict[str, int] | None:
        if value is None:
            return None
        return normalise_caps(
            value, ("quarter", "year"), "a period (write it like 2027-Q1, or 2027 for a year)"
        )

    @model_validator(mode="after")
    def _one_form(self) -> FundingChange:
        settings = [f for f in ("caps", "total", "carry_over") if getattr(self, f) is not None]
        if self.scale is not None and settings:
            raise ValueError(
                f"give scale alone, or caps, total and carry_over (got scale and {', '.join(settings)})"
            )
        if self.scale is None and not settings:
            raise ValueError("give scale, or at least one of caps, total and carry_over")
        return self


class FundingStatusChange(_Change):
    """A project's funding status changes: ``mandatory``, ``candidate`` (the solver's choice) or ``excluded``."""

    kind: Literal["funding_status"]
    project: str
    funding: FundingStatus


Change = Annotated[
    SlipChange
    | DurationChange
    | CapacityWindow
    | AvailabilityChange
    | AddPersonChange
    | RemovePersonChange
    | DeadlineChange
    | TargetChange
    | AddTaskChange
    | RemoveTaskChange
    | DeferChange
    | AddProjectChange
    | RemoveProjectChange
    | StatusDateChange
    | FundingChange
    | FundingStatusChange,
    Field(discriminator="kind"),
]
"""One change of a scenario, told apart by its ``kind``."""

CHANGE_KINDS: tuple[str, ...] = (
    "slip",
    "duration",
    "capacity",
    "availability",
    "add_person",
    "remove_person",
    "deadline",
    "target",
    "add_task",
    "remove_task",
    "defer",
    "add_project",
    "remove_project",
    "status_date",
    "funding",
    "funding_status",
)
"""Every ``kind`` a change may have."""


class Scenario(BaseModel):
    """A named what-if: a base, the changes to it, and how to replan against a baseline.

    Parameters
    ----------
    name
        What the scenario is, in a program office's words ("Payments vendor slips two weeks").
    description
        Longer text: why, who asked, what it assumes.
    base
        Path of a program file or of another scenario file, relative to this file; a scenario
        over a scenario inherits its changes and overrides only what it lists.
    baseline
        Path of a schedule (``.json``, ``.csv`` or ``.xlsx``) to stay close to, relative to this
        file; inherited from the base scenario when not given.
    changes
        The changes, applied in order.
    disruption_budget
        At most this many tasks may move from the baseline (inherited when not given).
    pin
        Task (``project.task``) or project ids kept at their baseline start; pins of the base
        scenarios hold too.
    """

    model_config = _FROZEN

    name: str = Field(min_length=1)
    description: str = ""
    base: str = Field(min_length=1)
    baseline: str | None = None
    changes: tuple[Change, ...] = ()
    disruption_budget: int | None = Field(default=None, ge=0, json_schema_extra=_COUNT)
    pin: tuple[str, ...] = ()


__all__ = [
    "CHANGE_KINDS",
    "COUNT_LIMIT",
    "ActualStart",
    "AddPersonChange",
    "AddProjectChange",
    "AddTaskChange",
    "AvailabilityChange",
    "CapacityWindow",
    "Change",
    "DeadlineChange",
    "DeferChange",
    "DurationChange",
    "FundingChange",
    "FundingStatusChange",
    "RemovePersonChange",
    "RemoveProjectChange",
    "RemoveTaskChange",
    "Scenario",
    "SlipChange",
    "StatusDateChange",
    "TargetChange",
]
