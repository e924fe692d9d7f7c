"""The hand-worked comparison the report tests share.

One developer; design (5 days) then build (10 days) then the milestone live: design is days 0-4,
build days 5-14 and live is on day 15, Monday 25 January 2027. The scenario makes build 15 days:
build runs 5-19 and live moves to day 20, Monday 1 February (+5 working days, +7 calendar days).
"""

from __future__ import annotations

from planner.analysis.comparison.compare import Comparison, compare
from tests.conftest import make_program, solve_checked


def comparison() -> Comparison:
    """The base against the scenario "Build <late>" (a name that needs escaping in HTML)."""

    def program(build: int):
        return make_program(
            roles=[{"id": "dev", "capacity": 1}],
            projects=[
                {
                    "id": "p",
                    "tasks": [
                        {"id": "design", "duration": 5, "requires": [{"role": "dev"}]},
                        {
                            "id": "build",
                            "duration": build,
                            "after": ["design"],
                            "requires": [{"role": "dev"}],
                        },
                        {"id": "live", "milestone": True, "after": ["build"]},
                    ],
                }
            ],
        )

    base, longer = program(10), program(15)
    return compare(
        (base, solve_checked(base, workers=1)), [("Build <late>", longer, solve_checked(longer, workers=1))]
    )
