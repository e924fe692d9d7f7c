"""Typed errors with messages written for people, not for debuggers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    Parameters
    ----------
    path
        Location inside the document, e.g. ``("projects", 2, "tasks", 5, "duration")``.
    where
        The same location in the user's words, e.g. ``"payments.design: duration"``.
    message
        What is wrong and, where we can tell, how to fix it.
    line
        Line number in the source file, when known.
    """

    path: tuple[str | int, ...]
    where: str
    message: str
    line: int | None = None

    def format(self, source: str | None = None) -> str:
        """Render as ``file:line: where: message``."""
        prefix = source or ""
        if self.line is not None:
            prefix = f"{prefix}:{self.line}" if prefix else f"line {self.line}"
        parts = [p for p in (prefix, self.where) if p]
        return ": ".join([*parts, self.message])


class PlannerError(Exception):
    """Base class of every error the planner raises on purpose."""


class ProgramInvalid(PlannerError):
    """A program (or scenario) breaks one or more rules; every problem is listed.

    Parameters
    ----------
    problems
        All problems found, in document order.
    source
        The file (or other origin) the program came from, if any.
    """

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, headed by a count."""
        n = len(self.problems)
        head = f"{self.source or 'program'}: {n} problem{'s' if n != 1 else ''}"
        return "\n".join([head, *("  " + p.format(self.source) for p in self.problems)])


class InputError(PlannerError):
    """A file cannot be read at all (missing, unreadable, not YAML/JSON, wrong extension)."""


class SolverBug(PlannerError):
    """The solver rejected the model we built; this is a defect in the planner, not in the input."""
