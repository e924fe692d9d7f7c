"""The HTML report opens offline: plotly's bundle inline once, no script from the network."""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs

from planner.io.comparison_file import write_comparison
from planner.reports.html import comparison_html
from tests.reports.example import comparison


def test_report_embeds_plotly_once_and_loads_nothing_from_the_network():
    """The bundle is inline exactly once; no <script src>, no http(s) script, no CDN."""
    page = comparison_html(comparison())
    bundle = get_plotlyjs()
    assert page.count(bundle[:200]) == 1
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and not any("src=" in tag for tag in scripts)
    assert not re.search(r"<script[^>]+src\s*=\s*[\"']?https?:", page)
    assert "cdn.plot.ly" not in page.replace(bundle, "")
    assert page.startswith("<!DOCTYPE html>")


def test_report_has_the_charts_and_tables():
    """Milestone movement, one Gantt per scenario and the load chart are there; names are escaped."""
    page = comparison_html(comparison())
    for div in ('id="milestones"', 'id="gantt-0"', 'id="load"'):
        assert div in page
    assert "Build &lt;late&gt;" in page and "Build <late>" not in page.replace(get_plotlyjs(), "")
    assert "p.build changed (duration 10 -&gt; 15)" in page
    assert "Why milestones moved" in page


def test_comparison_files(tmp_path):
    """HTML, JSON, Excel and CSV (with one file per further table) are written where asked."""
    result = comparison()
    assert write_comparison(tmp_path / "r.html", result) == [tmp_path / "r.html"]
    write_comparison(tmp_path / "r.json", result)
    write_comparison(tmp_path / "r.xlsx", result)
    written = write_comparison(tmp_path / "r.csv", result)
    assert {p.name for p in written} == {
        "r.csv",
        "r-scenarios.csv",
        "r-moved.csv",
        "r-causes.csv",
        "r-load.csv",
        "r-load_weekly.csv",
        "r-tasks.csv",
    }
    assert (tmp_path / "r.html").stat().st_size > len(get_plotlyjs())


def test_report_tables_have_human_headers():
    """The scenarios table reads 'finish change (working days)', not the code name finish_change_wd."""
    page = comparison_html(comparison()).replace(get_plotlyjs(), "")
    assert "<th>finish change (working days)</th>" in page and "<th>total shift (working days)</th>" in page
    assert "<th>Build &lt;late&gt;: change (working days)</th>" in page
    assert "finish_change_wd" not in page and "total_shift_wd" not in page
