"""The list scheduler: serial and parallel schedule generation and double justification.

Plain Python over the integer :class:`Instance`, for two uses: a complete hint that CP-SAT takes as
its first solution, and a fallback schedule when CP-SAT finds none in its time. Every placement
honours dependencies (all four types, with lags), releases, pinned starts, role capacity profiles
and people's daily shares; a deadline it cannot meet is recorded in ``Placement.late`` and the hint
is then only a hint.

The serial scheme places tasks one at a time, most urgent first, each at the earliest start where
its roles have room and enough eligible people are free; the parallel scheme starts, at each moment,
every ready task that fits. Urgency is either the latest start that still meets every target after
the task (programs with targets) or the longest chain of work behind it (the critical path).
Double justification (Valls et al., 2005) then moves every task as late as it can go without moving
the end of the schedule, and back as early as it can, which never lengthens the schedule and usually
shortens it; it is repeated while it helps. Schedules are compared as the tiers are: weighted
lateness, then end.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from array import array
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from planner.models.network import start_gap
from planner.solvers.instance import Instance
from planner.solvers.spending import Ledger

GUIDED = 0.05
"""Shuffle of the best schedule's start order, as a share of its end (0: random restarts only)."""


class OutOfTime(Exception):
    """List scheduling passed its deadline in the middle of a schedule."""


@dataclass
class Placement:
    """A schedule in working-day numbers: start per task, chosen people per (task, requirement)."""

    start: dict[str, int]
    people: dict[tuple[str, int], tuple[str, ...]]
    end: int  # the largest exclusive end
    late: int  # how many tasks miss a deadline or a pinned start


@dataclass(slots=True)
class _Task:
    key: str
    dur: int
    lo: int  # earliest start (releases, dependencies)
    hi: int  # latest start (horizon, deadlines)
    fixed: int | None
    roles: list[tuple[int, int]]  # (role index, count)
    reqs: list[tuple[int, int, int, list[int]]]  # (requirement, count, allocation, eligible people)
    fixed_people: set[str]
    preds: list[tuple[int, int]] = field(default_factory=list)  # (task, least start-to-start gap)
    succs: list[tuple[int, int]] = field(default_factory=list)


