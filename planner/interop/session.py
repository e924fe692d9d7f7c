"""The Java side: one JVM per process, started on first use, with MPXJ on its class path.

MPXJ (the ``mpxj`` package, its jars and JPype1) reads and writes Microsoft Project and Primavera
P6 files. The JVM can be started only once in a process, so every reader and writer of this
package asks :func:`start` for it; the first call starts it (about a second), later calls return
at once. Java's errors never reach a user: :func:`java_message` turns one into a sentence.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from planner.errors import PlannerError

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
_JVM_OPTIONS = (
    # MPXJ logs through log4j's API without a provider: the simple one keeps its warning quiet.
    "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
    "-Djava.awt.headless=true",
)
INSTALL_HINT = "install a Java runtime (Debian: apt-get install default-jre-headless; `make test` does it)"


class JavaUnavailable(PlannerError):
    """Reading or writing Microsoft Project or P6 files needs Java and MPXJ, and one is missing."""


def start() -> Any:
    """Start the JVM with MPXJ on its class path, once per process; return the ``jpype`` module.

    Raises
    ------
    JavaUnavailable
        The ``mpxj`` or ``JPype1`` package is not installed, or no Java runtime is found.
    """
    try:
        import jpype
        import jpype.imports
        import mpxj  # noqa: F401  (adds MPXJ's jars to the class path)
    except ImportError as error:
        raise JavaUnavailable(
            f"the mpxj and JPype1 packages are needed to read and write plan files "
            f"({error}); reinstall the planner"
        ) from None
    with _LOCK:
        if not jpype.isJVMStarted():
            try:
                jpype.startJVM(*_JVM_OPTIONS, convertStrings=False)
            except (jpype.JVMNotFoundException, jpype.JVMNotSupportedException, OSError) as error:
                raise JavaUnavailable(f"no usable Java runtime ({error}); {INSTALL_HINT}") from None
            logger.info("started the JVM for MPXJ")
    return jpype


def java_message(error: BaseException) -> str:
    """A one-line account of a Java (or Python) error: its kind and message, no stack trace."""
    message = ""
    try:
        message = str(error.getMessage()) if hasattr(error, "getMessage") else str(error)
    except Exception:  # noqa: BLE001 - a broken message is still an error to report
        message = ""
    if message in ("", "None", "null"):
        message = ""
    java_class = getattr(error, "getClass", None)
    kind = str(java_class().getSimpleName()) if callable(java_class) else type(error).__name__
    cause = getattr(error, "getCause", None)
    if not message and callable(cause):
        inner = cause()
        if inner is not None:
            return java_message(inner)
    return f"{kind}: {message}" if message else kind


__all__ = ["INSTALL_HINT", "JavaUnavailable", "java_message", "start"]
