"""The CP-SAT plumbing every solve shares (planner.solvers.cpsat): the solver's settings, the one
status check, and a solution read back into values and dated rows.

Programs start Monday 2027-01-04 (working day 0), Monday to Friday; every schedule read back is
verified by the independent checker.
"""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from planner.check import verify
from planner.errors import SolverBug
from planner.models import Schedule, SolveStatus
from planner.solvers import SolveOptions
from planner.solvers.cpsat import found, new_solver, run, scheduled_tasks, solution_values, unfunded
from planner.solvers.solve import build_model
from tests.conftest import make_program


def test_new_solver_takes_workers_seed_and_time_from_the_options():
    """Workers, seed and the time limit come from the options; a given time limit and no probing override them."""
    solver = new_solver(SolveOptions(time_limit=7, workers=3, seed=11))
    params = solver.parameters
    assert (params.num_workers, params.random_seed, params.max_time_in_seconds) == (3, 11, 7)
    assert not params.log_search_progress
    quick = new_solver(SolveOptions(workers=1), 0.5, probing=False)
    assert (quick.parameters.max_time_in_seconds, quick.parameters.cp_model_probing_level) == (0.5, 0)
    assert new_solver(SolveOptions(log=True)).parameters.log_search_progress


def test_a_model_cp_sat_rejects_is_a_solver_bug():
    """A variable whose domain is empty makes an invalid model: run raises SolverBug naming the model."""
    model = cp_model.CpModel()
    x = model.new_int_var(0, 3, "x")
    domain = model.proto.variables[x.index].domain
    domain.clear()
    domain.extend((5, 2))
    with pytest.raises(SolverBug, match="the test model"):
        run(new_solver(SolveOptions(workers=1)), model, "test model")


def test_infeasible_and_feasible_codes():
    """An infeasible model has no solution to read; a feasible one has."""
    model = cp_model.CpModel()
    x = model.new_int_var(0, 3, "x")
    model.add(x >= 4)
    assert not found(run(new_solver(SolveOptions(workers=1)), model, "model"))
    ok = cp_model.CpModel()
    ok.new_int_var(0, 3, "y")
    assert found(run(new_solver(SolveOptions(workers=1)), ok, "model"))


def test_a_solution_read_back_into_rows_leaves_out_unfunded_work():
    """'poor' is excluded: its task is left out of the rows (but kept with funded_only=False), the
    funded task of 3 days starts on day 0 with the one developer, and the schedule checks."""
    program = make_program(
        people=[{"id": "dev", "skills": ["code"]}],
        projects=[
            {"id": "good", "tasks": [{"id": "t", "duration": 3, "requires": [{"skill": "code"}]}]},
            {"id": "poor", "funding": "excluded", "tasks": [{"id": "t", "duration": 2}]},
        ],
    )
    model, inst, var, _ = build_model(program)
    model.minimize(var.start["good.t"])
    solver = new_solver(SolveOptions(workers=1))
    assert found(run(solver, model, "model"))
    values = solution_values(solver, var)
    rows = scheduled_tasks(inst, var, values)
    assert unfunded(var, values) == ("poor",)
    assert [(r.key, str(r.start), str(r.finish), r.people) for r in rows] == [
        ("good.t", "2027-01-04", "2027-01-06", ("dev",))
    ]
    assert [r.key for r in scheduled_tasks(inst, var, values, funded_only=False)] == ["good.t", "poor.t"]
    verify(
        program, Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=rows, unfunded=("poor",))
    )
