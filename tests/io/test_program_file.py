"""Tests of the program-file reader: valid files load, bad ones give one clear, located error."""

from __future__ import annotations

import copy
import datetime as dt
import json
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import InputError, Problem, ProgramInvalid
from planner.io.documents import UnusableValue, find_bad_value
from planner.io.locations import LineMap, describe
from planner.io.program_file import load_program, loads_document, parse_program, read_document
from planner.models import Program

VALID = textwrap.dedent(
    """\
    name: Core banking replacement
    description: Replace the core platform.
    start: 2025-01-06
    end: 2026-12-31
    calendar:
      workdays: [mon, tue, wed, thu, fri]
      holidays:
        - 2025-04-18
        - {date: 2025-12-25, name: Christmas}
    objective:
      secondary: project_finishes
    roles:
      - id: data_architect
        name: Data architect
        capacity: 1
        changes:
          - {from: 2025-06-02, capacity: 2}
      - id: developer
        capacity: 4
    people:
      - id: alice
        skills: [sql, migration]
        availability: 80
        part_time:
          - {from: 2025-02-03, to: 2025-02-28, percent: 50}
        leave:
          - {from: 2025-08-04, to: 2025-08-15, reason: holiday}
      - id: bob
        skills: [sql]
    projects:
      - id: payments
        name: Payments
        deadline: 2025-12-19
        tasks:
          - id: design
            duration: 10
            requires:
              - role: data_architect
          - id: build
            duration: 3w
            after: [design]
            requires:
              - {role: developer, count: 2}
              - {skill: sql, allocation: 50}
          - id: live
            milestone: true
            after: [{task: build, type: FS, lag: 2}]
            target: {date: 2025-09-01, weight: 3}
      - id: migration
        release: 2025-02-03
        tasks:
          - id: extract
            duration: 15
            requires:
              - {person: alice, allocation: 80}
          - id: load
            duration: 5d
            after: [extract]
    dependencies:
      - from: payments.design
        to: migration.extract
        type: SS
        lag: 5
    """
)


def write(tmp_path: Path, text: str, name: str = "program.yaml") -> Path:
    """Write ``text`` (dedented) to ``tmp_path / name`` and return the path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(textwrap.dedent(text).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def problems_of(path: Path) -> list[Problem]:
    """The problems ``load_program`` reports for ``path`` (failing if it loads)."""
    with pytest.raises(ProgramInvalid) as caught:
        load_program(path)
    assert caught.value.source == str(path)
    return caught.value.problems


MINIMAL = """\
name: Small
start: 2025-01-06
roles:
  - id: data_architect
    capacity: 1
projects:
  - id: payments
    tasks:
      - id: design
        duration: {duration}
        requires:
          - role: {role}
"""


# --- valid input ------------------------------------------------------------------------------


def test_valid_yaml_file_loads(tmp_path: Path) -> None:
    """A complete, valid YAML program loads with dates, durations and shorthands resolved."""
    program = load_program(write(tmp_path, VALID))
    assert isinstance(program, Program)
    assert program.name == "Core banking replacement"
    assert program.start == dt.date(2025, 1, 6)
    assert set(program.tasks) == {
        "payments.design",
        "payments.build",
        "payments.live",
        "migration.extract",
        "migration.load",
    }
    assert program.tasks["payments.build"][1].duration == 15
    assert program.tasks["payments.live"][1].is_milestone
    assert program.dependencies[0].source == "payments.design"


def test_json_file_loads(tmp_path: Path) -> None:
    """The same program written as JSON loads to an equal Program."""
    data = yaml.safe_load(VALID)
    path = tmp_path / "program.json"
    path.write_text(json.dumps(data, default=str, indent=2), encoding="utf-8")
    assert load_program(path) == load_program(write(tmp_path, VALID))


def test_yml_extension_and_accepts_str_path(tmp_path: Path) -> None:
    """A ``.yml`` file given as a plain string path loads too."""
    program = load_program(str(write(tmp_path, VALID, "program.yml")))
    assert program.name == "Core banking replacement"


# --- structural problems ----------------------------------------------------------------------


def test_negative_duration_has_line_and_where(tmp_path: Path) -> None:
    """A negative duration is reported at its own line, named by project and task ids."""
    text = MINIMAL.format(duration=-3, role="data_architect")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.path == ("projects", 0, "tasks", 0, "duration")
    assert problem.where == "payments.design: duration"
    assert problem.line == line_of(text, "duration: -3")
    assert "greater than or equal to 0" in problem.message and "-3" in problem.message


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    """A misspelt field is reported as unknown, with the model's field it most resembles."""
    text = MINIMAL.format(duration=3, role="data_architect").replace("duration: 3", "durtion: 3")
    problems = problems_of(write(tmp_path, text))
    unknown = [p for p in problems if p.path[-1] == "durtion"]
    assert len(unknown) == 1
    assert unknown[0].message == "unknown field 'durtion'; did you mean 'duration'?"
    assert unknown[0].line == line_of(text, "durtion")
    # the now missing duration is reported too, at the task
    missing = [p for p in problems if p.path[-1] == "duration"]
    assert missing and missing[0].message == "missing required field 'duration'"
    assert missing[0].line == line_of(text, "- id: design")


