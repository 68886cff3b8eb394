"""Set values in a YAML file by editing its text: every byte glocal does not change stays.

A ruamel round trip re-emits the whole document: it drops quotes the author chose, realigns
comments and writes LF for CRLF. Here ruamel only *reads* the document (its node marks say
where each key and value stands); a changed value is replaced in place, in the style it was
written in (plain, quoted, literal or folded) when that style can hold the new text, and a new
key is inserted as lines of its own at the indentation of its siblings. The result is read back
and compared with what was meant, so a rendering slip can never store a different text.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from glocal.errors import UsageError

Path_ = tuple[str, ...]
Value = str | int
OrderOf = Callable[[Path_], list[str]]
_NULLS = {"", "~", "null", "Null", "NULL"}
_ALIAS = re.compile(r"[ \t]*:[ \t]*(\*[^\s,\[\]{}#]+)")


def _reader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    return yaml


def _compose(text: str) -> MappingNode | None:
    root = _reader().compose(text)
    if root is not None and not isinstance(root, MappingNode):
        raise UsageError("a variant file must be a mapping of keys", "start it with 'program: <id>'")
    return root


def _dump(value: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line, as the author's own long lines are kept
    stream = io.StringIO()
    yaml.dump({"k": value}, stream)
    return stream.getvalue()


def _control(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029\u0085\ufeff" for c in text)


def _plain(value: str) -> str | None:
    """``value`` as a plain scalar, when YAML reads it back as this very string."""
    if not value or "\n" in value or _control(value):
        return None
    out = _dump(value)
    return value if out == f"k: {value}\n" else None


def _single(value: str) -> str | None:
    if "\n" in value or _control(value):
        return None
    return "'" + value.replace("'", "''") + "'"


def _double(value: str) -> str:
    """A double-quoted scalar on one line; it can hold any text."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
    out = []
    for char in value:
        if char in escapes:
            out.append(escapes[char])
        elif unicodedata.category(char) == "Cc" or char in "\u2028\u2029\u0085\ufeff":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _block(value: str, style: str, indent: int, nl: str) -> str | None:
    """A literal (``|``) or folded (``>``) block scalar with its content at ``indent``."""
    if _control(value.replace("\n", "")) or not value.strip():
        return None
    wrapped = LiteralScalarString(value) if style == "|" else FoldedScalarString(value)
    lines = _dump(wrapped).removeprefix("k: ").rstrip("\n").split("\n")
    header, content = lines[0], lines[1:]
    if any(c.isdigit() for c in header):
        return None  # an explicit indentation indicator: leave it to a quoted scalar
    shifted = [(" " * indent + line[2:]) if line.strip() else "" for line in content]
    return nl.join([header, *shifted])


def render_scalar(value: Value, style: str | None, indent: int, nl: str) -> str:
    """The text of a scalar value in ``style`` (None: plain) or the closest style that fits."""
    if isinstance(value, int):
        return str(value)
    candidates: list[str | None] = []
    if style in ("|", ">"):
        candidates.append(_block(value, style, indent, nl))
    elif style == "'":
        candidates.append(_single(value))
    elif style == '"':
        candidates.append(_double(value))
    candidates += [_plain(value), _single(value)]
    return next((c for c in candidates if c is not None), _double(value))


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _alias_end(text: str, key: Node) -> int | None:
    """The end of ``*name`` when the value after ``key`` is an alias, else None.

    ruamel gives an alias the node it names, whose marks point at the anchor, further up.
    """
    match = _ALIAS.match(text, key.end_mark.index)
    return match.end() if match else None


def _value_end(text: str, node: Node, key: Node | None = None) -> int:
    """Where a value's own text ends (block scalars and mappings end at their last text)."""
    if key is not None:
        alias = _alias_end(text, key)
        if alias is not None:
            return alias
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _value_end(text, node.value[-1][1], node.value[-1][0])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _value_end(text, node.value[-1])
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    region = text[start:end]
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        # A block scalar's mark runs on over the blank lines after it; they stay in the file.
        stop = region.find("\n", len(region.rstrip(" \t\r\n")))
        stop = len(region) if stop < 0 else stop
        return start + (stop - 1 if region[stop - 1:stop] == "\r" else stop)
    return end


def _find(root: MappingNode, path: Path_) -> tuple[int, Node, Node | None]:
    """How many keys of ``path`` exist, the deepest existing node and its key node."""
    node: Node = root
    key_node: Node | None = None
    for depth, key in enumerate(path):
        if not isinstance(node, MappingNode):
            return depth, node, key_node
        match = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
        if match is None:
            return depth, node, key_node
        key_node, node = match
    return len(path), node, key_node


def _step(root: MappingNode) -> int:
    """The indentation step the file uses for nested mappings (2 when it has none)."""
    for key, value in root.value:
        if isinstance(value, MappingNode) and value.value and not value.flow_style:
            step = value.value[0][0].start_mark.column - key.start_mark.column
            if step > 0:
                return int(step)
    return 2


