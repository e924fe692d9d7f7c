"""Scenario changes sent to the service, checked against the program they will apply to.

A stored scenario's base is its program and a what-if's baseline is a stored result, so the
``base`` and ``baseline`` keys of scenario files have no place here. Changes are validated by
the planner's own scenario reader and applied once to the program, so that an unknown task,
project, role or person is reported at once (422, with the closest valid name) rather than when
the job runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from api.documents import check_name, check_values
from api.errors import ApiError, from_program_invalid, invalid_field
from api.storage import program_of
from api.tables import ProgramVersionRow
from planner.errors import ProgramInvalid
from planner.io.locations import LineMap
from planner.io.scenario_file import parse_scenario
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes

STORED_BASE = "stored program"
"""The ``base`` a scenario of the service is read with: the program it is stored against."""


def checked_scenario(
    document: dict[str, Any],
    version: ProgramVersionRow,
    prefix: Sequence[str | int] = (),
    lines: LineMap | None = None,
    max_tasks: int | None = None,
) -> Scenario:
    """Validate a scenario document and apply its changes once to the program version.

    Parameters
    ----------
    document
        ``name``, ``description``, ``changes``, ``disruption_budget``, ``pin``.
    version
        The program version the changes must fit.
    prefix
        Where the document sits in the request body (``("body",)`` for inline changes).
    lines
        Line map of the document, to give problems their line.
    max_tasks
        The most tasks the changed program may have (``add_project`` and ``add_task`` add some).

    Raises
    ------
    ApiError
        422 listing every problem, each at its path in the request.
    """
    for key, hint in (
        ("base", "a stored scenario's base is the program it is stored against"),
        ("baseline", "name the baseline with `baseline_job` when you submit the what-if job"),
    ):
        if key in document:
            raise invalid_field(
                [*prefix, key], f"'{key}' is not used by the service: {hint}", code="scenario_invalid"
            )
    check_values(document, "scenario", tuple(prefix))
    try:
        scenario = parse_scenario({**document, "base": STORED_BASE}, lines=lines)
        changed = apply_changes(program_of(version), scenario.changes)
    except ProgramInvalid as error:
        located = ProgramInvalid([dataclasses.replace(p, path=(*prefix, *p.path)) for p in error.problems])
        raise _as_scenario_error(from_program_invalid(located)) from None
    check_name(scenario.name, "scenario")
    if max_tasks is not None and len(changed.tasks) > max_tasks:
        raise invalid_field(
            [*prefix, "changes"],
            f"with its changes the program has {len(changed.tasks)} tasks; this server accepts at most "
            f"{max_tasks} (setting PLANNER_MAX_TASKS)",
            code="too_many_tasks",
        )
    return scenario


def _as_scenario_error(error: ApiError) -> ApiError:
    error.code = "scenario_invalid"
    error.message = error.message.replace("the program has", "the scenario has")
    return error
