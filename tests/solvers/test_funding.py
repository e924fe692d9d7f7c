"""Project selection and money in the solver: funded sets worked out by hand or by enumeration,
caps per period (with and without carry-over), fixed costs spread over days, person rates,
needs, alternatives and the dependency rule. Every schedule is verified by the checker, which
recomputes spend per period against the caps.

Programs start Monday 2027-01-04 (working day 0) with a Monday-Friday week and no holidays:
2027-Q1 has 63 working days (0..62) and 2027-Q2 65 (63..127), so 1 July is working day 128.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from planner.check import check
from planner.models import Program, SolveStatus
from planner.solvers import SolveOptions, solve
from tests.conftest import make_program, solve_checked

Q2_START, Q3_START = 63, 128


def project(pid: str, duration: int = 5, cost: int = 0, per_month: int = 0, **fields: Any) -> dict:
    """A one-task project: task ``t`` with a fixed cost, and a benefit per month if given."""
    data: dict[str, Any] = {"id": pid, "tasks": [{"id": "t", "duration": duration, "cost": cost}], **fields}
    if per_month:
        data["benefit"] = {"per_month": per_month}
    return data


def index(program: Program, key: str, schedule) -> int:
    return program.working_days.index(schedule.by_key()[key].start)


def test_profitable_candidate_is_funded_and_the_other_left_out(tiers):
    """Benefit from February to December (11 months, no discount): 11 x 100 - 600 pays, 11 x 10 - 400 does not.

    net cost = 600 - 1100 = -500; 'poor' is left out and its task is not in the schedule.
    """
    program = make_program(
        projects=[
            project("good", cost=600, per_month=100, funding="candidate"),
            project("poor", cost=400, per_month=10, funding="candidate"),
        ],
        finance={"appraisal_end": "2027-12-31"},
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ("poor",)
    assert [t.key for t in schedule.tasks] == ["good.t"]
    assert tiers(schedule)["net_cost"] == -500


# Three candidates, all work before the program end in January, a quarterly cap of 1,000:
# net values A 1100 - 600 = 500, B 770 - 500 = 270, C 660 - 400 = 260. A + B costs 1,100 (over the
# cap); A + C costs 1,000 and nets 760, better than B + C (530) or A alone (500).
KNAPSACK = {
    "end": "2027-01-29",
    "projects": [
        project("a", cost=600, per_month=100, funding="candidate"),
        project("b", cost=500, per_month=70, funding="candidate"),
        project("c", cost=400, per_month=60, funding="candidate"),
    ],
    "finance": {"appraisal_end": "2027-12-31", "budget": {"caps": {"2027-Q1": 1000}}},
}


def test_quarterly_cap_selects_the_best_affordable_set(tiers):
    """The cap of 1,000 in 2027-Q1 funds A and C (net 760) and leaves B out."""
    schedule = solve_checked(make_program(**KNAPSACK))
    assert schedule.unfunded == ("b",)
    assert tiers(schedule)["net_cost"] == -760


def test_best_set_agrees_with_enumeration(tiers):
    """Solving every funded set as fixed (others excluded) and taking the best gives the solver's set."""
    base = make_program(**KNAPSACK)
    best: tuple[int, tuple[str, ...]] | None = None
    for n in range(4):
        for chosen in itertools.combinations("abc", n):
            data = base.model_dump(by_alias=True, exclude_defaults=True)
            for p in data["projects"]:
                p["funding"] = "mandatory" if p["id"] in chosen else "excluded"
            fixed = Program.model_validate(data)
            schedule = solve(fixed, SolveOptions(time_limit=5, workers=1))
            if schedule.has_plan:
                assert not check(fixed, schedule)
                value = tiers(schedule).get("net_cost", 0)
                if best is None or value < best[0]:
                    best = (value, tuple(sorted(set("abc") - set(chosen))))
    schedule = solve_checked(base)
    assert best == (tiers(schedule)["net_cost"], schedule.unfunded)


