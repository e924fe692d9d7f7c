"""Applying scenario changes: one test per kind of change, each with a hand-worked result.

Programs start Monday 2027-01-04 (working day 0) with a Monday-Friday week: working day 5 is
Monday 11 January, day 10 Monday 18 January, day 13 Thursday 21 January.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import ProgramInvalid
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.scenarios.apply import bridge, earliest_starts
from tests.conftest import make_program

D = dt.date


def program(**extra: object) -> Program:
    """p: a(3) -> b(2) -> m (milestone); q: c(5). A developer pool of 3 (4 from March), Ann and Bob."""
    fields: dict = {
        "roles": [{"id": "developer", "capacity": 3, "changes": [{"from": "2027-03-01", "capacity": 4}]}],
        "people": [{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql", "py"]}],
        "projects": [
            {"id": "p", "tasks": [
                {"id": "a", "duration": 3, "requires": [{"role": "developer"}]},
                {"id": "b", "duration": 2, "after": ["a"], "requires": [{"person": "ann"}]},
                {"id": "m", "milestone": True, "after": ["b"]}]},
            {"id": "q", "tasks": [{"id": "c", "duration": 5, "requires": [{"skill": "sql"}]}]},
        ],
    }
    fields.update(extra)
    return make_program(**fields)


def changes(*items: dict) -> tuple:
    """Changes validated as a scenario's."""
    return Scenario.model_validate({"name": "s", "base": "x.yaml", "changes": list(items)}).changes


def apply(base: Program, *items: dict, baseline: Schedule | None = None) -> Program:
    return apply_changes(base, changes(*items), baseline, source="s.yaml")


def error(base: Program, *items: dict, baseline: Schedule | None = None) -> str:
    with pytest.raises(ProgramInvalid) as info:
        apply(base, *items, baseline=baseline)
    return str(info.value)


def plan(*rows: tuple[str, dt.date, dt.date, tuple[str, ...]]) -> Schedule:
    tasks = [ScheduledTask(project=k.split(".")[0], task=k.split(".")[1], start=s, finish=f, people=pp)
             for k, s, f, pp in rows]
    return Schedule(program="test", status=SolveStatus.OPTIMAL, tasks=tuple(tasks))


BASELINE = plan(("p.a", D(2027, 1, 4), D(2027, 1, 6), ()), ("p.b", D(2027, 1, 11), D(2027, 1, 12), ("ann",)),
                ("p.m", D(2027, 1, 13), D(2027, 1, 13), ()), ("q.c", D(2027, 1, 4), D(2027, 1, 8), ("bob",)))


def test_slip_task_without_baseline_counts_from_earliest_start():
    """b can start on day 3 at the earliest; slipping it 2w releases it on day 13, Thursday 21 January."""
    changed = apply(program(), {"kind": "slip", "task": "p.b", "by": "2w"})
    assert changed.tasks["p.b"][1].release == D(2027, 1, 21)
    assert changed.tasks["p.a"][1].release is None


def test_slip_project_counts_from_baseline_starts():
    """With a baseline, every task of p may start no earlier than its baseline start + 5 working days."""
    changed = apply(program(), {"kind": "slip", "project": "p", "by": "1w"}, baseline=BASELINE)
    releases = {k: t.release for k, (_, t) in changed.tasks.items()}
    assert releases == {"p.a": D(2027, 1, 11), "p.b": D(2027, 1, 18), "p.m": D(2027, 1, 20), "q.c": None}


def test_slip_as_duration_lengthens_work_and_leaves_milestones():
    """Slipping p by 3 days as duration: a 3 -> 6, b 2 -> 5, the milestone stays 0."""
    changed = apply(program(), {"kind": "slip", "project": "p", "by": 3, "as": "duration"})
    assert [t.duration for t in changed.projects[0].tasks] == [6, 5, 0]


def test_slip_role_and_person_pick_their_tasks():
    """A role slip touches a (the only developer task); a person slip touches what Bob does in the baseline."""
    by_role = apply(program(), {"kind": "slip", "role": "developer", "by": 2})
    assert {k for k, (_, t) in by_role.tasks.items() if t.release} == {"p.a"}
    by_person = apply(program(), {"kind": "slip", "person": "bob", "by": 2}, baseline=BASELINE)
    assert {k for k, (_, t) in by_person.tasks.items() if t.release} == {"q.c"}
    assert by_person.tasks["q.c"][1].release == D(2027, 1, 6)


def test_duration_change_sets_the_estimate():
    """A new estimate of 4w makes c 20 working days."""
    assert apply(program(), {"kind": "duration", "task": "q.c", "duration": "4w"}).tasks["q.c"][1].duration == 20


