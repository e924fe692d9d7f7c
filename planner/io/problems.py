"""Turn validation failures into located problems: document path, words, actionable message, line.

Pydantic's structural errors are mapped onto document paths (dropping union and validator tags),
reworded for people ("unknown field 'durtion'; did you mean 'duration'?"), and given the line
of their location; the program's own semantic problems get their line too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from planner.errors import Problem, ProgramInvalid
from planner.io.locations import DocPath, LineMap, describe
from planner.models import Holiday, Predecessor, Program, Target, Task
from planner.models.validation import closest, suggestion_budget

# Models whose before-validators also accept a bare value instead of a mapping.
_SHORTHANDS: dict[type[BaseModel], str] = {Target: "a date", Holiday: "a date", Predecessor: "a task id"}
# Keys a model accepts through a before-validator although they are not fields.
_EXTRA_KEYS: dict[type[BaseModel], tuple[str, ...]] = {Task: ("milestone",)}
# Type names pydantic may put into an error location (union members, validators).
_TYPE_TAGS = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "date",
        "datetime",
        "none",
        "list",
        "tuple",
        "dict",
        "set",
        "bytes",
        "decimal",
        "enum",
        "literal",
    }
)
_ABSENT = object()


def located_problems(
    error: ValidationError | ProgramInvalid, document: object, lines: LineMap | None
) -> list[Problem]:
    """Every problem of ``error`` located in ``document``, in document order.

    Parameters
    ----------
    error
        Pydantic's structural errors, or the program's semantic problems.
    document
        The parsed document the error is about.
    lines
        Its line map, if known.
    """
    if isinstance(error, ValidationError):
        with suggestion_budget():
            problems = _structural_problems(error, document, lines)
    else:
        problems = [_locate(problem, document, lines) for problem in error.problems]
    return _in_document_order(problems)


def _locate(problem: Problem, document: object, lines: LineMap | None) -> Problem:
    """A semantic problem with its line (and a ``where`` if the model left it empty)."""
    where = problem.where or describe(problem.path, document)
    line = lines.line(problem.path) if lines is not None else problem.line
    return dataclasses.replace(problem, where=where, line=line)


def _in_document_order(problems: Iterable[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line is None, p.line or 0))


def _structural_problems(error: ValidationError, document: object, lines: LineMap | None) -> list[Problem]:
    problems: list[Problem] = []
    cascades: list[Problem] = []
    for details in error.errors():
        path = _document_path(details["loc"], document)
        # a bad key is named by the mapping it is in: as an index it would read as a list position
        named = path[:-1] if details["type"] == "invalid_key" else path
        problem = Problem(
            path=path,
            where=describe(named, document),
            message=_message(details, path),
            line=lines.line(path) if lines is not None else None,
        )
        (cascades if _is_cascade(details, path, document) else problems).append(problem)
    return problems or cascades


def _is_cascade(details: ErrorDetails, path: DocPath, document: object) -> bool:
    """A "too short" error that only repeats that the list's items were invalid."""
    if details["type"] != "too_short":
        return False
    found, value = _child_path(document, path)
    wanted = (details.get("ctx") or {}).get("min_length", 1)
    return found and isinstance(value, (list, tuple)) and len(value) >= wanted


def _document_path(loc: tuple[int | str, ...], document: object) -> DocPath:
    """Pydantic's error location without the segments it adds for union members or validators."""
    path: list[str | int] = []
    node: object = document
    annotation: object = Program
    for segment in loc:
        present, child = _child(node, segment)
        step = _step(annotation, segment)
        if not present and step is None and _looks_like_tag(segment):
            continue
        path.append(segment)
        node = child if present else _ABSENT
        annotation = step
    return tuple(path)


def _looks_like_tag(segment: str | int) -> bool:
    if not isinstance(segment, str):
        return False
    return "[" in segment or segment.lower() in _TYPE_TAGS or segment in _model_names()


def _child(node: object, segment: str | int) -> tuple[bool, object]:
    if isinstance(node, Mapping) and segment in node:
        return True, node[segment]
    if isinstance(node, (list, tuple)) and _is_index(segment) and 0 <= int(segment) < len(node):
        return True, node[int(segment)]
    return False, None