def _new_lines(keys: Path_, value: Value, column: int, step: int, nl: str) -> str:
    lines = []
    for depth, key in enumerate(keys):
        # glocal reads every key as text, so a level key (``3``) reads back as "3" unquoted.
        name = key if re.fullmatch(r"[1-9][0-9]{0,8}", key) else (_plain(key) or _double(key))
        pad = " " * (column + depth * step)
        if depth < len(keys) - 1:
            lines.append(f"{pad}{name}:")
        else:
            lines.append(f"{pad}{name}: {render_scalar(value, None, column + (depth + 1) * step, nl)}")
    return nl.join(lines) + nl


def _rank(key: str, order: list[str]) -> int:
    return order.index(key) if key in order else len(order)


def _insert(text: str, parent: MappingNode, keys: Path_, value: Value, order: list[str], step: int, nl: str) -> str:
    """Insert ``keys: value`` among the keys of a block mapping, in ``order``."""
    column = parent.value[0][0].start_mark.column
    block = _new_lines(keys, value, column, step, nl)
    rank = _rank(keys[0], order)
    for key, _ in parent.value:
        if key.value in order and _rank(key.value, order) > rank:
            at = _line_start(text, key.start_mark.index)
            # A comment right above a key belongs to it: insert above the comment.
            while at > 0:
                above = _line_start(text, at - 1)
                line = text[above:at]
                if not line.lstrip().startswith("#") or len(line) - len(line.lstrip(" ")) != column:
                    break
                at = above
            return text[:at] + block + text[at:]
    end = _value_end(text, parent.value[-1][1], parent.value[-1][0])
    at = _line_end(text, end)
    if at == len(text) and not text.endswith("\n"):
        return text + nl + block
    return text[:at] + block + text[at:]


def _set_one(text: str, root: MappingNode | None, path: Path_, value: Value, order_of: OrderOf, nl: str, quoted: bool) -> str:
    if root is None or not root.value:
        return text + _new_lines(path, value, 0, 2, nl)
    step = _step(root)
    depth, node, key_node = _find(root, path)
    if depth == len(path):
        style = '"' if quoted else (node.style if isinstance(node, ScalarNode) else None)
        column = key_node.start_mark.column if key_node is not None else 0
        rendered = render_scalar(value, style, column + step, nl) if not quoted else render_scalar(value, '"', 0, nl)
        alias = _alias_end(text, key_node) if key_node is not None else None
        if alias is not None:  # ``key: *name``: the alias is replaced by the text itself
            start, end = text.rindex("*", 0, alias), alias
        else:
            start, end = node.start_mark.index, _value_end(text, node)
            anchor = getattr(node, "anchor", None)
            if anchor and text.startswith(f"&{anchor}", start):
                rendered = f"&{anchor} {rendered}"  # aliases of it elsewhere keep working
        if start == end and not text[:start].endswith(" "):
            rendered = " " + rendered  # ``title:`` with no value yet
        return text[:start] + rendered + text[end:]
    rest = path[depth:]
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _insert(text, node, rest, value, order_of(path[:depth]), step, nl)
    empty_flow = isinstance(node, MappingNode) and not node.value
    empty_scalar = isinstance(node, ScalarNode) and str(node.tag).endswith(":null") and node.value in _NULLS
    if key_node is not None and (empty_flow or empty_scalar):
        column = key_node.start_mark.column + step
        start, end = node.start_mark.index, node.end_mark.index
        block = _new_lines(rest, value, column, step, nl).removesuffix(nl)
        return text[:start].rstrip(" ") + nl + block + text[end:]
    where = ".".join(path[:depth]) or "the top level"
    raise UsageError(f"cannot add {'.'.join(path)}: {where} is not written as an indented mapping", "write it as an indented block of 'key: value' lines, then import again")


def _value_at(root: MappingNode | None, path: Path_) -> object:
    if root is None:
        return None
    depth, node, _ = _find(root, path)
    if depth != len(path) or not isinstance(node, ScalarNode):
        return None
    # ruamel marks where a folded scalar was folded with BEL; its constructor drops them.
    return str(node.value).replace("\a", "") if node.style == ">" else node.value


def set_values(text: str, edits: list[tuple[Path_, Value]], order_of: OrderOf) -> tuple[str, list[Path_]]:
    """``text`` with each ``(key path, value)`` set; returns it and the paths that changed.

    Values already equal to the wanted one are not touched. Raises ``UsageError`` when the
    file is not YAML glocal can edit in place.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix(bom)
    first_break = text.find("\n")
    nl = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    changed: list[Path_] = []
    try:
        # Composing is the slow part (seconds for a file of megabytes): once per change.
        root = _compose(text)
        for path, value in edits:
            wanted = str(value)
            if _value_at(root, path) == wanted:
                continue
            candidate = _set_one(text, root, path, value, order_of, nl, quoted=False)
            after = _compose(candidate)
            if _value_at(after, path) != wanted:
                candidate = _set_one(text, root, path, value, order_of, nl, quoted=True)
                after = _compose(candidate)
            if _value_at(after, path) != wanted:
                raise AssertionError(f"could not write {'.'.join(path)} as YAML text")
            text, root = candidate, after
            changed.append(path)
    except YAMLError as exc:
        raise UsageError(f"the file is not YAML glocal can edit: {str(exc).splitlines()[0]}", "run 'glocal check' and fix it first") from None
    return bom + text, changed
