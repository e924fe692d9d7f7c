"""Excel task lists in and out, imported with a Microsoft Project file as one program; bad files exit 2."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from planner.check import verify
from planner.cli import app
from planner.interop import export_plan, import_files
from planner.io.program_file import load_program
from planner.io.schedule_file import write_schedule
from planner.models import DependencyType
from planner.solvers import SolveOptions, solve


def task_list(path: Path) -> Path:
    """A workbook as a program office keeps one: two project sheets, resources, a link across sheets."""
    book = Workbook()
    build = book.active
    build.title = "Build"
    build.append(["ID", "WBS", "Name", "Duration", "Predecessors", "Resources", "Start", "Deadline"])
    build.append([1, "Design", "Write spec", "2w", None, "Dana Okafor", dt.date(2027, 1, 4), None])
    build.append([2, "Design", "Review spec", 3, "1FS+2d", "Dana Okafor[50%]; Lee Park", None, None])
    build.append([3, None, "Build", "16d", "2", "Developer[200%]", None, None])
    build.append([4, None, "Ready", 0, "3", None, None, dt.date(2027, 12, 31)])
    run = book.create_sheet("Run")
    run.append(["ID", "Name", "Duration", "Predecessors", "Resources"])
    run.append([10, "Train users", "1w", "3SS+5d", "Lee Park"])
    run.append([11, "Go live", 0, "10, 4", None])
    resources = book.create_sheet("resources")
    resources.append(["Name", "Type", "Max Units", "Rate"])
    resources.append(["Dana Okafor", "person", 100, 800])
    resources.append(["Lee Park", "person", 50, 500])
    resources.append(["Developer", "role", 3, 600])
    book.save(path)
    return path


def test_an_excel_list_and_a_project_file_solve_as_one_program(shared: Path, tmp_path: Path):
    """Sheets become projects, WBS a name path, 1FS+2d a link with lag, [50%] an allocation, 200% two of a role."""
    links = tmp_path / "links.csv"
    links.write_text("From,To,Type,Lag\ntask-links-project2019-mpp14.t16,Build.1,FS,1d\n")
    imported = import_files(
        [task_list(tmp_path / "plan.xlsx"), shared / "mpp/task-links-project2019-mpp14.mpp"],
        links=[links],
        name="Together",
    )
    program = imported.program
    assert [p.id for p in program.projects] == ["Build", "Run", "task-links-project2019-mpp14"]
    tasks = program.tasks
    assert tasks["Build.t1"][1].name == "Design / Write spec" and tasks["Build.t1"][1].duration == 10
    assert tasks["Build.t4"][1].is_milestone and tasks["Build.t4"][1].deadline == dt.date(2027, 12, 31)
    review = tasks["Build.t2"][1]
    assert [(r.person, r.allocation) for r in review.requires] == [("dana_okafor", 50), ("lee_park", 50)]
    assert [(r.role, r.count) for r in tasks["Build.t3"][1].requires] == [("developer", 2)]
    assert {(link.pred, link.succ, link.type, link.lag) for link in program.links} >= {
        ("Build.t1", "Build.t2", DependencyType.FS, 2),
        ("Build.t3", "Run.t10", DependencyType.SS, 5),
        ("Build.t4", "Run.t11", DependencyType.FS, 0),
        ("task-links-project2019-mpp14.t16", "Build.t1", DependencyType.FS, 1),
    }
    assert (
        program.role_by_id["developer"].capacity == 3 and program.person_by_id["lee_park"].availability == 50
    )
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    verify(program, schedule)

    plan = export_plan(tmp_path / "out.xlsx", program, schedule)
    sheet = load_workbook(plan)["Run"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert rows[0]["Predecessors"] == "3SS+5d" and rows[0]["Key"] == "Run.t10"
    again = import_files([plan]).program
    assert {
        k: (t.duration, t.after) for k, (_, t) in again.tasks.items() if k.startswith(("Build", "Run"))
    } == {k: (t.duration, t.after) for k, (_, t) in program.tasks.items() if k.startswith(("Build", "Run"))}


def test_import_and_export_on_the_command_line(shared: Path, tmp_path: Path):
    """`planner import` writes a program that validates, its report and its baseline; `export` writes MSPDI."""
    runner = CliRunner()
    output = tmp_path / "program.yaml"
    result = runner.invoke(app, ["import", str(shared / "xer/percent-complete-8.4.xer"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "not mapped" in result.output and "percent complete" in result.output
    assert (
        (tmp_path / "program.import-report.csv")
        .read_text()
        .startswith("file,kind,item,field,value,action,reason")
    )
    assert runner.invoke(app, ["validate", str(output)]).exit_code == 0
    program = load_program(output)
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    verify(program, schedule)
    write_schedule(tmp_path / "schedule.json", program, schedule)
    result = runner.invoke(
        app,
        [
            "export",
            str(output),
            str(tmp_path / "schedule.json"),
            "-o",
            str(tmp_path / "p.xml"),
            "-o",
            str(tmp_path / "p.xer"),
            "--baseline",
            str(tmp_path / "program.baseline.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p.xml").stat().st_size > 0 and (tmp_path / "p.xer").stat().st_size > 0


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda d, s: (
                shutil.copyfile(s / "mpp/task-links-project2019-mpp14.mpp", d / "plan.mpp")
                and (d / "plan.mpp").write_bytes((d / "plan.mpp").read_bytes()[:3000])
                and d / "plan.mpp"
            ),
            "cannot read it",
        ),
        (
            lambda d, s: (d / "plan.xer").write_text("ERMHDR\t8.4\nnot really\n") and d / "plan.xer",
            "plan.xer",
        ),
        (lambda d, s: (d / "plan.txt").write_text("tasks") and d / "plan.txt", "cannot import '.txt' files"),
        (lambda d, s: d / "missing.mpp", "no such file"),
        (
            lambda d, s: (d / "list.csv").write_text("Name,Effort\nBuild,3\n") and d / "list.csv",
            "no column Duration",
        ),
    ],
)
def test_bad_files_exit_2_naming_the_file(shared: Path, tmp_path: Path, make, expected: str):
    """A truncated .mpp, a broken XER, an unknown extension, a missing file, a CSV without Duration: exit 2."""
    path = make(tmp_path, shared)
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "program.yaml")])
    assert result.exit_code == 2, result.output
    assert str(path.name) in result.output and expected in result.output
    assert "Traceback" not in result.output and "at org." not in result.output


def test_the_readme_example_imports_solves_and_exports(shared: Path, tmp_path: Path):
    """The README's files: the Project file and scenarios/interop/tasks.csv become one program of 2
    projects and 20 tasks, the links file makes the list's first task wait for task 16 of the Project
    file, and the checked schedule exports to MSPDI."""
    examples = Path(__file__).parents[2] / "scenarios" / "interop"
    imported = import_files(
        [shared / "mpp/task-links-project2019-mpp14.mpp", examples / "tasks.csv"],
        links=[examples / "links.csv"],
    )
    program = imported.program
    assert [p.id for p in program.projects] == ["task-links-project2019-mpp14", "tasks"]
    assert len(program.tasks) == 20 and program.tasks["tasks.t4"][1].is_milestone
    assert ("task-links-project2019-mpp14.t16", "tasks.t1") in {
        (link.pred, link.succ) for link in program.links
    }
    assert ("tasks.t1", "tasks.t2", 2) in {(link.pred, link.succ, link.lag) for link in program.links}
    schedule = solve(program, SolveOptions(time_limit=5, workers=1))
    verify(program, schedule)
    assert export_plan(tmp_path / "plan.xml", program, schedule).is_file()
