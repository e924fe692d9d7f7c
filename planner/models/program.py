"""The program: projects, tasks, dependencies, requirements, commitments and objective settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from planner.models.calendar import Calendar, WorkingDays
from planner.models.file_forms import DATE, caseless, exactly_one, given, or_bare, schema_extra
from planner.models.finance import Benefit, Finance, FundingStatus, Money, fixed_costs
from planner.models.quantities import Days
from planner.models.resources import Person, Role


def _config(*rules: JsonSchemaValue) -> ConfigDict:
    """The models' settings; their JSON Schema lets text fields take numbers (which they coerce) and
    adds ``rules`` that their validators enforce."""
    return ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        coerce_numbers_to_str=True,
        json_schema_extra=schema_extra(numbers_as_text=True, rules=rules),
    )


_FROZEN = _config()
MAX_DAYS = 10_000
"""Longest duration or lag accepted, in working days (about forty years)."""

ID_PATTERN = r"^[A-Za-z0-9_\-]+$"


class DependencyType(str, Enum):
    """How two tasks are linked: which end of the predecessor drives which end of the successor."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class Target(BaseModel):
    """A soft date: finishing later costs ``weight`` per working day late."""

    model_config = _FROZEN

    date: dt.date
    weight: int = Field(default=1, ge=0, le=1_000_000)

    @model_validator(mode="before")
    @classmethod
    def _from_bare_date(cls, value: Any) -> Any:
        return {"date": value} if isinstance(value, (str, dt.date)) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """In files a target is also a bare date (weight 1)."""
        return or_bare(handler, core_schema, DATE)


