"""Document reading tests: YAML mistakes people make get a line and a plain-words hint; values no
document may hold are refused with their field; fuzzed text never escapes as another error."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import InputError, ProgramInvalid
from planner.io.documents import UnusableValue, find_bad_value, loads_document
from planner.io.program_file import parse_program


def test_duplicate_key_is_refused_with_both_lines():
    """A field written twice in one mapping names both lines instead of silently keeping the last."""
    with pytest.raises(InputError, match=r"key 'name' appears twice in one mapping \(lines 2 and 3\)"):
        loads_document("id: p\nname: a\nname: b\n", source="p.yaml")


def test_tab_indentation_hint():
    """A tab used for indentation gets the hint to indent with spaces."""
    with pytest.raises(InputError, match="p.yaml:2:1: .*indent with spaces, not tabs"):
        loads_document("projects:\n\t- id: p\n", source="p.yaml")


def test_misaligned_field_hint():
    """A field indented one space off gets the hint to check the line's indentation."""
    with pytest.raises(InputError, match="check this line's indentation"):
        loads_document("projects:\n  - id: p\n   tasks: []\n", source="p.yaml")


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1c"])
def test_control_character_in_yaml_is_an_input_error_with_its_line(character: str):
    """A raw control character in YAML is refused by the reader as an InputError with line and column."""
    expected = rf"p.yaml:2:9: invalid YAML: the control character U\+00{ord(character):02X}"
    with pytest.raises(InputError, match=expected):
        loads_document(f"id: p\nname: ab{character}c\n", source="p.yaml")


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1c"])
def test_control_character_in_json_text_is_an_input_error(character: str):
    """A raw control character inside a JSON string is refused with its line, column and code point."""
    expected = rf"p.json:1:13: invalid JSON: the control character U\+00{ord(character):02X}"
    with pytest.raises(InputError, match=expected):
        loads_document(f'{{"name": "ab{character}c"}}', "json", source="p.json")


@pytest.mark.parametrize(
    ("text", "fmt", "path", "reason"),
    [
        ('{"name": "a\\u0000"}', "json", ("name",), "contains the control character U+0000"),
        ('name: "a\\x1c"', "yaml", ("name",), "contains the control character U+001C"),
        ('{"projects": [{"id": "p\\ud800"}]}', "json", ("projects", 0, "id"), "lone UTF-16 surrogate U+D800"),
        ('{"\\udfff": 1}', "json", ("\\udfff",), "the field name contains a lone UTF-16 surrogate"),
        ("offset: 9223372036854775808", "yaml", ("offset",), "is too large (at most 9223372036854775807)"),
        ('{"a": [-99999999999999999999]}', "json", ("a", 0), "is too large"),
        ("budget: .inf", "yaml", ("budget",), "inf is not a number"),
        ('{"budget": NaN}', "json", ("budget",), "nan is not a number"),
    ],
)
def test_values_no_document_may_hold_are_refused_with_their_field(text: str, fmt, path, reason: str):
    """Escaped control characters, lone surrogates, numbers past 64 bits and infinities name their field."""
    with pytest.raises(UnusableValue) as info:
        loads_document(text, fmt, source="doc")
    assert info.value.path == path
    assert reason in info.value.reason
    assert str(info.value).startswith("doc:1: ")


def test_largest_64_bit_integer_and_tabs_are_accepted():
    """2**63 - 1 and text with tabs and line breaks are ordinary values."""
    data, _ = loads_document('{"a": 9223372036854775807, "b": "x\\ty\\nz\\r"}', "json")
    assert data == {"a": 2**63 - 1, "b": "x\ty\nz\r"}


def test_aliases_are_checked_once_so_the_cost_stays_linear():
    """A 'billion laughs' of aliases is walked in linear time: each shared list is looked at once."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 25)]
    started = time.perf_counter()
    assert find_bad_value(loads_document("\n".join(lines))[0]) is None
    assert time.perf_counter() - started < 2


def test_bad_value_is_found_under_a_shared_alias():
    """A control character inside an aliased list is reported at the first place that list appears."""
    with pytest.raises(UnusableValue) as info:
        loads_document('a: &x ["\\x01"]\nb: *x\n')
    assert info.value.path == ("a", 0) and info.value.line == 1


# ---------------------------------------------------------------------------------------------
# fuzzing: whatever the text, the readers answer a document or an InputError, nothing else

_NASTY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\x00", "\x01", "\x1c", "\x7f", "\ud800", "\udfff", "\t", "\n", ":", "-", "{", "["]),
    ),
    max_size=40,
)
_NASTY_SCALARS = st.one_of(
    _NASTY_TEXT,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.booleans(),
    st.none(),
)
_NASTY_DOCUMENTS = st.recursive(
    _NASTY_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_NASTY_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NASTY_TEXT, st.sampled_from(["yaml", "json"]))
def test_any_text_reads_as_a_document_or_an_input_error(text: str, fmt) -> None:
    """Arbitrary text with control characters and surrogates gives a clean document or an InputError."""
    try:
        data, _ = loads_document(text, fmt, source="fuzz")
    except InputError as error:
        assert str(error).startswith("fuzz")
        return
    assert find_bad_value(data) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NASTY_DOCUMENTS, st.sampled_from(["yaml", "json"]))
def test_any_document_round_trips_or_names_its_bad_value(document: object, fmt) -> None:
    """A document written as JSON or YAML reads back equal, or the reader names the bad value's field."""
    if fmt == "json":
        text = json.dumps(document)
    else:
        text = yaml.safe_dump(document, allow_unicode=False)
    bad = find_bad_value(document)
    try:
        data, _ = loads_document(text, fmt, source="fuzz")
    except UnusableValue as error:
        assert bad is not None and error.reason  # (YAML sorts keys, so another bad value may come first)
        return
    except InputError:
        assert bad is not None  # YAML's reader refuses some characters before any value is built
        return
    assert bad is None
    if fmt == "json":
        assert data == document  # (no NaN here: it is a bad value)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["deadline", "release", "fixed_start", "target"]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.booleans(), st.text(max_size=5)),
)
def test_extreme_dates_and_numbers_give_a_program_or_its_problems(field: str, day: dt.date, duration) -> None:
    """Any date up to 9999-12-31 and any duration give a Program or ProgramInvalid, never another error."""
    text = json.dumps(
        {
            "name": "x",
            "start": "2027-01-04",
            "projects": [{"id": "p", "tasks": [{"id": "t", "duration": duration, field: day.isoformat()}]}],
        }
    )
    try:
        data, lines = loads_document(text, "json", source="fuzz.json")
        parse_program(data, source="fuzz.json", lines=lines)
    except (InputError, ProgramInvalid) as error:
        assert str(error)
