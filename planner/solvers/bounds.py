"""Lower bounds on the objective tiers, computed from the program itself.

CP-SAT proves bounds by search, and on large programs its search ends before it proves much:
a bound of 0 says nothing. The arguments here take a fraction of a second and hold for every
schedule of the program, so the reported bound of a tier is the best of CP-SAT's and these:

* **critical path**: a task ends no earlier than its earliest start (releases and dependencies,
  in working days, so calendars are included) plus the longest chain of work behind it;
* **energy**: the work a resource must do before a set of tasks ends cannot be done faster than
  the resource's capacity allows. For every resource (a role pool; a named person; the people
  eligible for a skill requirement, with every requirement they alone can fill) and every set of
  tasks that need it, cut by their earliest start (``head``) and the chain of work after them
  (``tail``): the end is at least the day by which the capacity from the earliest head has
  delivered their work, plus the shortest tail. Capacity is the resource's real profile:
  hires, freezes, part time and leave.

They hold for the tasks that are always scheduled: those of mandatory projects and of the projects
these need (a candidate project may be left out, so its work proves nothing).

Bounds are given per tier name: ``lateness`` (each target's own bound, summed), ``finish``
(the program's end) and ``project_finishes`` (each mandatory project's end, summed).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.models.commitments import Energy, Overload
from planner.models.network import start_gap
from planner.solvers.instance import Instance, Profile
from planner.solvers.selection import always_funded

logger = logging.getLogger(__name__)

SHARE = 0.03
"""Share of the solve's time limit for the per-project and per-target energy arguments (the
critical path after)."""
MAX_SECONDS = 1.0
"""Most seconds those energy arguments get, whatever the limit."""
ENERGY_WORK_LIMIT = 3_000_000
"""Most task-resource pairs the deadline checks (:meth:`ProgramBounds.overloads`) may visit."""


class _Capacity:
    """Cumulative capacity of one resource over working days, from its profile."""

    def __init__(self, profile: Iterable[tuple[int, int, int]]) -> None:
        self.firsts: list[int] = []
        self.levels: list[int] = []
        self.cum: list[int] = []  # capacity delivered before each run's first day
        total = 0
        for first, end, level in profile:
            self.firsts.append(first)
            self.levels.append(level)
            self.cum.append(total)
            total += level * (end - first)
        self.end = profile_end = max((e for _, e, _ in profile), default=0)
        self.firsts.append(profile_end)
        self.cum.append(total)

    def delivered(self, day: int) -> int:
        """Capacity delivered on days before ``day``."""
        day = min(max(day, 0), self.end)
        k = bisect.bisect_right(self.firsts, day) - 1
        if k >= len(self.levels):
            return self.cum[-1]
        return self.cum[k] + self.levels[k] * (day - self.firsts[k])

    def done_by(self, start: int, work: int) -> int:
        """The first day by whose start ``work`` has been delivered from day ``start`` on
        (past the horizon when it never is)."""
        goal = self.delivered(start) + work
        if work <= 0:
            return start
        k = bisect.bisect_left(self.cum, goal) - 1  # the run in which the goal is reached
        if k >= len(self.levels) or k < 0:
            return self.end + 1
        level = self.levels[k]
        if level == 0:
            return self.end + 1
        need = goal - self.cum[k]
        return max(self.firsts[k] + -(-need // level), start)


@dataclass(frozen=True)
class _Job:
    key: str
    head: int
    work: int


class ProgramBounds:
    """Critical-path and energy bounds of one instance.

    Parameters
    ----------
    inst
        The instance in working-day numbers.
    """

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        program = inst.program
        self.firm = _firm_tasks(inst)
        self.succs: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self.preds: dict[str, list[str]] = defaultdict(list)
        for link in program.links:
            if link.succ in self.firm:
                gap = start_gap(
                    link.type, link.lag, inst.tasks[link.pred].duration, inst.tasks[link.succ].duration
                )
                self.succs[link.pred].append((link.succ, gap))
                self.preds[link.succ].append(link.pred)
        self.order = [k for k in inst.order if k in self.firm]
        self.capacity: dict[str, _Capacity] = {}
        self.jobs: dict[str, list[tuple[str, int]]] = defaultdict(list)  # resource -> (task, work)
        self._resources()
        self.uses: dict[str, list[tuple[str, int]]] = defaultdict(list)  # task -> (resource, work)
        for resource, jobs in self.jobs.items():
            for key, work in jobs:
                self.uses[key].append((resource, work))

    def _resources(self) -> None:
        inst = self.inst
        for role, profile in inst.role_capacity.items():
            self.capacity[f"role:{role}"] = _Capacity(profile)
        pools: dict[frozenset[str], list[tuple[str, int]]] = defaultdict(list)
        for key in self.order:
            task = inst.tasks[key]
            if task.duration <= 0:
                continue
            for role, count in task.roles:
                self.jobs[f"role:{role}"].append((key, count * task.duration))
            for req, eligible in task.people_reqs:
                people = frozenset(p for p in eligible if not task.fixed_people or p in task.fixed_people)
                if people:
                    pools[people].append((key, req.count * req.allocation * task.duration))
        # a pool of people also does the work of every requirement only its members can fill
        for pool in pools:
            name = "people:" + ",".join(sorted(pool))
            self.capacity[name] = _Capacity(_sum_profiles([inst.person_percent[p] for p in sorted(pool)]))
            for other, work in pools.items():
                if other <= pool:
                    self.jobs[name].extend(work)

    # ------------------------------------------------------------------------------ the arguments

    def _tails(self, sinks: set[str], members: list[str]) -> dict[str, int]:
        """Longest chain from each member's start to the end of one of ``sinks`` (members only)."""
        tail: dict[str, int] = {}
        inside = set(members)
        for key in reversed(members):
            best = self.inst.tasks[key].duration if key in sinks else None
            for succ, gap in self.succs.get(key, ()):
                if succ in inside and succ in tail:
                    value = gap + tail[succ]
                    best = value if best is None or value > best else best
            if best is not None:
                tail[key] = best
        return tail

    def ancestors(self, sinks: set[str]) -> list[str]:
        """``sinks`` and every task they depend on (tasks every schedule places), in dependency order."""
        seen = set(sinks)
        todo = list(sinks)
        while todo:
            for pred in self.preds.get(todo.pop(), ()):
                if pred not in seen:
                    seen.add(pred)
                    todo.append(pred)
        return [k for k in self.order if k in seen]

    def end_of(self, sinks: Iterable[str], energy: bool = True) -> int:
        """A lower bound on the latest end (exclusive working-day number) among ``sinks``."""
        sink_set = {k for k in sinks if k in self.firm}
        if not sink_set:
            return 0
        if not energy:  # earliest starts are already longest paths: the critical path needs no more
            return max(_head(self.inst, k) + self.inst.tasks[k].duration for k in sink_set)
        members = self.ancestors(sink_set)
        tails = self._tails(sink_set, members)
        heads = {k: _head(self.inst, k) for k in members}
        best = max(heads[k] + tails[k] for k in members)
        if energy:
            best = max([best, *(e.end for e in self._energies(members, tails))])
        return best

    def _energies(self, members: list[str], tails: dict[str, int]) -> list[Energy]:
        """The strongest energy argument on each resource that some of ``members`` use."""
        by_resource: dict[str, list[_Job]] = defaultdict(list)
        for key in members:
            for resource, work in self.uses.get(key, ()):
                by_resource[resource].append(_Job(key, _head(self.inst, key), work))
        out = []
        for resource, mine in by_resource.items():
            after = {j.key: tails[j.key] - self.inst.tasks[j.key].duration for j in mine}
            out.append(_energy_end(resource, self.capacity[resource], mine, after))
        return out

    def overloads(self) -> list[Overload]:
        """Every hard deadline that more work than a resource can deliver makes impossible.

        Each deadline (of a task, a project, or the program's end) holds its tasks; the work
        they depend on, per resource, is set against the capacity before the deadline.
        """
        inst = self.inst
        wd = inst.program.working_days
        held: dict[tuple[str, int], set[str]] = defaultdict(set)
        for key in self.order:
            project, task = inst.program.tasks[key]
            if task.deadline is not None:
                held[(f"deadline:{key}", wd.index_on_or_before(task.deadline))].add(key)
            if project.deadline is not None:
                held[(f"project_deadline:{project.id}", wd.index_on_or_before(project.deadline))].add(key)
        if inst.program.end is not None:
            held[("end", wd.index_on_or_before(inst.program.end))] = set(self.order)
        out: list[Overload] = []
        visits, per_deadline = 0, max(sum(len(j) for j in self.jobs.values()), 1)
        for (commitment, deadline), sinks in sorted(held.items(), key=lambda item: item[0][1]):
            visits += per_deadline
            if visits > ENERGY_WORK_LIMIT:
                logger.info(
                    "overloads: %d of %d deadlines checked within the work limit", len(out), len(held)
                )
                break
            members = self.ancestors(sinks)
            if not members:
                continue
            tails = self._tails(sinks, members)
            held_tasks = tuple(k for k in self.order if k in sinks)
            chain_end = max(_head(self.inst, k) + tails[k] for k in members)
            end = deadline + (1 if any(inst.tasks[k].duration > 0 for k in sinks) else 0)
            if chain_end > end:
                out.append(Overload(commitment, held_tasks, deadline, end, chain_end))
                continue
            # of the arguments that prove it, the one with the most work missing says it best
            proofs = []
            for energy in self._energies(members, tails):
                if energy.end > end:
                    capacity = self.capacity[energy.resource]
                    available = max(
                        capacity.delivered(end - energy.after) - capacity.delivered(energy.first), 0
                    )
                    proofs.append((energy.work - available, available, energy))
            if proofs:
                _, available, energy = max(proofs, key=lambda p: p[0])
                out.append(Overload(commitment, held_tasks, deadline, end, chain_end, energy, available))
        return out

    def tier_bounds(self, tiers: Iterable[str], time_limit: float = MAX_SECONDS / SHARE) -> dict[str, int]:
        """Lower bounds of the named tiers that this module knows (others are left out).

        The program's end always gets both arguments; each project's end and each target get the
        energy argument for :data:`SHARE` of the solve's ``time_limit`` (at most
        :data:`MAX_SECONDS`), and the critical path after.
        """
        started = time.perf_counter()
        deadline = started + min(MAX_SECONDS, SHARE * time_limit)
        names = set(tiers)
        out: dict[str, int] = {}
        if "finish" in names:
            out["finish"] = self.end_of(self.firm)
        projects: dict[str, list[str]] = defaultdict(list)
        for key in self.order:
            projects[self.inst.tasks[key].project].append(key)

        def end(keys: list[str]) -> int:
            return self.end_of(keys, energy=time.perf_counter() < deadline)

        if "project_finishes" in names:
            out["project_finishes"] = sum(end(keys) for keys in projects.values())
        if "lateness" in names:
            total = 0
            for project, (day, weight) in self.inst.project_targets.items():
                if keys := projects.get(project):
                    total += weight * max(0, end(keys) - 1 - day)
            for key in self.order:
                for day, weight in self.inst.tasks[key].targets:
                    last = end([key]) - (1 if self.inst.tasks[key].duration > 0 else 0)
                    total += weight * max(0, last - day)
            out["lateness"] = total
        logger.info("bounds from the program: %s in %.2f s", out, time.perf_counter() - started)
        return out


