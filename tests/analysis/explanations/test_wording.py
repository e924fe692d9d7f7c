"""Wording helpers: role names made singular for 'one more ...', overloads in numbers."""

from __future__ import annotations

from planner.analysis.explanations.wording import singular


def test_singular_role_names():
    """Each part before the parentheses loses its plural; acronyms too; DevOps and singular names stay."""
    assert (
        singular("Developers / configurators (bank + SI) (developer)")
        == "Developer / configurator (bank + SI) (developer)"
    )
    assert (
        singular("Data engineers (migration & reporting) (data_engineer)")
        == "Data engineer (migration & reporting) (data_engineer)"
    )
    assert singular("Deputies") == "Deputy"
    assert singular("SMEs") == "SME"
    assert singular("DevOps") == "DevOps"
    assert singular("Developer (developer)") == "Developer (developer)"
    assert singular("Business") == "Business"


def test_an_overload_in_numbers():
    """The DBA's 5 x 10 days before go-live on Monday 1 February (day 20), a milestone reached the
    day after the work before it: 50 person-days to do in the 20 working days from Monday 4 to
    Friday 29 January, 20 available, 30 missing."""
    from planner.analysis.explanations.wording import overload_text
    from planner.solvers.bounds import ProgramBounds
    from planner.solvers.instance import build_instance
    from tests.solvers.test_bounds import dba_program

    program = dba_program()
    (overload,) = ProgramBounds(build_instance(program)).overloads()
    assert overload_text(program, overload) == (
        "dba has 50 person-days of work on 5 tasks that must be done from 2027-01-04 to 2027-01-29 "
        "(20 working days): 20 person-days are available there, 30 are missing."
    )


def test_a_chain_too_long_for_its_deadline_in_numbers():
    """A(10) then B(10) with B due Friday 8 January (day 4): the chain ends on day 19, Friday 29
    January, 15 working days late."""
    from planner.analysis.explanations.wording import overload_text
    from planner.solvers.bounds import ProgramBounds
    from planner.solvers.instance import build_instance
    from tests.conftest import make_program

    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10},
                    {"id": "b", "duration": 10, "after": ["a"], "deadline": "2027-01-08"},
                ],
            }
        ]
    )
    (overload,) = ProgramBounds(build_instance(program)).overloads()
    assert overload.energy is None and overload.chain_end == 20
    assert overload_text(program, overload) == (
        "the work it depends on cannot end before 2027-01-29 by its chain of dependencies alone, "
        "15 working days late."
    )


def test_a_milestone_its_chain_reaches_too_late_in_numbers():
    """A(10) then milestone M due Friday 8 January (day 4): A's work ends on day 9, so M is reached on
    day 10, Monday 18 January, 6 working days late."""
    from planner.analysis.explanations.wording import overload_text
    from planner.solvers.bounds import ProgramBounds
    from planner.solvers.instance import build_instance
    from tests.conftest import make_program

    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10},
                    {"id": "m", "milestone": True, "after": ["a"], "deadline": "2027-01-08"},
                ],
            }
        ]
    )
    (overload,) = ProgramBounds(build_instance(program)).overloads()
    assert (overload.energy, overload.chain_end, overload.end) == (None, 10, 4)
    assert overload_text(program, overload) == (
        "it cannot be reached before 2027-01-18 by its chain of dependencies alone, 6 working days late."
    )
