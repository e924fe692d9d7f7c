"""The terminal rendering of a comparison: counts in the singular where there is one."""

from __future__ import annotations

from rich.console import Console

from planner.cli.compare_render import render_comparison
from tests.reports.example import comparison


def test_one_scenario_and_a_one_link_chain_are_singular():
    """Build <late>: 'base against 1 scenario' and the chain p.build -> p.live reads '(1 link)'."""
    console = Console(record=True, width=200)
    render_comparison(console, comparison())
    text = console.export_text()
    assert "test: base against 1 scenario\n" in text
    assert "p.build -> p.live (1 link)" in text
