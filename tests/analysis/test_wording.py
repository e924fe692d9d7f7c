"""Wording helpers: role names made singular for 'one more ...'."""

from __future__ import annotations

from planner.analysis.wording import singular


def test_singular_role_names():
    """Each part before the parentheses loses its plural; acronyms too; DevOps and singular names stay."""
    assert singular("Developers / configurators (bank + SI) (developer)") == \
        "Developer / configurator (bank + SI) (developer)"
    assert singular("Data engineers (migration & reporting) (data_engineer)") == \
        "Data engineer (migration & reporting) (data_engineer)"
    assert singular("Deputies") == "Deputy"
    assert singular("SMEs") == "SME"
    assert singular("DevOps") == "DevOps"
    assert singular("Developer (developer)") == "Developer (developer)"
    assert singular("Business") == "Business"
