"""The JSON Schemas that `planner schema` and `planner scenario-schema` print accept what the readers accept.

Every program and scenario file under ``scenarios/`` validates against them (as an editor checking YAML
would: dates are text), every shorthand the readers take is in them, and documents the readers refuse
for their shape are refused by the schemas too. The service's OpenAPI carries the same program schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator as Validator

from planner.errors import ProgramInvalid
from planner.io.documents import read_document
from planner.io.program_file import parse_program
from planner.io.scenario_file import MAX_COUNT, is_scenario, parse_scenario
from planner.models import Program
from planner.models.file_forms import up_to
from planner.models.scenario import COUNT_LIMIT

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "scenarios").rglob("*.yaml"))


def plain(value: object) -> object:
    """A parsed YAML document as JSON (and so an editor's schema check) sees it: dates are text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document(path: Path) -> Any:
    """The file's document, as JSON."""
    return plain(read_document(path)[0])


@functools.cache
def printed_schema(command: str) -> Validator:
    """A validator of the JSON Schema a `planner` command prints, checking formats (dates) too."""
    result = subprocess.run(
        [sys.executable, "-m", "planner", command],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    schema = json.loads(result.stdout)
    Validator.check_schema(schema)
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def program_schema() -> Validator:
    """`planner schema`."""
    return printed_schema("schema")


@pytest.fixture(scope="module")
def scenario_schema() -> Validator:
    """`planner scenario-schema`."""
    return printed_schema("scenario-schema")


def errors(validator: Validator, instance: object) -> list[str]:
    """Every schema error, with where it is."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(instance)
    ]


def test_examples_are_there():
    """The glob finds the README's programs and the example scenarios (a moved folder fails here, not silently)."""
    names = {path.relative_to(ROOT).as_posix() for path in FILES}
    assert {
        "scenarios/quickstart.yaml",
        "scenarios/bank_core_replacement.yaml",
        "scenarios/mes_rollout.yaml",
    } <= names
    assert sum(is_scenario(document(path)) for path in FILES) >= 19


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT / "scenarios").as_posix())
def test_every_example_file_validates(path: Path, program_schema: Validator, scenario_schema: Validator):
    """Each file under scenarios/ has no error against its schema; a scenario's base exists and validates too."""
    doc = document(path)
    if not is_scenario(doc):
        assert errors(program_schema, doc) == []
        return
    assert errors(scenario_schema, doc) == []
    base = (path.parent / doc["base"]).resolve()
    assert base.is_file(), base
    base_doc = document(base)
    assert errors(scenario_schema if is_scenario(base_doc) else program_schema, base_doc) == []


# ---------------------------------------------------------------------------------------------
# documents the readers accept and refuse: the schemas say the same

PROGRAM: dict[str, Any] = {
    "name": "Schema check",
    "start": "2027-01-04",
    "roles": [{"id": "dev", "capacity": 2}],
    "people": [{"id": "dana", "skills": ["sql"]}],
    "projects": [
        {
            "id": "p",
            "tasks": [
                {"id": "a", "duration": 5, "requires": [{"role": "dev"}]},
                {"id": "b", "duration": 3, "after": ["a"]},
            ],
        }
    ],
}
"""A small valid program; each case changes one thing in a copy."""

Edit = Callable[[dict[str, Any]], None]


def task(**fields: Any) -> Edit:
    """Set (or, with ``None`` as the value of a name starting with ``drop_``, remove) fields of task b."""

    def edit(doc: dict[str, Any]) -> None:
        b = doc["projects"][0]["tasks"][1]
        for name, value in fields.items():
            if name.startswith("drop_"):
                b.pop(name[5:], None)
            else:
                b[name] = value

    return edit


def program(**fields: Any) -> Edit:
    """Set top-level fields of the program."""
    return lambda doc: doc.update(fields)


def requires(*items: Any) -> Edit:
    """Task b's requirements."""
    return task(requires=list(items))


