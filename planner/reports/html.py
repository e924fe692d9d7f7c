"""A self-contained HTML report of a comparison, with plotly charts that open offline.

The page embeds plotly's bundled JavaScript once, inline (no CDN, no network): a Gantt chart of
the base against each scenario, the movement of every milestone, and the weekly load of every
role and specialist against capacity, followed by the comparison's tables.
"""

from __future__ import annotations

import datetime as dt
import html
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots

from planner.analysis.comparison.compare import BASE, Bar, Comparison
from planner.analysis.comparison.load_change import LoadSeries
from planner.reports.compare_tables import (
    causes_table,
    dates_table,
    load_table,
    moved_table,
    scenarios_table,
)

_DAY_MS = 86_400_000
_BASE_COLOUR = "#9e9e9e"
_MOVED_COLOUR = "#d62728"
_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } tr:nth-child(even) td { background: #fafafa; }
.note { color: #666; font-size: 0.9em; } ul.changes { margin: 0.3em 0 1em; }
"""


def _colours(names: list[str]) -> dict[str, str]:
    palette = qualitative.Plotly
    return {BASE: "#444444", **{n: palette[i % len(palette)] for i, n in enumerate(names)}}


def _figure_html(figure: go.Figure, div_id: str) -> str:
    return str(
        figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=div_id,
            config={"displaylogo": False, "responsive": True},
        )
    )


def gantt_figure(comparison: Comparison, scenario: str) -> go.Figure:
    """Bars of every task in the base (grey) and in ``scenario`` (red where it moved), milestones as diamonds.

    Parameters
    ----------
    comparison
        The comparison.
    scenario
        The scenario to set against the base.
    """
    base = {b.key: b for b in comparison.bars if b.scenario == BASE}
    mine = {b.key: b for b in comparison.bars if b.scenario == scenario}
    order = list(dict.fromkeys([*base, *mine]))
    colour = _colours(comparison.names)[scenario]
    shifted = {
        m.key for m in comparison.scenario(scenario).moved
    }  # moved as planner.analysis.comparison.disruption counts
    figure = go.Figure()
    for name, bars, tint in ((BASE, base, _BASE_COLOUR), (scenario, mine, colour)):
        tasks = [b for k in order if (b := bars.get(k)) is not None and not b.milestone]
        moved = [name != BASE and b.key in shifted for b in tasks]
        figure.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=[b.key for b in tasks],
                base=[b.start.isoformat() for b in tasks],
                x=[((b.finish - b.start).days + 1) * _DAY_MS for b in tasks],
                marker_color=[_MOVED_COLOUR if m else tint for m in moved],
                offsetgroup=name,
                legendgroup=name,
                hovertext=[_hover(b) for b in tasks],
                hoverinfo="text",
            )
        )
        stones = [b for k in order if (b := bars.get(k)) is not None and b.milestone]
        figure.add_trace(
            go.Scatter(
                name=f"{name} milestones",
                x=[b.start.isoformat() for b in stones],
                y=[b.key for b in stones],
                mode="markers",
                marker={"symbol": "diamond", "size": 9, "color": tint},
                legendgroup=name,
                hovertext=[_hover(b) for b in stones],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        title=f"Gantt: {BASE} (grey) against {scenario} (moved tasks in red)",
        barmode="group",
        height=160 + 18 * len(order),
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        xaxis={"type": "date"},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 9}},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return figure


def _hover(bar: Bar) -> str:
    when = str(bar.start) if bar.milestone else f"{bar.start} to {bar.finish}"
    return f"{html.escape(bar.key)} ({bar.scenario})<br>{html.escape(bar.name)}<br>{when}"


def milestone_figure(comparison: Comparison) -> go.Figure:
    """Every milestone's date in the base and each scenario, joined by a line where it moved."""
    rows = [r for r in comparison.dates if r.kind == "milestone"]
    colours = _colours(comparison.names)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            name=BASE,
            x=[r.base.isoformat() if r.base else None for r in rows],
            y=[r.key for r in rows],
            mode="markers",
            marker={"color": colours[BASE], "size": 9, "symbol": "circle-open"},
        )
    )
    for name in comparison.names:
        xs: list[str | None] = []
        ys: list[str | None] = []
        for r in rows:
            d = r.delta(name)
            if r.base is not None and d.date is not None and d.date != r.base:
                xs += [r.base.isoformat(), d.date.isoformat(), None]
                ys += [r.key, r.key, None]
        figure.add_trace(
            go.Scatter(
                name=f"{name} (move)",
                x=xs,
                y=ys,
                mode="lines",
                showlegend=False,
                line={"color": colours[name], "width": 2},
                hoverinfo="skip",
            )
        )
        figure.add_trace(
            go.Scatter(
                name=name,
                x=[_iso(r.delta(name).date) for r in rows],
                y=[r.key for r in rows],
                mode="markers",
                marker={"color": colours[name], "size": 9},
                hovertext=[
                    f"{r.key}: {r.delta(name).date} ({_signed(r.delta(name).working_days)} wd)" for r in rows
                ],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        title="Milestone movement (working days against the base in the hover)",
        height=160 + 22 * len(rows),
        template="plotly_white",
        xaxis={"type": "date"},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 9}},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
    )
    return figure