def test_capacity_delta_over_a_window_keeps_later_steps():
    """One developer fewer in February and March: 3, 2 from 1 Feb, 3 from 1 Mar (4 - 1), 4 from 1 Apr."""
    changed = apply(program(), {"kind": "capacity", "role": "developer", "from": "2027-02-01",
                                "to": "2027-03-31", "delta": -1})
    role = changed.role_by_id["developer"]
    assert role.capacity == 3
    assert [(c.start, c.capacity) for c in role.changes] == [
        (D(2027, 2, 1), 2), (D(2027, 3, 1), 3), (D(2027, 4, 1), 4)]


def test_capacity_absolute_from_a_date_lasts():
    """A freeze at 1 developer from 15 February on replaces the March hire."""
    changed = apply(program(), {"kind": "capacity", "role": "developer", "from": "2027-02-15", "capacity": 1})
    role = changed.role_by_id["developer"]
    assert [(c.start, c.capacity) for c in role.changes] == [(D(2027, 2, 15), 1)]


def test_capacity_below_zero_is_refused():
    """Taking 4 developers from a pool of 3 names the role and the day."""
    assert "role developer would have capacity -1 on 2027-01-04" in error(
        program(), {"kind": "capacity", "role": "developer", "from": "2027-01-01", "to": "2027-01-31", "delta": -4})


def test_availability_leave_and_part_time():
    """Ann away for a week becomes leave; Bob at 50% from March becomes a part-time window to the end."""
    changed = apply(program(end="2027-12-31"),
                    {"kind": "availability", "person": "ann", "from": "2027-02-01", "to": "2027-02-05"},
                    {"kind": "availability", "person": "bob", "from": "2027-03-01", "percent": 50})
    ann, bob = changed.person_by_id["ann"], changed.person_by_id["bob"]
    assert [(w.start, w.end) for w in ann.leave] == [(D(2027, 2, 1), D(2027, 2, 5))]
    assert [(w.start, w.end, w.percent) for w in bob.part_time] == [(D(2027, 3, 1), D(2027, 12, 31), 50)]


def test_add_person_joining_later_is_away_before():
    """A hire from 1 February is on leave from the start to 31 January."""
    changed = apply(program(), {"kind": "add_person", "person": {"id": "cy", "skills": ["sql"]}, "from": "2027-02-01"})
    assert [(w.start, w.end) for w in changed.person_by_id["cy"].leave] == [(D(2027, 1, 4), D(2027, 1, 31))]


def test_remove_person_named_by_a_task_needs_a_date():
    """Ann is named by p.b: removing her for good is refused; from a date she is away from then on."""
    assert "ann is named by p.b" in error(program(), {"kind": "remove_person", "person": "ann"})
    changed = apply(program(end="2027-06-30"), {"kind": "remove_person", "person": "ann", "from": "2027-03-01"})
    assert [(w.start, w.end) for w in changed.person_by_id["ann"].leave] == [(D(2027, 3, 1), D(2027, 6, 30))]
    assert [p.id for p in apply(program(), {"kind": "remove_person", "person": "bob"}).people] == ["ann"]


def test_deadline_and_target_move_and_drop():
    """Deadline on the milestone, target on q (weight kept at 1), then the deadline dropped again."""
    changed = apply(program(), {"kind": "deadline", "task": "p.m", "date": "2027-02-26"},
                    {"kind": "target", "project": "q", "date": "2027-01-29"})
    assert changed.tasks["p.m"][1].deadline == D(2027, 2, 26)
    assert (changed.projects[1].target.date, changed.projects[1].target.weight) == (D(2027, 1, 29), 1)
    dropped = apply(changed, {"kind": "deadline", "task": "p.m", "date": None})
    assert dropped.tasks["p.m"][1].deadline is None


def test_add_task_with_successors():
    """A pen test after b and before the milestone adds the task and a link pen -> m."""
    changed = apply(program(), {"kind": "add_task", "project": "p", "task": {"id": "pen", "duration": 5,
                                                                           "after": ["b"]}, "before": ["p.m"]})
    assert "p.pen" in changed.tasks
    assert [(d.source, d.to) for d in changed.dependencies] == [("p.pen", "p.m")]
    assert "already has a task 'a'" in error(program(), {"kind": "add_task", "project": "p",
                                                          "task": {"id": "a", "duration": 1}})


def test_remove_task_bridges_its_links():
    """Removing b keeps a before m: a -> b -> m becomes a -> m (finish-to-start, lags added)."""
    changed = apply(program(), {"kind": "remove_task", "task": "p.b"})
    assert "p.b" not in changed.tasks
    assert [(l.pred, l.succ, l.type.value, l.lag) for l in changed.links] == [("p.a", "p.m", "FS", 0)]