class ListScheduler:
    """Serial list scheduling and justification over one instance's resources.

    Parameters
    ----------
    inst
        The instance in working-day numbers.
    omit
        Keys of tasks left out (their project is not funded): they use no role or person, have no
        links and no targets, and are placed at their earliest start (or their floor, see
        :meth:`repair`).

    With funding caps, a task also goes only where its spend fits what is left of the caps
    (:class:`planner.solvers.spending.Ledger`), else later.
    """

    deadline: float = math.inf
    """``time.perf_counter()`` value after which a schedule in progress is abandoned (:class:`OutOfTime`)."""
    placed: int = 0
    """Tasks placed by the last serial or parallel scheme (to tell how far a stopped one got)."""
    stopped: str | None = None
    """Why the last :meth:`search` or :meth:`repair` returned no schedule when it ran out of time."""

    def __init__(self, inst: Instance, omit: Collection[str] = ()) -> None:
        self.keys = list(inst.order)
        index = {k: i for i, k in enumerate(self.keys)}
        self.horizon = inst.horizon
        roles = sorted(inst.role_capacity)
        people = sorted(inst.person_percent)
        self.role_ix = {r: i for i, r in enumerate(roles)}
        self.person_ix = {p: i for i, p in enumerate(people)}
        self.people = people
        self.role_cap = [_expand_int(inst.role_capacity[r], self.horizon) for r in roles]
        self.person_cap = [_expand_short(inst.person_percent[p], self.horizon) for p in people]
        skills = {p: len(inst.program.person_by_id[p].skills) for p in people}
        self.tasks: list[_Task] = []
        for key in self.keys:
            data = inst.tasks[key]
            hi = self.horizon - data.duration
            if data.latest_finish is not None:
                hi = min(hi, data.latest_finish - max(data.duration - 1, 0))
            reqs = []
            for r, (req, eligible) in enumerate(data.people_reqs):
                ranked = sorted(eligible, key=lambda p: (skills[p], p))  # keep versatile people free
                if data.fixed_people:
                    ranked = [p for p in ranked if p in data.fixed_people]
                reqs.append((r, req.count, req.allocation, [self.person_ix[p] for p in ranked]))
            if key in omit:
                reqs = []
            self.tasks.append(
                _Task(
                    key=key,
                    dur=data.duration,
                    lo=data.earliest,
                    hi=hi,
                    fixed=data.fixed_start,
                    roles=[(self.role_ix[r], c) for r, c in data.roles]
                    if data.duration > 0 and key not in omit
                    else [],
                    reqs=reqs,
                    fixed_people=set(data.fixed_people),
                )
            )
        self.omitted = [k in omit for k in self.keys]
        reached: frozenset[str] = getattr(inst.program, "reached_milestones", frozenset())
        self.reached = [
            k in reached and k not in omit and inst.tasks[k].fixed_start is None for k in self.keys
        ]
        for link in inst.program.links:
            if link.pred in omit or link.succ in omit:
                continue  # a link holds only when its successor is funded, and then its predecessor is
            p, s = index[link.pred], index[link.succ]
            gap = start_gap(link.type, link.lag, self.tasks[p].dur, self.tasks[s].dur)
            self.tasks[s].preds.append((p, gap))
            self.tasks[p].succs.append((s, gap))
        self.pred_count = [len({p for p, _ in t.preds}) for t in self.tasks]  # distinct predecessors
        self.tail = self._tails()
        self.targets = [
            (index[k], day, weight)
            for k, data in inst.tasks.items()
            for day, weight in data.targets
            if weight > 0 and k not in omit
        ]
        members: dict[str, list[int]] = {}
        for k, data in inst.tasks.items():
            if k not in omit:
                members.setdefault(data.project, []).append(index[k])
        self.project_targets = [
            (members.get(project, []), day, weight)
            for project, (day, weight) in inst.project_targets.items()
            if weight > 0
        ]
        self.due = self._dues()
        self.spending = Ledger.of(inst, self.keys, self.person_ix, omit)

    # ------------------------------------------------------------------ bounds from placed neighbours

    def _after_preds(self, i: int, start: list[int | None]) -> int:
        lo = self.tasks[i].lo
        for p, gap in self.tasks[i].preds:
            ps = start[p]
            if ps is not None:
                lo = max(lo, ps + gap)
        return lo

    def _before_succs(self, i: int, start: list[int | None], hi: int) -> int:
        for s, gap in self.tasks[i].succs:
            ss = start[s]
            if ss is not None:
                hi = min(hi, ss - gap)
        return hi

    def tails(self) -> dict[str, int]:
        """Length of the longest dependency chain from each task's start to the end, by task key."""
        return {t.key: tail for t, tail in zip(self.tasks, self.tail)}

    def _tails(self) -> list[int]:
        """Length of the longest dependency chain from each task's start to the end of the program."""
        tail = [t.dur for t in self.tasks]
        for i in reversed(range(len(self.tasks))):
            for s, gap in self.tasks[i].succs:
                tail[i] = max(tail[i], gap + tail[s])
        return tail

    def _dues(self) -> list[int | None]:
        """Latest start of each task that lets every target after it be met (None: no target after it)."""
        due: list[int | None] = [None] * len(self.tasks)

        def lower(i: int, value: int) -> None:
            current = due[i]
            due[i] = value if current is None else min(current, value)

        for i, day, _ in self.targets:
            lower(i, day - max(self.tasks[i].dur - 1, 0))
        for tasks, day, _ in self.project_targets:
            for i in tasks:
                lower(i, day - max(self.tasks[i].dur - 1, 0))
        for i in reversed(range(len(self.tasks))):
            for s, gap in self.tasks[i].succs:
                ds = due[s]
                if ds is not None:
                    lower(i, ds - gap)
        return due

    def lateness(self, start: list[int]) -> int:
        """Weighted working days late over task and project targets, as the lateness tier counts them."""

        def last(i: int) -> int:
            return start[i] + max(self.tasks[i].dur - 1, 0)

        total = sum(weight * max(0, last(i) - day) for i, day, weight in self.targets)
        for tasks, day, weight in self.project_targets:
            if tasks:
                total += weight * max(0, max(last(i) for i in tasks) - day)
        return total

    # ----------------------------------------------------------------------------- resource windows

    def _fits(
        self, i: int, s: int, free_role: list, free_person: list, reqs: list | None = None
    ) -> tuple[bool, int, int, list[tuple[int, list[int]]]]:
        """Whether task ``i`` fits at ``s``; if not, the next start worth trying in each direction.

        ``reqs`` replaces the task's people requirements (the same, with eligible people in
        another order of preference). Returns ``(fits, next_later, next_earlier, people)``.
        """
        t = self.tasks[i]
        d = t.dur
        if reqs is None:
            reqs = t.reqs
        if s < 0 or s + d > self.horizon:
            return False, max(s + 1, 0), min(s - 1, self.horizon - d), []
        if d == 0:
            chosen = [(r, [q for q in elig[:count]]) for r, count, _, elig in reqs]
            return self._paid(i, s, chosen)
        later, back = s + 1, 1  # next start to try going later; how far to step back going earlier
        ok = True
        e = s + d
        for r, c in t.roles:
            row = free_role[r]
            if min(row[s:e]) < c:
                ok = False
                last = next(k for k in range(e - 1, s - 1, -1) if row[k] < c)
                first = next(k for k in range(s, e) if row[k] < c)
                later = max(later, last + 1)
                back = max(back, e - first)
        chosen = []
        used: set[int] = set()
        for r, count, alloc, elig in reqs:
            pick, blocked_last, blocked_first = [], [], []
            for q in elig:
                if q in used:
                    continue
                row = free_person[q]
                if min(row[s:e]) >= alloc:
                    pick.append(q)
                    if len(pick) == count:
                        break
                else:
                    blocked_last.append(next(k for k in range(e - 1, s - 1, -1) if row[k] < alloc))
                    blocked_first.append(next(k for k in range(s, e) if row[k] < alloc))
            if len(pick) < count:
                ok = False
                if blocked_last:
                    later = max(later, min(blocked_last) + 1)
                    back = max(back, e - max(blocked_first))
                else:  # not enough eligible people at all
                    later, back = self.horizon + 1, self.horizon + 1
            used.update(pick)
            chosen.append((r, pick))
        if ok:
            return self._paid(i, s, chosen)
        return False, later, s - back, []

    def _paid(
        self, i: int, s: int, chosen: list[tuple[int, list[int]]]
    ) -> tuple[bool, int, int, list[tuple[int, list[int]]]]:
        """:meth:`_fits`' answer when the resources fit: whether the spending caps do too."""
        if self.spending is not None:
            blocked = self.spending.check(i, s, chosen)
            if blocked is not None:
                return False, blocked[0], blocked[1], []
        return True, s, s, chosen

    def _earliest(
        self, i: int, lo: int, free_role: list, free_person: list, reqs: list | None = None
    ) -> tuple[int, list[tuple[int, list[int]]]]:
        s = max(lo, 0)
        deadline, clock = self.deadline, time.perf_counter
        while s + self.tasks[i].dur <= self.horizon:
            ok, later, _, chosen = self._fits(i, s, free_role, free_person, reqs)
            if ok:
                return s, chosen
            s = later
            if clock() > deadline:
                raise OutOfTime
        return -1, []

    def _latest(
        self, i: int, lo: int, hi: int, free_role: list, free_person: list
    ) -> tuple[int, list[tuple[int, list[int]]]]:
        s = min(hi, self.horizon - self.tasks[i].dur)
        deadline, clock = self.deadline, time.perf_counter
        while s >= lo:
            ok, _, earlier, chosen = self._fits(i, s, free_role, free_person)
            if ok:
                return s, chosen
            s = earlier
            if clock() > deadline:
                raise OutOfTime
        return -1, []

    def _book(
        self,
        i: int,
        s: int,
        chosen: list[tuple[int, list[int]]],
        free_role: list,
        free_person: list,
        sign: int,
    ) -> None:
        t = self.tasks[i]
        if self.spending is not None:
            self.spending.book(i, s, chosen, sign)
        if t.dur == 0:
            return
        e = s + t.dur
        for r, c in t.roles:
            row = free_role[r]
            for k in range(s, e):
                row[k] -= sign * c
        allocs = {r: alloc for r, _, alloc, _ in t.reqs}
        for r, pick in chosen:
            for q in pick:
                row = free_person[q]
                for k in range(s, e):
                    row[k] -= sign * allocs[r]

    def _free(self) -> tuple[list[array], list[array]]:
        """Every role's and person's capacity per day, nothing booked yet (nor spent)."""
        if self.spending is not None:
            self.spending.reset()
        return [array("i", row) for row in self.role_cap], [array("h", row) for row in self.person_cap]

    # -------------------------------------------------------------------------------- the schemes

    def serial(
        self, priority: list[float], floor: list[int] | None = None, prefer: Mapping[int, list] | None = None
    ) -> tuple[list[int], list[list[tuple[int, list[int]]]]] | None:
        """Serial schedule generation: eligible tasks in order of ``priority`` (smaller first).

        ``floor`` gives each task a day it may not start before; ``prefer`` replaces some tasks'
        people requirements (by task index) with the same ones in another order of preference.
        Raises :class:`OutOfTime` past :attr:`deadline`.
        """
        n = len(self.tasks)
        free_role, free_person = self._free()
        start: list[int | None] = [None] * n
        chosen: list = [None] * n
        missing = list(self.pred_count)
        ready = [(priority[i], i) for i in range(n) if missing[i] == 0]
        heapq.heapify(ready)
        self.placed = 0
        deadline, clock = self.deadline, time.perf_counter
        while ready:
            if clock() > deadline:
                raise OutOfTime
            _, i = heapq.heappop(ready)
            t = self.tasks[i]
            lo = self._after_preds(i, start)
            if floor is not None:
                lo = max(lo, floor[i])
            if t.fixed is not None:
                s, pick = t.fixed, self._fits(i, t.fixed, free_role, free_person)[3]
                if not pick and t.reqs:
                    pick = [
                        (r, [q for q in elig if self.people[q] in t.fixed_people][:count] or elig[:count])
                        for r, count, _, elig in t.reqs
                    ]
            else:
                s, pick = self._earliest(i, lo, free_role, free_person, prefer.get(i) if prefer else None)
                if s < 0:
                    return None
            start[i], chosen[i] = s, pick
            self.placed += 1
            self._book(i, s, pick, free_role, free_person, 1)
            for j in {j for j, _ in t.succs}:
                missing[j] -= 1
                if missing[j] == 0:
                    heapq.heappush(ready, (priority[j], j))
        if any(s is None for s in start):
            return None
        return start, chosen  # type: ignore[return-value]

    def parallel(self, priority: list[float]) -> tuple[list[int], list[list[tuple[int, list[int]]]]] | None:
        """Parallel schedule generation: at each decision time, start every ready task that fits,
        in order of ``priority`` (smaller first), then move to the next time anything can change.

        It builds non-delay schedules, which are often better than serial ones on large programs.
        """
        n = len(self.tasks)
        free_role, free_person = self._free()
        start: list[int | None] = [None] * n
        chosen: list = [None] * n
        missing = list(self.pred_count)
        ready: dict[int, int] = {}  # task -> earliest start from its (all placed) predecessors
        placed = 0
        self.placed = 0
        deadline, clock = self.deadline, time.perf_counter

        def place(i: int, s: int, pick: list) -> None:
            nonlocal placed
            start[i], chosen[i] = s, pick
            placed += 1
            self.placed = placed
            self._book(i, s, pick, free_role, free_person, 1)
            for j in {j for j, _ in self.tasks[i].succs}:
                missing[j] -= 1
                if missing[j] == 0:
                    ready[j] = self._after_preds(j, start)

        for i in range(n):
            if missing[i] == 0:
                ready[i] = self._after_preds(i, start)
        now = 0
        while ready:
            if clock() > deadline:
                raise OutOfTime
            changed = True
            wake = self.horizon + 1
            while changed:
                changed = False
                for _, i in sorted(
                    (priority[i], i)
                    for i, lo in ready.items()
                    if lo <= now or self.tasks[i].fixed is not None
                ):
                    t = self.tasks[i]
                    if t.fixed is not None:
                        pick = self._fits(i, t.fixed, free_role, free_person)[3]
                        if not pick and t.reqs:
                            pick = [
                                (r, [q for q in elig if self.people[q] in t.fixed_people][:c] or elig[:c])
                                for r, c, _, elig in t.reqs
                            ]
                        del ready[i]
                        place(i, t.fixed, pick)
                        changed = True
                        continue
                    ok, later, _, pick = self._fits(i, now, free_role, free_person)
                    if ok:
                        del ready[i]
                        place(i, now, pick)
                        changed = True
                    else:
                        wake = min(wake, later)
            if not ready:
                break
            wake = min([wake, *(lo for lo in ready.values() if lo > now)])
            if wake > self.horizon:
                return None
            now = wake
        if placed < n:
            return None
        return start, chosen  # type: ignore[return-value]

    def justify(self, start: list[int], chosen: list, rounds: int = 3) -> tuple[list[int], list]:
        """Double justification: right then left, repeated while the schedule gets shorter."""
        best = self._end(start)
        for _ in range(rounds):
            start, chosen = self._shift(start, chosen, right=True, limit=best)
            start, chosen = self._shift(start, chosen, right=False, limit=best)
            end = self._end(start)
            if end >= best:
                break
            best = end
        return start, chosen

    def _shift(self, start: list[int], chosen: list, right: bool, limit: int) -> tuple[list[int], list]:
        n = len(self.tasks)
        free_role, free_person = self._free()
        for i in range(n):
            self._book(i, start[i], chosen[i], free_role, free_person, 1)
        new: list[int] = list(start)
        pick = list(chosen)
        # right: latest finish first, so successors have moved before their predecessors; left: the mirror
        if right:
            order = sorted(range(n), key=lambda i: -(start[i] + self.tasks[i].dur))
        else:
            order = sorted(range(n), key=lambda i: start[i])
        deadline, clock = self.deadline, time.perf_counter
        for i in order:
            t = self.tasks[i]
            if t.fixed is not None:
                continue
            if clock() > deadline:
                raise OutOfTime
            self._book(i, new[i], pick[i], free_role, free_person, -1)
            if right:
                hi = self._before_succs(i, new, min(t.hi, limit - t.dur))  # type: ignore[arg-type]
                s, p = self._latest(i, new[i], hi, free_role, free_person)
            else:
                lo = self._after_preds(i, new)  # type: ignore[arg-type]
                s, p = self._earliest(i, lo, free_role, free_person)
                if s > new[i]:
                    s = -1
            if s < 0:
                s, p = new[i], pick[i]
            new[i], pick[i] = s, p
            self._book(i, s, p, free_role, free_person, 1)
        if self.spending is not None and self.spending.over():
            return start, chosen  # a task kept where it was breaks a cap now: keep the schedule as it was
        return new, pick

    def _end(self, start: list[int]) -> int:
        return max((s + t.dur for s, t in zip(start, self.tasks)), default=0)

    def placement(self, start: list[int], chosen: list) -> Placement:
        """The result in the instance's own keys, milestones dated on the day they are reached.

        A milestone the program dates when reached starts at the latest of its earliest day and
        its incoming links' bounds; moving it there (in dependency order) never delays anything.
        """
        if any(self.reached):
            start = list(start)
            for i in range(len(self.tasks)):
                if self.reached[i]:
                    start[i] = self._after_preds(i, start)  # type: ignore[arg-type]
        late = 0
        for s, t, out in zip(start, self.tasks, self.omitted):
            if not out and (s > t.hi or (t.fixed is not None and s != t.fixed)):
                late += 1
        people = {}
        for i, t in enumerate(self.tasks):
            for r, pick in chosen[i]:
                people[(t.key, r)] = tuple(self.people[q] for q in pick)
        return Placement({t.key: s for s, t in zip(start, self.tasks)}, people, self._end(start), late)

    def search(
        self,
        seconds: float,
        seed: int = 0,
        improved: Callable[[int, int], None] | None = None,
        first_seconds: float | None = None,
    ) -> Placement | None:
        """The best schedule found in ``seconds``, by weighted lateness, then end.

        Two priority rules: when the program has targets, earliest due start first (the latest
        start that meets every target after a task, ties to the longer tail), then longest tail
        first (the critical path). The first rule's serial and parallel schedules are built first;
        then, while time remains, the other rule's, then in turn local shuffles of the best
        schedule's start order (:data:`GUIDED`) and random perturbations of the rules. None when no
        rule places every task. ``improved`` is called with the weighted lateness and end of every
        better schedule.

        ``seconds`` is a deadline checked inside every loop: a schedule (or justification) still
        in progress then is abandoned. The first complete schedule has ``first_seconds`` instead;
        when that passes with no schedule, the result is None and :attr:`stopped` says how far it
        got. With ``first_seconds`` None, the first rule's serial and parallel schedules and their
        justification are all made, whatever the time (small programs: milliseconds).
        """
        started = time.perf_counter()
        self.stopped = None
        rng = random.Random(seed)
        n = len(self.tasks)
        tail_rule = [-self.tail[i] - 1e-6 * i for i in range(n)]  # longest tail first
        rules = [tail_rule]
        dues = [d for d in self.due if d is not None]
        if dues:
            span = max(self.tail, default=0) + 1
            unbound = self.horizon + span  # tasks with no target after them go last
            rules.insert(
                0, [(unbound if d is None else d) - self.tail[i] / span for i, d in enumerate(self.due)]
            )
            due_noise = 0.1 * (max(dues) - min(dues) + 1)
        best: tuple[tuple[int, int], list[int], list] | None = None
        schemes = (self.serial, self.parallel)
        plain = 2 * len(rules)
        attempt = 0
        end_at = started + seconds
        first_end = math.inf if first_seconds is None else started + max(seconds, first_seconds)

        def consider(start: list[int], chosen: list) -> None:
            nonlocal best
            score = (self.lateness(start), self._end(start))
            if best is None or score <= best[0]:
                if improved and (best is None or score < best[0]):
                    improved(*score)
                best = (score, start, chosen)

        try:
            while True:
                rule = rules[(attempt // 2) % len(rules)]
                if attempt < plain:
                    priority = rule
                elif GUIDED and best is not None and (attempt // 2) % 2 == 0:
                    # around the best schedule so far: its start order, locally shuffled
                    spread = GUIDED * best[0][1] * rng.random()
                    priority = [
                        s + spread * rng.random() - 1e-6 * self.tail[i] for i, s in enumerate(best[1])
                    ]
                elif rule is tail_rule:
                    noise = 0.1 + 0.4 * rng.random()
                    priority = [p * (1 + noise * rng.random()) for p in rule]
                else:
                    noise = (0.1 + 0.4 * rng.random()) * due_noise
                    priority = [p + noise * rng.random() for p in rule]
                self.deadline = (
                    first_end if best is None or (attempt < 2 and first_seconds is None) else end_at
                )
                result = schemes[attempt % 2](priority)
                if result is not None:
                    consider(*result)
                    self.deadline = first_end if attempt < 2 and first_seconds is None else end_at
                    consider(*self.justify(*result))
                attempt += 1
                if attempt >= 2 and best is not None and time.perf_counter() >= end_at:
                    break
                if best is None and attempt >= plain:
                    break
        except OutOfTime:
            if best is None:
                took = time.perf_counter() - started
                self.stopped = (
                    f"list scheduling placed {self.placed} of {n} tasks in {took:.1f} s; "
                    f"about {took * n / max(self.placed, 1):.0f} s would place them all"
                )
        finally:
            self.deadline = math.inf
        return self.placement(best[1], best[2]) if best else None

    def repair(
        self, planned: Mapping[str, int], people: Mapping[str, Collection[str]], seconds: float = math.inf
    ) -> Placement | None:
        """The baseline repaired under the change: a serial schedule in the baseline's start order.

        Tasks the baseline places (``planned``: start by task key) come in the order of their
        baseline starts and none starts before its baseline start; the others (new work) come
        after them, longest tail first, at their earliest. Each task goes to the earliest day
        that fits from there, with the baseline's people (``people``: by task key) first in line
        where they are still eligible. None when it cannot place every task (or in ``seconds``).
        """
        n = len(self.tasks)
        span = max(self.tail, default=0) + 1
        last = max(planned.values(), default=0) + 1
        priority = [
            float(planned[t.key]) - self.tail[i] / (2 * span)
            if t.key in planned
            else last + span - self.tail[i]
            for i, t in enumerate(self.tasks)
        ]
        floor = [planned.get(t.key, 0) for t in self.tasks]
        prefer: dict[int, list] = {}
        for i, t in enumerate(self.tasks):
            kept = people.get(t.key)
            if kept and t.reqs:
                ix = {self.person_ix[p] for p in kept if p in self.person_ix}
                prefer[i] = [
                    (r, count, alloc, [q for q in elig if q in ix] + [q for q in elig if q not in ix])
                    for r, count, alloc, elig in t.reqs
                ]
        self.deadline = time.perf_counter() + seconds
        self.stopped = None
        try:
            result = self.serial(priority, floor, prefer)
        except OutOfTime:
            self.stopped = f"the repaired baseline placed {self.placed} of {n} tasks in {seconds:.1f} s"
            return None
        finally:
            self.deadline = math.inf
        return self.placement(*result) if result is not None else None


def _expand_int(profile: tuple[tuple[int, int, int], ...], horizon: int) -> array:
    row = array("i", bytes(4 * horizon))
    for first, end, level in profile:
        row[first : min(end, horizon)] = array("i", [level]) * (min(end, horizon) - first)
    return row


def _expand_short(profile: tuple[tuple[int, int, int], ...], horizon: int) -> array:
    """A person's daily share as signed numbers: a pinned task may overbook them (below 0), which the
    check of the schedule then refuses."""
    row = array("h", bytes(2 * horizon))
    for first, end, level in profile:
        row[first : min(end, horizon)] = array("h", [level]) * (min(end, horizon) - first)
    return row
