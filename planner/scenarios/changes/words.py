"""A scenario's changes in its own words, and which change touched each item of the program."""

from __future__ import annotations

from collections.abc import Sequence

from planner.models import Program, Schedule
from planner.models.scenario import Change
from planner.scenarios.changes.registry import change_words, touched


class ScenarioWords:
    """A scenario's changes in its own words, and which change touched each item of the program.

    Parameters
    ----------
    changes
        The scenario's changes, in order (for a scenario over a scenario, the whole chain's).
    base
        The program the changes apply to (to tell the tasks a role's or person's slip touches).
    baseline
        The schedule the scenario is replanned against, if any: a person's slip touches the tasks
        it staffs with them too, as when the slip is applied (:func:`planner.scenarios.changes.slip.work_of`).
    """

    def __init__(self, changes: Sequence[Change], base: Program, baseline: Schedule | None = None) -> None:
        self.lines = [change_words(c) for c in changes]
        self._items: dict[tuple[str, str], list[str]] = {}
        self._status: list[str] = []
        for change, line in zip(changes, self.lines, strict=True):
            for item in touched(change, base, baseline):
                self._items.setdefault(item, [])
                if line not in self._items[item]:
                    self._items[item].append(line)
            if change.kind == "status_date":
                self._status.append(line)

    def for_task(self, key: str) -> str | None:
        """The changes that touched task ``key`` or its project (a status date last), joined."""
        project = key.split(".", 1)[0]
        found = [*self._items.get(("task", key), []), *self._items.get(("project", project), [])]
        return "; ".join(dict.fromkeys(found)) or ("; ".join(self._status) or None)

    def for_resource(self, kind: str, ident: str) -> str | None:
        """The changes that touched role or person ``ident`` (``kind`` ``role`` or ``person``), joined."""
        return "; ".join(self._items.get((kind, ident), [])) or None


__all__ = ["ScenarioWords"]
