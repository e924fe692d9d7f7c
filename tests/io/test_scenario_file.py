"""Tests of the scenario-file reader: messages worded like the program file's, changes counted from 1."""

from __future__ import annotations

import pytest

from planner.errors import ProgramInvalid
from planner.io.scenario_file import parse_scenario, salvage


def test_bad_date_reads_like_a_program_file():
    """'2027-02-30' in a deadline change: 'should be a date written YYYY-MM-DD' at changes[1] (deadline): date."""
    document = {
        "name": "s",
        "base": "p.yaml",
        "changes": [{"kind": "deadline", "task": "p.a", "date": "2027-02-30"}],
    }
    with pytest.raises(ProgramInvalid) as info:
        parse_scenario(document, source="s.yaml")
    assert info.value.problems[0].where == "changes[1] (deadline): date"
    assert info.value.problems[0].message.startswith("should be a date written YYYY-MM-DD, got '2027-02-30'")


def test_salvage_keeps_valid_changes_and_the_base():
    """Of a bad kind and a good slip, the slip is kept as a change (index 1) and the bad one as written."""
    bad = {"kind": "slipp", "task": "p.a", "by": 1}
    base, changes, pins = salvage(
        {"base": "p.yaml", "pin": ["p", 3], "changes": [bad, {"kind": "slip", "task": "p.a", "by": 2}]}
    )
    assert base == "p.yaml" and pins == ("p",)
    assert changes[0] == (0, bad)
    assert changes[1][0] == 1 and changes[1][1].kind == "slip" and changes[1][1].by == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kind": "slip", "project": "p", "by": 10**7}, "by", "less than or equal to 10000"),
        ({"kind": "duration", "task": "p.a", "duration": 20_000}, "duration", "less than or equal to 10000"),
        (
            {"kind": "capacity", "role": "dev", "from": "2027-01-04", "capacity": 2**40},
            "capacity",
            "is too large; at most",
        ),
    ],
)
def test_numbers_too_large_to_plan_with_are_refused(change: dict[str, object], field: str, message: str):
    """A slip of 10^7 days (it ran 11 s and failed: date out of range) is refused at its field, by the
    scenario model (so the command line's --slip too); a count past 32 bits by the reader."""
    with pytest.raises(ProgramInvalid) as info:
        parse_scenario({"name": "s", "base": "p.yaml", "changes": [change]}, source="s.yaml")
    [problem] = info.value.problems
    assert problem.path == ("changes", 0, field)
    assert message in problem.message and problem.where.startswith("changes[1]")


def test_disruption_budget_past_32_bits_is_refused():
    """A disruption budget of 10^12 is refused at disruption_budget (CP-SAT took it, then failed the job)."""
    with pytest.raises(ProgramInvalid) as info:
        parse_scenario({"name": "s", "base": "p.yaml", "disruption_budget": 10**12})
    assert [p.path for p in info.value.problems] == [("disruption_budget",)]
