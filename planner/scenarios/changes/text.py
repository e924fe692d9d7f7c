"""Reading one change typed on a command line: the pieces every kind's parser shares.

A text that cannot be read raises :class:`planner.errors.InputError` quoting the flag and the
text and showing the expected form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import ValidationError

from planner.errors import InputError
from planner.models import Program
from planner.models.validation import closest

_ASSIGN = re.compile(r"^\s*([^=\s]+)\s*=\s*([^=]+?)\s*$")
_WINDOW = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2})?)?\s*$")

Target = Literal["task", "project", "role", "person"]
"""What a name on a command line names."""


def split(flag: str, text: str, form: str) -> tuple[str, str]:
    """``NAME=VALUE`` as ``(NAME, VALUE)``; otherwise an error showing ``form``."""
    match = _ASSIGN.match(text)
    if match is None:
        raise InputError(f"{flag} {text!r}: write {form}")
    return match.group(1), match.group(2)


def dates(flag: str, text: str, written: str, form: str) -> tuple[dt.date, dt.date | None]:
    """``FROM..TO`` or ``FROM`` (``written``) as two dates, the second ``None`` when left out."""
    match = _WINDOW.match(written)
    if match is None:
        raise InputError(f"{flag} {text!r}: write {form}")
    try:
        first = dt.date.fromisoformat(match.group(1))
        last = dt.date.fromisoformat(match.group(2)) if match.group(2) else None
    except ValueError as error:
        raise InputError(f"{flag} {text!r}: {error}") from None
    return first, last


def invalid(flag: str, text: str, error: ValidationError) -> InputError:
    """The first thing the model refused, as an error quoting the text."""
    details = error.errors()[0]
    message = details["ctx"]["error"] if "error" in (details.get("ctx") or {}) else details["msg"]
    return InputError(f"{flag} {text!r}: {message}")


def target_of(program: Program, flag: str, text: str, name: str) -> Target:
    """``task``, ``project``, ``role`` or ``person``: what ``name`` names in ``program``."""
    if "." in name:
        return "task"
    known: tuple[tuple[Target, list[str]], ...] = (
        ("project", [p.id for p in program.projects]),
        ("role", list(program.role_by_id)),
        ("person", list(program.person_by_id)),
    )
    kinds = [kind for kind, ids in known if name in ids]
    if not kinds:
        names = [*(p.id for p in program.projects), *program.role_by_id, *program.person_by_id]
        raise InputError(
            f"{flag} {text!r}: no project, role or person '{name}'{closest(name, names)}"
            " (a task is written project.task)"
        )
    if len(kinds) > 1:
        raise InputError(
            f"{flag} {text!r}: '{name}' is both a {kinds[0]} and a {kinds[1]}; "
            "use a scenario file to say which"
        )
    return kinds[0]


__all__ = ["Target", "dates", "invalid", "split", "target_of"]
