"""What ``planner explain`` answers, as data: the JSON the command prints and the API serves.

An :class:`Explanation` holds the lint warnings and then either why the program cannot work
(:class:`FundingShortfall`: the funding its caps leave missing, and :class:`Infeasibility`:
minimal conflicts with priced, checked repairs) or why it ends when it does (:class:`FinishExplanation`: the critical chain, days from dependencies and from people,
and contention per specialist and role).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.lint import LintWarning
from planner.models import SolveStatus

_FROZEN = ConfigDict(frozen=True)


class CommitmentView(BaseModel):
    """A commitment in the user's words, e.g. ``Go-live (pmo.go_live) finishes by 2028-07-31``."""

    model_config = _FROZEN

    id: str
    kind: str
    subject: str
    text: str
    date: dt.date | None = None
    until: dt.date | None = None


class LinkView(BaseModel):
    """A dependency linking the members of a conflict."""

    model_config = _FROZEN

    pred: str
    succ: str
    type: str
    lag: int
    text: str


class RepairView(BaseModel):
    """The cheapest relaxation of one conflict member, applied, re-solved and checked.

    ``amount`` is in ``unit`` (working days, people or leave days). ``verified`` is true only
    when the repaired program was solved and the schedule passed :func:`planner.check.verify`;
    ``check`` says how. ``finish`` is the repaired program's finish in that schedule.
    """

    model_config = _FROZEN

    commitment: str
    kind: Literal[
        "slip_deadline",
        "earlier_release",
        "move_pin",
        "extend_end",
        "extra_capacity",
        "work_during_leave",
        "none",
    ]
    text: str
    amount: int | None = None
    unit: str = ""
    new_date: dt.date | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    weeks: int | None = None
    days: tuple[dt.date, ...] = ()
    smallest: bool = False
    verified: bool = False
    check: str = ""
    finish: dt.date | None = None


class ConflictView(BaseModel):
    """One minimal set of commitments that cannot hold together, and the links between them."""

    model_config = _FROZEN

    number: int
    commitments: tuple[CommitmentView, ...]
    dependencies: tuple[LinkView, ...] = ()
    chains: tuple[str, ...] = ()
    proven_minimal: bool
    not_proven: tuple[str, ...] = ()
    evidence: str | None = None
    """When the conflict was proven by arithmetic: the work, the resource and the time, in words."""
    dependencies_proven_minimal: bool = True
    repairs: tuple[RepairView, ...] = ()
    checks: int = 0
    seconds: float = 0.0


class CombinedRepair(BaseModel):
    """The suggested repair of every conflict applied together, re-solved and checked."""

    model_config = _FROZEN

    repairs: tuple[str, ...]
    verified: bool
    check: str
    finish: dt.date | None = None


class Infeasibility(BaseModel):
    """Why the program cannot work: its conflicts, one after another, up to the limit.

    ``complete`` is true when, with every conflict found set aside, the remaining commitments
    were proven to hold together.
    """

    model_config = _FROZEN

    conflicts: tuple[ConflictView, ...]
    complete: bool
    combined: CombinedRepair | None = None
    seconds: float = 0.0


class FundingShortfall(BaseModel):
    """What the funding caps of a program without a schedule leave unpaid.

    Parameters
    ----------
    status
        ``short``: the mandatory work fits with ``extra`` more funding; ``enough``: the caps are
        not what blocks the program; ``no_amount``: no amount of funding helps (dependencies,
        deadlines or specialists block it); ``unknown``: no answer in the time limit.
    caps
        The program's caps: per period label, ``default`` for periods not listed, ``total``.
    carry_over
        Whether money not spent in a period may be spent later.
    mandatory
        The projects that must be funded (``funding: mandatory``).
    extra
        The least extra funding found, per period label and under ``total`` (only amounts above 0).
    least
        Whether ``extra`` is proven least.
    verified
        Whether a schedule of the program with its caps raised by ``extra`` passed the checker.
    finish
        That schedule's finish.
    text
        The answer in words.
    """

    model_config = _FROZEN

    status: Literal["short", "enough", "no_amount", "unknown"]
    caps: dict[str, int]
    carry_over: bool = False
    currency: str = ""
    mandatory: tuple[str, ...] = ()
    extra: dict[str, int] = {}
    least: bool = False
    verified: bool = False
    finish: dt.date | None = None
    text: str


class ChainStep(BaseModel):
    """One task of the critical chain and what kept it from starting a day earlier.

    ``reason`` is ``start`` (the program start), ``release``, ``pinned``, ``dependency``,
    ``person`` (waited for a named specialist), ``role`` (waited for a role's capacity),
    ``leave``, ``availability`` (part time), ``capacity`` (the role had too few people then)
    or ``slack`` (nothing: the plan could start it earlier). ``cause`` is the task the chain
    continues with; ``waited`` the working days between the cause's bound and this start.
    """

    model_config = _FROZEN

    task: str
    name: str
    start: dt.date
    finish: dt.date
    duration: int
    reason: str
    because: str
    cause: str | None = None
    resource: str | None = None
    waited: int = 0
    holidays: tuple[str, ...] = ()


class MonthUse(BaseModel):
    """Use of a role or person over one calendar month, in percent of what it had."""

    model_config = _FROZEN

    month: str
    percent: float


class Wait(BaseModel):
    """A task that started later than its dependencies allowed because a resource was busy or short.

    ``behind`` lists the tasks that held the resource until the day before; ``because`` says
    what it waited for in words (``behind core.build, core.test``, ``for role Testers to grow
    to 10 on 2027-09-06``, ``for Dana to return from leave``).
    """

    model_config = _FROZEN

    task: str
    days: int
    behind: tuple[str, ...] = ()
    because: str = ""


class OneMore(BaseModel):
    """What one more of a specialist or role would gain, found by re-solving.

    Gains are positive when the plan improves; ``proven`` when both solves were optimal.
    """

    model_config = _FROZEN

    text: str
    finish_gain: int | None = None
    lateness_gain: int | None = None
    milestone_gain: int | None = None
    proven: bool = False
    checked: bool = False


class Contention(BaseModel):
    """How a specialist or role holds up the plan."""

    model_config = _FROZEN

    kind: Literal["person", "role"]
    resource: str
    name: str
    on_chain: bool
    mean_percent: float
    utilisation: tuple[MonthUse, ...] = ()
    waited: tuple[Wait, ...] = ()
    waited_days: int = 0
    one_more: OneMore | None = None


class FinishExplanation(BaseModel):
    """Why the program (or a milestone) ends when it does in an as-early-as-possible plan.

    ``dependency_days`` is the working days dependencies, releases and pins alone would need;
    ``resource_days`` what people, roles and their calendars add on top (``working_days`` is
    the sum).
    """

    model_config = _FROZEN

    subject: str
    name: str
    finish: dt.date
    working_days: int
    quality: str
    dependency_finish: dt.date
    dependency_days: int
    resource_days: int
    chain: tuple[ChainStep, ...]
    contention: tuple[Contention, ...] = ()
    headline: tuple[str, ...] = ()


class Explanation(BaseModel):
    """The answer of ``planner explain``: lint, then why late or why impossible.

    For a program without a schedule, ``funding`` (when it has funding caps) says what money is
    missing and ``infeasibility`` names the conflicting commitments; when money alone makes the
    program work there is no conflict search.
    """

    model_config = _FROZEN

    program: str
    status: SolveStatus
    lint: tuple[LintWarning, ...] = ()
    finish: FinishExplanation | None = None
    infeasibility: Infeasibility | None = None
    funding: FundingShortfall | None = None
    message: str = ""
    seconds: float = 0.0
