"""Program edits that relax or repair one commitment, and hypothetical extra people.

Every function returns a new, re-validated :class:`~planner.models.Program`; none touches the
solver. A repair is applied here, then re-solved and checked by the caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.models import Program
from planner.models.commitments import Commitment

_DAY = dt.timedelta(days=1)


def _data(program: Program) -> dict[str, Any]:
    return _lists(program.model_dump(by_alias=True, exclude_defaults=True))


def _lists(value: Any) -> Any:
    """The dump with tuples turned into lists, so that it can be edited in place."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def _task(data: dict[str, Any], key: str) -> dict[str, Any]:
    project_id, task_id = key.split(".", 1)
    project = next(p for p in data["projects"] if p["id"] == project_id)
    return next(t for t in project["tasks"] if t["id"] == task_id)


def _project(data: dict[str, Any], project_id: str) -> dict[str, Any]:
    return next(p for p in data["projects"] if p["id"] == project_id)


def with_date(program: Program, c: Commitment, new: dt.date | None) -> Program:
    """Move (or with ``None`` drop) a deadline, release, pinned start or the program end."""
    data = _data(program)
    field = {
        "deadline": "deadline",
        "project_deadline": "deadline",
        "release": "release",
        "project_release": "release",
        "pinned": "fixed_start",
    }.get(c.kind)
    if c.kind == "end":
        data["end"] = new
    elif c.kind in ("deadline", "release", "pinned"):
        _set(_task(data, c.subject), field, new)
    elif c.kind in ("project_deadline", "project_release"):
        _set(_project(data, c.subject), field, new)
    else:
        raise ValueError(f"{c.id} is not a dated commitment")
    return Program.model_validate(data)


def _set(node: dict[str, Any], field: str | None, value: Any) -> None:
    assert field is not None
    if value is None:
        node.pop(field, None)
    else:
        node[field] = value


def with_capacity(program: Program, role_id: str, first: dt.date, last: dt.date | None, add: int) -> Program:
    """``role_id`` with ``add`` more people on every date from ``first`` to ``last`` (inclusive).

    ``last=None`` keeps the extra people to the end of the plan.
    """
    role = program.role_by_id[role_id]
    points = {c.start for c in role.changes} | {first}
    if last is not None:
        points.add(last + _DAY)
    inside = lambda d: first <= d and (last is None or d <= last)
    base = role.capacity_on(program.start) + (add if inside(program.start) else 0)
    changes = [
        {"from": d, "capacity": role.capacity_on(d) + (add if inside(d) else 0)}
        for d in sorted(points)
        if d > program.start
    ]
    data = _data(program)
    node = next(r for r in data["roles"] if r["id"] == role_id)
    node["capacity"] = base
    node["changes"] = changes
    return Program.model_validate(data)


def without_leave(
    program: Program, person_id: str, index: int, worked: set[dt.date] | None = None
) -> Program:
    """Person ``person_id``'s leave window ``index`` cut around the dates ``worked`` (all: ``None``)."""
    data = _data(program)
    node = next(p for p in data["people"] if p["id"] == person_id)
    window = node["leave"][index]
    pieces: list[dict[str, Any]] = []
    if worked is not None:
        day, start = window["from"], None
        while day <= window["to"]:
            if day in worked:
                if start is not None:
                    pieces.append({**window, "from": start, "to": day - _DAY})
                start = None
            elif start is None:
                start = day
            day += _DAY
        if start is not None:
            pieces.append({**window, "from": start, "to": window["to"]})
    node["leave"] = node["leave"][:index] + pieces + node["leave"][index + 1 :]
    return Program.model_validate(data)


def set_aside(program: Program, c: Commitment) -> Program:
    """``program`` without commitment ``c`` (capacity windows become large enough for any plan)."""
    if c.kind == "capacity":
        role = program.role_by_id[c.subject]
        need = sum(r.count for _, t in program.tasks.values() for r in t.requires if r.role == role.id)
        return with_capacity(program, c.subject, c.date, c.until, max(need, 1))
    if c.kind == "leave":
        return without_leave(program, c.subject, c.index)
    return with_date(program, c, None)


def one_more_role(program: Program, role_id: str) -> Program:
    """``role_id`` with one more person at every point in time."""
    data = _data(program)
    node = next(r for r in data["roles"] if r["id"] == role_id)
    node["capacity"] = node.get("capacity", 0) + 1
    node["changes"] = [{**c, "capacity": c["capacity"] + 1} for c in node.get("changes", [])]
    return Program.model_validate(data)


def one_more_person(program: Program, person_id: str) -> Program:
    """A second person who can do everything ``person_id`` does, with the same time but no leave.

    Requirements that name ``person_id`` become a requirement for a stand-in skill that both
    the person and the newcomer have, so the newcomer can take that work too.
    """
    data = _data(program)
    taken = {p["id"] for p in data.get("people", [])}
    twin, n = f"{person_id}-2", 2
    while twin in taken:
        n += 1
        twin = f"{person_id}-{n}"
    skill = f"work-of-{person_id}"
    person = next(p for p in data["people"] if p["id"] == person_id)
    person["skills"] = [*person.get("skills", []), skill]
    label = program.person_by_id[person_id].label
    clone = {k: v for k, v in person.items() if k not in ("id", "name", "leave")}
    data["people"].append({**clone, "id": twin, "name": f"a second {label}"})
    for project in data["projects"]:
        for task in project["tasks"]:
            task["requires"] = [
                {**{k: v for k, v in r.items() if k != "person"}, "skill": skill}
                if r.get("person") == person_id
                else r
                for r in task.get("requires", [])
            ]
    return Program.model_validate(data)
