"""Solve options refuse values that cannot mean anything, with a message naming the option."""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.solvers import SolveOptions


@pytest.mark.parametrize(
    ("fields", "message"), [({"time_limit": -5}, "time limit"), ({"workers": -1}, "workers")]
)
def test_bad_options_are_input_errors(fields, message):
    """A negative time limit or worker count is an InputError naming it, not a solver failure."""
    with pytest.raises(InputError, match=message):
        SolveOptions(**fields)
