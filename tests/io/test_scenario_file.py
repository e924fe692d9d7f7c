"""Tests of the scenario-file reader: messages worded like the program file's, changes counted from 1."""

from __future__ import annotations

import pytest

from planner.errors import ProgramInvalid
from planner.io.scenario_file import parse_scenario, salvage


def test_bad_date_reads_like_a_program_file():
    """'2027-02-30' in a deadline change: 'should be a date written YYYY-MM-DD' at changes[1] (deadline): date."""
    document = {"name": "s", "base": "p.yaml", "changes": [{"kind": "deadline", "task": "p.a", "date": "2027-02-30"}]}
    with pytest.raises(ProgramInvalid) as info:
        parse_scenario(document, source="s.yaml")
    assert info.value.problems[0].where == "changes[1] (deadline): date"
    assert info.value.problems[0].message.startswith("should be a date written YYYY-MM-DD, got '2027-02-30'")


def test_salvage_keeps_valid_changes_and_the_base():
    """Of a bad kind and a good slip, the slip is kept as a change (index 1) and the bad one as written."""
    bad = {"kind": "slipp", "task": "p.a", "by": 1}
    base, changes, pins = salvage({"base": "p.yaml", "pin": ["p", 3],
                                   "changes": [bad, {"kind": "slip", "task": "p.a", "by": 2}]})
    assert base == "p.yaml" and pins == ("p",)
    assert changes[0] == (0, bad)
    assert changes[1][0] == 1 and changes[1][1].kind == "slip" and changes[1][1].by == 2
