"""The import rules of docs/design.md, enforced on every module of planner/ and api/ parsed with ast.

A *room* is a package of ``planner`` (``planner.models``, ``planner.solvers``, ...), a top-level
module of it (``planner.errors``), the front door ``planner`` itself (its ``__init__``), or ``api``.
A module may import from its own room and from the rooms ``ALLOWED`` lists for it; every import
counts, including those inside functions and under ``TYPE_CHECKING`` (a dependency is a
dependency). Where today's code breaks a rule, the exact ``(module, imported module)`` pair is in
``DEBTS`` with the reason, so the rules hold for everything else: a new violation fails
:func:`test_rooms_import_only_the_rooms_allowed`, and a debt paid must be struck off the list
(:func:`test_every_debt_is_still_owed`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent

# The rooms, bottom to top (docs/design.md, "Who imports whom").
_BELOW_USE_CASES = frozenset({"errors", "models", "io", "scenarios", "solvers", "check", "analysis"})
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "models": frozenset({"errors"}),
    "io": frozenset({"errors", "models"}),
    "interop": frozenset({"errors", "models", "io"}),  # beside io: plan files of other tools -> models
    "scenarios": frozenset({"errors", "models", "io"}),
    "solvers": frozenset({"errors", "models"}),
    "check": frozenset({"errors", "models"}),
    "analysis": frozenset({"errors", "models", "scenarios", "solvers", "check"}),
    "batch": _BELOW_USE_CASES,
    "workflows": _BELOW_USE_CASES | {"batch", "interop"},
    "reports": frozenset({"errors", "models", "check", "analysis", "workflows"}),
    "planner": _BELOW_USE_CASES | {"batch", "workflows", "reports"},  # the front door: the public API
    # the command line reaches the solver only through the use cases (their options included)
    "cli": (_BELOW_USE_CASES - {"solvers"}) | {"batch", "workflows", "reports", "interop"},
    "__main__": frozenset({"cli"}),
    "api": _BELOW_USE_CASES | {"batch", "workflows", "reports", "planner", "interop"},
}

# Modules that belong to another room than their path says.
ROOM_OF = {}

# Known debts: (module, imported module) pairs that break a rule today. Strike a pair off when it
# is paid; add none without saying here why it cannot be paid now.
DEBTS: frozenset[tuple[str, str]] = frozenset(
    {
        # io is the bottom room that knows file formats, but its writers of results build the report
        # tables and summaries themselves: move them to reports (or pass the tables in).
        ("planner.io.comparison_file", "planner.analysis.comparison.compare"),
        ("planner.io.comparison_file", "planner.reports.compare_tables"),
        ("planner.io.comparison_file", "planner.reports.html"),
        ("planner.io.schedule_file", "planner.analysis.facts.summary"),
        ("planner.io.schedule_file", "planner.reports.tables"),
        # The version is read from the front door, which will import the solver and the batch engine:
        # read it from a module of its own (or importlib.metadata).
        ("planner.solvers.solve", "planner"),
        ("planner.batch.cache", "planner"),
        # `planner serve` builds the app itself; uvicorn could import it by name ("api.main:...").
        ("planner.cli.serve", "api.main"),
        ("planner.cli.serve", "api.settings"),
    }
)

# Import cycles among modules that exist today (each a set of modules importing each other).
CYCLE_DEBTS: frozenset[frozenset[str]] = frozenset(
    {
        # Program validation calls the finance checks, which read the program back (TYPE_CHECKING and
        # function-level imports hide the circle at run time).
        frozenset(
            {"planner.models.finance_validation", "planner.models.program", "planner.models.validation"}
        ),
    }
)

# Third-party libraries and the only rooms that may import them.
LIBRARIES: dict[str, frozenset[str]] = {
    "ortools": frozenset({"solvers"}),
    "typer": frozenset({"cli"}),
    "rich": frozenset({"cli"}),
    "uvicorn": frozenset({"cli"}),
    "fastapi": frozenset({"api"}),
    "starlette": frozenset({"api"}),
    "sqlalchemy": frozenset({"api"}),
    "yaml": frozenset({"io"}),
    "pyarrow": frozenset({"io"}),
    "pandas": frozenset({"io", "reports"}),
    "ray": frozenset({"batch"}),
    "mpxj": frozenset({"interop"}),
    "jpype": frozenset({"interop"}),
}


@cache
def modules() -> dict[str, Path]:
    """Every module of planner/ and api/ by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for top in ("planner", "api"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The modules an import statement names (``from p import m`` names ``p.m`` when it is a module)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in modules() else base


@cache
def imports() -> dict[str, frozenset[str]]:
    """Each module's imports: the dotted names of the modules it imports, wherever the import is."""
    out: dict[str, frozenset[str]] = {}
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out[module] = frozenset(
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _targets(module, path, node)
        )
    return out


def room(name: str) -> str | None:
    """The room of a module of planner or api; ``None`` for the standard library and third parties."""
    if name in ROOM_OF:
        return ROOM_OF[name]
    parts = name.split(".")
    if parts[0] == "api":
        return "api"
    if parts[0] != "planner":
        return None
    return parts[1] if len(parts) > 1 else "planner"


def violations() -> set[tuple[str, str]]:
    """Every (module, imported module) pair of planner and api that the rooms do not allow."""
    return {
        (module, target)
        for module, targets in imports().items()
        for target in targets
        if (theirs := room(target)) is not None
        and theirs != room(module)
        and theirs not in ALLOWED.get(room(module) or "", frozenset())
    }


def closure(start: set[str]) -> set[str]:
    """The modules of planner and api that ``start`` reaches through imports, with their parent
    packages (importing ``planner.models.finance`` runs ``planner.models``), the front door aside."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        module = todo.pop()
        if module in seen or module not in modules() or module == "planner":
            continue
        seen.add(module)
        parts = module.split(".")
        todo.extend(".".join(parts[:n]) for n in range(2, len(parts)))
        todo.extend(imports()[module])
    return seen


def _in_room(name: str) -> set[str]:
    return {m for m in modules() if room(m) == name}


def test_every_room_is_placed_in_the_design() -> None:
    """Every package and top-level module of planner and api has its rule (a new room needs one)."""
    unplaced = {room(m) for m in modules()} - set(ALLOWED)
    assert not unplaced, f"rooms missing from ALLOWED and docs/design.md: {sorted(r or '' for r in unplaced)}"


def test_rooms_import_only_the_rooms_allowed() -> None:
    """No module imports a room its own room may not import, apart from the known debts."""
    new = sorted(violations() - DEBTS)
    assert not new, "imports the design forbids (fix them, or add to DEBTS with a reason):\n" + "\n".join(
        f"    {pair!r}," for pair in new
    )


def test_every_debt_is_still_owed() -> None:
    """Each known debt is still in the code: one paid is struck off the list, so it cannot come back."""
    paid = sorted(DEBTS - violations())
    assert not paid, "debts paid (remove them from DEBTS):\n" + "\n".join(f"    {pair!r}," for pair in paid)


def test_nothing_in_planner_imports_the_cli_or_the_api() -> None:
    """Only the CLI imports planner.cli (and ``python -m planner``); nothing in planner imports api."""
    for module, targets in imports().items():
        if room(module) in ("api", "cli", "__main__"):
            continue
        assert not any(room(t) == "cli" for t in targets), module
        assert all(room(t) != "api" or (module, t) in DEBTS for t in targets), module


def test_the_checker_shares_no_code_with_the_solver() -> None:
    """The checker reaches only itself, the models and the errors; the solver never reaches the checker."""
    checker = closure(_in_room("check"))
    assert {room(m) for m in checker} <= {"check", "models", "errors"}, sorted(checker)
    solver = closure(_in_room("solvers"))
    assert not any(room(m) == "check" for m in solver), sorted(solver)
    assert not any(room(m) == "solvers" for m in checker)


def test_the_models_import_nothing_above_them() -> None:
    """Everything the models reach is the models or the errors: no solver, file format or checker."""
    assert {room(m) for m in closure(_in_room("models"))} <= {"models", "errors"}


def test_lint_reaches_no_solver() -> None:
    """Warnings before solving need no solver: planner.analysis.lint reaches no solver module (nor ortools)."""
    reached = closure({"planner.analysis.lint"})
    assert not any(room(m) == "solvers" for m in reached), sorted(m for m in reached if room(m) == "solvers")


# Within planner.analysis (docs/design.md, "The analysis"): what each of its rooms may not import.
ANALYSIS_FORBIDDEN: dict[str, frozenset[str]] = {
    "facts": frozenset({"comparison", "explanations", "lint"}),
    "explanations": frozenset({"comparison"}),
    "comparison": frozenset({"lint"}),
}


def _analysis_room(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["planner", "analysis"] else None


def test_analysis_rooms_import_in_order() -> None:
    """Facts import no comparison or explanation, explanations no comparison; every module is in a room."""
    analysis = _in_room("analysis") - {"planner.analysis"}
    assert {_analysis_room(m) for m in analysis} <= set(ANALYSIS_FORBIDDEN) | {"lint"}, sorted(analysis)
    wrong = sorted(
        (module, target)
        for module in analysis
        for target in imports()[module]
        if _analysis_room(target) in ANALYSIS_FORBIDDEN.get(_analysis_room(module) or "", frozenset())
    )
    assert not wrong, wrong


def test_third_party_libraries_stay_in_their_rooms() -> None:
    """ortools only in solvers, typer and rich only in the CLI, FastAPI only in api, YAML only in io, ..."""
    strays = sorted(
        (module, target)
        for module, targets in imports().items()
        for target in targets
        if (rooms := LIBRARIES.get(target.split(".")[0])) is not None and room(module) not in rooms
    )
    assert not strays, strays


def test_no_import_cycles_apart_from_the_known_ones() -> None:
    """Modules of planner and api import each other in no circle, apart from the known debts."""
    # The front door imports everything and nothing may import it: circles through it are the debts
    # of test_rooms_import_only_the_rooms_allowed, not counted twice.
    inside = set(modules()) - {"planner"}
    graph = nx.DiGraph()
    graph.add_nodes_from(inside)
    graph.add_edges_from((m, t) for m in inside for t in imports()[m] if t in inside and t != m)
    cycles = {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}
    assert cycles - CYCLE_DEBTS == set(), sorted(sorted(c) for c in cycles - CYCLE_DEBTS)
    assert CYCLE_DEBTS - cycles == set(), f"cycles broken (remove from CYCLE_DEBTS): {CYCLE_DEBTS - cycles}"


def test_the_checker_package_has_no_cycles() -> None:
    """Within planner.check every module imports only modules before it: no circle, even a hidden one."""
    checker = _in_room("check")
    graph = nx.DiGraph((m, t) for m in checker for t in imports()[m] if t in checker and t != m)
    assert nx.is_directed_acyclic_graph(graph), list(nx.simple_cycles(graph))


def test_the_import_parser_sees_relative_function_level_and_type_checking_imports() -> None:
    """The parser resolves ``from . import x`` and finds imports in functions and TYPE_CHECKING blocks."""
    tree = ast.parse(
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from . import funding\n"
        "from .violations import Violation\n"
        "if TYPE_CHECKING:\n    from planner.models import Program\n"
        "def f():\n    import planner.solvers\n"
    )
    path = ROOT / "planner" / "check" / "checker.py"
    found = {
        t
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for t in _targets("planner.check.checker", path, node)
    }
    assert {"planner.check.funding", "planner.check.violations", "planner.models", "planner.solvers"} <= found
    assert room("planner.check.funding") == "check" and room("api.routes.jobs") == "api"
    assert room("planner") == "planner" and room("ortools.sat") is None
