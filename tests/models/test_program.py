"""Program validation tests: every semantic problem is reported, naming task and field."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.errors import ProgramInvalid
from planner.models import Program
from tests.conftest import make_program


def problems(**fields) -> list[str]:
    with pytest.raises(ProgramInvalid) as info:
        make_program(**fields)
    return [f"{p.where}: {p.message}" for p in info.value.problems]


def test_unknown_references_suggest_the_closest_name():
    """A misspelt role, person, skill and predecessor each name the valid one."""
    found = problems(
        roles=[{"id": "developer", "capacity": 2}],
        people=[{"id": "dana", "skills": ["sql"]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "design", "duration": 1, "requires": [{"role": "developr"}, {"person": "dan"}]},
                    {"id": "build", "duration": 1, "after": ["desing"], "requires": [{"skill": "sqll"}]},
                ],
            }
        ],
    )
    assert found == [
        "p.design: requires: unknown role 'developr'; did you mean 'developer'?",
        "p.design: requires: unknown person 'dan'; did you mean 'dana'?",
        "p.build: after: no task 'desing' in project p; did you mean 'design'?",
        "p.build: requires: nobody has skill 'sqll'; did you mean 'sql'?",
    ]


def test_cycle_is_spelled_out():
    """a -> b -> c -> a across two projects is reported as the whole cycle."""
    found = problems(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 1, "after": ["q.c"]},
                    {"id": "b", "duration": 1, "after": ["a"]},
                ],
            },
            {"id": "q", "tasks": [{"id": "c", "duration": 1, "after": ["p.b"]}]},
        ],
    )
    assert len(found) == 1 and "dependency cycle" in found[0]
    chain = found[0].split("dependency cycle: ")[1].split(" -> ")
    assert chain[0] == chain[-1] and set(chain) == {"p.a", "p.b", "q.c"}


def test_requirements_nobody_can_meet():
    """Two people with a skill cannot fill a count of three; a half-time person cannot take full time."""
    found = problems(
        people=[{"id": "a", "skills": ["x"]}, {"id": "b", "skills": ["x"]}, {"id": "c", "availability": 50}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "t", "duration": 1, "requires": [{"skill": "x", "count": 3}]},
                    {"id": "u", "duration": 1, "requires": [{"person": "c"}]},
                ],
            }
        ],
    )
    assert found == [
        "p.t: needs 3 people at 100% for skill x, but only 2 can give that much time",
        "p.u: needs 1 people at 100% for person c, but only 0 can give that much time",
    ]


def test_dates_outside_the_program():
    """A deadline before the start and a release after the end are both reported."""
    found = problems(
        end="2027-12-31",
        projects=[
            {
                "id": "p",
                "tasks": [{"id": "t", "duration": 1, "deadline": "2026-12-01", "release": "2028-01-10"}],
            }
        ],
    )
    assert found == [
        "p.t: release 2028-01-10 is after the program end 2027-12-31",
        "p.t: deadline 2026-12-01 is before the program start 2027-01-04",
    ]


def test_duplicate_ids():
    """Two tasks with one id in a project are reported once, at the second."""
    found = problems(
        projects=[{"id": "p", "tasks": [{"id": "t", "duration": 1}, {"id": "t", "duration": 2}]}]
    )
    assert found == ["t: duplicate task of project p id 't'"]


def test_programs_are_immutable_and_copies_revalidate():
    """Fields cannot be assigned; model_copy with a bad update raises like a new program."""
    program = make_program(projects=[{"id": "p", "tasks": [{"id": "t", "duration": 1}]}])
    with pytest.raises(ValidationError):
        program.name = "other"  # type: ignore[misc]
    with pytest.raises(ProgramInvalid):
        program.model_copy(update={"dependencies": [{"from": "p.t", "to": "p.x"}]})


def test_duration_shorthands():
    """'2w' is ten working days and '3d' three."""
    program = make_program(
        projects=[{"id": "p", "tasks": [{"id": "a", "duration": "2w"}, {"id": "b", "duration": "3d"}]}]
    )
    assert [t.duration for t in program.projects[0].tasks] == [10, 3]


def test_milestone_with_a_duration_is_refused():
    """`milestone: true` with a 3-day duration is a contradiction, reported as such."""
    with pytest.raises(ValidationError, match="a milestone has duration 0, not 3"):
        make_program(projects=[{"id": "p", "tasks": [{"id": "m", "milestone": True, "duration": 3}]}])


def test_full_weekday_names_and_unknown_ones():
    """'monday' is accepted as mon; 'funday' is reported as written."""
    program = make_program(
        calendar={"workdays": ["monday", "tue"]},
        projects=[{"id": "p", "tasks": [{"id": "t", "duration": 1}]}],
    )
    assert program.calendar.workdays == ("mon", "tue")
    with pytest.raises(ValidationError, match="unknown weekday 'funday'"):
        make_program(
            calendar={"workdays": ["funday"]}, projects=[{"id": "p", "tasks": [{"id": "t", "duration": 1}]}]
        )


def test_as_late_as_possible_is_for_work_that_is_not_pinned():
    """A task may be marked as_late_as_possible, pinned too (work under way at a status date keeps the mark,
    moot while pinned); a milestone may not; the schema names the field."""
    marked = make_program(
        projects=[{"id": "p", "tasks": [{"id": "t", "duration": 2, "as_late_as_possible": True}]}]
    )
    assert marked.tasks["p.t"][1].as_late_as_possible
    with pytest.raises(ValidationError, match="as_late_as_possible is for tasks with a duration"):
        make_program(
            projects=[{"id": "p", "tasks": [{"id": "m", "milestone": True, "as_late_as_possible": True}]}]
        )
    pinned = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "t", "duration": 2, "fixed_start": "2027-01-05", "as_late_as_possible": True}
                ],
            }
        ]
    )
    assert pinned.tasks["p.t"][1].fixed_start is not None
    task_schema = Program.model_json_schema(by_alias=True)["$defs"]["Task"]["properties"]
    assert task_schema["as_late_as_possible"]["type"] == "boolean"


def test_reached_milestones_leave_out_pins_and_milestones_paid_under_caps():
    """m1 is dated when reached; m2 is pinned; m3 carries a fixed cost under quarterly caps, so it may wait
    for money; under a total cap only, m3's date does not change what is spent when, and it is dated too."""

    def program(budget: dict) -> Program:
        return make_program(
            finance={"appraisal_end": "2027-12-31", "budget": budget},
            projects=[
                {
                    "id": "p",
                    "tasks": [
                        {"id": "a", "duration": 2, "cost": 10},
                        {"id": "m1", "milestone": True},
                        {"id": "m2", "milestone": True, "fixed_start": "2027-01-05"},
                        {"id": "m3", "milestone": True, "cost": 100},
                    ],
                }
            ],
        )

    assert program({"caps": {"2027-Q1": 1000}}).reached_milestones == {"p.m1"}
    assert program({"total": 1000}).reached_milestones == {"p.m1", "p.m3"}


def test_project_needs_from_needs_lists_and_cross_project_links():
    """b lists a in its needs; c's task follows b's, so c needs b; a needs nothing (its own id is ignored)."""
    program = make_program(
        projects=[
            {"id": "a", "tasks": [{"id": "t", "duration": 1}]},
            {"id": "b", "funding": "candidate", "needs": ["a"], "tasks": [{"id": "t", "duration": 1}]},
            {"id": "c", "funding": "candidate", "tasks": [{"id": "t", "duration": 1, "after": ["b.t"]}]},
        ]
    )
    assert program.project_needs == {"a": frozenset(), "b": frozenset({"a"}), "c": frozenset({"b"})}
