"""Export and back: a solved MSPDI import written as MSPDI, XER and P6 XML and read again keeps every date."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.check import verify
from planner.interop import export_plan, import_files
from planner.interop.reading import read_plans
from planner.interop.writing import activity_ids
from planner.solvers import SolveOptions, solve


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory):
    """The task-links MSPDI file together with mspdiresource (people, a finished task), imported and solved."""
    from tests.interop.plans import SHARED

    if not SHARED.is_dir():
        pytest.skip(f"no plan files at {SHARED}")
    imported = import_files(
        [SHARED / "mspdi/task-links-project2019-mspdi.xml", SHARED / "mspdi/mspdiresource.xml"]
    )
    schedule = solve(imported.program, SolveOptions(time_limit=5, workers=1))
    verify(imported.program, schedule)
    return imported, schedule


@pytest.mark.parametrize("suffix", [".xml", ".xer", ".pmxml"])
def test_exported_dates_read_back_equal_the_schedule(solved, tmp_path: Path, suffix: str):
    """MPXJ reads the exported file's task dates back equal to the schedule's, keyed by the original ids."""
    imported, schedule = solved
    path = export_plan(tmp_path / f"plan{suffix}", imported.program, schedule, baseline=schedule)
    tasks = [t for plan in read_plans(path) for t in plan.tasks if not t.summary]
    assert len(tasks) == len(schedule.tasks)
    # MSPDI keeps project.task in its Text1 field; the P6 formats the program id as Activity ID
    by_key = (
        {t.planner_key: t for t in tasks}
        if suffix == ".xml"
        else {
            key: next(t for t in tasks if t.uid == activity)
            for key, activity in activity_ids(imported.program).items()
        }
    )
    for row in schedule.tasks:
        task = by_key[row.key]
        assert (task.start, task.finish) == (row.start, row.finish), row.key
        assert (task.baseline_start, task.baseline_finish) == (row.start, row.finish), row.key


def test_mspdi_export_imports_back_to_the_same_program(solved, tmp_path: Path):
    """Projects, task ids, durations, links, people and requirements survive MSPDI out and in."""
    imported, schedule = solved
    path = export_plan(tmp_path / "plan.xml", imported.program, schedule)
    again = import_files([path]).program
    original = imported.program
    assert [p.id for p in again.projects] == [p.id for p in original.projects]
    assert {k: (t.duration, t.fixed_start) for k, (_, t) in again.tasks.items()} == {
        k: (t.duration, t.fixed_start) for k, (_, t) in original.tasks.items()
    }
    assert sorted(again.links, key=str) == sorted(original.links, key=str)
    assert [(p.id, p.day_rate) for p in again.people] == [(p.id, p.day_rate) for p in original.people]
    assert {k: t.requires for k, (_, t) in again.tasks.items()} == {
        k: t.requires for k, (_, t) in original.tasks.items()
    }
    replanned = solve(again, SolveOptions(time_limit=5, workers=1))
    verify(again, replanned)
