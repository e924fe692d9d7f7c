"""Lint rules: each finding on a small program whose numbers are worked out by hand.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday.
"""

from __future__ import annotations

from pathlib import Path

from planner.analysis.lint import lint
from planner.io.program_file import load_program
from tests.conftest import make_program

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def rules(program) -> dict[str, list]:
    found: dict[str, list] = {}
    for w in lint(program):
        found.setdefault(w.rule, []).append(w)
    return found


def test_deadline_earlier_than_the_chain():
    """a(5) -> b(5) due Friday 8 January: b cannot finish before Friday 15th, 5 working days short."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 5, "milestone": False},
                    {"id": "b", "duration": 5, "after": ["a"], "deadline": "2027-01-08"},
                ],
            }
        ]
    )
    (w,) = rules(program)["deadline-before-chain"]
    assert w.where == "p.b" and w.figures["short_working_days"] == 5
    assert w.figures["earliest_finish"] == "2027-01-15"
    assert "p.a -> p.b" in w.message and "5 working days short" in w.message


def test_release_counts_in_the_chain():
    """A release on Monday 11th pushes a 3-day task due Tuesday 12th to finish Wednesday 13th: 1 day short."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [{"id": "a", "duration": 3, "release": "2027-01-11", "deadline": "2027-01-12"}],
            }
        ]
    )
    (w,) = rules(program)["deadline-before-chain"]
    assert w.figures["short_working_days"] == 1 and "from 2027-01-11" in w.message


def test_pin_before_predecessors():
    """b pinned to Thursday 7th but a (5 days) lets it start Monday 11th at the earliest: 2 days."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 5},
                    {"id": "b", "duration": 1, "after": ["a"], "fixed_start": "2027-01-07"},
                ],
            }
        ]
    )
    (w,) = rules(program)["pin-before-predecessors"]
    assert w.figures["short_working_days"] == 2 and w.figures["earliest"] == "2027-01-11"


def test_role_needed_beyond_capacity_in_a_window():
    """Three 5-day tasks need 1 developer each by Friday 15th: 15 person-days, the window has 10."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": f"t{i}", "duration": 5, "requires": [{"role": "dev"}], "deadline": "2027-01-15"}
                    for i in range(3)
                ],
            }
        ],
    )
    (w,) = rules(program)["role-overload"]
    assert (w.figures["from"], w.figures["to"]) == ("2027-01-04", "2027-01-15")
    assert (
        w.figures["needed_person_days"],
        w.figures["available_person_days"],
        w.figures["short_person_days"],
    ) == ("15", "10", "5")


def test_person_needed_during_leave():
    """Dana is away all week; her 2-day task is due that Friday: 2 person-days needed, 0 available."""
    program = make_program(
        people=[{"id": "dana", "leave": [{"from": "2027-01-04", "to": "2027-01-08"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "t", "duration": 2, "requires": [{"person": "dana"}], "deadline": "2027-01-08"}
                ],
            }
        ],
    )
    found = rules(program)
    (w,) = found["person-overload"]
    assert (w.figures["needed_person_days"], w.figures["available_person_days"]) == ("2", "0")
    assert "skill-overload" not in found


def test_person_double_booked_by_pinned_tasks():
    """Two pinned 3-day tasks both name Dana and overlap on Wednesday 6th: one day double-booked."""
    program = make_program(
        people=[{"id": "dana", "name": "Dana Okafor"}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3, "requires": [{"person": "dana"}], "fixed_start": "2027-01-04"},
                    {"id": "b", "duration": 3, "requires": [{"person": "dana"}], "fixed_start": "2027-01-06"},
                ],
            }
        ],
    )
    (w,) = rules(program)["pinned-double-booking"]
    assert w.figures == {"days": 1, "from": "2027-01-06", "to": "2027-01-06"}
    assert "Dana Okafor" in w.message and "p.a, p.b" in w.message


