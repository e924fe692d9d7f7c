"""Options the commands share: output paths refused before any work, naming the option and the path."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.options import writable
from planner.errors import InputError
from tests.cli.test_program_cli import QUICKSTART, planner


def test_a_writable_path_passes_and_its_folder_is_made(tmp_path: Path):
    """A new folder under a writable one is made; nothing is left in it."""
    target = tmp_path / "new" / "schedule.json"
    writable([target], (".json",))
    assert target.parent.is_dir() and list(target.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("schedule.txt", "--output {path}: cannot write '.txt' files; use .json, .csv"),
        ("", "--output {path}: is a folder; give a file name"),
        ("a-file/schedule.json", "--output {path}: cannot write there"),
    ],
)
def test_an_unwritable_path_is_refused_with_the_reason(tmp_path: Path, name: str, expected: str):
    """A wrong suffix, a folder, or a folder that is a file: an input error naming the option and path."""
    (tmp_path / "a-file").write_text("not a folder")
    path = tmp_path / name
    with pytest.raises(InputError) as caught:
        writable([path], (".json", ".csv"))
    assert str(caught.value).startswith(expected.format(path=path))


def test_solve_refuses_an_unwritable_output_before_solving(tmp_path: Path):
    """`planner solve -o` into a folder that is a file exits 2 at once with the reason, and writes nothing."""
    (tmp_path / "a-file").write_text("not a folder")
    result = planner("solve", QUICKSTART, "-t", "600", "-o", tmp_path / "a-file" / "schedule.json")
    assert result.returncode == 2
    assert "--output" in result.stderr and "cannot write there" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