def test_unknown_field_in_aliased_model_suggests_alias(tmp_path: Path) -> None:
    """Unknown keys of a leave window are matched against the names users write (``from``, ``to``)."""
    text = """\
    name: Small
    start: 2025-01-06
    people:
      - id: alice
        leave:
          - {from: 2025-02-03, too: 2025-02-07}
    projects:
      - id: p
        tasks: [{id: t, duration: 1}]
    """
    problems = problems_of(write(tmp_path, text))
    unknown = next(p for p in problems if p.path[-1] == "too")
    assert unknown.where == "person alice: leave[0].too"
    assert "did you mean 'to'?" in unknown.message


def test_several_problems_are_reported_at_once(tmp_path: Path) -> None:
    """Every structural problem of a file is listed in one error, in document order."""
    text = """\
    name: Several
    start: 2025-01-06
    roles:
      - id: data_architect
        capacity: many
    people:
      - id: alice
        leave:
          - {from: 2025-03-01, to: 2025-02-30}
    projects:
      - id: payments
        tasks:
          - id: design
            duration: -1
          - id: build
            duration: 2x
    dependencies:
      - to: payments.build
        type: XX
    """
    problems = problems_of(write(tmp_path, text))
    wheres = [p.where for p in problems]
    assert wheres == [
        "role data_architect: capacity",
        "person alice: leave[0].to",
        "payments.design: duration",
        "payments.build: duration",
        "dependencies[0].from",
        "dependencies[0].type",
    ]
    lines = [p.line or 0 for p in problems]
    assert all(lines) and lines == sorted(lines)
    assert problems[1].line == line_of(text, "2025-02-30")
    assert "2025-02-30" in problems[1].message
    assert problems[4].message == "missing required field 'from'"


def test_invalid_items_do_not_add_a_list_too_short_problem(tmp_path: Path) -> None:
    """When the only task is invalid, only that task is reported, not an 'empty list' echo."""
    text = MINIMAL.format(duration="-3", role="data_architect")
    problems = problems_of(write(tmp_path, text))
    assert [p.path for p in problems] == [("projects", 0, "tasks", 0, "duration")]


def test_empty_task_list_is_reported(tmp_path: Path) -> None:
    """A project without tasks is reported at its ``tasks`` line."""
    text = """\
    name: Empty
    start: 2025-01-06
    projects:
      - id: payments
        tasks: []
    """
    [problem] = problems_of(write(tmp_path, text))
    assert problem.where == "project payments: tasks"
    assert problem.message == "needs at least 1 item, got 0"
    assert problem.line == line_of(text, "tasks: []")


def test_wrong_shape_names_the_expected_fields(tmp_path: Path) -> None:
    """A task written as a bare number says which fields a task has."""
    text = """\
    name: Shape
    start: 2025-01-06
    projects:
      - id: payments
        tasks:
          - 42
    """
    [problem] = problems_of(write(tmp_path, text))
    assert problem.where == "payments.tasks[0]"
    assert problem.message.startswith("should be a mapping with fields id, name, duration")
    assert problem.message.endswith("got 42")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the document is empty"),
        ("- a\n- b\n", "got a list"),
    ],
)
def test_document_that_is_not_a_mapping(tmp_path: Path, text: str, message: str) -> None:
    """An empty file or a top-level list is one problem about the whole program."""
    [problem] = problems_of(write(tmp_path, text))
    assert problem.where == "program" and problem.path == ()
    assert message in problem.message


# --- semantic problems ------------------------------------------------------------------------


def test_unknown_role_gives_closest_name(tmp_path: Path) -> None:
    """A requirement naming an unknown role suggests the closest role and points at its line."""
    text = MINIMAL.format(duration=3, role="data_architekt")
    [problem] = problems_of(write(tmp_path, text))
    assert "unknown role 'data_architekt'" in problem.message
    assert "did you mean 'data_architect'?" in problem.message
    assert problem.where == "payments.design"
    assert problem.line == line_of(text, "role: data_architekt")


