"""Where things are in a program document: source lines of YAML nodes and names people use.

A *document path* is a tuple of mapping keys and sequence indices, e.g.
``("projects", 0, "tasks", 2, "duration")``. This module turns such a path into the line it
starts on in the source file (:class:`LineMap`) and into the words a program manager would
use for it (:func:`describe`), e.g. ``"payments.design: duration"``.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

DocPath = tuple[str | int, ...]
"""A location inside a parsed document: mapping keys and sequence indices."""

# Top-level lists whose items have an ``id`` and the noun used for one item.
_ENTITY_NOUNS = {"roles": "role", "people": "person", "projects": "project"}


class LineMap:
    """Line numbers of the locations of one YAML (or JSON) document.

    Parameters
    ----------
    root
        The composed document (``yaml.compose``), or ``None`` for an empty document.

    Notes
    -----
    The map walks the node tree on demand, so it copes with any document shape, including
    recursive aliases. A path that does not exist in the document (a missing field, a key the
    model spells differently) is answered with the line of its nearest existing parent.
    """

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root
        self._keys: dict[int, dict[str, tuple[int, yaml.Node]]] = {}

    def line(self, path: DocPath) -> int | None:
        """The 1-based line where ``path`` (or its nearest existing parent) starts.

        Parameters
        ----------
        path
            Document path to look up.

        Returns
        -------
        int or None
            The line, or ``None`` when the document is empty.
        """
        node = self._root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for segment in path:
            found = self._child(node, segment)
            if found is None:
                break
            line, node = found
        return line

    def _child(self, node: yaml.Node, segment: str | int) -> tuple[int, yaml.Node] | None:
        """The line and node of ``segment`` under ``node``, or ``None`` if it is not there.

        A mapping's keys are indexed the first time it is looked into, so that looking up every
        key of a mapping with many keys costs time linear in their number, not quadratic.
        """
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                # the last of duplicate keys wins when the document is constructed, as here
                keys = {
                    key.value: (key.start_mark.line + 1, value)
                    for key, value in node.value
                    if isinstance(key, yaml.ScalarNode)
                }
                self._keys[id(node)] = keys
            return keys.get(str(segment))
        return _child(node, segment)


def _child(node: yaml.Node, segment: str | int) -> tuple[int, yaml.Node] | None:
    """The line and node of ``segment`` under the sequence ``node``, or ``None`` if it is not there."""
    if isinstance(node, yaml.SequenceNode) and _is_index(segment) and 0 <= int(segment) < len(node.value):
        item = node.value[int(segment)]
        return item.start_mark.line + 1, item
    return None


def lookup(document: object, path: DocPath) -> object | None:
    """The value at ``path`` in a parsed document, or ``None`` if there is none.

    Parameters
    ----------
    document
        A parsed document (dicts, lists and scalars).
    path
        Where to look.
    """
    node: object = document
    for segment in path:
        if isinstance(node, Mapping):
            if segment not in node:
                return None
            node = node[segment]
        elif isinstance(node, (list, tuple)) and _is_index(segment) and 0 <= int(segment) < len(node):
            node = node[int(segment)]
        else:
            return None
    return node


def describe(path: DocPath, document: object) -> str:
    """``path`` in the user's words, naming projects, tasks, roles and people by their ids.

    Parameters
    ----------
    path
        Document path, e.g. ``("projects", 0, "tasks", 2, "duration")``.
    document
        The parsed document the path points into; ids are read from it.

    Returns
    -------
    str
        For example ``"payments.design: duration"``, ``"role data_architect: capacity"``,
        ``"person alice: leave[0].to"``, ``"dependencies[3].from"`` or ``"start"``; the whole
        document is ``"program"``.

    Examples
    --------
    >>> doc = {"projects": [{"id": "payments", "tasks": [{"id": "design"}]}]}
    >>> describe(("projects", 0, "tasks", 0, "duration"), doc)
    'payments.design: duration'
    """
    if not path:
        return "program"
    head, rest = _entity(path, document)
    tail = dotted(rest)
    if head and tail:
        return f"{head}: {tail}"
    return head or tail


def dotted(path: DocPath) -> str:
    """Render a path as ``leave[0].to``: keys joined by dots, indices in brackets."""
    out = ""
    for segment in path:
        if isinstance(segment, int) and not isinstance(segment, bool):
            out += f"[{segment}]"
        else:
            out += f".{segment}" if out else str(segment)
    return out


def _entity(path: DocPath, document: object) -> tuple[str, DocPath]:
    """Split ``path`` into the named thing it is about and the rest."""
    top = path[0]
    if not isinstance(top, str) or top not in _ENTITY_NOUNS or len(path) < 2 or not _is_index(path[1]):
        return "", path
    index = path[1]
    ident = _id_at(document, (top, index))
    if top == "projects" and len(path) >= 4 and path[2] == "tasks" and _is_index(path[3]):
        task = _id_at(document, path[:4])
        project = ident or f"projects[{index}]"
        return f"{project}.{task or f'tasks[{path[3]}]'}", path[4:]
    label = f"{_ENTITY_NOUNS[top]} {ident}" if ident else f"{top}[{index}]"
    return label, path[2:]


def _id_at(document: object, path: DocPath) -> str | None:
    """The ``id`` of the mapping at ``path``, if it has a usable one."""
    item = lookup(document, path)
    if not isinstance(item, Mapping):
        return None
    ident = item.get("id")
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
        return str(ident)
    return None


def _is_index(segment: object) -> bool:
    return isinstance(segment, int) and not isinstance(segment, bool)


__all__ = ["DocPath", "LineMap", "describe", "dotted", "lookup"]