def _child_path(node: object, path: DocPath) -> tuple[bool, object]:
    for segment in path:
        found, node = _child(node, segment)
        if not found:
            return False, None
    return True, node


def _is_index(segment: object) -> bool:
    return isinstance(segment, int) and not isinstance(segment, bool)


# ---------------------------------------------------------------------------------------------
# the model at a location


def _unwrap(annotation: object) -> object:
    """Strip ``Annotated`` and ``X | None`` so that the model or container type remains."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is types.UnionType:
            members = [a for a in get_args(annotation) if a is not type(None)]
            models = [a for a in members if _is_model(a)]
            if len(members) == 1:
                annotation = members[0]
            elif len(models) == 1:
                annotation = models[0]
            else:
                return annotation
        else:
            return annotation


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _step(annotation: object, segment: str | int) -> object | None:
    """The annotation one step down from ``annotation`` along ``segment``, or ``None``."""
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if segment in (name, info.alias):
                return info.annotation
        return None
    if get_origin(annotation) in (tuple, list) and _is_index(segment):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        return args[0] if args else None
    return None


def _model_at(path: DocPath) -> type[BaseModel] | None:
    annotation: object = Program
    for segment in path:
        annotation = _step(annotation, segment)
        if annotation is None:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _field_names(model: type[BaseModel]) -> list[str]:
    """The keys a user may write for ``model``, as the documentation spells them."""
    names = [info.alias or name for name, info in model.model_fields.items()]
    return names + [key for key in _EXTRA_KEYS.get(model, ()) if key not in names]


@functools.cache
def _model_names() -> frozenset[str]:
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Program]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo.extend(_models_in(info.annotation))
    return frozenset(m.__name__ for m in seen)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if _is_model(annotation):
        return [annotation]  # type: ignore[list-item]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


# ---------------------------------------------------------------------------------------------
# messages


def _message(details: ErrorDetails, path: DocPath) -> str:
    """Pydantic's message for ``details``, reworded where it reads badly."""
    kind = details["type"]
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    value = details.get("input")
    name = str(path[-1]) if path else ""
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        return _unknown_field(name, _model_at(path[:-1]))
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _expected_mapping(path, value)
    if kind in ("tuple_type", "list_type"):
        return f"should be a list, got {_show(value)}"
    if kind == "too_short":
        wanted = int(ctx.get("min_length", 1))
        return f"needs at least {wanted} item{'s' if wanted != 1 else ''}, got {_count(value)}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "invalid_key":
        return f"field names must be text, got {_show(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"should be a whole number, got {_show(value)}"
    if kind == "string_type":
        return f"should be text, got {_show(value)}"
    if kind.startswith("date_"):
        reason = f" ({ctx['error']})" if ctx.get("error") else ""
        return f"should be a date written YYYY-MM-DD, got {_show(value)}{reason}"
    return _reword(details["msg"], value)


def _unknown_field(name: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return f"unknown field '{name}'"
    known = _field_names(model)
    hint = closest(name, known)
    return f"unknown field '{name}'" + (hint or f"; expected one of: {', '.join(known)}")


def _expected_mapping(path: DocPath, value: object) -> str:
    model = _model_at(path)
    if not path and value is None:
        return "the document is empty; a program needs at least name, start and projects"
    if model is None:
        return f"should be a mapping of fields, got {_show(value)}"
    shorthand = _SHORTHANDS.get(model)
    fields = ", ".join(_field_names(model))
    expected = f"a mapping with fields {fields}"
    if shorthand:
        expected = f"{shorthand} or {expected}"
    return f"should be {expected}; got {_show(value)}"


def _reword(message: str, value: object) -> str:
    if message.startswith("Input should"):
        return f"{message[len('Input ') :]}, got {_show(value)}"
    return message[:1].lower() + message[1:]


def _count(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return str(len(value))
    return _show(value)


def _show(value: object) -> str:
    """A short rendering of a user's value for messages."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}...'"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"
