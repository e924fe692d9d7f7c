"""What the checker reports: a :class:`Violation` per broken rule, :class:`ScheduleInvalid` for all of them.

Also the checker's own wording of numbers (working days, people, names, money): it words its
messages itself, like it re-derives every rule, and imports nothing above the models. :func:`money`
is exported by :mod:`planner.check` and used by the explanations too, so every message writes an
amount alike (the checker is the lowest room that words anything).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.errors import PlannerError


@dataclass(frozen=True)
class Violation:
    """One rule a schedule breaks.

    Parameters
    ----------
    task
        The task key ``project.task``, or ``None`` for a program-wide problem.
    kind
        Short code: ``missing``, ``unknown-task``, ``duplicate``, ``status``, ``horizon``,
        ``non-working-day``, ``duration``, ``release``, ``deadline``, ``dependency``, ``fixed``,
        ``requirement``, ``role-capacity``, ``person-overload``, ``leave``, ``reached`` (a
        milestone dated later than the working day it is reached), ``objective``, or
        (:mod:`planner.check.funding`) ``funding`` and ``budget``.
    message
        What is wrong, with task names, dates and numbers.
    """

    task: str | None
    kind: str
    message: str


class ScheduleInvalid(PlannerError):
    """A schedule breaks one or more rules of its program; every violation is listed.

    Parameters
    ----------
    violations
        All violations found by :func:`planner.check.check`.
    program
        The program's name, for the heading.
    """

    def __init__(self, violations: list[Violation], program: str = "") -> None:
        self.violations = list(violations)
        n = len(self.violations)
        head = f"schedule of {program or 'program'}: {n} violation{'s' if n != 1 else ''}"
        super().__init__("\n".join([head, *(f"  [{v.kind}] {v.message}" for v in self.violations)]))


class Violations(list[Violation]):
    """The violations found so far, in the order the rules found them."""

    def add(self, task: str | None, kind: str, message: str) -> None:
        """Record that ``task`` (``None``: the program) breaks a rule of ``kind``, as ``message`` says."""
        self.append(Violation(task, kind, message))


def n_days(n: int) -> str:
    """``1 working day``, ``3 working days``."""
    return f"{n} working day{'s' if n != 1 else ''}"


def n_people(n: int) -> str:
    """``1 person``, ``2 people``."""
    return f"{n} {'person' if n == 1 else 'people'}"


def names(people: Iterable[str]) -> str:
    """The names joined by commas, or ``nobody``."""
    listed = list(people)
    return ", ".join(listed) if listed else "nobody"


def money(amount: int, currency: str = "") -> str:
    """An amount as every message of the planner writes it: ``1,234,567``, or ``EUR 1,234,567``.

    Parameters
    ----------
    amount
        Whole units of the program's currency.
    currency
        The currency code, when the program gives one.

    Returns
    -------
    str
        The amount with thousands separators, the currency code in front when there is one.
    """
    text = f"{amount:,}"
    return f"{currency} {text}" if currency else text
