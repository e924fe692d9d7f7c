"""Why a milestone moved between two schedules: the chain that carried the slip from a change.

A milestone that moved later is explained in the scenario's schedule: walk back from it along
tight links (:mod:`planner.analysis.facts.timeline`), preferring links that are themselves changed,
then links to tasks that moved the same way (the most first), until the chain reaches a changed
item (a task whose duration, dates or links changed, a role whose capacity changed, a person
whose time changed) or a task that did not move. A milestone that moved earlier is explained the
same way in the base schedule: there the chain shows what held it that the scenario relaxes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.comparison.program_changes import ProgramChanges, ScenarioWords, link_name
from planner.analysis.facts.timeline import KIND_ORDER, SlipStep, TightLink, Timeline, walk_back

_FROZEN = ConfigDict(frozen=True)
_DATES = {"release", "fixed_start"}
_SOFT = {"deadline", "target"}


class MilestoneCause(BaseModel):
    """The chain of dependencies and specialist contention behind one milestone's move.

    Parameters
    ----------
    milestone
        The milestone (``project.task``).
    scenario
        The scenario it moved in.
    shift
        Working days it moved (positive: later).
    read_from
        ``scenario`` when the chain is read from the scenario's schedule (a later milestone),
        ``base`` when from the base schedule (an earlier milestone).
    steps
        From the milestone back to the origin; each step names what holds its task.
    origin
        The changed item the slip starts from, in words; ``None`` when the chain reaches none.
    text
        The chain from the origin to the milestone, in one line.
    """

    model_config = _FROZEN

    milestone: str
    scenario: str
    shift: int
    read_from: Literal["scenario", "base"]
    steps: tuple[SlipStep, ...]
    origin: str | None
    text: str


class SlipCauses:
    """Finds the causes of milestone moves between a base and one scenario.

    Parameters
    ----------
    scenario
        The scenario's name.
    changes
        What the scenario changed (:func:`planner.analysis.comparison.program_changes.program_changes`).
    shifts
        Start shift in working days (scenario minus base) of every task in both schedules.
    finish_shifts
        Finish shift in working days of the same tasks.
    base_line, scenario_line
        Timelines of the base and scenario schedules.
    words
        The scenario's changes in its own words, when known: origins then say the change as it
        was written ("payments slips 2 weeks: payments.build may not start before 2027-04-28").
    """

    def __init__(
        self,
        scenario: str,
        changes: ProgramChanges,
        shifts: dict[str, int],
        finish_shifts: dict[str, int],
        base_line: Timeline,
        scenario_line: Timeline,
        words: ScenarioWords | None = None,
    ) -> None:
        self.scenario = scenario
        self.changes = changes
        self.words = words
        self.shifts = shifts
        self.finish_shifts = finish_shifts
        self.base_line = base_line
        self.scenario_line = scenario_line

    def drives(self, task: str, line: Timeline) -> bool:
        """Whether a change of ``task`` (or of its project) accounts for where ``line`` places it.

        A new duration, new requirements or links, or a new or removed task always do. A changed
        release or fixed start only does when it holds the task (a tight link in ``line``); a
        moved deadline or target never does by itself (its effect shows in the other links).
        """
        c = self.changes
        if task in c.removed_tasks:
            return True
        project = task.split(".", 1)[0]
        fields = set(c.fields.get(task, ()))
        if c.projects.get(project) in ("added", "removed"):
            fields.add("added")
        if fields - _DATES - _SOFT:
            return True
        dates = (fields | set(c.fields.get(project, ()))) & _DATES
        if not dates or task not in line.placed:
            return False
        held = {link.kind for link in line.tight_links(task)}
        return ("release" in held and "release" in dates) or ("fixed" in held and "fixed_start" in dates)

    def link_changed(self, task: str, link: TightLink) -> bool:
        """Whether the tight ``link`` into ``task`` is itself a change of the scenario."""
        c = self.changes
        if link.kind == "dependency":
            return link.task is not None and link_name(link.task, task) in c.links
        if link.kind in ("role", "capacity"):
            return link.resource in c.roles
        if link.kind in ("person", "leave", "availability"):
            return link.resource in c.people
        if link.kind in ("release", "fixed"):
            field = "release" if link.kind == "release" else "fixed_start"
            project = task.split(".", 1)[0]
            return field in c.fields.get(task, ()) or (
                field == "release" and field in c.fields.get(project, ())
            )
        if link.kind == "start":
            return c.calendar is not None
        return False

    def explain(self, milestone: str, shift: int) -> MilestoneCause:
        """The cause of ``milestone`` moving by ``shift`` working days (non-zero).

        Parameters
        ----------
        milestone
            A task in both schedules.
        shift
            Its move in working days, scenario minus base.
        """
        sign = 1 if shift > 0 else -1
        line = self.scenario_line if sign > 0 else self.base_line

        def moved(task: str | None) -> bool:
            return task is not None and sign * self.shifts.get(task, 0) > 0

        def rank(task: str, link: TightLink) -> tuple[float, ...]:
            changed = self.link_changed(task, link) or (
                link.task is not None and self.drives(link.task, line)
            )
            return (
                0 if changed else 1,
                0 if moved(link.task) else 1,
                1 if link.kind == "pushed" else 0,
                -abs(self.shifts.get(link.task or "", 0)),
                KIND_ORDER[link.kind],
            )

        def stop(task: str) -> bool:
            return self.drives(task, line) or not moved(task)

        def links(task: str) -> list[TightLink]:
            tight = line.tight_links(task)
            if any(
                self.link_changed(task, x) or (x.task and (moved(x.task) or self.drives(x.task, line)))
                for x in tight
            ):
                return tight
            return tight + self._pushed(task, line, sign)

        steps = walk_back(
            line.program, line.schedule, milestone, rank=rank, stop=stop, timeline=line, links=links
        )
        steps, origin, label = self._origin(steps, line)
        text = self._text(steps, origin, label)
        if sign < 0:
            text = f"in the base plan {milestone} was held by: {text}"
        return MilestoneCause(
            milestone=milestone,
            scenario=self.scenario,
            shift=shift,
            read_from="scenario" if sign > 0 else "base",
            steps=tuple(steps),
            origin=origin,
            text=text,
        )

    def _pushed(self, task: str, line: Timeline, sign: int) -> list[TightLink]:
        """The predecessor that moved (or changed) the most, when no tight link into ``task`` leads to a move.

        The task is held by a resource whose other users did not move: the slip reached it
        through a dependency that pushed it into that busy window, with room to spare.
        """
        preds = [
            link.pred
            for link in line.incoming.get(task, ())
            if sign * self.finish_shifts.get(link.pred, 0) > 0 or self.drives(link.pred, line)
        ]
        if not preds:
            return []
        pred = max(preds, key=lambda k: (self.drives(k, line), abs(self.finish_shifts.get(k, 0))))
        return [
            TightLink(
                kind="pushed",
                task=pred,
                detail=(
                    f"{pred} finishes {self.finish_shifts.get(pred, 0):+d} working days from the base and pushed {task} "
                    "into a window where the specialists it needs were busy"
                ),
            )
        ]

    def _origin(self, steps: list[SlipStep], line: Timeline) -> tuple[list[SlipStep], str | None, str]:
        """The chain cut at its origin, the origin in words, and the words to put beside its task."""
        c = self.changes
        for i, step in enumerate(steps):
            if self.drives(step.task, line):
                project = step.task.split(".", 1)[0]
                what = (
                    c.tasks.get(step.task)
                    or ("removed" if step.task in c.removed_tasks else None)
                    or f"project {project}: {c.projects[project]}"
                )
                cut = [*steps[:i], step.model_copy(update={"held_by": None})]
                said = self.words.for_task(step.task) if self.words is not None else None
                if said:
                    return cut, f"{said}: {step.task} {what}", f"{said}: {what}"
                return cut, f"{step.task} changed ({what})", f"changed ({what})"
            link = step.held_by
            if link is not None and self.link_changed(step.task, link):
                return steps[: i + 1], self._link_words(step.task, link), ""
        return steps, None, ""

    def _link_words(self, task: str, link: TightLink) -> str:
        c = self.changes
        if link.kind == "dependency" and link.task is not None:
            name = link_name(link.task, task)
            return f"dependency {name} {c.links[name]}"
        if link.kind in ("role", "capacity"):
            said = self.words.for_resource("role", link.resource or "") if self.words is not None else None
            return said or f"role {link.resource}: {c.roles[link.resource or '']}"
        if link.kind in ("person", "leave", "availability"):
            said = self.words.for_resource("person", link.resource or "") if self.words is not None else None
            return said or f"person {link.resource}: {c.people[link.resource or '']}"
        if link.kind == "start":
            return f"calendar: {c.calendar}"
        return f"{task} changed ({c.tasks.get(task, 'its project changed')})"

    def _label(self, task: str) -> str:
        shift = self.finish_shifts.get(task)
        if shift is None:
            return f"{task} (new)" if task in self.changes.tasks else task
        return f"{task} {shift:+d} wd" if shift else task

    def _text(self, steps: list[SlipStep], origin: str | None, label: str) -> str:
        last = steps[-1]
        text = self._label(last.task)
        if origin is not None and last.held_by is not None:  # the origin is the link itself
            text = f"{origin} => ({_arrow(last.held_by)}) {text}"
        elif origin is not None:
            text = f"{text} [{label}]"
        for step in reversed(steps[:-1]):
            assert step.held_by is not None
            text += f" -> ({_arrow(step.held_by)}) {self._label(step.task)}"
        if origin is None:
            end = last.held_by.detail if last.held_by is not None else f"{last.task} did not move"
            text += f"; no changed item on this chain (it ends at: {end})"
        return text


def _arrow(link: TightLink) -> str:
    if link.kind == "dependency":
        return link.detail.split(" from ", 1)[0]
    if link.kind == "role":
        return f"role {link.resource} full"
    if link.kind == "person":
        return f"{link.resource} busy"
    if link.kind == "capacity":
        return f"role {link.resource} capacity"
    if link.kind in ("leave", "availability"):
        return f"{link.resource} {link.kind}"
    if link.kind == "pushed":
        return "pushed into busy specialists"
    return link.kind


__all__ = ["MilestoneCause", "SlipCauses"]
