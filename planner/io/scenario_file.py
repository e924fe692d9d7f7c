"""Read scenario files (YAML or JSON) into a :class:`planner.models.Scenario`, with line numbers.

A scenario document is told from a program document by its ``base`` key. Structural problems
(missing fields, unknown fields, an unknown change ``kind``) are all reported at once as
:class:`planner.errors.ProgramInvalid`, each with the change it is in (``changes[2] (slip)``
is the second change: messages count changes from 1), what is wrong, the closest valid name
and the line; unreadable files raise
:class:`planner.errors.InputError` (see :func:`planner.io.program_file.read_document`).

Examples
--------
>>> scenario, lines, document = read_scenario("scenarios/bank/payments-slip.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from planner.errors import Problem, ProgramInvalid
from planner.io.locations import DocPath, LineMap, dotted
from planner.io.problems import _message as program_message
from planner.io.program_file import read_document
from planner.models.scenario import CHANGE_KINDS, Change, Scenario
from planner.models.validation import closest

logger = logging.getLogger(__name__)


def is_scenario(document: object) -> bool:
    """Whether a parsed document is a scenario (it names a ``base``) rather than a program."""
    return isinstance(document, Mapping) and "base" in document


def read_scenario(path: str | Path) -> tuple[Scenario, LineMap | None, object]:
    """Read and validate a scenario file.

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` scenario file.

    Returns
    -------
    tuple
        The scenario, the line map of the file (``None`` when lines cannot be told) and the
        parsed document (to locate later problems, e.g. of applying a change).

    Raises
    ------
    InputError
        The file is missing, unreadable or not valid YAML/JSON.
    ProgramInvalid
        The document is not a valid scenario; every problem is listed with its line.
    """
    document, lines = read_document(path)
    return parse_scenario(document, source=str(path), lines=lines), lines, document


def parse_scenario(document: object, source: str | None = None, lines: LineMap | None = None) -> Scenario:
    """Validate an already-parsed document as a scenario.

    Parameters
    ----------
    document
        The parsed document (dicts, lists, scalars).
    source
        Name of the origin for messages (a file name), if any.
    lines
        Line map of the document.

    Raises
    ------
    ProgramInvalid
        Every structural problem at once, in document order.
    """
    try:
        scenario = Scenario.model_validate(document)
    except ValidationError as error:
        problems = [_problem(details, document, lines) for details in error.errors()]
        problems = sorted(dict.fromkeys(problems), key=lambda p: (p.line is None, p.line or 0))
        raise ProgramInvalid(problems, source=source) from None
    too_large = [locate(p, document, lines) for p in _too_large(scenario)]
    if too_large:
        raise ProgramInvalid(too_large, source=source)
    logger.debug(
        "read scenario %r from %s: %d changes", scenario.name, source or "data", len(scenario.changes)
    )
    return scenario


MAX_COUNT = 2**31 - 1
"""The largest count (a budget, a capacity, a weight) a scenario may give."""


def _too_large(scenario: Scenario) -> list[Problem]:
    """Counts of a valid scenario too large to plan with: past 32 bits (slips and durations are
    bounded by the scenario model itself, at :data:`planner.models.program.MAX_DAYS`)."""
    problems: list[Problem] = []
    numbers: list[tuple[DocPath, str, object]] = [
        (("disruption_budget",), "disruption_budget", scenario.disruption_budget)
    ]
    for index, change in enumerate(scenario.changes):
        for name, info in type(change).model_fields.items():
            numbers.append((("changes", index, info.alias or name), name, getattr(change, name)))
    for path, name, value in numbers:
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if abs(value) > MAX_COUNT:
            problems.append(
                Problem(path=path, where="", message=f"{value} is too large; at most {MAX_COUNT}")
            )
    return problems


def locate(problem: Problem, document: object, lines: LineMap | None) -> Problem:
    """``problem`` with the line of its path in the scenario document (when known)."""
    line = lines.line(problem.path) if lines is not None and problem.path else problem.line
    return Problem(
        path=problem.path,
        where=problem.where or where(problem.path, document),
        message=problem.message,
        line=line,
    )


def where(path: DocPath, document: object) -> str:
    """A scenario location in the user's words: ``changes[2] (slip): by`` or ``base``.

    Changes are counted from 1 (``changes[1]`` is the first) although the path counts from 0.
    """
    if len(path) >= 2 and path[0] == "changes" and isinstance(path[1], int):
        kind = _kind_at(document, path[1])
        head = f"changes[{path[1] + 1}]" + (f" ({kind})" if kind else "")
        rest = dotted(path[2:])
        return f"{head}: {rest}" if rest else head
    return dotted(path) or "scenario"


def salvage(document: object) -> tuple[str | None, list[tuple[int, Change | object]], tuple[str, ...]]:
    """What can still be used of a scenario document that is not valid as a whole.

    Returns the ``base`` (``None`` when it is not a file name), every change with its index
    (the :class:`Change` when it is valid on its own, else the item as written) and the pins
    that are text, so that the names the valid changes use can be checked too.
    """
    if not isinstance(document, Mapping):
        return None, [], ()
    base = document.get("base")
    items = document.get("changes")
    changes: list[tuple[int, Change | object]] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            changes.append((index, _CHANGE.validate_python(item)))
        except ValidationError:
            changes.append((index, item))
    pins = document.get("pin")
    return (
        base if isinstance(base, str) and base else None,
        changes,
        tuple(p for p in pins if isinstance(p, str)) if isinstance(pins, list) else (),
    )


# ---------------------------------------------------------------------------------------------


_CHANGE: TypeAdapter[Change] = TypeAdapter(Change)

_MODELS: dict[str, type[BaseModel]] = {
    model.model_fields["kind"].annotation.__args__[0]: model for model in get_args(get_args(Change)[0])
}


def _kind_at(document: object, index: int) -> str | None:
    changes = document.get("changes") if isinstance(document, Mapping) else None
    if isinstance(changes, list) and 0 <= index < len(changes) and isinstance(changes[index], Mapping):
        kind = changes[index].get("kind")
        return kind if isinstance(kind, str) else None
    return None


def _document_path(loc: tuple[int | str, ...], document: object) -> DocPath:
    """Pydantic's location without the tags it adds (change kinds, validator names)."""
    path: list[str | int] = []
    node: object = document
    for i, segment in enumerate(loc):
        present = (isinstance(node, Mapping) and segment in node) or (
            isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node)
        )
        if present:
            path.append(segment)
            node = node[segment]  # type: ignore[index]
        elif i == len(loc) - 1 and not ("[" in str(segment) or str(segment) in CHANGE_KINDS):
            path.append(segment)
            node = None
    return tuple(path)


def _fields(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_for(path: DocPath, document: object) -> type[BaseModel] | None:
    if len(path) == 1:
        return Scenario
    if len(path) == 3 and path[0] == "changes" and isinstance(path[1], int):
        return _MODELS.get(_kind_at(document, path[1]) or "")
    return None


def _problem(details: ErrorDetails, document: object, lines: LineMap | None) -> Problem:
    path = _document_path(details["loc"], document)
    kind = details["type"]
    ctx = dict(details.get("ctx") or {})
    name = str(path[-1]) if path else ""
    if kind == "missing":
        message = f"missing required field '{name}'"
    elif kind == "extra_forbidden":
        model = _model_for(path, document)
        known = _fields(model) if model else []
        message = f"unknown field '{name}'" + (
            closest(name, known) or (f"; expected one of: {', '.join(known)}" if known else "")
        )
        path = path[:-1] if len(path) > 1 else path
    elif kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        message = f"unknown change kind '{tag}'" + (
            closest(tag, CHANGE_KINDS) or f"; use one of: {', '.join(CHANGE_KINDS)}"
        )
    elif kind == "union_tag_not_found":
        message = f"a change needs a 'kind': one of {', '.join(CHANGE_KINDS)}"
    else:  # worded as for program files: dates "should be a date written YYYY-MM-DD, got ..."
        message = program_message(details, path)
    line = lines.line(path) if lines is not None else None
    return Problem(path=path, where=where(path, document), message=message, line=line)


__all__ = ["is_scenario", "locate", "parse_scenario", "read_scenario", "salvage", "where"]