def test_without_carry_over_a_small_quarter_pushes_work_past_it(tiers):
    """15 days at 100 a day from 1 February; caps Q1 1,000 and Q2 200, Q3 uncapped.

    Without carry-over Q1 allows 10 days and Q2 only 2: the task can have at most its first 2
    days in Q2, so it starts on day 126 and ends on day 141. With carry-over 1,200 may be spent
    by the end of Q2, so 12 days fit before 1 July (start 116, end 131) while Q1 alone stays
    within 1,000.
    """

    def program(carry: bool) -> Program:
        return make_program(
            roles=[{"id": "dev", "capacity": 1, "day_rate": 100}],
            projects=[
                {
                    "id": "p",
                    "release": "2027-02-01",
                    "tasks": [{"id": "t", "duration": 15, "requires": [{"role": "dev"}]}],
                }
            ],
            finance={"budget": {"caps": {"2027-Q1": 1000, "2027-Q2": 200}, "carry_over": carry}},
        )

    assert tiers(solve_checked(program(False)))["finish"] == Q3_START + 13
    assert tiers(solve_checked(program(True)))["finish"] == Q3_START + 3


def test_fixed_cost_is_spread_over_the_days_of_the_task(tiers):
    """A fixed 1,000 over 10 days is 100 a day: 3 days (300) fit a Q1 cap of 300, 4 days (400) do not.

    So at most 3 days fall in Q1: the task starts on day 60 and ends on day 70.
    """
    program = make_program(
        projects=[project("p", duration=10, cost=1000)],
        finance={"budget": {"caps": {"2027-Q1": 300}}},
    )
    assert tiers(solve_checked(program))["finish"] == 70


