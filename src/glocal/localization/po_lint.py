"""A strict reading of a translator's PO file, before babel builds the catalog.

babel's ``read_po(..., abort_invalid=True)`` accepts an unterminated string (it drops the last
character), unknown escapes, NUL bytes and raw control characters, and crashes with a bare
``LookupError`` on an unknown charset. This module checks the bytes and every line against
the PO grammar first (GNU gettext's rules, restricted to the escapes babel decodes) and reports
each problem as ``file:line:column``, all at once. It also lists the entries it saw, so plural,
obsolete and duplicate entries are warned about with their line instead of being dropped.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from glocal.errors import Location, Problem, Severity

MAX_PO_BYTES = 5 * 1024 * 1024  # the size glocal reads any workspace file up to
MAX_PROBLEMS = 50  # a binary file would otherwise give one problem per line
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}  # what babel decodes
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?)(?=[ \t\"]|$)")
_CHARSET = re.compile(rb"charset=([^\s\"\\;]*)", re.IGNORECASE)
# Line separators that are not control characters but still break a line in most outputs.
_BREAKERS = {"\u2028", "\u2029", "\u0085"}


@dataclass
class PoEntry:
    """One entry as written in the file: where it starts and what kind it is."""

    line: int
    context: str | None = None
    msgid: str | None = None
    plural: bool = False
    obsolete: bool = False
    msgstr_line: int = 0


@dataclass
class PoScan:
    """The decoded text of a PO file, its entries and every problem found."""

    text: str | None
    entries: list[PoEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that make the file unreadable."""
        return [p for p in self.problems if p.is_error]


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (counted in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - data.rfind(b"\n", 0, offset)


def _charset(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """The charset the header declares (UTF-8 when none), or why it cannot be used."""
    found = _CHARSET.search(data, 0, 4096)  # the header is the first entry
    if found is None:
        return "utf-8", []
    name = found.group(1).decode("ascii", "replace")
    line, column = _position(data, found.start(1))
    where = Location(rel, line, column)
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None, [Problem(where, f"unknown charset '{name}' in the Content-Type header; save the file as UTF-8 and write 'charset=UTF-8'", code="po-charset")]
    if "msgid".encode(codec.name, "replace") != b"msgid":  # UTF-16 and friends
        return None, [Problem(where, f"charset '{name}' is not one a PO file can be written in; save the file as UTF-8 and write 'charset=UTF-8'", code="po-charset")]
    return codec.name, []


def _decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if len(data) > MAX_PO_BYTES:
        message = f"PO file is {len(data)} bytes; glocal reads PO files of at most 5 MiB ({MAX_PO_BYTES} bytes), split the translation or remove what is not needed"
        return None, [Problem(Location(rel), message, code="too-big")]
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        return None, [Problem(Location(rel, line, column), "NUL byte in a PO file; it is binary or damaged, export it again with 'glocal locales export-po'", code="po-nul")]
    charset, problems = _charset(data, rel)
    if charset is None:
        return None, problems
    try:
        return data.decode(charset).removeprefix("\ufeff"), []
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        message = f"byte 0x{data[exc.start]:02x} is not valid {charset} text (the header says charset={charset}); save the file as UTF-8"
        return None, [Problem(Location(rel, line, column), message, code="po-charset")]


def _control(char: str) -> bool:
    return char in _BREAKERS or unicodedata.category(char) == "Cc"


class _Lexer:
    """Checks the lines of a decoded PO file and collects its entries."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.problems: list[Problem] = []
        self.entries: list[PoEntry] = []
        self.entry: PoEntry | None = None
        self.keyword: str | None = None  # the keyword continuation strings belong to
        self.value: list[str] = []

    def error(self, line: int, column: int, message: str, code: str = "po-syntax") -> None:
        self.problems.append(Problem(Location(self.rel, line, column), message, code=code))

    def string(self, text: str, start: int, line: int, translation: bool) -> str | None:
        """Decode the quoted string at ``text[start]``; nothing but spaces may follow it."""
        out: list[str] = []
        index = start + 1
        while index < len(text):
            char = text[index]
            if char == '"':
                rest = text[index + 1:]
                if rest.strip():
                    stray = index + 2 + len(rest) - len(rest.lstrip())
                    self.error(line, stray, f"text after the closing quote: {rest.strip()[:40]!r}; a quote inside a text is written \\\"")
                    return None
                return "".join(out)
            if char == "\\":
                escape = text[index + 1:index + 2]
                if escape not in _ESCAPES:
                    shown = f"\\{escape}" if escape else "a backslash at the end of the line"
                    self.error(line, index + 1, f"unknown escape {shown}; PO texts use \\n, \\t, \\\" and \\\\ (write \\\\ for a backslash)")
                    return None
                if translation and escape in "tr":
                    self.error(line, index + 1, f"control character \\{escape} in a translation; glocal texts hold no tabs or carriage returns", code="control-character")
                    return None
                out.append(_ESCAPES[escape])
                index += 2
                continue
            # A raw tab may stand in a msgid (the core's own text); nothing else is allowed.
            if _control(char) and (translation or char != "\t"):
                self.error(line, index + 1, f"control character U+{ord(char):04X} in a string; remove it", code="control-character")
                return None
            out.append(char)
            index += 1
        self.error(line, start + 1, "unterminated string: the quote opened here is not closed on this line; end the line with \" (a quote inside the text is written \\\")")
        return None

    def close(self, line: int) -> None:
        """End the current entry (at a blank line, a new entry or the end of the file)."""
        self.store()
        entry = self.entry
        if entry is not None and entry.msgid is not None and not entry.msgstr_line:
            self.error(entry.line, 1, "msgid without msgstr; every entry needs a msgstr line (empty \"\" when not translated)")
        self.entry, self.keyword = None, None

    def store(self) -> None:
        """Give the decoded text of the current keyword to its entry."""
        if self.entry is None or self.keyword is None:
            return
        text = "".join(self.value)
        if self.keyword == "msgctxt":
            self.entry.context = text
        elif self.keyword == "msgid":
            self.entry.msgid = text
        self.value = []

    def keyword_line(self, body: str, line: int, offset: int, obsolete: bool) -> None:
        match = _KEYWORD.match(body)
        if match is None:
            self.error(line, offset + 1, f"unknown keyword or text outside quotes: {body.strip()[:40]!r}; a line is a comment (#), a keyword (msgctxt, msgid, msgstr) and a quoted string, or a quoted string that continues the one before")
            return
        keyword = match.group(1)
        quote = body.find('"', match.end())
        if quote < 0 or body[match.end():quote].strip():
            self.error(line, offset + match.end() + 1, f"{keyword} needs a quoted string after it, like {keyword} \"...\"")
            return
        starts_entry = keyword in ("msgctxt", "msgid") and (self.entry is None or self.keyword not in (None, "msgctxt"))
        if starts_entry or self.entry is None:
            self.close(line)
            self.entry = PoEntry(line, obsolete=obsolete)
            self.entries.append(self.entry)
        entry = self.entry
        self.store()
        if keyword.startswith("msgstr") and entry.msgid is None:
            self.error(line, offset + 1, f"{keyword} without a msgid before it; every entry is msgid \"...\" then msgstr \"...\"")
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            entry.plural = True
        if keyword.startswith("msgstr"):
            entry.msgstr_line = entry.msgstr_line or line
        entry.obsolete = entry.obsolete or obsolete
        self.keyword = keyword
        decoded = self.string(body, quote, line, keyword.startswith("msgstr") and not obsolete)
        self.value = [decoded or ""]

    def line(self, raw: str, line: int) -> None:
        text = raw.removesuffix("\r")
        stripped = text.lstrip(" \t")
        indent = len(text) - len(stripped)
        if not stripped:
            self.close(line)
            return
        if stripped.startswith(("#~", "#|")):
            # Obsolete entries and previous texts use the PO syntax after their marker.
            body = stripped[2:].removeprefix("|")
            inner = body.lstrip(" \t")
            offset = indent + len(stripped) - len(inner)
            if not inner:
                return
            if stripped.startswith("#|"):
                if not inner.startswith('"') and _KEYWORD.match(inner) is None:
                    self.error(line, offset + 1, "a '#|' line holds a previous msgctxt or msgid and a quoted string")
                elif inner.startswith('"'):
                    self.string(inner, 0, line, False)
                else:
                    quote = inner.find('"')
                    if quote < 0:
                        self.error(line, offset + 1, "a '#|' line needs a quoted string")
                    else:
                        self.string(inner, quote, line, False)
                return
            if inner.startswith('"'):
                self.continuation(inner, line, offset)
            else:
                self.keyword_line(inner, line, offset, obsolete=True)
            return
        if stripped.startswith("#"):
            if self.keyword is not None and self.entry is not None and self.entry.msgstr_line:
                self.close(line)  # a comment after a msgstr starts the next entry
            return
        if stripped.startswith('"'):
            self.continuation(stripped, line, indent)
            return
        self.keyword_line(stripped, line, indent, obsolete=False)

    def continuation(self, text: str, line: int, offset: int) -> None:
        if self.keyword is None:
            self.error(line, offset + 1, "a quoted string with no keyword before it; it continues a msgid or msgstr, so keep it right under one")
            return
        decoded = self.string(text, 0, line, self.keyword.startswith("msgstr") and not (self.entry and self.entry.obsolete))
        self.value.append(decoded or "")


def scan_po(data: bytes, rel: str) -> PoScan:
    """Decode and check a PO file; entries, and every problem with its line and column."""
    text, problems = _decode(data, rel)
    if text is None:
        return PoScan(None, problems=problems)
    lexer = _Lexer(rel)
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        lexer.line(raw, number)  # columns count characters of the decoded line
        if len(lexer.problems) >= MAX_PROBLEMS:
            break
    lexer.close(len(lines))
    scan = PoScan(text, lexer.entries, lexer.problems[:MAX_PROBLEMS])
    scan.problems += _entry_warnings(scan.entries, rel)
    return scan


def _entry_warnings(entries: list[PoEntry], rel: str) -> list[Problem]:
    """Plural, obsolete and duplicate entries: kept out of the import, each said once."""
    warnings: list[Problem] = []
    first: dict[str, int] = {}
    for entry in entries:
        where = Location(rel, entry.line, 1)
        if entry.obsolete:
            warnings.append(Problem(where, "obsolete entry (#~) is not imported; glocal texts come from msgctxt/msgid/msgstr entries without #~", Severity.WARNING, "po-obsolete"))
            continue
        if entry.plural:
            warnings.append(Problem(where, "plural entry (msgid_plural/msgstr[n]) is not imported; glocal texts have no plural forms, translate the single msgstr that export-po wrote", Severity.WARNING, "po-plural"))
            continue
        if not entry.msgid:
            continue  # the header
        key = entry.context if entry.context is not None else f"\0{entry.msgid}"
        if key in first:
            name = f"msgctxt '{entry.context}'" if entry.context is not None else f"msgid '{entry.msgid[:40]}'"
            warnings.append(Problem(where, f"duplicate entry for {name} (first at line {first[key]}); only the first is imported, delete this one", Severity.WARNING, "po-duplicate"))
        else:
            first[key] = entry.line
    return warnings
