"""Why projects are left out: each reason worked out by hand and re-solved by the analysis.

Programs start Monday 2027-01-04 (Monday-Friday, no holidays); benefits are counted to the end
of 2027 without discounting, so a project delivered in January earns 11 months (February to
December).
"""

from __future__ import annotations

from planner.analysis.explanations.unfunded import explain_unfunded
from planner.solvers import SolveOptions
from tests.conftest import make_program, solve_checked

OPTIONS = SolveOptions(time_limit=5, workers=2)
FINANCE = {"appraisal_end": "2027-12-31"}


def one_task(pid: str, cost: int = 0, per_month: int = 0, duration: int = 5, **fields: object) -> dict:
    data: dict = {"id": pid, "cost": cost, "tasks": [{"id": "t", "duration": duration}], **fields}
    if per_month:
        data["benefit"] = {"per_month": per_month}
    return data


def explain(program):
    schedule = solve_checked(program)
    return {e.project: e for e in explain_unfunded(program, schedule, OPTIONS)}


def test_a_project_that_does_not_pay_for_itself():
    """'dud' costs 1,000 and earns 11 x 50 = 550: funding it lowers the net value by 450; both
    solves behind the reason are optimal, so it is proven and says nothing of another run."""
    reasons = explain(
        make_program(
            projects=[one_task("core"), one_task("dud", 1000, 50, funding="candidate")], finance=FINANCE
        )
    )
    dud = reasons["dud"]
    assert (dud.kind, dud.own_net_value, dud.value_change, dud.verified) == ("value", -450, -450, True)
    assert dud.proven and "not proven" not in dud.message


def test_a_cap_blocks_a_project_and_the_extra_funding_lets_it_in():
    """All work falls in 2027-Q1 (the program ends 31 March); core's 800 and app's 500 exceed the cap of 1,000.

    The least extra funding is 300 in 2027-Q1; re-solved with a cap of 1,300 app is scheduled.
    Funding app as the caps stand is proven infeasible, so the reason is proven.
    """
    reasons = explain(
        make_program(
            end="2027-03-31",
            projects=[one_task("core", 800), one_task("app", 500, 100, funding="candidate")],
            finance=FINANCE | {"budget": {"caps": {"2027-Q1": 1000}}},
        )
    )
    app = reasons["app"]
    assert (app.kind, app.extra_funding, app.verified, app.proven) == (
        "funding",
        {"2027-Q1": 300},
        True,
        True,
    )


def test_a_project_that_would_displace_a_better_one():
    """Only one 600 project fits the Q1 cap of 1,000: 'a' nets 1,100 - 600 = 500, 'b' 880 - 600 = 280.

    Funding 'b' pushes 'a' out and lowers the net value by 220; 200 more in Q1 funds both.
    """
    reasons = explain(
        make_program(
            end="2027-03-31",
            projects=[
                one_task("a", 600, 100, funding="candidate"),
                one_task("b", 600, 80, funding="candidate"),
            ],
            finance=FINANCE | {"budget": {"caps": {"2027-Q1": 1000}}},
        )
    )
    b = reasons["b"]
    assert (b.kind, b.displaces, b.value_change, b.extra_funding) == (
        "displaces",
        ("a",),
        -220,
        {"2027-Q1": 200},
    )
    assert b.verified


def test_a_busy_role_blocks_a_project_and_one_more_person_lets_it_in():
    """The one developer is on core's 20 days until the program end (29 January): app needs one more."""
    reasons = explain(
        make_program(
            end="2027-01-29",
            roles=[{"id": "dev", "name": "Developers", "capacity": 1}],
            projects=[
                {"id": "core", "tasks": [{"id": "t", "duration": 20, "requires": [{"role": "dev"}]}]},
                {
                    "id": "app",
                    "funding": "candidate",
                    "benefit": {"per_month": 1000},
                    "tasks": [{"id": "t", "duration": 5, "requires": [{"role": "dev"}]}],
                },
            ],
            finance=FINANCE,
        )
    )
    app = reasons["app"]
    assert (app.kind, app.extra_capacity, app.verified) == ("capacity", "1 more Developers (dev)", True)


def test_excluded_and_needing_an_excluded_project():
    """'platform' is excluded; 'app' needs it, so app cannot be funded either, without any solve."""
    reasons = explain(
        make_program(
            projects=[
                one_task("core"),
                one_task("platform", funding="excluded"),
                one_task("app", 10, 100, funding="candidate", needs=["platform"]),
            ],
            finance=FINANCE,
        )
    )
    assert (reasons["platform"].kind, reasons["platform"].proven) == ("excluded", True)
    assert (reasons["app"].kind, reasons["app"].proven) == ("needs", True)
    assert "needs project platform, which is excluded" in reasons["app"].message


def test_an_alternative_displaces_the_other():
    """'upgrade' and 'replace' are alternatives; forcing 'upgrade' (net 450) pushes 'replace' (net 690) out."""
    reasons = explain(
        make_program(
            projects=[
                one_task("upgrade", 100, 50, funding="candidate"),
                one_task("replace", 300, 90, funding="candidate"),
            ],
            finance=FINANCE | {"alternatives": [["upgrade", "replace"]]},
        )
    )
    upgrade = reasons["upgrade"]
    assert (upgrade.kind, upgrade.displaces, upgrade.value_change) == ("displaces", ("replace",), 450 - 690)
    assert "are alternatives" in upgrade.message
