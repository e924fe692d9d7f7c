"""The names changes use, checked in order before any change is applied."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import SimpleNamespace

from planner.errors import Problem
from planner.models import Program
from planner.models.scenario import CHANGE_KINDS, Change
from planner.scenarios.changes.base import NameBook, NameCheck
from planner.scenarios.changes.registry import KINDS


class Names(NameBook):
    """The names a program has, kept up to date change by change without applying the changes.

    Checks what each change refers to (tasks, projects, roles, people) and what it adds (no
    duplicates), then records what it adds or removes, so that a later change may name a task
    an earlier one added. Use :meth:`check` for each change in order (across the files of a
    scenario chain too), and :meth:`check_written` for a change that is not valid as written.
    Each kind's own check is its module's ``check`` (:mod:`planner.scenarios.changes`).
    """

    def check(self, index: int, change: Change) -> list[Problem]:
        """The problems of ``change`` (at position ``index`` of its file) with the names so far."""
        found = NameCheck(self, index, change.kind)
        KINDS[change.kind].check(found, change)
        return found.problems

    def check_written(self, index: int, item: object) -> list[Problem]:
        """The unknown names of a change that is not valid as written (its other problems are
        pydantic's); what it would add is recorded so that later changes are not blamed."""
        if not isinstance(item, Mapping):
            return []
        kind = item.get("kind")
        found = NameCheck(self, index, kind if isinstance(kind, str) else "")
        if kind in CHANGE_KINDS:
            refs = {f: item[f] for f in ("task", "project", "role", "person") if isinstance(item.get(f), str)}
            found.references(SimpleNamespace(**refs))
            record = KINDS[kind].record_written
            if record is not None:
                record(self, item)
        return found.problems


def reference_problems(program: Program, changes: Sequence[Change]) -> list[Problem]:
    """Every unknown or duplicate name ``changes`` use, checked in order against ``program``.

    A change may name what an earlier one adds (a person, a task, a project); nothing is applied.
    """
    names = Names(program)
    return [problem for index, change in enumerate(changes) for problem in names.check(index, change)]


__all__ = ["Names", "reference_problems"]
