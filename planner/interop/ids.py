"""Ids in both directions: the tools' task ids as program ids, and back.

The program format has no free field for a task's id in another tool, so the id itself carries
it: a Microsoft Project task of Unique ID 12 becomes task ``t12``; a P6 activity keeps its
Activity ID (``A1000``) and a task list's row its ID, made to fit the program's id rules
(letters, digits, ``_`` and ``-``; anything else becomes ``_``). Exports read the ids back:
``t12`` is written with Unique ID 12, so the dates can go back into the tool.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]+")
_UNIQUE_ID = re.compile(r"^t(\d{1,9})$")


def safe_id(text: str, fallback: str = "x") -> str:
    """``text`` as a program id: runs of other characters become ``_``; empty gives ``fallback``."""
    cleaned = _UNSAFE.sub("_", text.strip()).strip("_")
    return cleaned or fallback


def name_id(name: str, fallback: str = "x") -> str:
    """An id made from a name for people: ``Dana Okafor`` gives ``dana_okafor``."""
    return safe_id(name.lower(), fallback)


def unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate_2``, ``_3``... whichever is not in ``taken``; the one chosen is added."""
    chosen, n = candidate, 1
    while chosen in taken:
        n += 1
        chosen = f"{candidate}_{n}"
    taken.add(chosen)
    return chosen


def task_id(uid: str, kind: str) -> str:
    """The program id of a task of the given id kind (``unique_id``, ``activity_id``, ``list_id``)."""
    if kind == "unique_id" and uid.isdigit():
        return f"t{uid}"
    if kind == "list_id" and uid.isdigit():
        return f"t{uid}"
    return safe_id(uid, "task")


def unique_id_of(task: str) -> int | None:
    """The Microsoft Project Unique ID a program task id carries (``t12`` -> 12), if any."""
    match = _UNIQUE_ID.match(task)
    return int(match.group(1)) if match else None


def free_numbers(used: Iterable[int], start: int = 1) -> Iterator[int]:
    """Numbers from ``start`` on that are not in ``used``, in order."""
    taken = set(used)
    n = start
    while True:
        if n not in taken:
            yield n
        n += 1


__all__ = ["free_numbers", "name_id", "safe_id", "task_id", "unique", "unique_id_of"]
