"""Commitments, dependencies and repairs in the program's own words and dates."""

from __future__ import annotations

import datetime as dt
import re

from planner.models import DependencyType, Link, Program
from planner.models.commitments import Commitment, Overload


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 working day``, ``3 working days``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def singular(name: str) -> str:
    """One of a role whose name is written in the plural: ``Test analysts`` -> ``Test analyst``.

    Trailing parentheses are kept as they are; each part of ``Developers / configurators`` is
    made singular; acronyms (``SMEs``) lose their ``s``; words that do not look like English
    plurals (``DevOps``, ``business``, ``status``) are left alone.
    """
    match = re.fullmatch(r"(.*?)((?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))*)", name)
    head, tail = (match.group(1), match.group(2)) if match else (name, "")
    return " / ".join(_singular_phrase(part) for part in head.split(" / ")) + tail


def _singular_phrase(phrase: str) -> str:
    words = phrase.split(" ")
    last = words[-1]
    if len(last) > 2 and last.endswith("s") and last[:-1].isupper():
        words[-1] = last[:-1]  # SMEs, BAs
    elif any(c.isupper() for c in last[1:]) or len(last) < 4:
        pass
    elif last.endswith("ies"):
        words[-1] = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes")):
        words[-1] = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        words[-1] = last[:-1]
    return " ".join(words)


def task_name(program: Program, key: str) -> str:
    """``Go-live (pmo.go_live)`` when the task has a name, else ``pmo.go_live``."""
    _, task = program.tasks[key]
    return f"{task.name} ({key})" if task.name else key


def project_name(program: Program, project_id: str) -> str:
    """``project Payments (payments)`` or ``project payments``."""
    project = next(p for p in program.projects if p.id == project_id)
    return f"project {project.name} ({project.id})" if project.name else f"project {project.id}"


def role_name(program: Program, role_id: str) -> str:
    """The role's display name and id."""
    role = program.role_by_id[role_id]
    return f"{role.name} ({role.id})" if role.name else role.id


def person_name(program: Program, person_id: str) -> str:
    """The person's display name (their id when they have none)."""
    return program.person_by_id[person_id].label


def window_words(first: dt.date, until: dt.date | None, at_start: bool) -> str:
    """``throughout``, ``from 2027-04-01``, ``until 2027-03-31`` or ``from A to B``."""
    if at_start and until is None:
        return "throughout"
    if until is None:
        return f"from {first}"
    if at_start:
        return f"until {until}"
    return f"from {first} to {until}"


def commitment_text(program: Program, c: Commitment) -> str:
    """A commitment as the program office would say it, e.g. ``Go-live (pmo.go_live) by 2028-07-31``."""
    if c.kind == "deadline":
        return f"{task_name(program, c.subject)} finishes by {c.date}"
    if c.kind == "project_deadline":
        return f"{project_name(program, c.subject)} finishes by {c.date}"
    if c.kind == "end":
        return f"all work done by the program end {c.date}"
    if c.kind == "release":
        return f"{task_name(program, c.subject)} starts on or after {c.date}"
    if c.kind == "project_release":
        return f"{project_name(program, c.subject)} starts on or after {c.date}"
    if c.kind == "pinned":
        return f"{task_name(program, c.subject)} is pinned to start on {c.date}"
    if c.kind == "capacity":
        when = window_words(c.date, c.until, c.first == 0)
        role = role_name(program, c.subject)
        return f"no {role} {when}" if c.level == 0 else f"{c.level} x {role} {when}"
    assert c.kind == "leave"
    window = program.person_by_id[c.subject].leave[c.index]
    reason = f" ({window.reason})" if window.reason else ""
    return f"{person_name(program, c.subject)} on leave {window.start} to {window.end}{reason}"


