"""The ``funding`` kind: caps scaled or set, and its words."""

from __future__ import annotations

import pytest

from planner.scenarios.changes import change_words
from planner.scenarios.changes.funding import scaled
from tests.scenarios.changes.helpers import apply, changes, error, program

BUDGET = {"caps": {"2027-Q1": 1001, "2027-Q2": 2000}, "default": 999, "total": 5000}


def test_funding_scale_rounds_every_cap_halves_up():
    """Scale 0.5: 1001 -> 500.5 -> 501 (halves up), 2000 -> 1000, default 999 -> 500, total 5000 -> 2500."""
    changed = apply(program(finance={"budget": BUDGET}), {"kind": "funding", "scale": 0.5})
    budget = changed.finance.budget
    assert (budget.caps, budget.default, budget.total) == ({"2027-Q1": 501, "2027-Q2": 1000}, 500, 2500)


def test_scaled_takes_the_scale_as_written():
    """6,500,000 x 0.8 is exactly 5,200,000 (no binary rounding), 1001 x 0.5 rounds half up to 501."""
    assert (scaled(6_500_000, 0.8), scaled(1001, 0.5)) == (5_200_000, 501)


def test_funding_caps_override_some_and_keep_the_rest():
    """Q2 becomes 1,500 ('1.5k'), Q3 is added (650, as 'FY2027-Q3'), Q1 and the total stay; carry-over goes on."""
    changed = apply(
        program(finance={"budget": BUDGET}),
        {"kind": "funding", "caps": {"2027-Q2": "1.5k", "FY2027-Q3": 650}, "carry_over": True},
    )
    budget = changed.finance.budget
    assert budget.caps == {"2027-Q1": 1001, "2027-Q2": 1500, "2027-Q3": 650}
    assert (budget.total, budget.default, budget.carry_over) == (5000, 999, True)


def test_funding_total_on_a_program_without_money():
    """A program with no budget gets a total cap of 2.5m and nothing else."""
    budget = apply(program(), {"kind": "funding", "total": "2.5m"}).finance.budget
    assert (budget.total, budget.caps, budget.carry_over) == (2_500_000, {}, False)


def test_funding_problems_are_all_reported_numbered_from_one():
    """Two years on a quarterly budget (change 2) and scaling a program without caps (change 1): three problems."""
    message = error(
        program(), {"kind": "funding", "scale": 0.8}, {"kind": "funding", "caps": {"2027": 10, "2028": 20}}
    )
    assert "changes[1] (funding): scale: the program has no funding caps to scale" in message
    assert "changes[2] (funding): caps.2027: '2027' is not a quarter" in message
    assert "caps.2028" in message


def test_funding_change_needs_one_form_and_valid_periods():
    """scale with caps, nothing at all, and a label that is no period are refused when read."""
    for item, words in (
        ({"scale": 0.8, "total": 10}, "give scale alone"),
        ({}, "give scale, or at least one"),
        ({"caps": {"Q4": 10}}, "'Q4' is not a period"),
    ):
        with pytest.raises(Exception, match=words):
            changes({"kind": "funding", **item})


def test_funding_changes_in_words():
    """The scale and the caps set read as a program office would say them."""
    words = [
        change_words(c)
        for c in changes(
            {"kind": "funding", "scale": 0.8},
            {"kind": "funding", "caps": {"2027-Q4": "1.5m"}, "carry_over": True},
        )
    ]
    assert words == [
        "every funding cap and the total x 0.8",
        "funding: 2027-Q4 capped at 1,500,000; carry-over on",
    ]