def test_pinned_work_during_leave():
    """A pinned task from Thursday 7th for 3 days with Dana, on leave 10-14 January: 1 working day (Monday 11th)."""
    program = make_program(
        people=[{"id": "dana", "leave": [{"from": "2027-01-10", "to": "2027-01-14", "reason": "ski"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "t", "duration": 3, "requires": [{"person": "dana"}], "fixed_start": "2027-01-07"}
                ],
            }
        ],
    )
    (w,) = rules(program)["pinned-during-leave"]
    assert w.figures == {"person": "dana", "days": 1} and "(ski)" in w.message


def test_task_on_no_path_to_a_milestone():
    """Only 'orphan' leads to no milestone; the chain into the milestone is fine."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 2},
                    {"id": "m", "milestone": True, "after": ["a"]},
                    {"id": "orphan", "duration": 1},
                ],
            }
        ]
    )
    (w,) = rules(program)["no-path-to-milestone"]
    assert w.figures == {"tasks": 1} and "p.orphan" in w.message and "p.a" not in w.message


def test_deadline_on_a_weekend_is_a_note():
    """A deadline on Saturday 9th takes effect on Friday 8th (information, not a warning)."""
    program = make_program(
        projects=[{"id": "p", "tasks": [{"id": "m", "milestone": True, "deadline": "2027-01-09"}]}]
    )
    (w,) = rules(program)["non-working-date"]
    assert w.severity == "info" and w.figures == {"date": "2027-01-09", "effective": "2027-01-08"}


def test_a_skill_only_one_person_has():
    """sql is needed by two tasks and only Lee has it: a note naming Lee and 5 working days of work."""
    program = make_program(
        people=[{"id": "lee", "name": "Lee Park", "skills": ["sql"]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 2, "requires": [{"skill": "sql"}]},
                    {"id": "b", "duration": 3, "requires": [{"skill": "sql"}]},
                ],
            }
        ],
    )
    (w,) = rules(program)["single-holder"]
    assert w.severity == "info" and w.figures == {"person": "lee", "tasks": 2, "working_days": 5}


def test_quickstart_is_clean():
    """The quickstart example has no warnings."""
    assert [w for w in lint(load_program(SCENARIOS / "quickstart.yaml")) if w.severity == "warning"] == []


def test_warnings_come_before_notes():
    """Every warning is listed before every note."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "m", "milestone": True, "deadline": "2027-01-09"},
                    {"id": "orphan", "duration": 1},
                ],
            }
        ]
    )
    severities = [w.severity for w in lint(program)]
    assert severities == sorted(severities, key=lambda s: s != "warning") and "info" in severities


def test_impossible_deadline_gives_no_capacity_windows_that_end_before_they_start(tmp_path):
    """Quickstart with cards.live due 1 February: only the chain warning, no role, person or skill window."""
    text = (SCENARIOS / "quickstart.yaml").read_text().replace("deadline: 2027-06-30", "deadline: 2027-02-01")
    (tmp_path / "q.yaml").write_text(text)
    found = rules(load_program(tmp_path / "q.yaml"))
    assert [w.where for w in found["deadline-before-chain"]] == ["cards.live"]
    assert not {"role-overload", "person-overload", "skill-overload"} & set(found)


def test_person_window_counts_the_days_they_are_available():
    """Dana has a 10-day task due Friday 15th and leave on the 11th and 12th: 8 of 10 days there, 2 short."""
    program = make_program(
        people=[{"id": "dana", "leave": [{"from": "2027-01-11", "to": "2027-01-12"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10, "requires": [{"person": "dana"}], "deadline": "2027-01-15"}
                ],
            }
        ],
    )
    (w,) = rules(program)["person-overload"]
    assert (w.figures["from"], w.figures["to"]) == ("2027-01-04", "2027-01-15")
    assert (w.figures["needed_person_days"], w.figures["available_person_days"]) == ("10", "8")
    assert "beyond the time they have" in w.message and "needs 10 person-days; they have 8 there" in w.message
