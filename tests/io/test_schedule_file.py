"""Reading schedules: files that are not schedules are refused with the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.io.schedule_file import read_schedule


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("list.json", "[1, 2, 3]", "a schedule is a JSON object (as `planner solve -o` writes), not list"),
        ("null.json", "null", "a schedule is a JSON object (as `planner solve -o` writes), not null"),
        ("text.xlsx", "hello", "not an Excel workbook; expected a workbook with a 'tasks' sheet"),
        ("bad.json", "{", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_a_schedule_is_refused_with_the_reason(
    tmp_path: Path, name: str, text: str, reason: str
):
    """A JSON list or null, a text file named .xlsx, broken JSON: an input error naming the file and why."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_schedule(path)
    assert str(caught.value).startswith(f"{path}") and reason in str(caught.value)
