"""The front door: ``import planner`` gives every name the README's Python code uses, stays cheap, and
the README's Python example runs as written and gives a schedule the independent checker accepts."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import planner

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_section() -> str:
    """The README's ``## Python`` section."""
    start = README.index("\n## Python\n")
    return README[start : README.index("\n## ", start + 1)]


def _blocks(text: str) -> list[str]:
    """The ```python blocks of ``text``."""
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def _names(text: str) -> set[str]:
    """Every ``planner.NAME`` the Python blocks of ``text`` use."""
    return {name for block in _blocks(text) for name in re.findall(r"\bplanner\.(\w+)", block)}


def test_the_python_section_uses_only_top_level_names():
    """Every import in the README's Python code is ``import planner``: no deep import is needed."""
    for block in _blocks(README):
        imports = [line for line in block.splitlines() if re.match(r"\s*(from|import)\s", line)]
        assert all(line.strip() == "import planner" for line in imports), imports


@pytest.mark.parametrize("name", sorted(_names(README)))
def test_every_name_the_readme_shows_is_exported(name: str):
    """Each ``planner.NAME`` the README's Python code uses is public and resolves."""
    assert name in planner.__all__ or name == "check"
    assert getattr(planner, name) is not None


def test_every_exported_name_resolves():
    """Every name of ``planner.__all__`` imports (a typo in the lazy table would only fail on use)."""
    for name in planner.__all__:
        assert getattr(planner, name) is not None, name
    assert planner.__version__
    assert callable(planner.check.check) and callable(planner.verify)


def test_importing_planner_does_not_load_the_solver():
    """``import planner`` and ``import planner.models`` leave OR-Tools unloaded; ``planner.solve`` loads it."""
    code = (
        "import sys, planner, planner.models; assert 'ortools' not in sys.modules, 'eager'; "
        "planner.solve; assert 'ortools' in sys.modules, 'lazy'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_the_readme_python_example_runs_and_its_schedule_passes_the_checker(monkeypatch):
    """The first Python block of the section runs from the repository's folder: it solves the
    quickstart, verifies it, prints its finish and why it ends then; the checker finds nothing."""
    monkeypatch.chdir(ROOT)
    example = _blocks(_python_section())[0]
    scope: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example, "README.md", "exec"), scope)  # noqa: S102 (the README's own example)
    program, schedule = scope["program"], scope["schedule"]
    assert isinstance(program, planner.Program) and isinstance(schedule, planner.Schedule)
    assert schedule.has_plan
    assert planner.check.check(program, schedule) == []
    finish = planner.summarize(program, schedule).finish
    lines = printed.getvalue().splitlines()
    assert lines[0] == str(finish)
    assert len(lines) == 2 and lines[1]  # the explanation's headline
