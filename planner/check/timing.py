"""The calendar and precedence rules: dates on working days, durations, releases, deadlines, pins,
dependencies, and milestones dated on the working day they are reached."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from planner.check.placement import DayNumbers, Placed
from planner.check.violations import Violations, n_days, names
from planner.models import Calendar, DependencyType, Program

LINK_WORDS = {
    DependencyType.FS: "finish-to-start",
    DependencyType.SS: "start-to-start",
    DependencyType.FF: "finish-to-finish",
    DependencyType.SF: "start-to-finish",
}


def _not_working(calendar: Calendar, day: dt.date) -> str:
    holidays = [h.name for h in calendar.holidays if h.date == day]
    if holidays:
        return f"the holiday {holidays[0]}" if holidays[0] else "a holiday"
    return f"a {day:%A}"


def check_dates(program: Program, p: Placed, days: DayNumbers, out: Violations) -> None:
    """Report a start or finish off the calendar or outside the program, and a wrong duration."""
    cal, row, key = program.calendar, p.row, p.key
    ends = [("starts", row.start)] + ([("finishes", row.finish)] if p.d > 0 else [])
    for verb, day in ends:
        if day < program.start:
            out.add(key, "horizon", f"{key} {verb} {day}, before the program start {program.start}")
        elif not cal.is_working_day(day):
            out.add(
                key,
                "non-working-day",
                f"{key} {verb} {day}, which is {_not_working(cal, day)}, not a working day",
            )
    if program.end is not None and p.finish > program.end:
        out.add(key, "horizon", f"{key} finishes {p.finish}, after the program end {program.end}")
    if p.d == 0 and row.finish != row.start:
        out.add(
            key,
            "duration",
            f"milestone {key} starts {row.start} but finishes {row.finish}; "
            "a milestone finishes on its start day",
        )
    elif p.d > 0 and p.e - p.s != p.d and row.start >= program.start:
        out.add(
            key,
            "duration",
            f"{key} runs {row.start} to {row.finish}, {n_days(p.e - p.s)}, but its "
            f"duration is {n_days(p.d)} (it should finish {days.date(p.s + p.d - 1)})",
        )


def check_commitments(p: Placed, days: DayNumbers, out: Violations) -> None:
    """Report a start before a release, a finish after a deadline, and a pinned task moved or restaffed."""
    key, row, task, project = p.key, p.row, p.task, p.project
    releases = [(task.release, "its release"), (project.release, f"the release of project {project.id}")]
    for release, whose in releases:
        if release is not None and p.s < days.after(release):
            first = days.date(days.after(release))
            note = f" (its first working day is {first})" if first != release else ""
            out.add(key, "release", f"{key} starts {row.start}, before {whose} {release}{note}")
    deadlines = [(task.deadline, "its deadline"), (project.deadline, f"the deadline of project {project.id}")]
    for deadline, whose in deadlines:
        if deadline is not None and p.finish > deadline:
            late = p.f - days.before(deadline)
            out.add(
                key, "deadline", f"{key} finishes {p.finish}, after {whose} {deadline} ({n_days(late)} late)"
            )
    if task.fixed_start is not None and row.start != task.fixed_start:
        out.add(key, "fixed", f"{key} starts {row.start} but is fixed to start {task.fixed_start}")
    if task.fixed_people and set(row.people) != set(task.fixed_people):
        out.add(
            key,
            "fixed",
            f"{key} is staffed by {names(row.people)} but is fixed to {names(task.fixed_people)}",
        )


def check_dependencies(
    program: Program, placed: dict[str, Placed], days: DayNumbers, out: Violations
) -> None:
    """Report every link whose successor starts (or finishes) before its predecessor allows."""
    for link in program.links:
        if link.pred not in placed or link.succ not in placed:
            continue
        pred, succ = placed[link.pred], placed[link.succ]
        by_start = link.type in (DependencyType.SS, DependencyType.SF)
        anchor = pred.s if by_start else pred.e
        on_start = link.type in (DependencyType.FS, DependencyType.SS)
        if (succ.s if on_start else succ.e) >= anchor + link.lag:
            continue
        what = f"starts ({pred.row.start})" if by_start else f"finishes ({pred.finish})"
        if on_start:
            mine, end, bound = f"starts {succ.row.start}", "start", anchor + link.lag
        else:
            mine, end = f"finishes {succ.finish}", "finish"
            bound = anchor + link.lag - (1 if succ.d > 0 else 0)
        earliest = f"; the earliest allowed {end} is {days.date(bound)}" if bound >= 0 else ""
        sign = "-" if link.lag < 0 else "+"
        out.add(
            succ.key,
            "dependency",
            f"{succ.key} {mine}, before {pred.key} {what} {sign} "
            f"{n_days(abs(link.lag))} ({LINK_WORDS[link.type]}){earliest}",
        )


def check_reached(program: Program, placed: dict[str, Placed], days: DayNumbers, out: Violations) -> None:
    """A milestone is dated on the working day it is reached (README, "Dates and time").

    That is the first working day its releases (its own, its project's, the program start) and
    every incoming link allow, given its predecessors' dates in the schedule. A milestone dated
    earlier breaks a dependency or a release, reported there; one dated later is reported here.
    Pinned milestones, and those carrying a fixed cost under per-period funding caps, are exempt
    (``Program.reached_milestones``).
    """
    reached = program.reached_milestones
    incoming: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for link in program.links:
        if link.succ in reached and link.succ in placed and link.pred in placed:
            pred = placed[link.pred]
            anchor = pred.s if link.type in (DependencyType.SS, DependencyType.SF) else pred.e
            incoming[link.succ].append((anchor + link.lag, f"{link.pred} ({LINK_WORDS[link.type]})"))
    for key in program.tasks:
        if key not in placed or key not in reached:
            continue
        p = placed[key]
        bounds = [(0, "the program start"), *incoming.get(key, ())]
        releases = (
            (p.task.release, "its release"),
            (p.project.release, f"the release of project {p.project.id}"),
        )
        bounds.extend((days.after(day), f"{whose} {day}") for day, whose in releases if day is not None)
        day, why = max(bounds, key=lambda b: b[0])
        if p.s > day:
            out.add(
                key,
                "reached",
                f"milestone {key} is dated {p.row.start}, but it is reached on {days.date(day)} "
                f"(the first working day its releases and dependencies allow, set by {why}); a milestone "
                "is dated on the working day it is reached",
            )
