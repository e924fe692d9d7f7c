"""The files of a batch: which ones to solve, and everything each one needs, carried as bytes.

A scenario file names its ``base`` (a program or another scenario, relative to itself) and may
name a ``baseline`` schedule. :func:`bundle` follows that chain and packs the bytes of every
file on it, keyed by paths relative to a common folder, so that a worker process, or a Ray
worker on another machine, can rebuild the same folder layout in a temporary directory and load
the scenario exactly as it is on disk. The same bytes make the cache key of a batch run.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from planner.errors import InputError, PlannerError
from planner.io.program_file import SUFFIXES, read_document
from planner.io.scenario_file import is_scenario

logger = logging.getLogger(__name__)

Kind = Literal["scenario", "program"]


@dataclass(frozen=True)
class Bundle:
    """A scenario or program file with every file it needs.

    Parameters
    ----------
    path
        The file as the user named it.
    kind
        ``scenario`` or ``program``.
    root
        The folder the relative paths start from.
    entry
        The file itself, relative to ``root``.
    program
        The program at the end of the chain, relative to ``root`` (the file itself for a program).
    files
        ``(relative path, bytes)`` of the file, its bases and the baselines they name, sorted.
    base
        The program file as shown in tables (relative to the working folder when it can be).
    """

    path: str
    kind: Kind
    root: str
    entry: str
    program: str
    files: tuple[tuple[str, bytes], ...] = field(repr=False)
    base: str = ""

    def materialize(self, directory: str | Path) -> Path:
        """Write every file under ``directory`` in its layout and return the entry's path there."""
        base = Path(directory)
        for relative, data in self.files:
            target = base / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return base / self.entry


class Skip(PlannerError):
    """A file that is neither a program nor a scenario (a schedule, a batch cache ...)."""


def discover(target: str | Path) -> list[Path]:
    """The program and scenario files of a folder (searched recursively) or of a glob pattern.

    Parameters
    ----------
    target
        A folder, or a glob such as ``scenarios/bank/*.yaml`` (``**`` searches sub-folders).

    Returns
    -------
    list[Path]
        ``.yaml``, ``.yml`` and ``.json`` files, sorted, without batch caches (``*.cache.json``).

    Raises
    ------
    InputError
        When nothing matches.
    """
    path = Path(target)
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file()]
    else:
        found = [Path(p) for p in glob.glob(str(target), recursive=True) if Path(p).is_file()]
    files = sorted(p for p in found if p.suffix.lower() in SUFFIXES and not p.name.endswith(".cache.json"))
    if not files:
        raise InputError(f"{target}: no .yaml, .yml or .json files there")
    return files


class Reader:
    """Reads documents and bytes once per file, for the many scenarios that share a base."""

    def __init__(self) -> None:
        self._documents: dict[Path, object] = {}
        self._bytes: dict[Path, bytes] = {}

    def document(self, path: Path) -> object:
        """The parsed document of ``path`` (:func:`planner.io.program_file.read_document`)."""
        key = path.resolve()
        if key not in self._documents:
            self._documents[key] = read_document(path)[0]
        return self._documents[key]

    def data(self, path: Path) -> bytes:
        """The bytes of ``path``."""
        key = path.resolve()
        if key not in self._bytes:
            try:
                self._bytes[key] = path.read_bytes()
            except OSError as error:
                raise InputError(f"{path}: cannot read the file ({error.strerror or error})") from None
        return self._bytes[key]


def _looks_like_other(document: object) -> bool:
    """Schedules, comparisons and batch caches: JSON the planner writes that is not an input."""
    return isinstance(document, Mapping) and (
        ("status" in document and "tasks" in document and "projects" not in document)
        or ("scenarios" in document and "dates" in document)
        or "entries" in document
    )


def bundle(path: str | Path, reader: Reader | None = None) -> Bundle:
    """Pack ``path`` with its chain of bases and the baselines they name.

    Parameters
    ----------
    path
        A scenario or program file.
    reader
        Shared reader, so that a base used by many scenarios is read once.

    Raises
    ------
    Skip
        The file is neither a program nor a scenario.
    InputError, ProgramInvalid
        The file or a file of its chain cannot be read, or the chain does not reach a program;
        the message is the one loading the scenario would give.
    """
    reader = reader or Reader()
    start = Path(path)
    document = reader.document(start)
    if _looks_like_other(document):
        raise Skip(f"{start}: neither a program nor a scenario; skipped")
    chain: list[Path] = []
    seen: set[Path] = set()
    current, current_doc = start, document
    while is_scenario(current_doc):
        assert isinstance(current_doc, Mapping)
        if current.resolve() in seen:
            _fail_like_loading(start)
        seen.add(current.resolve())
        chain.append(current)
        baseline = current_doc.get("baseline")
        if isinstance(baseline, str) and (current.parent / baseline).is_file():
            chain.append(current.parent / baseline)
        base = current.parent / str(current_doc.get("base"))
        if not base.is_file():
            _fail_like_loading(start)
        current, current_doc = base, reader.document(base)
    chain.append(current)
    resolved = [os.path.abspath(p) for p in chain]
    root = os.path.commonpath([os.path.dirname(p) for p in resolved])
    relative = [os.path.relpath(p, root) for p in resolved]
    files = tuple(sorted({r: reader.data(p) for r, p in zip(relative, chain)}.items()))
    return Bundle(
        path=str(path),
        kind="scenario" if len(chain) > 1 else "program",
        root=root,
        entry=relative[0],
        program=relative[-1],
        files=files,
        base=_shown(resolved[-1]),
    )


def _shown(path: str) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if shown.startswith(".." + os.sep + "..") else shown


def _fail_like_loading(path: Path) -> None:
    """Raise the error loading the scenario gives (missing base, loop), with its closest names."""
    from planner.scenarios.load import load_scenario

    load_scenario(path)
    raise InputError(f"{path}: its chain of bases does not reach a program file")


__all__ = ["Bundle", "Reader", "Skip", "bundle", "discover"]