PROGRAM_CASES: list[tuple[str, Edit, bool]] = [
    ("duration in weeks", task(duration="2W"), True),
    ("duration in days with spaces", task(duration=" 10 d "), True),
    ("duration at the bound", task(duration="2000w"), True),
    ("duration as a whole float", task(duration=4.0), True),
    ("lag in weeks, negative", task(after=[{"task": "a", "type": "SS", "lag": "-1w"}]), True),
    ("milestone without duration", task(milestone=True, drop_duration=None), True),
    ("milestone: yes", task(milestone="Yes", drop_duration=None), True),
    ("milestone with duration 0d", task(milestone=True, duration="0d"), True),
    ("milestone: false with a duration", task(milestone=False), True),
    ("milestone: no is ignored", task(milestone="no"), True),
    ("target as a bare date", task(target="2027-03-01"), True),
    ("target with a weight", task(target={"date": "2027-03-01", "weight": 5}), True),
    (
        "holidays bare and named",
        program(calendar={"holidays": ["2027-04-02", {"date": "2027-04-05", "name": "Easter"}]}),
        True,
    ),
    (
        "weekday names in any case",
        program(calendar={"workdays": ["Monday", " TUE ", "wed", "thursday"]}),
        True,
    ),
    ("numbers as ids and names", task(id=10, name=2027, fixed_people=[]), True),
    ("money as text", task(cost="£1,200"), True),
    ("money in millions", task(cost="1.5m"), True),
    ("money as a whole float", task(cost=2500000.0), True),
    (
        "yearly caps",
        program(finance={"budget": {"period": "year", "caps": {"2027": "1m", "FY2028": 500000}}}),
        True,
    ),
    ("quarterly caps", program(finance={"budget": {"caps": {"2027-Q1": "1m", "fy2027 q2": "2.5m"}}}), True),
    ("skill with allocation", requires({"skill": "sql", "allocation": 50}), True),
    ("person with a null role", requires({"person": "dana", "role": None}), True),
    ("late work", task(as_late_as_possible=True), True),
    ("negative duration", task(duration=-1), False),
    ("negative duration as text", task(duration="-1d"), False),
    ("duration in unknown units", task(duration="2x"), False),
    ("duration past the bound", task(duration="10001"), False),
    ("duration in weeks past the bound", task(duration="2001w"), False),
    ("duration true", task(duration=True), False),
    ("fractional duration", task(duration="1.5w"), False),
    ("no duration", task(drop_duration=None), False),
    ("milestone: false and no duration", task(milestone=False, drop_duration=None), False),
    ("milestone: null", task(milestone=None), False),
    ("milestone with a duration", task(milestone=True, duration=3), False),
    ("late milestone", task(milestone=True, drop_duration=None, as_late_as_possible=True), False),
    ("late task of duration 0", task(duration="0w", as_late_as_possible=True), False),
    ("unknown task field", task(colour="red"), False),
    ("unknown program field", program(owner="pmo"), False),
    ("predecessor as a number", task(after=[5]), False),
    ("impossible holiday", program(calendar={"holidays": ["2027-02-30"]}), False),
    ("misspelt weekday", program(calendar={"workdays": ["mnday"]}), False),
    ("no weekday", program(calendar={"workdays": []}), False),
    ("negative money", task(cost="-5k"), False),
    ("money in unknown units", task(cost="1.5q"), False),
    ("fractional money", task(cost=2.5), False),
    ("quarter that is not", program(finance={"budget": {"caps": {"2027-Q5": 1}}}), False),
    ("year label in a quarterly budget", program(finance={"budget": {"caps": {"2027": 1}}}), False),
    ("role and skill at once", requires({"role": "dev", "skill": "sql"}), False),
    ("requirement naming nothing", requires({"count": 1}), False),
    ("two of a named person", requires({"person": "dana", "count": 2}), False),
]


def reader_accepts_program(doc: dict[str, Any]) -> bool:
    """Whether the program reader takes ``doc``."""
    try:
        parse_program(copy.deepcopy(doc))
    except ProgramInvalid:
        return False
    return True


@pytest.mark.parametrize(
    ("edit", "valid"),
    [(edit, valid) for _, edit, valid in PROGRAM_CASES],
    ids=[name for name, _, _ in PROGRAM_CASES],
)
def test_program_schema_agrees_with_the_reader(edit: Edit, valid: bool, program_schema: Validator):
    """The reader and `planner schema` both accept the shorthand, or both refuse the mistake."""
    doc = copy.deepcopy(PROGRAM)
    edit(doc)
    assert reader_accepts_program(doc) is valid
    assert (errors(program_schema, doc) == []) is valid, errors(program_schema, doc)


SCENARIO: dict[str, Any] = {"name": "Check", "base": "../program.yaml", "changes": []}


SCENARIO_CASES: list[tuple[str, Any, bool]] = [
    ("slip in weeks", {"kind": "slip", "project": "p", "by": "2w"}, True),
    ("slip as duration", {"kind": "slip", "role": "dev", "by": 3, "as": "duration"}, True),
    ("duration to a milestone", {"kind": "duration", "task": "p.a", "duration": "0w"}, True),
    (
        "capacity delta over a window",
        {"kind": "capacity", "role": "dev", "from": "2027-03-01", "to": "2027-04-30", "delta": -1},
        True,
    ),
    ("funding scale", {"kind": "funding", "scale": 0.8}, True),
    ("funding caps of both kinds", {"kind": "funding", "caps": {"2027-Q4": "1.5m", "2028": 2000000}}, True),
    ("dropped target", {"kind": "target", "task": "p.a", "date": None, "weight": 2}, True),
    ("new milestone", {"kind": "add_task", "project": "p", "task": {"id": "m", "milestone": True}}, True),
    (
        "new person",
        {"kind": "add_person", "person": {"id": 7, "skills": ["sql"]}, "from": "2027-03-01"},
        True,
    ),
    ("slip by nothing", {"kind": "slip", "project": "p", "by": "0w"}, False),
    ("slip by zero", {"kind": "slip", "project": "p", "by": 0}, False),
    ("slip of two things", {"kind": "slip", "project": "p", "task": "p.a", "by": 1}, False),
    ("slip of nothing", {"kind": "slip", "by": 1}, False),
    ("negative duration", {"kind": "duration", "task": "p.a", "duration": -1}, False),
    ("scale and a total", {"kind": "funding", "scale": 0.8, "total": "1m"}, False),
    ("funding of nothing", {"kind": "funding"}, False),
    ("total past 32 bits", {"kind": "funding", "total": 3_000_000_000}, False),
    (
        "capacity and delta",
        {"kind": "capacity", "role": "dev", "from": "2027-03-01", "capacity": 1, "delta": 1},
        False,
    ),
    ("unknown label", {"kind": "funding", "caps": {"Q4": 1}}, False),
    ("unknown kind", {"kind": "reorganise"}, False),
    ("unknown field", {"kind": "remove_task", "task": "p.a", "why": "descoped"}, False),
    (
        "milestone with a duration",
        {"kind": "add_task", "project": "p", "task": {"id": "m", "milestone": True, "duration": 2}},
        False,
    ),
]


