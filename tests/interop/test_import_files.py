"""planner import on the real Microsoft Project and P6 files: each maps, validates, solves and is checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.check import verify
from planner.interop import import_files
from planner.interop.reading import read_plans
from planner.io.program_file import load_program, write_program
from planner.models import DependencyType
from planner.solvers import SolveOptions, solve
from tests.interop.plans import SHARED

FILES = (
    sorted(
        p.relative_to(SHARED).as_posix()
        for p in SHARED.rglob("*")
        if p.is_file() and p.suffix.lower() not in (".md", ".txt")
    )
    if SHARED.is_dir()
    else []
)
NO_TASKS = {"mspdi/mspdiavailability.xml"}  # resources only: imported with mspdiresource.xml below


@pytest.mark.parametrize("name", [f for f in FILES if f not in NO_TASKS])
def test_each_file_imports_validates_and_solves(shared: Path, name: str, tmp_path: Path):
    """Every file MPXJ reads becomes a program that loads back from YAML and solves to a checked schedule."""
    imported = import_files([shared / name])
    written = write_program(tmp_path / "program.yaml", imported.program)
    program = load_program(written)
    assert len(program.tasks) == sum(1 for p in read_plans(shared / name) for t in p.tasks if not t.summary)
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    assert schedule.has_plan
    verify(program, schedule)


def test_links_keep_their_types_and_lags(shared: Path):
    """The eight links of task-links (FS with 0d, 1d, 2d, 1w, 2w lags; SF, SS, FF with 2d) arrive as written."""
    for name in ("mspdi/task-links-project2019-mspdi.xml", "mpp/task-links-project2019-mpp14.mpp"):
        program = import_files([shared / name]).program
        links = sorted(
            (link.pred.split(".")[1], link.succ.split(".")[1], link.type, link.lag) for link in program.links
        )
        assert links == sorted(
            [
                ("t1", "t2", DependencyType.FS, 0),
                ("t3", "t4", DependencyType.FS, 1),
                ("t5", "t6", DependencyType.FS, 2),
                ("t7", "t8", DependencyType.FS, 5),
                ("t9", "t10", DependencyType.FS, 10),
                ("t11", "t12", DependencyType.SF, 2),
                ("t13", "t14", DependencyType.SS, 2),
                ("t15", "t16", DependencyType.FF, 2),
            ]
        ), name
        assert all(task.duration == 1 for _, task in program.tasks.values())


def test_p6_resources_rates_and_baseline(shared: Path):
    """The P6 20.12 file: its resource a person at 21/h (168 a day), its role a role at 31/h, 30 days of work."""
    imported = import_files([shared / "xer/resource-rates-test.xer"])
    program = imported.program
    (person,), (role,) = program.people, program.roles
    assert (person.name, person.day_rate, role.name, role.day_rate) == ("Resource 1", 168, "Role 1", 248)
    ((key, (_, task)),) = program.tasks.items()
    assert key == "resource-rates-test.A1000" and task.duration == 30
    assert [r.person for r in task.requires] == [person.id]
    assert imported.baseline is not None
    (row,) = imported.baseline.tasks
    assert (row.start, row.finish) == (dt.date(2022, 8, 22), dt.date(2022, 9, 30))
    assert [n.reason for n in imported.report.notes] == [
        "assigned more than once to the task: one requirement"
    ] * 4


def test_progress_pins_started_work_and_reports_percent_complete(shared: Path):
    """Started P6 activities keep their actual start; a percent complete the program cannot hold is reported."""
    for name in ("xer/percent-complete-8.4.xer", "pmxml/percent-complete-8.4.pmxml"):
        imported = import_files([shared / name])
        tasks = {t.id: t for _, t in imported.program.tasks.values()}
        assert tasks["A1010"].fixed_start == dt.date(2015, 2, 24)
        assert tasks["A1000"].fixed_start is None
        assert tasks["A1000"].duration == 100  # 800 hours of 8-hour days
        reported = {(n.item.split()[1], n.field) for n in imported.report.notes if n.action == "not mapped"}
        assert {("A1010", "percent complete"), ("A1020", "percent complete")} <= reported


def test_calendars_resources_and_availability(shared: Path):
    """Resource calendars become leave, the availability table part time and leave, material is reported."""
    calendar = import_files([shared / "mpp/mpp12calendar.mpp"]).program
    leave = {p.name: [(w.start, w.end) for w in p.leave] for p in calendar.people}
    assert leave == {
        "Test Resource 1": [(dt.date(2006, 10, 30), dt.date(2006, 10, 30))],
        "Test Resource 2": [(dt.date(2006, 10, 31), dt.date(2006, 10, 31))],
    }
    imported = import_files([shared / "mspdi/mspdiresource.xml", shared / "mspdi/mspdiavailability.xml"])
    people = {p.name: p for p in imported.program.people}
    two = people["Resource Two"]
    assert [(w.start, w.end, w.percent) for w in two.part_time] == [
        (dt.date(2009, 7, 2), dt.date(2009, 8, 1), 60),
        (dt.date(2009, 8, 20), dt.date(2009, 8, 30), 75),
    ]
    assert (dt.date(2009, 8, 2), dt.date(2009, 8, 19)) in [(w.start, w.end) for w in two.leave]
    assert people["Wade Golden"].day_rate == 400  # 50 an hour
    notes = {(n.item, n.field, n.action) for n in imported.report.notes}
    assert ("resource 4 'Concrete'", "type", "not mapped") in notes
    assert ("calendar 'Brian Leach'", "working days", "not mapped") in notes
    assert ("task 3 'Contoured Task'", "duration", "converted") in notes
    tasks = {t.id: t for _, t in imported.program.tasks.values()}
    assert tasks["t4"].fixed_start == dt.date(2006, 8, 28)  # finished; its actual start was a Saturday
    schedule = solve(imported.program, SolveOptions(time_limit=5, workers=1))
    verify(imported.program, schedule)
