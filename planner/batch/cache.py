"""The results a batch already has, so that a rerun solves only what changed.

A result is keyed by a SHA-256 of everything that decides it: the bytes of the scenario file and
of every file it inherits from (its bases, the program, the baselines they name), the solve
options, the planner's version and, for a scenario, the base schedule it is replanned against.
The cache is one JSON file next to the batch's output (``results.csv`` ->
``results.cache.json``), rewritten atomically after every result.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

import planner
from planner.batch.files import Bundle

logger = logging.getLogger(__name__)

_FORMAT = 1


def job_key(bundle: Bundle, options: dict[str, Any], base_schedule: str | None = None) -> str:
    """The cache key of solving ``bundle`` with ``options`` (against ``base_schedule``, a JSON)."""
    digest = hashlib.sha256()
    header = {
        "format": _FORMAT,
        "planner": planner.__version__,
        "kind": bundle.kind,
        "entry": bundle.entry,
        "options": options,
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    for relative, data in bundle.files:
        digest.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
    if base_schedule is not None:
        digest.update(b"baseline\0" + hashlib.sha256(base_schedule.encode()).digest())
    return digest.hexdigest()


def cache_path(output: str | Path) -> Path:
    """Where the cache of a batch writing ``output`` lives: ``<stem>.cache.json`` beside it."""
    output = Path(output)
    return output.with_name(f"{output.stem}.cache.json")


class ResultCache:
    """Results by key, read from and written to one JSON file (or kept in memory without a file).

    Parameters
    ----------
    path
        The cache file; ``None`` keeps nothing between runs.
    """

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path is not None and self.path.is_file():
            try:
                document = json.loads(self.path.read_text(encoding="utf-8"))
                if document.get("format") == _FORMAT:
                    self.entries = dict(document.get("entries", {}))
            except (OSError, ValueError, AttributeError) as error:
                logger.warning("ignoring the unreadable batch cache %s (%s)", self.path, error)

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored result of ``key``, if any."""
        return self.entries.get(key)

    def put(self, key: str, result: dict[str, Any]) -> None:
        """Store ``result`` under ``key`` and save the file."""
        self.entries[key] = result
        self.save()

    def save(self) -> None:
        """Write the cache file atomically (nothing without a path)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"format": _FORMAT, "entries": self.entries}, file)
        os.replace(temporary, self.path)


__all__ = ["ResultCache", "cache_path", "job_key"]