class Predecessor(BaseModel):
    """A link from a task listed under ``after:``; a bare string means finish-to-start, no lag."""

    model_config = _FROZEN

    task: str
    type: DependencyType = DependencyType.FS
    lag: Days = Field(default=0, ge=-MAX_DAYS, le=MAX_DAYS)

    @model_validator(mode="before")
    @classmethod
    def _from_bare_ref(cls, value: Any) -> Any:
        return {"task": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """In files a predecessor is also a bare task name (finish-to-start, no lag)."""
        return or_bare(handler, core_schema, {"type": "string"})


class Dependency(BaseModel):
    """A link between any two tasks, written ``project.task``; usually across projects."""

    model_config = _FROZEN

    source: str = Field(alias="from")
    to: str
    type: DependencyType = DependencyType.FS
    lag: Days = Field(default=0, ge=-MAX_DAYS, le=MAX_DAYS)


class Requirement(BaseModel):
    """What a task needs: ``count`` of a role, ``count`` people with a skill, or a named person.

    Exactly one of ``role``, ``skill`` and ``person`` is given. ``allocation`` is the share of
    each chosen person's day the task takes (percent; people only, roles count whole people).
    """

    model_config = _config(
        exactly_one(("role", "skill", "person")),
        {"if": given("person"), "then": {"properties": {"count": {"const": 1}}}},
    )

    role: str | None = None
    skill: str | None = None
    person: str | None = None
    count: int = Field(default=1, ge=1, le=10_000)
    allocation: int = Field(default=100, ge=1, le=100)

    @model_validator(mode="after")
    def _exactly_one(self) -> Requirement:
        given = [k for k in ("role", "skill", "person") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a requirement names exactly one of role, skill or person"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.person is not None and self.count != 1:
            raise ValueError("a named person requirement has count 1")
        return self

    @property
    def kind(self) -> Literal["role", "skill", "person"]:
        """Which kind of requirement this is."""
        return "role" if self.role else "skill" if self.skill else "person"

    @property
    def name(self) -> str:
        """The role, skill or person id."""
        return self.role or self.skill or self.person or ""


def _not_a_flag(value: object) -> object:
    """Refuse ``true``/``false`` where a number is meant (pydantic would read them as 1 and 0)."""
    if isinstance(value, bool):
        # a ValueError, not a TypeError: pydantic reports only the former as the field's problem
        raise ValueError(f"should be a number of working days, got {str(value).lower()}")  # noqa: TRY004
    return value


_ZERO_DAYS: JsonSchemaValue = {
    "anyOf": [{"const": 0}, {"type": "string", "pattern": r"^\s*-?0+\s*[dDwW]?\s*$"}]
}
_MILESTONE_ON: JsonSchemaValue = {
    "anyOf": [
        {"const": True},
        {"const": 1},
        {"type": "string", "pattern": r"^\s*(" + caseless("true") + "|" + caseless("yes") + r"|1)\s*$"},
    ]
}
"""The ``milestone`` values that make a task a milestone (``true``, ``yes``, ``1``; any other is ignored)."""


class Task(BaseModel):
    """A piece of work in working days; a milestone has duration 0.

    Parameters
    ----------
    id
        Identifier, unique within its project.
    duration
        Working days (``10``, ``"10d"`` or ``"2w"``); 0 makes a milestone.
    release
        Earliest start date.
    deadline
        Hard: the task must finish on or before this date.
    target
        Soft: lateness past this date is penalised by its weight per working day.
    requires
        Roles, skills or named people the task needs, all at once.
    after
        Predecessors: task ids in the same project, or ``project.task``.
    fixed_start
        Pinned start date (work done or under way).
    fixed_people
        Pinned assignees, for pinned or pre-staffed tasks.
    cost
        Fixed cost (licences, hardware, a vendor's fee), spread over the task's working days.
    as_late_as_possible
        Start as late as the optimised tiers allow without starting any other task later (its
        free slack used up: work ordered just in time), instead of as early as possible. Not for
        milestones, which are dated on the day they are reached; a pinned task (``fixed_start``,
        e.g. work under way at a status date) stays where it is.
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    duration: Annotated[Days, BeforeValidator(_not_a_flag)] = Field(ge=0, le=MAX_DAYS)
    release: dt.date | None = None
    deadline: dt.date | None = None
    target: Target | None = None
    requires: tuple[Requirement, ...] = ()
    after: tuple[Predecessor, ...] = ()
    fixed_start: dt.date | None = None
    fixed_people: tuple[str, ...] = ()
    cost: Money = 0
    as_late_as_possible: bool = False

    @model_validator(mode="before")
    @classmethod
    def _milestone_shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict) and value.get("milestone") is not None:
            value = dict(value)
            milestone = str(value.pop("milestone")).strip().lower() in ("true", "yes", "1")
            if milestone and value.setdefault("duration", 0) not in (0, "0", "0d", "0w"):
                raise ValueError(
                    f"a milestone has duration 0, not {value['duration']}; "
                    "drop 'milestone: true' or the duration"
                )
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """In files a task may say ``milestone: true`` instead of ``duration: 0``: the validation schema has
        the ``milestone`` field, and ``duration`` is required unless the task is a milestone (then it may
        only be 0). ``as_late_as_possible`` is for tasks with a duration."""
        schema = handler(core_schema)
        if handler.mode != "validation":
            return schema
        full = handler.resolve_ref_schema(schema)
        properties = dict(full["properties"])
        full["properties"] = {}
        for name, prop in properties.items():
            full["properties"][name] = prop
            if name == "duration":
                full["properties"]["milestone"] = {
                    "title": "Milestone",
                    "not": {"type": "null"},
                    "description": "true (or yes, 1) makes the task a milestone: duration 0, which may then be left out",
                }
        full["required"] = [name for name in full.get("required", ()) if name != "duration"]
        late = {"required": ["as_late_as_possible"], "properties": {"as_late_as_possible": {"const": True}}}
        full["allOf"] = [
            *full.get("allOf", ()),
            {
                "if": {"required": ["milestone"], "properties": {"milestone": _MILESTONE_ON}},
                "then": {"properties": {"duration": {"enum": [0, "0", "0d", "0w"]}}, "not": late},
                "else": {"required": ["duration"]},
            },
            {"if": late, "then": {"properties": {"duration": {"not": _ZERO_DAYS}}}},
        ]
        return schema

    @model_validator(mode="after")
    def _late_only_for_work(self) -> Task:
        if self.as_late_as_possible and self.duration == 0:
            raise ValueError(
                "as_late_as_possible is for tasks with a duration; a milestone is dated on "
                "the working day it is reached"
            )
        return self

    @property
    def is_milestone(self) -> bool:
        """A task of duration 0."""
        return self.duration == 0

    @property
    def label(self) -> str:
        """Name for people to read."""
        return self.name or self.id


class Project(BaseModel):
    """One project of the program, with its tasks and its own release, deadline and target.

    The money fields (:mod:`planner.models.finance`): ``funding`` is ``mandatory`` (the default),
    ``candidate`` (the solver may leave it out) or ``excluded``; ``needs`` lists projects that
    must be funded for this one to be; ``cost`` is a fixed cost shared among its tasks;
    ``benefit`` what it earns per month once delivered.
    """

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str = ""
    release: dt.date | None = None
    deadline: dt.date | None = None
    target: Target | None = None
    tasks: tuple[Task, ...] = Field(min_length=1)
    funding: FundingStatus = "mandatory"
    needs: tuple[str, ...] = ()
    cost: Money = 0
    benefit: Benefit | None = None

    @property
    def label(self) -> str:
        """Name for people to read."""
        return self.name or self.id


class Objective(BaseModel):
    """How schedules are ranked after weighted lateness and program finish.

    ``secondary`` is ``project_finishes`` (every project as early as it can, the default),
    ``levelling`` (smallest peak use of each role and person) or ``none``.
    """

    model_config = _FROZEN

    secondary: Literal["project_finishes", "levelling", "none"] = "project_finishes"


@dataclass(frozen=True)
class Link:
    """A resolved dependency between two task keys (``project.task``)."""

    pred: str
    succ: str
    type: DependencyType
    lag: int


def task_key(project: str, task: str) -> str:
    """The program-wide name of a task: ``project.task``."""
    return f"{project}.{task}"


class Program(BaseModel):
    """A whole program, validated once on construction and immutable afterwards.

    Construct it with ``Program.model_validate(data)``; every semantic problem (unknown names,
    cycles, impossible requirements, dates outside the program) is raised at once as
    :class:`planner.errors.ProgramInvalid`. ``model_copy(update=...)`` re-validates.
    """

    model_config = _FROZEN

    name: str = Field(min_length=1)
    description: str = ""
    start: dt.date
    end: dt.date | None = None
    calendar: Calendar = Calendar()
    objective: Objective = Objective()
    roles: tuple[Role, ...] = ()
    people: tuple[Person, ...] = ()
    projects: tuple[Project, ...] = Field(min_length=1)
    dependencies: tuple[Dependency, ...] = ()
    finance: Finance | None = None

    @model_validator(mode="after")
    def _semantics(self) -> Program:
        from planner.errors import ProgramInvalid
        from planner.models.validation import find_problems

        problems = find_problems(self)
        if problems:
            raise ProgramInvalid(problems)
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Program:
        """A new, re-validated program with ``update`` applied to the top-level fields."""
        data = self.model_dump(by_alias=True, exclude_defaults=True)
        return Program.model_validate({**data, **(update or {})})

    @cached_property
    def working_days(self) -> WorkingDays:
        """The map between dates and working-day numbers (day 0 = first working day)."""
        return WorkingDays(self.calendar, self.start)

    @cached_property
    def tasks(self) -> dict[str, tuple[Project, Task]]:
        """Every task by its key ``project.task``, in document order."""
        return {task_key(p.id, t.id): (p, t) for p in self.projects for t in p.tasks}

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        """Roles by id."""
        return {r.id: r for r in self.roles}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """People by id."""
        return {p.id: p for p in self.people}

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Every dependency, from ``after:`` lists and the program's list, resolved to task keys."""
        out: list[Link] = []
        for project in self.projects:
            for task in project.tasks:
                for pred in task.after:
                    ref = pred.task if "." in pred.task else task_key(project.id, pred.task)
                    out.append(Link(ref, task_key(project.id, task.id), pred.type, pred.lag))
        out.extend(Link(d.source, d.to, d.type, d.lag) for d in self.dependencies)
        return tuple(out)

    @cached_property
    def project_needs(self) -> dict[str, frozenset[str]]:
        """Projects each project needs funded: those its ``needs`` lists and those its tasks depend on.

        A dependency across projects is a funding link: the successor's project can only be funded
        with the predecessor's (work cannot use what was never built). Names that are not projects
        (reported by validation) and a project's own id are left out.
        """
        known = {p.id for p in self.projects}
        needs = {p.id: {n for n in p.needs if n in known and n != p.id} for p in self.projects}
        owner = {key: project.id for key, (project, _) in self.tasks.items()}
        for link in self.links:
            pred, succ = owner.get(link.pred), owner.get(link.succ)
            if pred is not None and succ is not None and pred != succ:
                needs[succ].add(pred)
        return {p: frozenset(n) for p, n in needs.items()}

    @cached_property
    def reached_milestones(self) -> frozenset[str]:
        """Milestones dated on the working day they are reached.

        Every milestone (duration 0) is, except one pinned by ``fixed_start`` and one that carries
        a fixed cost under per-period funding caps (its payment may have to wait for a period
        with money left, so it is paid, and dated, when the caps allow). Such a milestone starts
        on the first working day on or after its own and its project's release at which every
        incoming dependency holds: the latest of those lower bounds.
        """
        budget = self.finance.budget if self.finance is not None else None
        periodic = budget is not None and (bool(budget.caps) or budget.default is not None)
        out = set()
        for project in self.projects:
            costs = fixed_costs(
                project.cost, [t.cost for t in project.tasks], [t.duration for t in project.tasks]
            )
            for task, cost in zip(project.tasks, costs, strict=True):
                if task.duration == 0 and task.fixed_start is None and not (periodic and cost > 0):
                    out.add(task_key(project.id, task.id))
        return frozenset(out)

    @cached_property
    def _people_by_skill(self) -> dict[str, tuple[Person, ...]]:
        by_skill: dict[str, list[Person]] = {}
        for person in self.people:
            for skill in person.skills:
                by_skill.setdefault(skill, []).append(person)
        return {skill: tuple(people) for skill, people in by_skill.items()}

    def people_with(self, skill: str) -> tuple[Person, ...]:
        """People who have ``skill``, in document order."""
        return self._people_by_skill.get(skill, ())

    def eligible(self, requirement: Requirement) -> tuple[Person, ...]:
        """People who can fill a skill or person requirement at its allocation on some day."""
        if requirement.person is not None:
            named = self.person_by_id.get(requirement.person)
            pool: tuple[Person, ...] = (named,) if named is not None else ()
        else:
            pool = self.people_with(requirement.skill or "")
        return tuple(p for p in pool if _max_percent(p) >= requirement.allocation)


def _max_percent(person: Person) -> int:
    return max([person.availability, *(w.percent for w in person.part_time)])
