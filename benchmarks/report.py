"""The markdown summary of a benchmark run, computed from its results CSV alone."""

from __future__ import annotations

import csv
import math
import statistics
from pathlib import Path
from typing import Any

TARGETS = {
    "j30": "all proven optimal (10 s)",
    "j120": "mean gap to best known <= 1.37 % and geo-mean ratio to peer <= 1.00 (30 s)",
    "mpsplib": "TMS <= MS Project on every instance and mean gap <= -6 % (15 s)",
    "mplib": "mean gap to best known <= -0.42 % (30 s)",
}


def _num(value: str) -> float | None:
    return float(value) if value not in ("", "None") else None


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _fmt(value: float | None, digits: int = 2, unit: str = "") -> str:
    return "–" if value is None else f"{value:.{digits}f}{unit}"


def _geo(values: list[float]) -> float | None:
    return math.exp(statistics.fmean(math.log(v) for v in values)) if values else None


def _side(rows: list[dict[str, str]], who: str) -> dict[str, Any]:
    gaps = [g for r in rows if (g := _num(r[f"{who}_gap_pct"])) is not None]
    walls = [w for r in rows if (w := _num(r[f"{who}_wall_s"])) is not None]
    solved = [r for r in rows if _num(r[f"{who}_makespan"]) is not None]
    return {
        "solved": len(solved),
        "verified": sum(r[f"{who}_verified"] == "True" for r in rows),
        "optimal": sum(r[f"{who}_status"] == "optimal" for r in rows),
        "mean_gap": _mean(gaps),
        "median_gap": statistics.median(gaps) if gaps else None,
        "max_gap": max(gaps) if gaps else None,
        "worse": sum(g > 1e-9 for g in gaps),
        "equal": sum(abs(g) <= 1e-9 for g in gaps),
        "better": sum(g < -1e-9 for g in gaps),
        "mean_s": _mean(walls),
        "load": _mean([x for r in rows if (x := _num(r.get("load_avg_1min", ""))) is not None]),
        "max_s": max(walls) if walls else None,
    }


def _verdict(set_name: str, rows: list[dict[str, str]], planner: dict, ratio: float | None) -> str:
    """Whether the run meets the issue's target for the set (only meaningful for the standard suite)."""
    n = len(rows)
    if set_name == "j30":
        ok = planner["optimal"] == n
        return f"{'met' if ok else 'NOT met'}: {planner['optimal']}/{n} proven optimal"
    gap = planner["mean_gap"]
    if gap is None:
        return "no schedules"
    if set_name == "j120":
        parts = [f"mean gap {gap:.2f} % ({'met' if gap <= 1.37 else f'NOT met, {gap - 1.37:+.2f} pt'})"]
        if ratio is not None:
            parts.append(f"geo-mean ratio {ratio:.4f} ({'met' if ratio <= 1.0 else 'NOT met'})")
        return "; ".join(parts)
    if set_name == "mpsplib":
        worse = planner["worse"]
        return (
            f"worse than MS Project on {worse}/{n} ({'met' if worse == 0 else 'NOT met'}); mean gap "
            f"{gap:.2f} % ({'met' if gap <= -6 else f'NOT met, {gap + 6:+.2f} pt'})"
        )
    if set_name == "mplib":
        return f"mean gap {gap:.2f} % ({'met' if gap <= -0.42 else f'NOT met, {gap + 0.42:+.2f} pt'})"
    return ""


def summarize(results: list[Path], machine: dict[str, str], command: str) -> str:
    """Markdown: per set, gap to reference, proven optima, times, planner/peer ratios.

    ``results`` are one or more CSVs written by ``benchmarks.run`` (parts of one run).
    """
    rows: list[dict[str, str]] = []
    for path in results:
        with open(path, newline="") as f:
            rows.extend(csv.DictReader(f))
    sets: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        sets.setdefault(row["set"], []).append(row)
    lines = ["# Benchmark summary", ""]
    if command:
        lines += [f"Command: `{command}`", ""]
    lines += ["Machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()), ""]
    lines += [
        (
            "Gap = 100·(makespan − reference)/reference; reference per PROVENANCE.md (optimum or best "
            "known for PSPLIB/MPLIB, the MS Project P-SGS/MINSLK heuristic's TMS for MPSPLIB). "
            "Times are wall seconds including model building. Ratio = planner/peer makespan. "
            "Mean load = the machine's 1-minute load average after each instance (2 cores: above 2 "
            "means other work was competing for the CPU)."
        ),
        "",
    ]
    header = (
        "| set | n | limit s | solver | solved | checked | mean gap | median | max | "
        "worse/equal/better than ref | proven opt | mean s | max s | mean load |"
    )
    lines += [header, "|" + "---|" * 14]
    verdicts, ratio_lines = [], []
    for set_name, group in sets.items():
        limit = group[0]["time_limit_s"]
        has_peer = any(r.get("peer_status") for r in group)
        ratios = [x for r in group if (x := _num(r.get("ratio_planner_to_peer", ""))) is not None]
        geo = _geo(ratios)
        for who in ("planner", "peer") if has_peer else ("planner",):
            s = _side(group, who)
            lines.append(
                f"| {set_name} | {len(group)} | {limit} | {who} | {s['solved']} | {s['verified']} | "
                f"{_fmt(s['mean_gap'], unit=' %')} | {_fmt(s['median_gap'], unit=' %')} | "
                f"{_fmt(s['max_gap'], unit=' %')} | {s['worse']}/{s['equal']}/{s['better']} | "
                f"{s['optimal']} | {_fmt(s['mean_s'])} | {_fmt(s['max_s'])} | {_fmt(s['load'], 1)} |"
            )
        if ratios:
            ratio_lines.append(
                f"| {set_name} | {len(ratios)} | {geo:.4f} | {sum(x < 1 for x in ratios)} | "
                f"{sum(x == 1 for x in ratios)} | {sum(x > 1 for x in ratios)} | {min(ratios):.3f} | "
                f"{max(ratios):.3f} |"
            )
        if set_name in TARGETS:
            verdicts.append(
                f"- **{set_name}** (target: {TARGETS[set_name]}; this run: {len(group)} "
                f"instances at {limit} s): {_verdict(set_name, group, _side(group, 'planner'), geo)}"
            )
    if ratio_lines:
        lines += [
            "",
            "Planner/peer makespan ratio per instance:",
            "",
            "| set | n | geo-mean | planner better | equal | peer better | min | max |",
            "|" + "---|" * 8,
            *ratio_lines,
        ]
    lines += [
        "",
        "Targets (issue 3; a verdict only counts for the full standard suite at the stated limit):",
        "",
        *verdicts,
        "",
    ]
    unchecked = [
        r["instance"]
        for r in rows
        if r["planner_status"] in ("optimal", "feasible") and r["planner_verified"] != "True"
    ]
    if unchecked:
        lines += [f"**Checker rejected planner schedules:** {', '.join(unchecked)}", ""]
    return "\n".join(lines)
