"""Why a feasible program (or one of its milestones) ends when it does.

The solved schedule is pulled as early as its objective values allow, checked, and walked back
from the end along tight links (:mod:`planner.analysis.explanations.critical_chain`). The end is compared with
what dependencies, releases and pins alone allow (:mod:`planner.models.network`): the
difference is what specialists, roles and their calendars cost. For the people and roles the
plan waits for, the value of one more of them is found by re-solving.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict

from planner.analysis.explanations.critical_chain import critical_chain, target_task, waits
from planner.analysis.explanations.explanation import (
    ChainStep,
    Contention,
    FinishExplanation,
    MonthUse,
    OneMore,
    Wait,
)
from planner.analysis.explanations.repairs import one_more_person, one_more_role
from planner.analysis.explanations.wording import person_name, plural, role_name, singular, task_name
from planner.analysis.facts.load import daily_load
from planner.analysis.facts.summary import quality
from planner.check import check, verify
from planner.models import Program, Schedule
from planner.models.network import network
from planner.solvers import SolveOptions, solve
from planner.solvers.early import pull_early

logger = logging.getLogger(__name__)

_PERSON_REASONS = {"person", "leave", "availability"}
# The schedule is as good as stated, but moving every task to its earliest start (keeping that
# quality) ran out of time: some tasks could start earlier than shown, so some chain steps may
# read "nothing holds it".
_NOT_PULLED = (
    "; not every task was moved to its earliest start within the time limit, so some steps "
    "below may show slack"
)


def _end(program: Program, schedule: Schedule, key: str) -> int:
    """Exclusive end (working days from the start) of ``key`` in ``schedule`` (its day for a milestone)."""
    wd, row = program.working_days, schedule.by_key()[key]
    return (
        wd.index_on_or_before(row.finish) + 1
        if program.tasks[key][1].duration > 0
        else wd.index_on_or_after(row.start)
    )


def explain_finish(
    program: Program,
    schedule: Schedule,
    *,
    milestone: str | None = None,
    time_limit: float = 30.0,
    workers: int = 2,
    one_more: int = 3,
    pull: bool = True,
) -> FinishExplanation:
    """Why ``program`` (or ``milestone``) ends when it does in ``schedule``.

    Parameters
    ----------
    program
        A validated program.
    schedule
        A checked schedule of it with a solve record.
    milestone
        A task key to explain instead of the program's end.
    time_limit
        Seconds for pulling the schedule early and for the re-solves (shared).
    workers
        CP-SAT workers.
    one_more
        How many specialists or roles to value by re-solving with one more of them.
    pull
        Pull the schedule early first (:func:`planner.solvers.early.pull_early`). ``False``
        explains the schedule's own dates, as given (some chain steps may then show slack when
        its ``early`` tier is not proven).
    """
    started = time.perf_counter()
    if pull:
        pulled, fully = pull_early(
            program, schedule, SolveOptions(time_limit=min(time_limit / 4, 15.0), workers=workers)
        )
    else:
        tiers = schedule.record.tiers if schedule.record else ()
        pulled, fully = schedule, any(t.name == "early" and t.optimal for t in tiers)
    verify(program, pulled)
    key = milestone or target_task(program, pulled)
    chain = critical_chain(program, pulled, key)
    end = _end(program, pulled, key)
    dep_end = network(program, deadlines=False).earliest_end(key)
    wd = program.working_days
    dep_finish = wd.date(max(dep_end - 1, 0) if program.tasks[key][1].duration > 0 else dep_end)
    row = pulled.by_key()[key]
    finish = row.finish if program.tasks[key][1].duration > 0 else row.start
    contention = _contention(program, pulled, chain)
    remaining = time_limit - (time.perf_counter() - started)
    valued = _value_one_more(
        program, schedule, pulled, key if milestone else None, contention[:one_more], remaining, workers
    )
    contention = [valued.get((c.kind, c.resource), c) for c in contention]
    subject = task_name(program, key) if milestone else "The program"
    explanation = FinishExplanation(
        subject=key if milestone else "program",
        name=subject,
        finish=finish,
        working_days=end,
        quality=quality(schedule) + ("" if fully else _NOT_PULLED),
        dependency_finish=dep_finish,
        dependency_days=dep_end,
        resource_days=end - dep_end,
        chain=tuple(chain),
        contention=tuple(contention),
    )
    return explanation.model_copy(update={"headline": tuple(_headline(program, explanation))})


def _contention(program: Program, schedule: Schedule, chain: list[ChainStep]) -> list[Contention]:
    """Every person or role that held up a task, those on the chain first, then by days waited."""
    on_chain = set()
    for step in chain:
        if step.resource:
            on_chain.add(("person" if step.reason in _PERSON_REASONS else "role", step.resource))
    waited = waits(program, schedule)
    use: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for load in daily_load(program, schedule):
        cell = use[(load.kind, load.resource)][f"{load.day:%Y-%m}"]
        cell[0] += load.used
        cell[1] += load.available
    out = []
    for kind, resource in sorted(
        on_chain | set(waited), key=lambda r: (r not in on_chain, -sum(w.days for w in waited.get(r, ())))
    ):
        months = use.get((kind, resource), {})
        used, available = sum(u for u, _ in months.values()), sum(a for _, a in months.values())
        name = person_name(program, resource) if kind == "person" else role_name(program, resource)
        items: list[Wait] = sorted(waited.get((kind, resource), []), key=lambda w: -w.days)
        out.append(
            Contention(
                kind=kind,
                resource=resource,
                name=name,
                on_chain=(kind, resource) in on_chain,
                mean_percent=round(100 * used / available, 1) if available else 0.0,
                utilisation=tuple(
                    MonthUse(month=m, percent=round(100 * u / a, 1) if a else 0.0)
                    for m, (u, a) in sorted(months.items())
                    if u
                ),
                waited=tuple(items),
                waited_days=sum(w.days for w in items),
            )
        )
    return out


def _value_one_more(
    program: Program,
    schedule: Schedule,
    pulled: Schedule,
    milestone: str | None,
    candidates: list[Contention],
    time_limit: float,
    workers: int,
) -> dict[tuple[str, str], Contention]:
    """Re-solve with one more of each candidate and record what the plan gains."""
    out: dict[tuple[str, str], Contention] = {}
    base = {t.name: t for t in schedule.record.tiers} if schedule.record else {}
    for i, c in enumerate(candidates):
        share = time_limit / max(len(candidates) - i, 1)
        if share < 0.5:
            break
        started = time.perf_counter()
        changed = (
            one_more_person(program, c.resource) if c.kind == "person" else one_more_role(program, c.resource)
        )
        solved = solve(changed, SolveOptions(time_limit=share * 0.7, workers=workers))
        time_limit -= time.perf_counter() - started
        if not solved.has_plan or check(changed, solved):
            out[(c.kind, c.resource)] = c.model_copy(
                update={"one_more": OneMore(text=f"{_who(c)}: no checked plan within {share * 0.7:.0f} s")}
            )
            continue
        tiers = {t.name: t for t in solved.record.tiers} if solved.record else {}
        gain: dict[str, int] = {
            name: base[name].value - tiers[name].value
            for name in ("finish", "lateness")
            if name in base and name in tiers
        }
        proven = all(t.optimal for t in (*base.values(), *tiers.values()))
        milestone_gain = None
        if milestone is not None:
            again, _ = pull_early(changed, solved, SolveOptions(time_limit=share * 0.3, workers=workers))
            milestone_gain = _end(program, pulled, milestone) - _end(changed, again, milestone)
        out[(c.kind, c.resource)] = c.model_copy(
            update={
                "one_more": OneMore(
                    text=_one_more_text(c, gain, milestone_gain, proven),
                    finish_gain=gain.get("finish"),
                    lateness_gain=gain.get("lateness"),
                    milestone_gain=milestone_gain,
                    proven=proven,
                    checked=True,
                )
            }
        )
    return out


def _who(c: Contention) -> str:
    """``one more Developer (developer)`` (a role's name made singular) or ``a second person like Dana``."""
    return f"one more {singular(c.name)}" if c.kind == "role" else f"a second person like {c.name}"


def _one_more_text(c: Contention, gain: dict[str, int], milestone_gain: int | None, proven: bool) -> str:
    """``one more Developer (developer): the program would end 5 working days earlier``."""
    parts = []
    if milestone_gain is not None:
        parts.append(
            f"the milestone would come {plural(milestone_gain, 'working day')} earlier"
            if milestone_gain > 0
            else "the milestone would come no earlier"
        )
    finish = gain.get("finish", 0)
    parts.append(
        f"the program would end {plural(finish, 'working day')} earlier"
        if finish > 0
        else "the program would end no earlier"
        if finish == 0
        else f"the program would end {plural(-finish, 'working day')} later"
    )
    if gain.get("lateness"):
        parts.append(f"weighted lateness would fall by {gain['lateness']}")
    note = "" if proven else " (solves not proven optimal)"
    return f"{_who(c)}: {', '.join(parts)}{note}"


def _headline(program: Program, e: FinishExplanation) -> list[str]:
    last = "" if e.subject != "program" or not e.chain else f" with {e.chain[-1].name}"
    lines = [
        (
            f"{e.name} ends on {e.finish}{last}, {plural(e.working_days, 'working day')} after the start "
            f"({e.quality})."
        )
    ]
    lines.append(
        f"Dependencies, releases and pins alone allow {e.dependency_finish} "
        f"({plural(e.dependency_days, 'working day')}); specialists, roles and their calendars add "
        f"{plural(e.resource_days, 'working day')}."
    )
    for step in e.chain:
        if step.reason in ("person", "role", "leave", "availability", "capacity") and step.waited:
            lines.append(f"{step.name} {step.because} ({plural(step.waited, 'working day')}).")
    for c in e.contention:
        if c.one_more is not None and c.one_more.checked:
            who = _who(c)
            effect = c.one_more.text.removeprefix(f"{who}: ")
            lines.append(f"With {who}, {effect}.")
    return lines