def overload_text(program: Program, overload: Overload) -> str:
    """Why a deadline cannot hold, in numbers: e.g. ``The DBA (dba) has 1,424 person-days of work
    that must be done from 2027-03-01 to 2028-06-30 (378 working days) for this deadline: 378
    person-days are available there, 1,046 are missing.``"""
    energy = overload.energy
    wd = program.working_days
    late = plural(overload.chain_end - overload.end, "working day")
    if energy is None and overload.end == overload.deadline:  # milestones: dated the day the work is done
        return f"it cannot be reached before {wd.date(overload.chain_end)} by its chain of dependencies alone, {late} late."
    if energy is None:
        return (
            f"the work it depends on cannot end before {wd.date(overload.chain_end - 1)} by its chain of "
            f"dependencies alone, {late} late."
        )
    kind, name = energy.resource.split(":", 1)
    scale = 1 if kind == "role" else 100  # roles count heads, people percent of a day
    if kind == "role":
        who, has = f"The {role_name(program, name)} pool", "has"
    else:
        people = name.split(",")
        names = ", ".join(person_name(program, p) for p in people[:3]) + (" ..." if len(people) > 3 else "")
        who, has = (
            (person_name(program, people[0]), "has")
            if len(people) == 1
            else (f"The {len(people)} people who can do it ({names})", "have")
        )
    last = overload.end - 1 - energy.after  # the last day the work may take
    days = max(last - energy.first + 1, 0)

    def amount(units: int) -> str:
        value = units / scale
        return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"

    window = (
        f"from {wd.date(energy.first)} to {wd.date(last)} ({plural(days, 'working day')})"
        if days
        else f"before {wd.date(max(energy.first, 0))}, which leaves no working day"
    )
    after = (
        f", to leave {plural(energy.after, 'working day')} for the work that follows" if energy.after else ""
    )
    missing = amount(energy.work - overload.available)
    return (
        f"{who} {has} {amount(energy.work)} person-days of work on {plural(len(energy.tasks), 'task')} "
        f"that must be done {window}{after}: {amount(overload.available)} person-days are available there, "
        f"{missing} are missing."
    )


LINK_ENDS = {
    DependencyType.FS: ("starts", "finishes"),
    DependencyType.SS: ("starts", "starts"),
    DependencyType.FF: ("finishes", "finishes"),
    DependencyType.SF: ("finishes", "starts"),
}


def link_text(program: Program, link: Link) -> str:
    """``Build (cards.build) starts after Design (cards.design) finishes`` with the lag in working days."""
    mine, theirs = LINK_ENDS[link.type]
    succ, pred = task_name(program, link.succ), task_name(program, link.pred)
    if link.lag > 0:
        return f"{succ} {mine} at least {plural(link.lag, 'working day')} after {pred} {theirs}"
    if link.lag < 0:
        return f"{succ} {mine} at most {plural(-link.lag, 'working day')} before {pred} {theirs}"
    return f"{succ} {mine} after {pred} {theirs}"


def weeks_spanned(first: dt.date, last: dt.date) -> int:
    """Number of calendar weeks (Monday to Sunday) that ``first`` .. ``last`` touches."""
    monday = first - dt.timedelta(days=first.weekday())
    return (last - monday).days // 7 + 1


def link_chains(links: list[Link]) -> list[str]:
    """Dependencies as a few readable paths: ``a -> b -(SS+5)-> c``, each link used once."""
    outgoing: dict[str, list[int]] = {}
    has_pred = {link.succ for link in links}
    for i, link in enumerate(links):
        outgoing.setdefault(link.pred, []).append(i)
    unused = set(range(len(links)))

    def arrow(link: Link) -> str:
        if link.type is DependencyType.FS and link.lag == 0:
            return " -> "
        return f" -({link.type.value}{link.lag:+d})-> " if link.lag else f" -({link.type.value})-> "

    def walk(node: str) -> str:
        text = node
        while (step := next((i for i in outgoing.get(node, ()) if i in unused), None)) is not None:
            unused.discard(step)
            text += arrow(links[step]) + links[step].succ
            node = links[step].succ
        return text

    paths = []
    starts = [link.pred for link in links if link.pred not in has_pred]
    for node in [*dict.fromkeys(starts), *dict.fromkeys(link.pred for link in links)]:
        while any(i in unused for i in outgoing.get(node, ())):
            paths.append(walk(node))
    return paths
