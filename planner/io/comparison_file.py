"""Comparisons as files: JSON (complete), CSV (tables), Excel (a sheet per table) or HTML (report).

- ``.json``: the whole :class:`planner.analysis.comparison.compare.Comparison`; :func:`read_comparison`
  reads it back.
- ``.csv``: the dates table (program, projects, milestones per scenario) in the file named, and
  every other table beside it as ``<stem>-<table>.csv`` (``-scenarios``, ``-moved``, ``-causes``,
  ``-load``, ``-load_weekly``, ``-tasks``).
- ``.xlsx``: one sheet per table.
- ``.html``: the self-contained report of :mod:`planner.reports.html`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from planner.analysis.comparison.compare import Comparison
from planner.errors import InputError
from planner.reports.compare_tables import TABLES, comparison_tables

logger = logging.getLogger(__name__)

FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}
"""File extensions a comparison can be written to, and their format."""


def comparison_format(path: str | Path) -> str:
    """The format (``json``, ``csv``, ``xlsx`` or ``html``) a path's extension names.

    Raises
    ------
    InputError
        When the extension is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"{path}: cannot write a comparison as '{suffix or 'no extension'}'; "
            f"use .json, .csv, .xlsx or .html"
        )
    return FORMATS[suffix]


def write_comparison(path: str | Path, comparison: Comparison) -> list[Path]:
    """Write ``comparison`` in the format the extension of ``path`` names.

    Parameters
    ----------
    path
        ``.json``, ``.csv``, ``.xlsx`` or ``.html``; parent folders are created.
    comparison
        The comparison to write.

    Returns
    -------
    list[Path]
        Every file written (several for CSV).
    """
    path = Path(path)
    fmt = comparison_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = [path]
    if fmt == "json":
        path.write_text(comparison.model_dump_json(indent=2) + "\n", encoding="utf-8")
    elif fmt == "html":
        try:
            from planner.reports.html import comparison_html
        except ImportError as error:
            raise InputError(f"{path}: the HTML report needs plotly ({error}); pip install plotly") from None
        path.write_text(comparison_html(comparison), encoding="utf-8")
    elif fmt == "xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in comparison_tables(comparison).items():
                frame.to_excel(writer, sheet_name=name, index=False)
    else:
        tables = comparison_tables(comparison)
        tables["dates"].to_csv(path, index=False)
        for name in TABLES:
            if name != "dates":
                extra = path.with_name(f"{path.stem}-{name}.csv")
                tables[name].to_csv(extra, index=False)
                written.append(extra)
    logger.info("wrote comparison of %s to %s", comparison.program, ", ".join(map(str, written)))
    return written


def read_comparison(path: str | Path) -> Comparison:
    """Read a comparison written as JSON by :func:`write_comparison`.

    Raises
    ------
    InputError
        When the file is missing or is not a comparison.
    """
    path = Path(path)
    try:
        return Comparison.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: not a comparison: {where}: {first['msg']}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a comparison ({error})") from None


__all__ = ["FORMATS", "comparison_format", "read_comparison", "write_comparison"]
