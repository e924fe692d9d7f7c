"""Old path of :func:`planner.check.money`, kept for ``planner/cli/explain.py`` and ``cli/funding.py``.

The checker's funding rules are in :mod:`planner.check.funding`; ``money`` is exported by
:mod:`planner.check`. Remove this module once those two files import ``money`` from there.
"""

from planner.check import money

__all__ = ["money"]
