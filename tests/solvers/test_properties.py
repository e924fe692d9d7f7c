"""Property test: random valid programs always solve to a schedule the independent checker accepts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.models import SolveStatus
from planner.solvers.instance import build_instance
from planner.solvers.objectives import tier_values
from planner.solvers.stability import baseline_starts
from tests.conftest import make_program, solve_checked

SKILLS = ("sql", "py", "ops")


@st.composite
def programs(draw: st.DrawFn):
    roles = [
        {
            "id": f"r{i}",
            "capacity": draw(st.integers(1, 3)),
            "changes": [
                {"from": f"2027-01-{draw(st.integers(5, 28)):02d}", "capacity": draw(st.integers(1, 3))}
            ],
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    people = []
    for i in range(draw(st.integers(1, 4))):
        person = {
            "id": f"u{i}",
            "skills": draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=2, unique=True)),
        }
        if draw(st.booleans()):
            day = draw(st.integers(4, 20))
            person["leave"] = [
                {"from": f"2027-01-{day:02d}", "to": f"2027-01-{day + draw(st.integers(0, 6)):02d}"}
            ]
        if draw(st.booleans()):
            person["part_time"] = [{"from": "2027-01-11", "to": "2027-01-29", "percent": 50}]
        people.append(person)
    holders = {s: sum(s in p["skills"] for p in people) for s in SKILLS}
    projects, keys = [], []
    for p in range(draw(st.integers(1, 3))):
        tasks = []
        for t in range(draw(st.integers(1, 5))):
            task: dict = {"id": f"t{t}", "duration": draw(st.integers(0, 5))}
            if keys and draw(st.booleans()):
                task["after"] = [
                    {
                        "task": draw(st.sampled_from(keys)),
                        "type": draw(st.sampled_from(["FS", "SS", "FF", "SF"])),
                        "lag": draw(st.integers(-2, 3)),
                    }
                ]
            requires = []
            if roles and draw(st.booleans()):
                role = draw(st.sampled_from(roles))
                requires.append({"role": role["id"], "count": 1})
            skill = draw(st.sampled_from(SKILLS))
            if holders[skill] and draw(st.booleans()):
                requires.append(
                    {
                        "skill": skill,
                        "count": draw(st.integers(1, holders[skill])),
                        "allocation": draw(st.sampled_from([50, 100])),
                    }
                )
            task["requires"] = requires
            if draw(st.integers(0, 4)) == 0:
                task["target"] = {"date": "2027-01-15", "weight": draw(st.integers(1, 5))}
            if draw(st.integers(0, 5)) == 0:
                task["release"] = "2027-01-13"
            tasks.append(task)
        projects.append({"id": f"p{p}", "tasks": tasks})
        keys.extend(f"p{p}.{t['id']}" for t in tasks)
    holidays = ["2027-01-06"] if draw(st.booleans()) else []
    return make_program(roles=roles, people=people, projects=projects, calendar={"holidays": holidays})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_random_programs_solve_to_checked_schedules(program):
    """Without deadlines every valid program has a schedule, and the checker accepts what the solver gives."""
    schedule = solve_checked(program, time_limit=5.0)
    assert schedule.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert len(schedule.tasks) == len(program.tasks)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_tiers_computed_without_a_model_agree_with_the_solver(program):
    """The tier values computed from a schedule's starts alone (for answers found without a model)
    equal CP-SAT's values of the same schedule, tier by tier."""
    schedule = solve_checked(program, time_limit=5.0)
    inst = build_instance(program)
    assert tier_values(inst, baseline_starts(inst, schedule)) == {
        t.name: t.value for t in schedule.record.tiers
    }
