"""What an import could not carry over, or carried over only approximately: one note per item.

Nothing of a plan file is dropped silently. Every task, link, resource, assignment or calendar
value that the program format cannot hold gets a note ``not mapped`` with the reason; every
value that was changed on the way (a lag in elapsed days turned into working days, a duration
rounded up to whole days, a link to a summary task spread over its tasks) gets a note
``converted`` saying how. The command prints the notes and writes them beside the program as CSV.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Kind = Literal["project", "task", "link", "resource", "assignment", "calendar"]
Action = Literal["not mapped", "converted"]
COLUMNS = ("file", "kind", "item", "field", "value", "action", "reason")


@dataclass(frozen=True)
class Note:
    """One thing the program does not hold as the file had it.

    Parameters
    ----------
    file
        The file it came from (its name).
    kind
        ``project``, ``task``, ``link``, ``resource``, ``assignment`` or ``calendar``.
    item
        The item in the file's own terms, e.g. ``task 12 'Build'`` (its id in the tool).
    field
        The field, e.g. ``percent complete``.
    value
        The value in the file, as written.
    action
        ``not mapped`` (left out) or ``converted`` (carried over approximately).
    reason
        Why, and what the program holds instead.
    """

    file: str
    kind: Kind
    item: str
    field: str
    value: str
    action: Action
    reason: str

    def line(self) -> str:
        """The note as one line of text."""
        value = f" = {self.value}" if self.value else ""
        return f"{self.file}: {self.item}: {self.field}{value}: {self.action}: {self.reason}"


@dataclass
class ImportReport:
    """The notes of one import, in the order they were made."""

    notes: list[Note] = field(default_factory=list)

    def add(
        self, file: str, kind: Kind, item: str, field_name: str, value: object, action: Action, reason: str
    ) -> None:
        """Record one note."""
        self.notes.append(
            Note(file, kind, item, field_name, "" if value is None else str(value), action, reason)
        )

    def not_mapped(
        self, file: str, kind: Kind, item: str, field_name: str, value: object, reason: str
    ) -> None:
        """Record a value left out, with the reason."""
        self.add(file, kind, item, field_name, value, "not mapped", reason)

    def converted(
        self, file: str, kind: Kind, item: str, field_name: str, value: object, reason: str
    ) -> None:
        """Record a value carried over approximately, saying how."""
        self.add(file, kind, item, field_name, value, "converted", reason)

    def counts(self) -> Counter[str]:
        """How many notes of each action."""
        return Counter(note.action for note in self.notes)

    def lines(self) -> list[str]:
        """Every note as a line of text, in order."""
        return [note.line() for note in self.notes]

    def write(self, path: str | Path) -> Path:
        """Write the notes as CSV (columns file, kind, item, field, value, action, reason)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for note in self.notes:
                writer.writerow(
                    [note.file, note.kind, note.item, note.field, note.value, note.action, note.reason]
                )
        return path


__all__ = ["COLUMNS", "Action", "ImportReport", "Kind", "Note"]