def _signed(value: int | None) -> str:
    return "n/a" if value is None else f"{value:+d}"


def load_figure(comparison: Comparison) -> go.Figure:
    """Weekly peak use (solid) against capacity (dashed) of each role and specialist, per schedule."""
    series: dict[tuple[str, str], dict[str, LoadSeries]] = {}
    for one in comparison.load_series:
        series.setdefault((one.kind, one.resource), {})[one.scenario] = one
    keys = sorted(series, key=lambda k: (k[0] != "role", k[1]))
    colours = _colours(comparison.names)
    cols = 2
    rows = max(1, math.ceil(len(keys) / cols))
    titles = [_title(series[k]) for k in keys]
    figure = make_subplots(
        rows=rows, cols=cols, subplot_titles=titles or ["no load"], vertical_spacing=0.25 / rows
    )
    for i, key in enumerate(keys):
        row, col = i // cols + 1, i % cols + 1
        base_capacity = None
        for name in [BASE, *comparison.names]:
            s = series[key].get(name)
            if s is None:
                continue
            weeks = [w.week.isoformat() for w in s.weeks]
            capacity = [w.capacity for w in s.weeks]
            figure.add_trace(
                go.Scatter(
                    name=name,
                    x=weeks,
                    y=[w.peak for w in s.weeks],
                    mode="lines",
                    line={"color": colours[name], "shape": "hv"},
                    legendgroup=name,
                    showlegend=i == 0,
                ),
                row=row,
                col=col,
            )
            if name == BASE or capacity != base_capacity:
                figure.add_trace(
                    go.Scatter(
                        name=f"{name} capacity",
                        x=weeks,
                        y=capacity,
                        mode="lines",
                        legendgroup=name,
                        showlegend=False,
                        line={"color": colours[name], "dash": "dash", "shape": "hv", "width": 1},
                    ),
                    row=row,
                    col=col,
                )
            if name == BASE:
                base_capacity = capacity
    figure.update_layout(
        title="Load per role and specialist: weekly peak (solid) against capacity (dashed); "
        "people in percent of a day",
        height=120 + 230 * rows,
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 90, "b": 30},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom"},
    )
    return figure


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _title(by_scenario: dict[str, LoadSeries]) -> str:
    s = next(iter(by_scenario.values()))
    unit = " (%)" if s.kind == "person" else ""
    return f"{s.name}{unit}"


