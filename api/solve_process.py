"""The entry point of a solve process: it dies with the server that started it, then serves jobs.

``python -m api.solve_process PARENT_PID`` arranges to die with its parent and then runs
:func:`api.worker.main`. A server killed outright (``kill -9``, the out-of-memory killer) cannot
kill its solves, and a solve busy in CP-SAT would not notice its closed pipes until its time limit
ran out. Two guards, so none outlives its server by more than a moment:

- on Linux, the kernel sends SIGKILL when the parent goes (``prctl(PR_SET_PDEATHSIG)``; the
  parent here is the server thread that started the process: the event loop's, which lives as
  long as the server);
- everywhere, a thread checks every :data:`WATCH_SECONDS` that the parent is still the same process
  and ends this one when it is not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
"""``prctl`` option: the signal this process gets when its parent dies (linux/prctl.h)."""
WATCH_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Make this process end when the process ``parent`` does (at once if it is gone already).

    Parameters
    ----------
    parent
        The process id of the server that started this one.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                logger.warning("prctl(PR_SET_PDEATHSIG) failed (errno %d)", ctypes.get_errno())
        except OSError as error:  # no libc to call: the watch thread alone guards
            logger.warning("cannot ask the kernel to end this process with its parent: %s", error)
    if os.getppid() != parent:  # the parent died before the guard was in place
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="planner-parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)  # no clean-up to do: the solve's result has nowhere to go


def main() -> None:
    """Guard against outliving the parent named on the command line, then serve jobs."""
    parent = int(sys.argv[1]) if len(sys.argv) > 1 else os.getppid()
    die_with_parent(parent)
    from api.worker import main as serve

    serve()


if __name__ == "__main__":
    main()