def test_bridge_composes_link_types_and_lags():
    """a -SS+1-> x -FF+2-> b becomes a -SF+3-> b: a's start drives b's finish, lags added."""
    from planner.models import DependencyType, Link
    links = [Link("p.a", "p.x", DependencyType.SS, 1), Link("p.x", "p.b", DependencyType.FF, 2)]
    assert bridge(links, ["p.x"]) == [Link("p.a", "p.b", DependencyType.SF, 3)]


def test_defer_and_remove_project():
    """Deferring q to March sets its release; removing p leaves q alone."""
    deferred = apply(program(), {"kind": "defer", "project": "q", "until": "2027-03-01"})
    assert deferred.projects[1].release == D(2027, 3, 1)
    removed = apply(program(), {"kind": "remove_project", "project": "p"})
    assert [p.id for p in removed.projects] == ["q"]


def test_add_project_with_links():
    """A comms project whose notice follows the milestone."""
    changed = apply(program(), {"kind": "add_project", "project": {"id": "comms", "tasks": [
        {"id": "notice", "duration": 3}]}, "dependencies": [{"from": "p.m", "to": "comms.notice"}]})
    assert earliest_starts(changed)["comms.notice"] == 5


def test_status_date_fixes_work_under_way_and_releases_the_rest():
    """At Friday 8 January, a and c (started 4 January) stay put with their people; b and m start >= 8 Jan."""
    changed = apply(program(), {"kind": "status_date", "date": "2027-01-08"}, baseline=BASELINE)
    tasks = {k: t for k, (_, t) in changed.tasks.items()}
    assert (tasks["p.a"].fixed_start, tasks["q.c"].fixed_start, tasks["q.c"].fixed_people) == (
        D(2027, 1, 4), D(2027, 1, 4), ("bob",))
    assert (tasks["p.b"].release, tasks["p.m"].release) == (D(2027, 1, 8), D(2027, 1, 8))
    assert "needs a baseline" in error(program(), {"kind": "status_date", "date": "2027-01-08"})


def test_status_date_with_actual_starts():
    """c actually started on 6 January; a was planned but has not started."""
    changed = apply(program(), {"kind": "status_date", "date": "2027-01-08", "not_started": ["p.a"],
                                "started": [{"task": "q.c", "date": "2027-01-06"}]}, baseline=BASELINE)
    assert changed.tasks["q.c"][1].fixed_start == D(2027, 1, 6)
    assert (changed.tasks["p.a"][1].fixed_start, changed.tasks["p.a"][1].release) == (None, D(2027, 1, 8))


def test_unknown_names_give_change_and_closest_name():
    """A misspelt task, project, role and person each name the scenario file, the change and the valid name."""
    base = program()
    assert "s.yaml: 1 problem\n  s.yaml: changes[1] (slip): task: unknown task 'p.bb'; did you mean 'p.b'?" in error(
        base, {"kind": "slip", "task": "p.bb", "by": 1})
    assert "changes[2] (defer): project: unknown project 'qq'; did you mean 'q'?" in error(
        base, {"kind": "duration", "task": "p.a", "duration": 1}, {"kind": "defer", "project": "qq",
                                                                  "until": "2027-02-01"})
    assert "unknown role 'developr'; did you mean 'developer'?" in error(
        base, {"kind": "capacity", "role": "developr", "from": "2027-02-01", "capacity": 1})
    assert "unknown person 'an'; did you mean 'ann'?" in error(
        base, {"kind": "availability", "person": "an", "from": "2027-02-01"})


def test_change_that_breaks_the_program_says_so():
    """A new task after a task that does not exist: the program's own rule, under the change's name."""
    message = error(program(), {"kind": "add_task", "project": "q", "task": {"id": "d", "duration": 1,
                                                                           "after": ["cc"]}})
    assert "changes[1] (add_task): after this change the program is invalid" in message
    assert "did you mean 'c'?" in message


def test_base_program_is_left_unchanged():
    """Applying changes returns a new program; the base keeps its durations."""
    base = program()
    apply(base, {"kind": "duration", "task": "q.c", "duration": 9})
    assert base.tasks["q.c"][1].duration == 5


def test_every_unknown_name_is_reported_before_applying():
    """Three changes with bad names give three problems, numbered from 1, none applied first."""
    message = error(program(), {"kind": "slip", "task": "p.bb", "by": 1},
                    {"kind": "duration", "task": "q.c", "duration": 2},
                    {"kind": "add_task", "project": "p", "task": {"id": "z", "duration": 1}, "before": ["x.y"]},
                    {"kind": "remove_person", "person": "an", "from": "2027-02-01"})
    assert message.splitlines() == [
        "s.yaml: 3 problems",
        "  s.yaml: changes[1] (slip): task: unknown task 'p.bb'; did you mean 'p.b'?",
        "  s.yaml: changes[3] (add_task): before: unknown task 'x.y'",
        "  s.yaml: changes[4] (remove_person): person: unknown person 'an'; did you mean 'ann'?",
    ]


