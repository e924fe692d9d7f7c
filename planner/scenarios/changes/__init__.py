"""Each kind of scenario change in one place: how it applies, how its names are checked, how it is
worded, what it touches, and how it is typed on a command line.

One module per kind (:mod:`~planner.scenarios.changes.slip`, ``duration``, ``capacity``,
``availability``, ``add_person``, ``remove_person``, ``deadline``, ``target``, ``add_task``,
``remove_task``, ``defer``, ``add_project``, ``remove_project``, ``status_date``, ``funding``,
``funding_status``), each defining next to each other:

- ``apply(edit, change)``: edits the program's dump (:class:`~planner.scenarios.changes.base.Edit`);
- ``check(names, change)``: checks the names it uses before anything is applied, and records
  what it adds or removes (:class:`~planner.scenarios.changes.base.NameCheck`);
- ``words(change)``: the change as a program office would say it;
- ``touches(change, program, planned)``: the tasks, projects, roles and people it is about;
- for the kinds the command line takes, the parser of its text (``--slip payments=2w``);

and its ``KIND`` (:class:`~planner.scenarios.changes.base.ChangeKind`), gathered in
:data:`~planner.scenarios.changes.registry.KINDS`. The models stay in
:mod:`planner.models.scenario` (the models import nothing above them).
"""

from planner.scenarios.changes.base import ChangeKind, Edit, NameCheck, where_change
from planner.scenarios.changes.names import Names, reference_problems
from planner.scenarios.changes.registry import KINDS, change_words, needs_baseline, touched
from planner.scenarios.changes.words import ScenarioWords

__all__ = [
    "KINDS",
    "ChangeKind",
    "Edit",
    "NameCheck",
    "Names",
    "ScenarioWords",
    "change_words",
    "needs_baseline",
    "reference_problems",
    "touched",
    "where_change",
]