def _energy_end(resource: str, capacity: _Capacity, jobs: list[_Job], after: dict[str, int]) -> Energy:
    """The best of two energy arguments over subsets of ``jobs`` on one resource.

    Subsets by head (jobs that cannot start before a day: their work from that day on, plus the
    shortest tail among them) and by tail (jobs with at least a given tail: their work from the
    earliest head among them, plus that tail).
    """
    best = (-1, 0, 0, 0, 0, 0)  # end, which ordering, how many jobs, first, work, after
    by_head = sorted(jobs, key=lambda j: -j.head)
    work, least_after = 0, 0
    for i, job in enumerate(by_head):
        work += job.work
        least_after = after[job.key] if i == 0 else min(least_after, after[job.key])
        if i + 1 == len(by_head) or by_head[i + 1].head != job.head:
            best = max(
                best, (capacity.done_by(job.head, work) + least_after, 0, i + 1, job.head, work, least_after)
            )
    by_tail = sorted(jobs, key=lambda j: -after[j.key])
    work, head = 0, 0
    for i, job in enumerate(by_tail):
        work += job.work
        head = job.head if i == 0 else min(head, job.head)
        t = after[job.key]
        if i + 1 == len(by_tail) or after[by_tail[i + 1].key] != t:
            best = max(best, (capacity.done_by(head, work) + t, 1, i + 1, head, work, t))
    end, ordering, count, first, work, least = best
    chosen = (by_head, by_tail)[ordering][:count]
    return Energy(resource, tuple(j.key for j in chosen), first, work, least, end)