def test_dependency_cycle_lists_the_whole_cycle(tmp_path: Path) -> None:
    """A cycle through three tasks is reported once, naming every task on it."""
    text = """\
    name: Cycle
    start: 2025-01-06
    projects:
      - id: a
        tasks:
          - {id: t1, duration: 1, after: [t3]}
          - {id: t2, duration: 1, after: [t1]}
          - {id: t3, duration: 1, after: [t2]}
    """
    [problem] = problems_of(write(tmp_path, text))
    assert problem.message.startswith("dependency cycle: ")
    chain = problem.message.removeprefix("dependency cycle: ").split(" -> ")
    assert set(chain) == {"a.t1", "a.t2", "a.t3"}
    assert chain[0] == chain[-1] and len(chain) == 4
    assert problem.line is not None


def test_semantic_problem_in_dependencies_has_line(tmp_path: Path) -> None:
    """An unknown task in the dependency list is located at that dependency's field."""
    text = VALID.replace("to: migration.extract", "to: migration.extrct")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.path == ("dependencies", 0, "to")
    assert problem.line == line_of(text, "to: migration.extrct")
    assert "did you mean 'migration.extract'?" in problem.message


# --- input errors -----------------------------------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """Broken YAML is an InputError naming the file, line and column."""
    path = write(tmp_path, "name: x\nstart: [2025-01-06\nprojects: 3\n")
    with pytest.raises(InputError) as caught:
        load_program(path)
    assert str(caught.value).startswith(f"{path}:3:")
    assert "invalid YAML" in str(caught.value)


def test_json_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """Broken JSON is an InputError naming the file, line and column."""
    path = write(tmp_path, '{"name": "x",\n "start": }\n', "program.json")
    with pytest.raises(InputError, match=r"program\.json:2:11: invalid JSON"):
        load_program(path)


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    """A file that does not exist is an InputError naming it."""
    path = tmp_path / "absent.yaml"
    with pytest.raises(InputError, match=r"absent\.yaml: file not found"):
        load_program(path)


@pytest.mark.parametrize("name", ["program.txt", "program"])
def test_unknown_extension_is_input_error(tmp_path: Path, name: str) -> None:
    """Only .yaml, .yml and .json are read; anything else is an InputError naming the file."""
    path = write(tmp_path, VALID, name)
    with pytest.raises(InputError, match="unsupported file type"):
        load_program(path)


