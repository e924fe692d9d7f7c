"""The batch progress bar: what it says about the time left."""

from __future__ import annotations

import io

from rich.console import Console

from planner.cli.progress import BatchBar
from planner.workflows.batch import BatchProgress


def shown(report: BatchProgress | None) -> str:
    """The bar's line after ``report`` (none: as it starts)."""
    console = Console(file=io.StringIO(), record=True, width=200)
    bar = BatchBar(console)
    if report is not None:
        bar(report)
    console.print(bar._progress.get_renderable())
    return console.export_text()


def test_time_left_says_estimating_until_a_first_job_is_done():
    """At the start 'estimating…', not '~-:--:--'; with 90 s to go 'left ~0:01:30'; at the end 'left 0:00:00'."""
    assert "estimating…" in shown(None) and "-:--:--" not in shown(None)
    assert "estimating…" in shown(
        BatchProgress(total=4, done=0, failed=0, cached=0, running=2, elapsed=3.0, eta=None)
    )
    assert "left ~0:01:30" in shown(
        BatchProgress(total=4, done=1, failed=0, cached=0, running=2, elapsed=30.0, eta=90.0)
    )
    assert "left 0:00:00" in shown(
        BatchProgress(total=4, done=4, failed=0, cached=4, running=0, elapsed=1.0, eta=None)
    )