def _head(inst: Instance, key: str) -> int:
    """The earliest start of a task: its pinned start, or releases and dependencies."""
    task = inst.tasks[key]
    return task.fixed_start if task.fixed_start is not None else task.earliest


def _sum_profiles(profiles: list[Profile]) -> Profile:
    """The day-by-day sum of several profiles, as maximal runs."""
    steps: dict[int, int] = defaultdict(int)  # level change on each day
    for profile in profiles:
        for first, end, level in profile:
            steps[first] += level
            steps[end] -= level
    cuts = sorted(steps)
    runs: list[tuple[int, int, int]] = []
    level = 0
    for first, end in itertools.pairwise(cuts):
        level += steps[first]
        if runs and runs[-1][2] == level and runs[-1][1] == first:
            runs[-1] = (runs[-1][0], end, level)
        else:
            runs.append((first, end, level))
    return tuple(runs)


def _firm_tasks(inst: Instance) -> set[str]:
    """Tasks every schedule places: those of mandatory projects and of the projects they need."""
    funded = always_funded(inst.program)
    return {k for k, t in inst.tasks.items() if t.project in funded}


def objective_floor(model: cp_model.CpModel) -> int:
    """The least value the model's objective can take over its variables' domains alone.

    True for any objective, negative ones included: the bound of last resort when neither the
    program's arguments nor CP-SAT's search prove more.
    """
    proto = model.proto
    objective = proto.objective
    total = 0
    for index, coeff in zip(objective.vars, objective.coeffs):
        var_index = index if index >= 0 else -index - 1  # a negated reference
        domain = list(proto.variables[var_index].domain)  # (its wrapper has no negative indexing)
        lo, hi = (domain[0], domain[-1]) if index >= 0 else (-domain[-1], -domain[0])
        total += coeff * (lo if coeff > 0 else hi)
    value = total + objective.offset
    return math.floor(value * objective.scaling_factor if objective.scaling_factor else value)


def free_capacity(bare: Instance, resource: str, first: int, end: int) -> int:
    """Capacity of a pool of people (``people:a,b``) over days ``[first, end)`` with leave waived:
    their availability and part time only (the profiles of
    :func:`planner.solvers.commitments.bare_instance`)."""
    if end <= first:
        return 0
    capacity = _Capacity(
        _sum_profiles([bare.person_percent[p] for p in resource.split(":", 1)[1].split(",")])
    )
    return capacity.delivered(end) - capacity.delivered(first)