def test_directory_and_binary_file_are_input_errors(tmp_path: Path) -> None:
    """A directory or a non-UTF-8 file is an InputError, not an OSError or a decode error."""
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(InputError, match="directory"):
        load_program(tmp_path / "dir.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"name: \xff\xfe\x00")
    with pytest.raises(InputError, match="UTF-8"):
        load_program(tmp_path / "bin.yaml")


def test_unsafe_yaml_tag_is_input_error(tmp_path: Path) -> None:
    """Python object tags are refused as with ``yaml.safe_load``."""
    path = write(tmp_path, "name: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(InputError, match=r"program\.yaml:1:"):
        load_program(path)


# --- the parts on their own -------------------------------------------------------------------


def test_parse_program_without_source_or_lines() -> None:
    """``parse_program`` on plain data (as the HTTP API calls it) reports problems without lines."""
    data = yaml.safe_load(MINIMAL.format(duration=-3, role="data_architect"))
    with pytest.raises(ProgramInvalid) as caught:
        parse_program(data)
    assert caught.value.source is None
    [problem] = caught.value.problems
    assert problem.line is None and problem.where == "payments.design: duration"


def test_read_document_json_lines(tmp_path: Path) -> None:
    """JSON documents get line numbers too, so their problems are located."""
    path = write(tmp_path, '{"name": "x",\n "start": "2025-01-06",\n "projects": 3}\n', "p.json")
    data, lines = read_document(path)
    assert isinstance(data, dict) and lines is not None
    assert lines.line(("projects",)) == 3
    assert [p.line for p in problems_of(path)] == [3]


def test_line_map_falls_back_to_nearest_parent() -> None:
    """A path that is not in the document is given the line of its nearest existing parent."""
    _, lines = loads_document("a:\n  b:\n    - x\n    - y\n")
    assert isinstance(lines, LineMap)
    assert lines.line(("a", "b", 1)) == 4
    assert lines.line(("a", "b", 7, "c")) == 2
    assert lines.line(("z",)) == 1
    assert LineMap(None).line(("a",)) is None


def test_describe_names_things_in_the_users_words() -> None:
    """Document paths are named by ids: tasks, roles, people, dependencies and plain fields."""
    doc = yaml.safe_load(VALID)
    assert (
        describe(("projects", 0, "tasks", 1, "requires", 0, "count"), doc)
        == "payments.build: requires[0].count"
    )
    assert describe(("roles", 0, "capacity"), doc) == "role data_architect: capacity"
    assert describe(("people", 0, "leave", 0, "to"), doc) == "person alice: leave[0].to"
    assert describe(("projects", 1, "release"), doc) == "project migration: release"
    assert describe(("dependencies", 3, "from"), doc) == "dependencies[3].from"
    assert describe(("projects", 9, "tasks", 2), doc) == "projects[9].tasks[2]"
    assert describe(("start",), doc) == "start"
    assert describe((), doc) == "program"


# --- property: random damage never escapes as anything but ProgramInvalid ---------------------

BASE = yaml.safe_load(VALID)

Path_ = tuple[str | int, ...]


def _all_paths(node: object, prefix: Path_ = ()) -> list[Path_]:
    """Every location below ``node`` (mapping keys and list indices)."""
    out: list[Path_] = []
    items: list[tuple[str | int, object]] = []
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_all_paths(child, (*prefix, key)))
    return out


def _parent(doc: object, path: Path_) -> object:
    for segment in path[:-1]:
        doc = doc[segment]  # type: ignore[index]
    return doc


WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(-3, 3), max_size=2),
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> object:
    """A copy of BASE with one to three random fields dropped, mistyped or re-pointed."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = _all_paths(doc)
        if not paths:
            break
        kind = draw(st.sampled_from(["drop", "wrong_type", "reference"]))
        if kind == "reference":
            strings = [p for p in paths if isinstance(_parent(doc, p)[p[-1]], str)]  # type: ignore[index]
            paths = strings or paths
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        if kind == "drop":
            del parent[path[-1]]  # type: ignore[attr-defined]
        elif kind == "wrong_type":
            parent[path[-1]] = draw(WRONG_VALUES)  # type: ignore[index]
        else:
            parent[path[-1]] = draw(st.text(max_size=15))  # type: ignore[index]
    return doc


def _assert_clear(result: Program | ProgramInvalid, with_lines: bool) -> None:
    if isinstance(result, Program):
        return
    assert result.problems
    for problem in result.problems:
        assert isinstance(problem.path, tuple)
        assert problem.where and problem.message
        assert not problem.message.startswith("Input should")
        if with_lines:
            assert isinstance(problem.line, int) and problem.line >= 1
    assert str(result)


def _outcome(call: Callable[[], Program]) -> Program | ProgramInvalid:
    try:
        return call()
    except ProgramInvalid as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents())
def test_random_damage_gives_program_or_program_invalid(doc: object) -> None:
    """Dropping fields, wrong types and random references yield a Program or ProgramInvalid only
    (or, for text with a control character, the reader's error naming the field)."""
    _assert_clear(_outcome(lambda: parse_program(copy.deepcopy(doc), source="data")), with_lines=False)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if find_bad_value(doc) is not None:
        with pytest.raises(UnusableValue, match=r"damaged\.yaml:\d+:"):
            loads_document(text, "yaml", source="damaged.yaml")
        return
    data, lines = loads_document(text, "yaml", source="damaged.yaml")
    _assert_clear(_outcome(lambda: parse_program(data, source="damaged.yaml", lines=lines)), with_lines=True)


def test_non_text_key_is_named_by_its_mapping(tmp_path: Path) -> None:
    """A number used as a field name is reported at the mapping that holds it, with its line."""
    text = VALID.replace("    name: Payments\n", "    name: Payments\n    2024: budget\n")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.where == "project payments"
    assert problem.message == "field names must be text, got 2024"
    assert problem.line == line_of(text, "2024: budget")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("example", ["quickstart.yaml", "bank_core_replacement.yaml", "mes_rollout.yaml"])
def test_written_program_loads_back_equal(tmp_path: Path, example: str, suffix: str) -> None:
    """write_program writes a file that validates and loads back to an equal program."""
    from planner.io.program_file import write_program

    program = load_program(Path(__file__).parents[2] / "scenarios" / example)
    path = write_program(tmp_path / f"program{suffix}", program, "a comment\nover two lines")
    assert load_program(path) == program
    if suffix == ".yaml":
        assert path.read_text().startswith("# a comment\n# over two lines\n")


def test_write_program_refuses_other_extensions(tmp_path: Path) -> None:
    """A program is written as .yaml, .yml or .json only."""
    from planner.io.program_file import write_program

    with pytest.raises(InputError, match="cannot write a program as '.txt'"):
        write_program(
            tmp_path / "p.txt", load_program(Path(__file__).parents[2] / "scenarios" / "quickstart.yaml")
        )


def _one_task(**fields: object) -> dict[str, object]:
    return {"name": "x", "start": "2027-01-04", "projects": [{"id": "p", "tasks": [{"id": "t", **fields}]}]}


@pytest.mark.parametrize("flag", [True, False])
def test_duration_true_or_false_is_refused(flag: bool) -> None:
    """`duration: true` is not read as 1 working day: the duration is named and the value shown."""
    with pytest.raises(ProgramInvalid) as info:
        parse_program(_one_task(duration=flag))
    [problem] = info.value.problems
    assert problem.path == ("projects", 0, "tasks", 0, "duration")
    assert problem.message == f"should be a number of working days, got {str(flag).lower()}"


@pytest.mark.parametrize("field", ["deadline", "release", "fixed_start"])
def test_a_date_far_past_the_horizon_is_refused_at_validation(field: str) -> None:
    """9999-12-31 no longer passes validation (it crashed the solve): named, with the 100-year horizon."""
    with pytest.raises(ProgramInvalid) as info:
        parse_program(_one_task(duration=1, **{field: "9999-12-31"}))
    [problem] = info.value.problems
    assert problem.path == ("projects", 0, "tasks", 0, field)
    assert "more than 100 years after the program start" in problem.message


def test_a_leave_to_9999_is_refused_with_its_path() -> None:
    """Dates anywhere in the program (a person's leave) are held to the horizon, at their path."""
    document = _one_task(duration=1)
    document["people"] = [{"id": "ann", "leave": [{"from": "2027-02-01", "to": "9999-12-31"}]}]
    with pytest.raises(ProgramInvalid) as info:
        parse_program(document)
    assert [p.path for p in info.value.problems] == [("people", 0, "leave", 0, "to")]


def test_a_start_in_the_year_9999_is_refused() -> None:
    """A program starting in 9999 cannot count working days forward: its start is named."""
    document = _one_task(duration=1)
    document["start"] = "9999-12-30"
    with pytest.raises(ProgramInvalid) as info:
        parse_program(document)
    assert [p.path for p in info.value.problems] == [("start",)]


def test_a_date_within_the_horizon_still_validates() -> None:
    """A deadline 99 years out is accepted as before."""
    program = parse_program(_one_task(duration=1, deadline="2125-12-31"))
    assert program.tasks["p.t"][1].deadline == dt.date(2125, 12, 31)


def test_control_character_in_a_program_file_is_an_input_error(tmp_path: Path) -> None:
    """A program file with a control character is an InputError naming the file, line and column."""
    path = tmp_path / "p.yaml"
    path.write_text("name: a\x01b\nstart: 2027-01-04\n")
    with pytest.raises(InputError, match=r"p\.yaml:1:8: invalid YAML: the control character U\+0001"):
        load_program(path)


def test_sixteen_thousand_unknown_keys_validate_in_linear_time() -> None:
    """16,000 unknown keys (200 KB) are all reported in seconds, not the 45 s a quadratic look-up took."""
    document = _one_task(duration=1)
    document.update({f"k{i:05d}": 1 for i in range(16_000)})
    started = time.perf_counter()
    data, lines = loads_document(json.dumps(document), "json", source="big.json")
    with pytest.raises(ProgramInvalid) as info:
        parse_program(data, source="big.json", lines=lines)
    assert time.perf_counter() - started < 8  # about 0.7 s on an idle core
    assert len(info.value.problems) == 16_000
    assert all(p.line == 1 for p in info.value.problems)


def test_did_you_mean_hints_stop_after_a_budget_of_comparisons() -> None:
    """The first unknown keys get a hint; past the comparison budget the rest are reported without one."""
    document = _one_task(duration=1)
    document.update({f"nam{i:05d}": 1 for i in range(16_000)})
    with pytest.raises(ProgramInvalid) as info:
        parse_program(document)
    hinted = [p for p in info.value.problems if "did you mean 'name'" in p.message]
    assert 0 < len(hinted) < 16_000
    assert all("did you mean" in p.message or "expected one of" in p.message for p in info.value.problems)
