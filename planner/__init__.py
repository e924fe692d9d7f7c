"""Program planner: integrated, resource-feasible schedules for programs of projects.

The public API: the model types, reading programs, scenarios and schedules, the solver and its
options, the independent checker, the summary, and the use cases (:mod:`planner.workflows`).

Examples
--------
>>> import planner
>>> program = planner.load_program("scenarios/quickstart.yaml")  # doctest: +SKIP
>>> schedule = planner.solve(program, planner.SolveOptions(time_limit=10, workers=2))  # doctest: +SKIP
>>> planner.verify(program, schedule)  # doctest: +SKIP

Every name is imported when first used, so ``import planner`` (and so ``import planner.models``)
stays cheap: the solver (OR-Tools) loads only with ``solve`` or a use case.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # the model types
    "Calendar": "planner.models",
    "Change": "planner.models",
    "Dependency": "planner.models",
    "Person": "planner.models",
    "Program": "planner.models",
    "Project": "planner.models",
    "Requirement": "planner.models",
    "Role": "planner.models",
    "Scenario": "planner.models",
    "Schedule": "planner.models",
    "ScheduledTask": "planner.models",
    "SolveStatus": "planner.models",
    "Task": "planner.models",
    # errors
    "InputError": "planner.errors",
    "PlannerError": "planner.errors",
    "ProgramInvalid": "planner.errors",
    # files
    "load_program": "planner.io.program_file",
    "write_program": "planner.io.program_file",
    "read_schedule": "planner.io.schedule_file",
    "write_schedule": "planner.io.schedule_file",
    "load_scenario": "planner.scenarios.load",
    # the solver
    "Progress": "planner.solvers",
    "SolveOptions": "planner.solvers",
    "solve": "planner.solvers.solve",
    # the independent checker (``planner.check`` is its package: ``planner.check.check`` lists violations)
    "ScheduleInvalid": "planner.check",
    "Violation": "planner.check",
    "verify": "planner.check",
    # what a schedule means
    "Summary": "planner.analysis.facts.summary",
    "summarize": "planner.analysis.facts.summary",
    "Explanation": "planner.analysis.explanations.explanation",
    # the use cases
    "Solved": "planner.workflows.solve",
    "solve_program": "planner.workflows.solve",
    "Replanned": "planner.workflows.replan",
    "replan": "planner.workflows.replan",
    "whatif": "planner.workflows.replan",
    "ComparedFiles": "planner.workflows.compare",
    "compare": "planner.workflows.compare",
    "ExplainOptions": "planner.workflows.explain",
    "explain": "planner.workflows.explain",
    "Funded": "planner.workflows.fund",
    "FundingAnswer": "planner.workflows.fund",
    "fund": "planner.workflows.fund",
    "BatchResult": "planner.workflows.batch",
    "run_batch": "planner.workflows.batch",
}

if TYPE_CHECKING:
    from planner.analysis.explanations.explanation import Explanation
    from planner.analysis.facts.summary import Summary, summarize
    from planner.check import ScheduleInvalid, Violation, verify
    from planner.errors import InputError, PlannerError, ProgramInvalid
    from planner.io.program_file import load_program, write_program
    from planner.io.schedule_file import read_schedule, write_schedule
    from planner.models import (
        Calendar,
        Change,
        Dependency,
        Person,
        Program,
        Project,
        Requirement,
        Role,
        Scenario,
        Schedule,
        ScheduledTask,
        SolveStatus,
        Task,
    )
    from planner.scenarios.load import load_scenario
    from planner.solvers import Progress, SolveOptions
    from planner.solvers.solve import solve
    from planner.workflows.batch import BatchResult, run_batch
    from planner.workflows.compare import ComparedFiles, compare
    from planner.workflows.explain import ExplainOptions, explain
    from planner.workflows.fund import Funded, FundingAnswer, fund
    from planner.workflows.replan import Replanned, replan, whatif
    from planner.workflows.solve import Solved, solve_program


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562); ``planner.check`` is the checker's package."""
    if name == "check":
        return import_module("planner.check")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planner' has no attribute '{name}'")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, "check"})


__all__ = [
    "BatchResult",
    "Calendar",
    "Change",
    "ComparedFiles",
    "Dependency",
    "ExplainOptions",
    "Explanation",
    "Funded",
    "FundingAnswer",
    "InputError",
    "Person",
    "PlannerError",
    "Program",
    "ProgramInvalid",
    "Progress",
    "Project",
    "Replanned",
    "Requirement",
    "Role",
    "Scenario",
    "Schedule",
    "ScheduleInvalid",
    "ScheduledTask",
    "SolveOptions",
    "SolveStatus",
    "Solved",
    "Summary",
    "Task",
    "Violation",
    "__version__",
    "check",
    "compare",
    "explain",
    "fund",
    "load_program",
    "load_scenario",
    "read_schedule",
    "replan",
    "run_batch",
    "solve",
    "solve_program",
    "summarize",
    "verify",
    "whatif",
    "write_program",
    "write_schedule",
]
