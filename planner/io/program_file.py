"""Read program files (YAML or JSON) into a validated :class:`planner.models.Program`.

Every failure is one of two errors, never a traceback:

- :class:`planner.errors.InputError` when the file cannot be read at all (missing, unreadable,
  unknown extension, YAML or JSON syntax error); the message names the file and, for syntax
  errors, the line and column;
- :class:`planner.errors.ProgramInvalid` when the document is read but is not a valid program.
  All problems are reported at once, structural ones (pydantic) and semantic ones (the
  program's own rules) alike, each with its document path, the location in the user's words,
  a message a person can act on and, for YAML, the line.

Examples
--------
>>> program = load_program("programs/core-banking.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml
from pydantic import ValidationError

from planner.errors import InputError, ProgramInvalid
from planner.io.documents import SUFFIXES, DocumentFormat, loads_document, read_document
from planner.io.locations import LineMap
from planner.io.problems import located_problems
from planner.models import Program

logger = logging.getLogger(__name__)


def load_program(path: str | Path) -> Program:
    """Read a program file and return the validated program.

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` file.

    Returns
    -------
    Program
        The validated, immutable program.

    Raises
    ------
    InputError
        The file is missing, unreadable, has an unknown extension or is not valid YAML/JSON.
    ProgramInvalid
        The document is not a valid program; every problem is listed with its line.
    """
    data, lines = read_document(path)
    if isinstance(data, dict) and "base" in data and "changes" in data:
        raise InputError(
            f"{path}: this is a scenario file (it has 'base' and 'changes'), not a program; "
            "solve it with `planner solve-scenario` or `planner whatif`"
        )
    return parse_program(data, source=str(path), lines=lines)


def parse_program(data: object, source: str | None = None, lines: LineMap | None = None) -> Program:
    """Validate an already-parsed document as a program.

    Parameters
    ----------
    data
        The parsed document (dicts, lists, scalars), e.g. from :func:`read_document` or the
        body of an HTTP request.
    source
        Name of the origin for messages (a file name), if any.
    lines
        Line map of the document, to give every problem its line.

    Returns
    -------
    Program
        The validated, immutable program.

    Raises
    ------
    ProgramInvalid
        Every structural and semantic problem at once, in document order.
    """
    try:
        program = Program.model_validate(data)
    except (ValidationError, ProgramInvalid) as error:
        problems = located_problems(error, data, lines)
    else:
        logger.debug(
            "read program %r from %s: %d projects, %d tasks",
            program.name,
            source or "data",
            len(program.projects),
            len(program.tasks),
        )
        return program
    logger.debug("program from %s has %d problems", source or "data", len(problems))
    raise ProgramInvalid(problems, source=source)


def program_document(program: Program) -> dict[str, object]:
    """``program`` as plain data in the form of a program file (fields as written, defaults left out)."""
    return program.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def write_program(path: str | Path, program: Program, comment: str | None = None) -> Path:
    """Write ``program`` as a program file (``.yaml``, ``.yml`` or ``.json``) that validates and loads back
    to an equal program.

    Parameters
    ----------
    path
        The file to write (its folder is created).
    program
        The program, e.g. a scenario applied to its base.
    comment
        Lines to head a YAML file with, as comments (e.g. where the program came from).

    Raises
    ------
    InputError
        The extension is none of ``.yaml``, ``.yml``, ``.json``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: cannot write a program as '{suffix}'; use one of {', '.join(SUFFIXES)}")
    document = program_document(program)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        head = "".join(f"# {line}\n" for line in (comment or "").splitlines())
        body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
        path.write_text(head + body, encoding="utf-8")
    logger.info("wrote program %s to %s", program.name, path)
    return path


__all__ = [
    "SUFFIXES",
    "DocumentFormat",
    "load_program",
    "loads_document",
    "parse_program",
    "program_document",
    "read_document",
    "write_program",
]
