"""Plans in and out: Microsoft Project, Primavera P6 and Excel files to and from programs.

Beside :mod:`planner.io` (files -> models), for the tools program offices plan in. Reading and
writing Microsoft Project (``.mpp``, ``.mpt``, ``.mpx``, MSPDI ``.xml``) and P6 (``.xer``, P6
XML) files goes through MPXJ on a JVM started once per process (:mod:`.session`); Excel and CSV
task lists through openpyxl and the standard library.

- :mod:`.source`: a plan as its tool wrote it, in plain data;
- :mod:`.reading` (MPXJ) and :mod:`.spreadsheets` (task lists, links files): files -> plans;
- :mod:`.mapping`: plans -> one program, with :mod:`.report` (what was not mapped, and why)
  and :mod:`.ids` (the tools' ids as program ids, and back);
- :mod:`.importing`: the whole import, and the files it writes;
- :mod:`.writing` (MSPDI, XER, P6 XML, MPX) and :mod:`.workbook` (Excel), both behind
  :mod:`.exporting`: a schedule out.

``docs/interop.md`` lists every field mapped each way.
"""

from planner.interop.exporting import EXPORT_SUFFIXES, export_plan
from planner.interop.importing import SUFFIXES, Written, import_files, write_import
from planner.interop.mapping import Imported
from planner.interop.report import ImportReport, Note
from planner.interop.session import JavaUnavailable

__all__ = [
    "EXPORT_SUFFIXES",
    "SUFFIXES",
    "ImportReport",
    "Imported",
    "JavaUnavailable",
    "Note",
    "Written",
    "export_plan",
    "import_files",
    "write_import",
]
