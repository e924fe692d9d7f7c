"""Where the real plan files are: ../shared/interop beside the repository (not copied into it)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).parents[2] / ".." / "shared" / "interop"
"""Plan files written by Microsoft Project and P6 (MPXJ's test data, LGPL; see PROVENANCE.md there)."""
