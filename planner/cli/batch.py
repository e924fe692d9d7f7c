"""``planner batch DIR_OR_GLOB``: solve every scenario file into one table, in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from planner.batch.executors import EXECUTORS
from planner.cli.app import app, err, guard, out
from planner.cli.options import Seed, writable
from planner.cli.progress import BatchBar
from planner.errors import InputError
from planner.io.batch_file import check_results_path, write_results
from planner.workflows.batch import FAILED, run_batch
from planner.workflows.options import SolveOptions

_SHOWN = 40


@app.command("batch")
def batch_command(
    target: Annotated[
        str,
        typer.Argument(
            help="A folder (searched recursively) or a glob of scenario and program files.",
            show_default=False,
        ),
    ],
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Solves at once; 0 fills the machine (or the Ray cluster)."),
    ] = 0,
    time_limit: Annotated[
        float, typer.Option("--time-limit", "-t", min=0.1, help="Seconds for each solve.")
    ] = 30.0,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Search workers (CPUs) per solve; several solves run at once (--jobs).",
        ),
    ] = 1,
    seed: Seed = 0,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Results table: .csv, .parquet or .xlsx; the cache that lets a rerun skip solved "
            "scenarios sits beside it.",
        ),
    ] = None,
    executor: Annotated[
        str, typer.Option("--executor", help=f"Where solves run: {' or '.join(EXECUTORS)}.")
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (with --executor ray).")
    ] = None,
) -> None:
    """Solve every scenario file (each base program once) and write one row per file.

    A file that fails (bad input, infeasible) gets its row with the reason and the batch goes on.
    Rerunning with the same -o skips scenarios already solved from unchanged files and options.
    Exit status 0 when every row has a schedule, 1 when some have none, 2 for bad input.
    """
    with guard():
        if output is not None:
            writable([check_results_path(output)])
        if workers < 1:
            raise InputError("each solve needs at least one worker")
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        with BatchBar(err, title=f"batch {target}") as bar:
            result = run_batch(
                target, options, jobs=jobs, executor=executor, address=address, output=output, progress=bar
            )
        table = Table(
            title=f"{len(result.rows)} rows: {result.solved} run, {result.cached} from the cache, "
            f"{result.failed} failed, {result.wall_time:.1f} s",
            title_justify="left",
        )
        for column in ("file", "scenario", "status", "finish", "Δ wd", "moved", "reason"):
            table.add_column(column, overflow="fold", no_wrap=column in ("status", "finish"))
        for row in result.rows[:_SHOWN]:
            status = row.get("status") or ""
            colour = "red" if status in FAILED else "green"
            delta = row.get("finish_wd")
            table.add_row(
                str(row.get("file")),
                str(row.get("scenario") or ""),
                f"[{colour}]{status}[/]",
                str(row.get("finish") or ""),
                "" if delta is None else f"{delta:+d}",
                "" if row.get("moved_tasks") is None else str(row["moved_tasks"]),
                str(row.get("reason") or ""),
            )
        if len(result.rows) > _SHOWN:
            table.caption = f"{len(result.rows) - _SHOWN} more rows in the output file"
        out.print(table)
        for skipped in result.skipped:
            err.print(f"[dim]skipped {skipped}: neither a program nor a scenario[/]")
        if output is not None:
            write_results(output, result.rows)
            err.print(f"wrote {output}")
        if result.failed:
            raise typer.Exit(1)