def reader_accepts_scenario(doc: dict[str, Any]) -> bool:
    """Whether the scenario reader takes ``doc``."""
    try:
        parse_scenario(copy.deepcopy(doc))
    except ProgramInvalid:
        return False
    return True


@pytest.mark.parametrize(
    ("change", "valid"),
    [(change, valid) for _, change, valid in SCENARIO_CASES],
    ids=[name for name, _, _ in SCENARIO_CASES],
)
def test_scenario_schema_agrees_with_the_reader(change: Any, valid: bool, scenario_schema: Validator):
    """The reader and `planner scenario-schema` both accept the change, or both refuse it."""
    doc = {**SCENARIO, "changes": [change]}
    assert reader_accepts_scenario(doc) is valid
    assert (errors(scenario_schema, doc) == []) is valid, errors(scenario_schema, doc)


def test_scenario_counts_bounded_like_the_reader(scenario_schema: Validator):
    """A disruption budget past 32 bits is refused by both; the schema's bound is the reader's."""
    assert COUNT_LIMIT == MAX_COUNT
    for budget, valid in ((MAX_COUNT, True), (MAX_COUNT + 1, False)):
        doc = {**SCENARIO, "disruption_budget": budget}
        assert reader_accepts_scenario(doc) is valid
        assert (errors(scenario_schema, doc) == []) is valid


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(text=st.from_regex(r"\A ?-?0?[0-9]{1,5} ?[dDwWx]? ?\Z"), field=st.sampled_from(["duration", "lag"]))
def test_days_as_text_agree_at_every_bound(text: str, field: str):
    """Any duration or lag written as text, in or out of range, is taken by the schema exactly when the reader takes it."""
    doc = copy.deepcopy(PROGRAM)
    task(**({"duration": text} if field == "duration" else {"after": [{"task": "a", "lag": text}]}))(doc)
    assert (errors(printed_schema("schema"), doc) == []) is reader_accepts_program(doc)


@pytest.mark.parametrize("n", [0, 5, 9, 10, 19, 99, 100, 345, 2000, 10000])
def test_up_to_matches_exactly_the_numbers_in_range(n: int):
    """up_to(n) matches 0 .. n, with leading zeros, and nothing above."""
    pattern = re.compile(rf"^{up_to(n)}$")
    assert all(pattern.match(str(k)) for k in range(n + 1))
    assert all(pattern.match(f"00{k}") for k in (0, n))
    assert not any(pattern.match(str(k)) for k in range(n + 1, n * 3 + 12))


def test_serialization_schema_keeps_the_validated_types():
    """The shorthands are in the validation schema only: serialized, a duration is an integer and a holiday an
    object."""
    defs = Program.model_json_schema(by_alias=True, mode="serialization")["$defs"]
    assert defs["Task"]["properties"]["duration"]["type"] == "integer"
    assert "milestone" not in defs["Task"]["properties"]
    assert defs["Holiday"]["type"] == "object"
    assert defs["Role"]["properties"]["day_rate"] == {
        "default": 0,
        "maximum": 10**15,
        "minimum": 0,
        "title": "Day Rate",
        "type": "integer",
    }


def test_openapi_program_document_takes_the_example_programs(tmp_path: Path):
    """The service's OpenAPI declares JSON program bodies with the same schema: every example program is valid."""
    from api.main import create_app
    from tests.api.conftest import make_settings

    spec = create_app(make_settings(tmp_path)).openapi()
    validator = Validator(
        {"$ref": "#/components/schemas/ProgramDocument", "components": spec["components"]},
        format_checker=Validator.FORMAT_CHECKER,
    )
    programs = [path for path in FILES if not is_scenario(document(path))]
    assert programs
    for path in programs:
        assert errors(validator, document(path)) == [], path
    broken = copy.deepcopy(PROGRAM)
    task(duration="2x")(broken)
    assert errors(validator, broken)