def test_changes_that_cannot_apply_are_all_reported():
    """Two changes that cannot apply (capacity below 0, a status date without baseline) are both listed."""
    message = error(program(), {"kind": "capacity", "role": "developer", "from": "2027-01-04", "delta": -4},
                    {"kind": "status_date", "date": "2027-01-08"})
    assert "2 problems" in message
    assert "changes[1] (capacity): delta: role developer would have capacity -1 on 2027-01-04" in message
    assert "changes[2] (status_date): date: a status date needs a baseline schedule" in message


# ---------------------------------------------------------------------------------------------
# funding

BUDGET = {"caps": {"2027-Q1": 1001, "2027-Q2": 2000}, "default": 999, "total": 5000}


def test_funding_scale_rounds_every_cap_halves_up():
    """Scale 0.5: 1001 -> 500.5 -> 501 (halves up), 2000 -> 1000, default 999 -> 500, total 5000 -> 2500."""
    changed = apply(program(finance={"budget": BUDGET}), {"kind": "funding", "scale": 0.5})
    budget = changed.finance.budget
    assert (budget.caps, budget.default, budget.total) == ({"2027-Q1": 501, "2027-Q2": 1000}, 500, 2500)


def test_funding_caps_override_some_and_keep_the_rest():
    """Q2 becomes 1,500 ('1.5k'), Q3 is added (650, as 'FY2027-Q3'), Q1 and the total stay; carry-over goes on."""
    changed = apply(program(finance={"budget": BUDGET}),
                    {"kind": "funding", "caps": {"2027-Q2": "1.5k", "FY2027-Q3": 650}, "carry_over": True})
    budget = changed.finance.budget
    assert budget.caps == {"2027-Q1": 1001, "2027-Q2": 1500, "2027-Q3": 650}
    assert (budget.total, budget.default, budget.carry_over) == (5000, 999, True)


def test_funding_total_on_a_program_without_money():
    """A program with no budget gets a total cap of 2.5m and nothing else."""
    budget = apply(program(), {"kind": "funding", "total": "2.5m"}).finance.budget
    assert (budget.total, budget.caps, budget.carry_over) == (2_500_000, {}, False)


def test_funding_problems_are_all_reported_numbered_from_one():
    """Two years on a quarterly budget (change 2) and scaling a program without caps (change 1): three problems."""
    message = error(program(), {"kind": "funding", "scale": 0.8},
                    {"kind": "funding", "caps": {"2027": 10, "2028": 20}})
    assert "changes[1] (funding): scale: the program has no funding caps to scale" in message
    assert "changes[2] (funding): caps.2027: '2027' is not a quarter" in message
    assert "caps.2028" in message


def test_funding_change_needs_one_form_and_valid_periods():
    """scale with caps, nothing at all, and a label that is no period are refused when read."""
    for item, words in (({"scale": 0.8, "total": 10}, "give scale alone"), ({}, "give scale, or at least one"),
                        ({"caps": {"Q4": 10}}, "'Q4' is not a period")):
        with pytest.raises(Exception, match=words):
            changes({"kind": "funding", **item})


def test_funding_status_changes_projects():
    """q becomes a candidate and p is excluded; nothing else changes."""
    changed = apply(program(), {"kind": "funding_status", "project": "q", "funding": "candidate"},
                    {"kind": "funding_status", "project": "p", "funding": "excluded"})
    assert [(p.id, p.funding) for p in changed.projects] == [("p", "excluded"), ("q", "candidate")]


def test_funding_status_unknown_project_suggests_the_closest():
    """'qq' is no project; 'q' is suggested, and the change is numbered from 1."""
    message = error(program(), {"kind": "funding_status", "project": "qq", "funding": "candidate"})
    assert "changes[1] (funding_status): project: unknown project 'qq'" in message
    assert "'q'" in message


def test_funding_changes_in_words():
    """The scale, the caps set, and the status change read as a program office would say them."""
    from planner.analysis.changes import change_words

    words = [change_words(c) for c in changes(
        {"kind": "funding", "scale": 0.8},
        {"kind": "funding", "caps": {"2027-Q4": "1.5m"}, "carry_over": True},
        {"kind": "funding_status", "project": "q", "funding": "candidate"})]
    assert words == ["every funding cap and the total x 0.8",
                     "funding: 2027-Q4 capped at 1,500,000; carry-over on", "project q becomes a candidate"]
