"""Read YAML or JSON documents with the line of every location; no knowledge of what they hold.

Every failure is an :class:`planner.errors.InputError` naming the file and, for syntax errors,
the line and column. Impossible dates (``2025-02-30``) stay text so that validation can locate them.

Values no document of this planner may hold are refused here, once for every front door (the
command line, the service, batches), with the field they are in: control characters and lone
UTF-16 surrogates in text (databases and encoders cannot store them), integers past 64 bits and
numbers that are not finite (see :func:`find_bad_value`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml

from planner.errors import InputError
from planner.io.locations import DocPath, LineMap, dotted

DocumentFormat = Literal["yaml", "json"]
"""The text formats a document may be written in."""

SUFFIXES: dict[str, DocumentFormat] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
"""File extensions this module reads, and the format of each."""


def read_document(path: str | Path) -> tuple[object, LineMap | None]:
    """Read and parse a YAML or JSON file without validating it as a program.

    Parameters
    ----------
    path
        A ``.yaml``, ``.yml`` or ``.json`` file.

    Returns
    -------
    tuple
        The parsed document (``yaml.safe_load`` semantics: dates become ``datetime.date``) and
        the line map of its locations (``None`` when lines cannot be told).

    Raises
    ------
    InputError
        The file is missing, unreadable, has an unknown extension or is not valid YAML/JSON.
    """
    file = Path(path)
    source = str(path)
    fmt = _format_of(file, source)
    text = _read_text(file, source)
    return loads_document(text, fmt, source=source)


def loads_document(
    text: str, fmt: DocumentFormat = "yaml", source: str | None = None
) -> tuple[object, LineMap | None]:
    """Parse program text (YAML or JSON) without validating it as a program.

    Parameters
    ----------
    text
        The document.
    fmt
        ``"yaml"`` or ``"json"``.
    source
        Name of the origin for messages (a file name), if any.

    Returns
    -------
    tuple
        The parsed document and its line map (``None`` when lines cannot be told).

    Raises
    ------
    InputError
        The text is not valid YAML or JSON.
    """
    if fmt == "json":
        data: object = _parse_json(text, source)
        lines = _json_lines(text)
    else:
        data, lines = _parse_yaml(text, source)
    bad = find_bad_value(data)
    if bad is not None:
        path, reason = bad
        raise UnusableValue(path, reason, lines.line(path) if lines is not None else None, source)
    return data, lines


class UnusableValue(InputError):
    """A document holds a value no document may hold (see :func:`find_bad_value`).

    Parameters
    ----------
    path
        Where the value is in the document.
    reason
        What is wrong with it, for a person.
    line
        Its line in the text, when known.
    source
        Name of the origin (a file name), if any.
    """

    def __init__(
        self, path: DocPath, reason: str, line: int | None = None, source: str | None = None
    ) -> None:
        self.path, self.reason, self.line = path, reason, line
        place = f"{source or 'input'}:{line}" if line is not None else source or "input"
        super().__init__(f"{place}: {dotted(path) or 'document'}: {reason}")


MAX_INTEGER = 2**63 - 1
"""The largest whole number a document may hold (64-bit databases and solvers take no more)."""

_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def find_bad_value(document: object) -> tuple[DocPath, str] | None:
    """The first value (or key) no document may hold, with its path and why; ``None`` if none.

    Refused: text with a control character other than tab, line feed and carriage return (or a
    lone UTF-16 surrogate, which no encoder can write out), integers beyond 64 bits and numbers
    that are not finite. Shared parts of a document (YAML aliases) are looked at once, so the
    cost is linear in the document's size even when aliases repeat it.

    Parameters
    ----------
    document
        A parsed document (dicts, lists and scalars).

    Returns
    -------
    tuple or None
        The path of the bad value and a message naming what is wrong, or ``None``.
    """
    seen: set[int] = set()
    todo: list[tuple[DocPath, object]] = [((), document)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, str):
            reason = _bad_text(value)
            if reason:
                return path, reason
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                return path, f"the number {_short(str(value))} is too large (at most {MAX_INTEGER})"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return path, f"{value} is not a number this planner can use (a finite number is)"
        elif isinstance(value, Mapping | list | tuple):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, Mapping):
                items = list(value.items())
                for key, _ in items:
                    if isinstance(key, str) and _bad_text(key):
                        return (*path, _printable(key)), f"the field name {_bad_text(key)}"
                todo.extend(
                    ((*path, key), child) for key, child in reversed(items) if isinstance(key, str | int)
                )
            else:
                todo.extend(((*path, index), child) for index, child in reversed(list(enumerate(value))))
    return None


def _bad_text(text: str) -> str:
    match = _BAD_CHARACTER.search(text)
    if match is None:
        return ""
    code = ord(match.group())
    what = "a lone UTF-16 surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
    return f"contains {what} U+{code:04X} at character {match.start() + 1}; remove it"


def _printable(text: str) -> str:
    return _BAD_CHARACTER.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _short(text: str) -> str:
    return text if len(text) <= 30 else f"{text[:12]}...{text[-6:]} ({len(text)} digits)"


def _format_of(file: Path, source: str) -> DocumentFormat:
    fmt = SUFFIXES.get(file.suffix.lower())
    if fmt is None:
        shown = f"'{file.suffix}'" if file.suffix else "no extension"
        raise InputError(f"{source}: unsupported file type ({shown}); use .yaml, .yml or .json")
    return fmt


def _read_text(file: Path, source: str) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a program file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not a UTF-8 text file (bad byte at offset {error.start})") from None


def _at(source: str | None, line: int, column: int) -> str:
    return f"{source}:{line}:{column}" if source else f"line {line}, column {column}"


class _Rules:
    """Mixed into ``yaml.SafeLoader`` (and libyaml's): a loader that keeps impossible dates
    (``2025-02-30``) as text and refuses a key written twice in one mapping (YAML would silently
    keep the last one).

    Pydantic then reports impossible dates with their location instead of the whole file failing.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + 1
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key '{key}' appears twice in one mapping (lines {seen[key]} and {line})",
                    key_node.start_mark,
                )
            if isinstance(key, str):
                seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _Loader(_Rules, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones this module words for people."""


class _FastLoader(_Rules, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the same rules: several times faster; a document it refuses is read
    again by :class:`_Loader` for the wording of the error."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _parse_yaml(text: str, source: str | None) -> tuple[object, LineMap]:
    fast = _FastLoader(text)
    try:
        node = fast.get_single_node()
        return (fast.construct_document(node) if node is not None else None), LineMap(node)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
        pass  # read again below, for the error's wording
    finally:
        fast.dispose()
    try:
        loader = _Loader(text)  # reads the whole text: a control character is refused here
    except yaml.YAMLError as error:
        raise InputError(_reader_message(error, text, source)) from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise InputError(_yaml_message(error, source)) from None
    except yaml.YAMLError as error:
        raise InputError(f"{source or 'input'}: invalid YAML: {error}") from None
    except RecursionError:
        raise InputError(f"{source or 'input'}: invalid YAML: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as error:
        raise InputError(f"{source or 'input'}: a value cannot be read: {error}") from None
    finally:
        loader.dispose()
    return data, LineMap(node)


def _reader_message(error: yaml.YAMLError, text: str, source: str | None) -> str:
    """The reader's complaint about a character, with its line and column instead of an offset."""
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        return (
            f"{_at(source, line, column)}: invalid YAML: the control character "
            f"U+{error.character:04X} cannot be in a YAML document; remove it"
        )
    return f"{source or 'input'}: invalid YAML: {error}"


def _yaml_message(error: yaml.MarkedYAMLError, source: str | None) -> str:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "syntax error"
    where = _at(source, mark.line + 1, mark.column + 1) if mark is not None else source or "input"
    message = f"{where}: invalid YAML: {problem}"
    if error.context and error.problem and error.context_mark is not None:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    return message + _yaml_hint(problem)


def _yaml_hint(problem: str) -> str:
    """A plain-words hint for the YAML mistakes people make most."""
    if "'\\t'" in problem or "\t" in problem:
        return "; indent with spaces, not tabs"
    if "block end" in problem or "mapping values are not allowed" in problem or "block mapping" in problem:
        return "; check this line's indentation against the lines above (fields of one item line up)"
    if "could not find expected ':'" in problem:
        return "; a field is written 'name: value' with a space after the colon"
    return ""


def _parse_json(text: str, source: str | None) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = error.msg
        if "control character" in message and error.pos < len(text):
            message = (
                f"the control character U+{ord(text[error.pos]):04X} cannot be in JSON text "
                "(remove it; a line break is written \\n)"
            )
        raise InputError(f"{_at(source, error.lineno, error.colno)}: invalid JSON: {message}") from None
    except RecursionError:
        raise InputError(f"{source or 'input'}: invalid JSON: nested too deeply") from None
    except ValueError as error:
        raise InputError(f"{source or 'input'}: a value cannot be read: {error}") from None


def _json_lines(text: str) -> LineMap | None:
    """Lines of a JSON document, composed as YAML (JSON is nearly a subset); ``None`` if not."""
    for loader in (_FastLoader, _Loader):  # libyaml first: the pure-Python parser takes seconds for 300 KB
        try:
            return LineMap(yaml.compose(text, Loader=loader))
        except (yaml.YAMLError, RecursionError, ValueError):
            continue
    return None