_HEADERS = {
    "scenario": "scenario",
    "status": "status",
    "finish": "finish",
    "working_days": "working days",
    "finish_change_wd": "finish change (working days)",
    "moved_tasks": "tasks moved",
    "total_shift_wd": "total shift (working days)",
    "added_tasks": "tasks added",
    "removed_tasks": "tasks removed",
    "milestones_moved": "milestones moved",
    "cost": "cost",
    "cost_change": "cost change",
    "solve_time_s": "solve time (s)",
    "changes": "changes",
    "kind": "kind",
    "key": "item",
    "name": "name",
    "deadline": "deadline",
    "target": "target",
    "base": "base",
    "milestone": "milestone",
    "shift_wd": "shift (working days)",
    "read_from": "chain read from",
    "origin": "starts from",
    "links": "links",
    "chain": "chain",
    "task": "task",
    "base_start": "base start",
    "base_finish": "base finish",
    "start": "start",
    "start_shift_wd": "start shift (working days)",
    "finish_shift_wd": "finish shift (working days)",
    "start_shift_days": "start shift (calendar days)",
    "resource": "resource",
    "base_peak": "base peak",
    "peak": "peak",
    "peak_change": "peak change",
    "base_overloaded_days": "base days over capacity",
    "overloaded_days": "days over capacity",
    "overloads_avoided": "overloads avoided",
    "overloads_created": "overloads created",
}
"""Column names of :mod:`planner.reports.compare_tables` (kept in CSV and Excel) as the report shows them."""


def _table(frame: pd.DataFrame, headers: dict[str, str] | None = None) -> str:
    if frame.empty:
        return '<p class="note">none</p>'
    shown = frame.rename(columns={**_HEADERS, **(headers or {})})
    return str(shown.to_html(index=False, escape=True, na_rep="", border=0))


def _date_headers(comparison: Comparison) -> dict[str, str]:
    """The dates table's per-scenario columns ``S wd`` and ``S days`` in words."""
    out: dict[str, str] = {}
    for name in comparison.names:
        out[f"{name} wd"] = f"{name}: change (working days)"
        out[f"{name} days"] = f"{name}: change (calendar days)"
    return out


def comparison_html(comparison: Comparison, title: str | None = None) -> str:
    """The whole report as one HTML document that needs no network to open.

    Parameters
    ----------
    comparison
        The comparison to report.
    title
        The page title (default: the program's name).

    Returns
    -------
    str
        HTML with plotly's JavaScript bundled inline once, the charts and the tables.
    """
    heading = html.escape(title or f"Scenario comparison: {comparison.program}")
    parts = [
        f"<h1>{heading}</h1>",
        (
            f'<p class="note">Generated {dt.date.today()}. Differences are counted in working days (wd) of '
            "each scenario's calendar and in calendar days; a positive number is later than the base. A task "
            "moved when its start or finish date differs from the base.</p>"
        ),
        "<h2>Scenarios</h2>",
        _table(scenarios_table(comparison)),
        "<h2>Milestone movement</h2>",
        _figure_html(milestone_figure(comparison), "milestones"),
        "<h2>Dates</h2>",
        _table(dates_table(comparison), _date_headers(comparison)),
    ]
    causes, moved = causes_table(comparison), moved_table(comparison)
    for i, s in enumerate(comparison.scenarios):
        parts.append(f"<h2>{html.escape(s.name)}</h2>")
        parts.append(
            f"<p>Status <b>{s.status.value}</b>; finish {s.finish or 'none'}; "
            f"{s.moved_count} tasks moved, {s.total_shift} working days in total.</p>"
        )
        if s.changes:
            parts.append(
                '<ul class="changes">' + "".join(f"<li>{html.escape(c)}</li>" for c in s.changes) + "</ul>"
            )
        if not s.finish:
            if s.no_schedule is not None:
                parts.append(f"<p><b>Why there is no schedule</b>: {html.escape(s.no_schedule.message)}</p>")
            continue
        parts.append("<h3>Why milestones moved</h3>")
        parts.append(_table(causes[causes["scenario"] == s.name].drop(columns="scenario")))
        parts.append(_figure_html(gantt_figure(comparison, s.name), f"gantt-{i}"))
        parts.append("<h3>Tasks moved</h3>")
        parts.append(_table(moved[moved["scenario"] == s.name].drop(columns="scenario")))
    parts += [
        "<h2>Load per role and specialist</h2>",
        _figure_html(load_figure(comparison), "load"),
        _table(load_table(comparison)),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{heading}</title>",
            f"<style>{_CSS}</style>",
            f'<script type="text/javascript">{get_plotlyjs()}</script>',
            "</head>",
            "<body>",
            *parts,
            "</body>",
            "</html>",
            "",
        ]
    )


__all__ = ["comparison_html", "gantt_figure", "load_figure", "milestone_figure"]
