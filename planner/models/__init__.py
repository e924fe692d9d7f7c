"""Pydantic models of programs and schedules; imports only pydantic and the standard library."""

from planner.models.calendar import Calendar, Holiday, WorkingDays
from planner.models.program import (
    Dependency,
    DependencyType,
    Link,
    Objective,
    Predecessor,
    Program,
    Project,
    Requirement,
    Target,
    Task,
    task_key,
)
from planner.models.resources import CapacityChange, Person, Role, Window
from planner.models.schedule import Schedule, ScheduledTask, SolveRecord, SolveStatus, TierResult

__all__ = [
    "Calendar",
    "CapacityChange",
    "Dependency",
    "DependencyType",
    "Holiday",
    "Link",
    "Objective",
    "Person",
    "Predecessor",
    "Program",
    "Project",
    "Requirement",
    "Role",
    "Schedule",
    "ScheduledTask",
    "SolveRecord",
    "SolveStatus",
    "Target",
    "Task",
    "TierResult",
    "Window",
    "WorkingDays",
    "task_key",
]

from planner.models.scenario import Change, Scenario

__all__ += ["Change", "Scenario"]

from planner.models.finance import Benefit, Budget, Finance, FundingStatus, Money

__all__ += ["Benefit", "Budget", "Finance", "FundingStatus", "Money"]
