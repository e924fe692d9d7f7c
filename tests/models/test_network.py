"""The dependency network in working days (planner.models.network), worked by hand.

Programs start Monday 2027-01-04 (working day 0), Monday to Friday: day 5 is Monday 11 January,
day 10 Monday 18 January, day 19 Friday 29 January.
"""

from __future__ import annotations

import pytest

from planner.models import DependencyType, Link
from planner.models.network import bound_on_end, bound_on_start, earliest_starts, network, start_gap
from planner.solvers.instance import build_instance
from tests.conftest import make_program


@pytest.mark.parametrize(
    ("kind", "lag", "pred", "succ", "gap"),
    [
        (DependencyType.FS, 1, 5, 3, 6),  # starts a day after the 5-day predecessor ends
        (DependencyType.SS, 2, 5, 3, 2),  # starts 2 days after it starts
        (DependencyType.FF, 2, 5, 3, 4),  # ends (5 + 2 = 7) two days after it; 3 days long: starts at 4
        (DependencyType.SF, 3, 5, 5, -2),  # ends (3) three days after it starts; 5 days long: starts at -2
    ],
)
def test_start_gap_states_each_link_type(kind, lag, pred, succ, gap):
    """The least start-to-start distance of each link type with its lag, as worked in the comments."""
    assert start_gap(kind, lag, pred, succ) == gap


def test_bounds_on_start_and_end_mirror_each_other():
    """A finish-to-finish link with lag 2 from a 5-day task to a 3-day one: the successor starts at
    10 + 4 = 14 at the earliest after a start on 10; a successor on 14 lets the predecessor end by
    14 - 4 + 5 = 15 (it starts on 10 at the latest)."""
    link = Link("p.a", "p.b", DependencyType.FF, 2)
    assert bound_on_start(link, 10, 5, 3) == 14
    assert bound_on_end(link, 14, 3, 5) == 15


def _program():
    """a(5) -FS+1-> b(3) -SS-> c(2, released day 10, deadline day 19); a -FF-> d(4); b -> e(1, pinned day 1)."""
    return make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 5},
                    {"id": "b", "duration": 3, "after": [{"task": "a", "lag": 1}]},
                    {
                        "id": "c",
                        "duration": 2,
                        "release": "2027-01-18",
                        "deadline": "2027-01-29",
                        "after": [{"task": "b", "type": "SS"}],
                    },
                    {"id": "d", "duration": 4, "after": [{"task": "a", "type": "FF"}]},
                    {"id": "e", "duration": 1, "fixed_start": "2027-01-05", "after": ["b"]},
                ],
            }
        ]
    )


def test_forward_pass_from_releases_links_and_pins():
    """b starts on 5 + 1 = 6 (driven by its link); c on its release 10 (the link allows 6); d on
    5 - 4 = 1 (FF: it ends with a); e stays on its pin, day 1, though b ends on 9; without pins, 9."""
    program = _program()
    net = network(program)
    assert net.earliest == {"p.a": 0, "p.b": 6, "p.c": 10, "p.d": 1, "p.e": 1}
    links = program.links
    assert net.driver["p.c"] is None and net.driver["p.e"] is None
    assert links[net.driver["p.b"]].pred == "p.a" and links[net.driver["p.d"]].pred == "p.a"
    assert net.chain("p.b", links) == ["p.a", "p.b"]
    assert network(program, pins=False).earliest["p.e"] == 9
    assert network(program, releases=False).earliest["p.c"] == 6


def test_backward_pass_from_a_deadline():
    """c must finish by day 19, so end by 20 and start by 18; b (SS to c) must start by 18 too and
    so end by 21; a must end by 21 - 3 - 1 = 17. Nothing bounds d or e."""
    net = network(_program())
    assert net.latest_end == {"p.a": 17, "p.b": 21, "p.c": 20, "p.d": None, "p.e": None}
    assert network(_program(), deadlines=False).latest_end["p.c"] is None


def test_one_forward_pass_for_scenarios_and_the_solver():
    """Scenario timing's earliest starts are the network's; the solver's instance takes the pass
    without pins (a pin narrows the start's domain instead) and its order."""
    program = _program()
    assert earliest_starts(program) == network(program).earliest
    inst = build_instance(program)
    free = network(program, pins=False)
    assert {k: t.earliest for k, t in inst.tasks.items()} == free.earliest
    assert inst.order == free.order
