"""Money fields of programs: amounts, periods, cost and benefit rules, funding validation."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from planner.errors import ProgramInvalid
from planner.models import Budget, Program
from planner.models.finance import (
    Benefit,
    apportion,
    benefit_flows,
    benefit_value,
    parse_money,
    period_bounds,
    period_of,
    periods_between,
    person_day_cost,
    spread,
)
from tests.conftest import make_program


def two_projects(**second: object) -> list[dict]:
    return [
        {"id": "core", "tasks": [{"id": "build", "duration": 5}]},
        {
            "id": "app",
            "tasks": [{"id": "ux", "duration": 3}, {"id": "live", "milestone": True, "after": ["ux"]}],
            **second,
        },
    ]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("2.5m", 2_500_000),
        ("650k", 650_000),
        ("£1,200", 1200),
        ("1_000", 1000),
        ("3bn", 3_000_000_000),
        (2.0, 2),
        (7, 7),
    ],
)
def test_amounts_in_files(text, amount):
    """Amounts may be written with k/m/bn suffixes, currency signs and separators."""
    assert parse_money(text) == amount


def test_bad_amounts_are_refused():
    """A word, a fraction of a unit or a negative amount is not money."""
    for text in ("lots", "1.5"):
        with pytest.raises(ValueError):
            parse_money(text)
    with pytest.raises(ValidationError):
        Benefit(per_month=-5)


def test_existing_programs_stay_valid():
    """A program without any money field has no finance, every project mandatory and rates 0."""
    program = make_program(roles=[{"id": "dev", "capacity": 1}], projects=two_projects())
    assert program.finance is None
    assert {p.funding for p in program.projects} == {"mandatory"}
    assert program.roles[0].day_rate == 0


def test_periods_of_a_financial_year_starting_in_april():
    """With year_start 4, 31 March 2027 is in 2026-Q4 and 2027-Q1 is April to June 2027."""
    assert period_of(dt.date(2027, 3, 31), "quarter", 4) == "2026-Q4"
    assert period_bounds("2027-Q1", "quarter", 4) == (dt.date(2027, 4, 1), dt.date(2027, 6, 30))
    assert period_bounds("FY2027", "year", 4) == (dt.date(2027, 4, 1), dt.date(2028, 3, 31))
    assert periods_between(dt.date(2027, 1, 4), dt.date(2027, 7, 1), "quarter") == [
        "2027-Q1",
        "2027-Q2",
        "2027-Q3",
    ]


def test_cap_labels_are_normalised_and_checked():
    """'fy2027q2' becomes 2027-Q2; a year label under quarterly caps is refused with an example."""
    assert Budget.model_validate({"caps": {"fy2027q2": "1m"}}).caps == {"2027-Q2": 1_000_000}
    assert Budget.model_validate({"period": "year", "caps": {2028: 5}}).caps == {"2028": 5}
    with pytest.raises(ValidationError, match="write it like 2027-Q1"):
        Budget.model_validate({"caps": {"2027": 1}})


def test_cost_rules():
    """Half-day of a 1,235 rate is 618 (halves up); 1,000 over 3 days is 333 a day plus 1 on the first."""
    assert person_day_cost(1235, 50) == 618
    assert [spread(1000, 3, k) for k in range(4)] == [0, 334, 667, 1000]
    assert apportion(100, [3, 3, 3]) == [34, 33, 33]
    assert apportion(10, [0, 0]) == [5, 5]
    assert sum(apportion(1_000_003, [7, 11, 13])) == 1_000_003


def test_benefit_ramps_up_from_the_month_after_delivery():
    """Delivered 15 November with a 3-month ramp: December earns a third, January two thirds, then full."""
    flows = benefit_flows(Benefit(per_month=900, ramp_months=3), dt.date(2027, 11, 15), dt.date(2028, 3, 31))
    assert flows == [
        (dt.date(2027, 12, 1), 300.0),
        (dt.date(2028, 1, 1), 600.0),
        (dt.date(2028, 2, 1), 900.0),
        (dt.date(2028, 3, 1), 900.0),
    ]


def test_benefit_value_is_discounted_by_months_from_the_start():
    """1,000 a month for 12 months from January 2028 at 0%: 12,000; at 10% a year each month is discounted."""
    benefit = Benefit(per_month=1000, months=12)
    start = dt.date(2027, 1, 4)
    assert benefit_value(benefit, dt.date(2027, 12, 20), start, 0.0, dt.date(2030, 1, 1)) == 12_000
    expected = sum(1000 * 1.1 ** (-(12 + m) / 12) for m in range(12))
    assert benefit_value(benefit, dt.date(2027, 12, 20), start, 0.1, dt.date(2030, 1, 1)) == round(expected)


def test_unknown_names_in_funding_fields_are_reported_together():
    """A misspelt need, benefit milestone and alternative are all reported, each with the closest name."""
    with pytest.raises(ProgramInvalid) as caught:
        make_program(
            projects=two_projects(
                needs=["cor"], benefit={"per_month": 10, "from": "lve"}, funding="candidate"
            ),
            finance={"alternatives": [["app", "apps"]]},
        )
    text = str(caught.value)
    assert "unknown project 'cor'; did you mean 'core'?" in text
    assert "no task 'lve' in project app; did you mean 'live'?" in text


def test_alternatives_are_checked_once_names_are_right():
    """An alternatives group with an unknown project names the closest one."""
    with pytest.raises(ProgramInvalid, match="unknown project 'apps'; did you mean 'app'"):
        make_program(projects=two_projects(funding="candidate"), finance={"alternatives": [["app", "apps"]]})


def test_mandatory_project_needing_an_excluded_one_is_refused():
    """core depends on app's milestone, so funding core needs app, which is excluded."""
    projects = two_projects(funding="excluded")
    projects[0]["tasks"][0]["after"] = ["app.live"]  # core needs app, which is excluded
    with pytest.raises(ProgramInvalid, match="core is mandatory but needs project app, which is excluded"):
        make_program(projects=projects)


def test_two_forced_alternatives_are_refused():
    """Two mandatory projects cannot be alternatives."""
    with pytest.raises(ProgramInvalid, match="at most one of core, app may be funded"):
        make_program(projects=two_projects(), finance={"alternatives": [["core", "app"]]})


def test_budget_periods_before_the_start_are_refused():
    """A cap for 2026-Q4 in a program starting January 2027 is a typo."""
    with pytest.raises(ProgramInvalid, match="period 2026-Q4 .* ends before the program start"):
        make_program(projects=two_projects(), finance={"budget": {"caps": {"2026-Q4": 5}}})


def test_finance_round_trips_through_model_copy():
    """Dumping and re-validating keeps the money fields (aliases included)."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1, "day_rate": "650"}],
        projects=two_projects(
            funding="candidate", benefit={"per_month": "10k", "from": "live", "ramp_months": 2}
        ),
        finance={"discount_rate": 0.08, "budget": {"caps": {"2027-Q1": "1m"}, "carry_over": True}},
    )
    copy = program.model_copy(update={"name": "copy"})
    assert isinstance(copy, Program)
    assert copy.finance == program.finance
    assert copy.projects[1].benefit == program.projects[1].benefit
    assert copy.roles[0].day_rate == 650
