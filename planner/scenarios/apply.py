"""Apply a scenario's changes to a program: a new, validated program per change list.

Each change edits a plain dump of the program and the result is validated again with
``Program.model_validate``, so a scenario can never produce a program the rest of the planner
would not accept. A change that names something unknown, or that leaves an invalid program,
raises :class:`planner.errors.ProgramInvalid` naming the scenario file, the change (its index
and kind) and, for unknown names, the closest valid one.

Changes are applied in order; slips and status dates are measured against a baseline schedule
when one is given. What each kind does is its module's ``apply`` in
:mod:`planner.scenarios.changes`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from planner.errors import ProgramInvalid
from planner.models import Program, Schedule
from planner.models.scenario import Change
from planner.scenarios.changes.base import Edit, UnknownName, planned_of, where_change
from planner.scenarios.changes.funding import scaled
from planner.scenarios.changes.names import Names, reference_problems
from planner.scenarios.changes.registry import KINDS
from planner.scenarios.changes.remove_task import bridge
from planner.scenarios.changes.timing import earliest_starts

logger = logging.getLogger(__name__)


def apply_changes(
    program: Program, changes: Sequence[Change], baseline: Schedule | None = None, source: str | None = None
) -> Program:
    """Apply ``changes`` in order to ``program`` and return the new, validated program.

    Parameters
    ----------
    program
        The base program (left unchanged).
    changes
        Scenario changes, e.g. ``Scenario.changes``.
    baseline
        The schedule of the base plan: slips are measured from its starts (from the earliest
        start the dependencies allow when there is none), a person's slip acts on the tasks it
        staffs with them too, and a status date fixes the work it starts before that date.
    source
        The scenario file, for messages.

    Returns
    -------
    Program
        A new program, validated like any program read from a file.

    Raises
    ------
    ProgramInvalid
        A change names an unknown task, project, role or person (the closest valid name is
        suggested), cannot apply, or leaves a program that breaks a rule. Every problem is
        listed: all unknown names are found before anything is applied, and a change that
        cannot apply is skipped so that the later ones are still tried. Each problem's path is
        ``("changes", index, field)`` (``index`` from 0) and its ``where`` numbers the changes
        from 1: ``changes[1] (slip)`` is the first.
    """
    problems = reference_problems(program, changes)
    if problems:
        raise ProgramInvalid(problems, source=source)
    planned = planned_of(baseline)
    for index, change in enumerate(changes):
        edit = Edit(program, index, change.kind, planned, source)
        try:
            KINDS[change.kind].apply(edit, change)
            program = edit.result()
        except ProgramInvalid as error:
            # every name was checked above: an unknown one here is what a failed change would add
            if not (isinstance(error, UnknownName) and problems):
                problems.extend(error.problems)
            continue
        logger.debug("applied %s", where_change(index, change.kind))
    if problems:
        raise ProgramInvalid(problems, source=source)
    return program


__all__ = [
    "Names",
    "apply_changes",
    "bridge",
    "earliest_starts",
    "reference_problems",
    "scaled",
    "where_change",
]
