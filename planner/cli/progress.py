"""A rich progress bar for batch runs: done, failed, cached, running, and the time left."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from planner.workflows.batch import BatchProgress


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _left(report: BatchProgress | None) -> str:
    """``left ~0:01:30``; ``estimating…`` until a first solve has ended (and so gives a rate)."""
    if report is not None and report.total and report.done >= report.total:
        return "left 0:00:00"
    if report is None or report.eta is None:
        return "estimating…"
    return f"left ~{_clock(report.eta)}"


class BatchBar:
    """Shows :class:`~planner.workflows.batch.BatchProgress` reports as a live bar; use as a context manager.

    Parameters
    ----------
    console
        Where to draw (standard error for the CLI).
    title
        The bar's label.
    """

    def __init__(self, console: Console, title: str = "batch") -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]failed {task.fields[failed]}[/]"),
            TextColumn("cached {task.fields[cached]}"),
            TextColumn("running {task.fields[running]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[left]}"),
            console=console,
            transient=False,
        )
        self._task: TaskID = self._progress.add_task(
            title, total=None, failed=0, cached=0, running=0, left=_left(None)
        )

    def __call__(self, report: BatchProgress) -> None:
        """Update the bar with a report."""
        self._progress.update(
            self._task,
            total=report.total,
            completed=report.done,
            failed=report.failed,
            cached=report.cached,
            running=report.running,
            left=_left(report),
        )

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._progress.stop()


__all__ = ["BatchBar"]