def test_total_cap_and_project_fixed_cost(tiers):
    """A project's own fixed cost of 900 counts against a total cap of 1,000: only one such project fits."""
    program = make_program(
        projects=[
            project("x", per_month=200, funding="candidate", cost=0) | {"cost": 900},
            project("y", per_month=100, funding="candidate") | {"cost": 900},
        ],
        finance={"appraisal_end": "2027-12-31", "budget": {"total": 1000}},
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ("y",)
    assert tiers(schedule)["net_cost"] == 900 - 11 * 200


def test_alternatives_fund_only_the_better_one():
    """Both pay, but they are alternatives: the one with the larger net value is funded."""
    program = make_program(
        projects=[
            project("crm_upgrade", cost=100, per_month=50, funding="candidate"),
            project("crm_replace", cost=300, per_month=90, funding="candidate"),
        ],
        finance={"appraisal_end": "2027-12-31", "alternatives": [["crm_upgrade", "crm_replace"]]},
    )
    assert solve_checked(program).unfunded == ("crm_upgrade",)  # 990 - 300 > 550 - 100


def test_needs_funds_an_unprofitable_enabler_when_it_pays_overall(tiers):
    """'platform' alone loses 500, 'app' needs it and earns 11 x 100 - 100: both are funded (net 500)."""
    program = make_program(
        projects=[
            project("platform", cost=500, funding="candidate"),
            project("app", cost=100, per_month=100, funding="candidate", needs=["platform"]),
        ],
        finance={"appraisal_end": "2027-12-31"},
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ()
    assert tiers(schedule)["net_cost"] == 600 - 1100


def test_dependency_on_a_candidate_makes_it_funded():
    """A mandatory task after a candidate's task needs that project: it is funded despite its cost."""
    program = make_program(
        projects=[
            project("costly", cost=1000, funding="candidate"),
            {"id": "core", "tasks": [{"id": "t", "duration": 2, "after": ["costly.t"]}]},
        ]
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ()
    assert index(program, "core.t", schedule) == 5


def test_unfunded_successor_does_not_hold_the_program_finish(tiers):
    """An unprofitable 40-day follow-on of a mandatory task is left out; the finish is the mandatory 5 days."""
    program = make_program(
        projects=[
            project("core"),
            {
                "id": "extra",
                "funding": "candidate",
                "tasks": [{"id": "t", "duration": 40, "cost": 10, "after": ["core.t"]}],
            },
        ]
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ("extra",)
    assert tiers(schedule)["finish"] == 5


def test_excluded_project_is_left_out_and_its_people_are_free(tiers):
    """Ann is needed by both projects; with 'old' excluded, 'new' starts on day 0 and the finish is 5."""
    program = make_program(
        people=[{"id": "ann", "skills": ["sql"]}],
        projects=[
            project("old", duration=10, funding="excluded")
            | {"tasks": [{"id": "t", "duration": 10, "requires": [{"person": "ann"}]}]},
            {"id": "new", "tasks": [{"id": "t", "duration": 5, "requires": [{"skill": "sql"}]}]},
        ],
    )
    schedule = solve_checked(program)
    assert schedule.unfunded == ("old",)
    # early: new.t starts on day 0, and old's task, left out, counts 0
    assert tiers(schedule) == {"finish": 5, "project_finishes": 5, "early": 0}


def test_cost_objective_staffs_the_cheaper_person(tiers):
    """Cost mode: a 10-day SQL task at 50% costs 10 x 400 with Bob rather than 10 x 600 with Ann."""
    program = make_program(
        people=[
            {"id": "ann", "skills": ["sql"], "day_rate": 1200},
            {"id": "bob", "skills": ["sql"], "day_rate": 800},
        ],
        projects=[
            {
                "id": "p",
                "tasks": [{"id": "t", "duration": 10, "requires": [{"skill": "sql", "allocation": 50}]}],
            },
            project("nice", cost=10, per_month=1000, funding="candidate"),
        ],
        finance={"objective": "cost"},
    )
    schedule = solve_checked(program)
    assert schedule.by_key()["p.t"].people == ("bob",)
    assert schedule.unfunded == ("nice",)  # cost mode funds no candidate nobody needs
    assert tiers(schedule)["cost"] == 4000


def test_benefit_brings_its_project_first(tiers):
    """One developer, two 20-day projects; only 'fast' has a benefit, so it goes first.

    Delivered in January (day 19) it earns from February: 11 months x 100 = 1,100.
    """
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {"id": "slow", "tasks": [{"id": "t", "duration": 20, "requires": [{"role": "dev"}]}]},
            {
                "id": "fast",
                "benefit": {"per_month": 100},
                "tasks": [{"id": "t", "duration": 20, "requires": [{"role": "dev"}]}],
            },
        ],
        finance={"appraisal_end": "2027-12-31"},
    )
    schedule = solve_checked(program)
    assert index(program, "fast.t", schedule) == 0
    assert tiers(schedule)["net_cost"] == -1100


def test_a_cap_nothing_fits_makes_the_program_infeasible():
    """A mandatory 1,000 task and a total cap of 999: no schedule, reported as infeasible."""
    program = make_program(projects=[project("p", cost=1000)], finance={"budget": {"total": 999}})
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    assert schedule.status is SolveStatus.INFEASIBLE
    assert not schedule.tasks


@pytest.mark.parametrize("seed", range(4))
def test_random_capped_programs_are_checked(seed):
    """Random rates, fixed costs and tight quarterly caps: every schedule passes the checker's spend check."""
    import random

    rng = random.Random(seed)
    projects = []
    for i in range(4):
        tasks = [
            {
                "id": f"t{j}",
                "duration": rng.randint(0, 12),
                "cost": rng.choice([0, 300, 1234]),
                "requires": [{"role": "dev", "count": rng.randint(1, 2)}],
                **({"after": [f"t{j - 1}"]} if j else {}),
            }
            for j in range(3)
        ]
        projects.append(
            {
                "id": f"p{i}",
                "tasks": tasks,
                "cost": rng.choice([0, 999]),
                "funding": "mandatory" if i == 0 else "candidate",
                "benefit": {"per_month": rng.randint(0, 900), "ramp_months": rng.randint(0, 3)},
            }
        )
    program = make_program(
        roles=[{"id": "dev", "capacity": 3, "day_rate": rng.choice([50, 75, 120])}],
        projects=projects,
        finance={
            "discount_rate": 0.07,
            "budget": {
                "caps": {"2027-Q1": rng.randint(1500, 4000), "2027-Q2": rng.randint(500, 3000)},
                "carry_over": bool(seed % 2),
            },
        },
    )
    schedule = solve_checked(program, time_limit=5)
    assert schedule.has_plan
