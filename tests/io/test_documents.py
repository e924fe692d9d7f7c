"""Document reading tests: YAML mistakes people make get a line and a plain-words hint."""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.io.documents import loads_document


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
