"""Which characters a text value may hold, so that every output can carry it unchanged.

Every text glocal reads ends up in several places: a terminal, an ``.ics`` file (content
lines, where a bare CR or LF breaks the line structure), ``schedule.json``, an HTML report,
e-mail headers and PO files. The rules here are the intersection of what all of them can
carry safely; ``docs/formats.md`` ("Text values") states them per field:

* never, in any field: C0 controls other than TAB and LF (NUL, BEL, ESC, CR, ...), DEL,
  C1 controls (U+0080-U+009F), the Unicode line and paragraph separators U+2028/U+2029,
  bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, the
  "Trojan Source" characters that make text display in another order than it is stored),
  lone surrogates (not encodable as UTF-8) and the noncharacters U+FFFE/U+FFFF;
* one-line fields (names, titles, venue, instrument, styles): no LF and no TAB either;
* multi-line fields (descriptions, notes, summaries, objective texts, reasons): LF and TAB.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

from glocal.values import fail

# Characters refused in every text value (see the module docstring for why each range).
_NEVER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile("[\n\t]")

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL (bell)",
    "\x08": "BACKSPACE",
    "\t": "TAB",
    "\n": "a line break (LF)",
    "\r": "a carriage return (CR)",
    "\x1b": "ESC (terminal escape)",
    "\x7f": "DEL",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\ufffe": "a noncharacter",
    "\uffff": "a noncharacter",
}


def describe(char: str) -> str:
    """``U+001B ESC (terminal escape)``: a character named so that a reader can find it."""
    name = _NAMES.get(char)
    if name is None:
        try:
            name = unicodedata.name(char)
        except ValueError:
            kinds = {"Cc": "a control character", "Cs": "a lone surrogate (not encodable as UTF-8)"}
            name = kinds.get(unicodedata.category(char), "an unassigned character")
    return f"U+{ord(char):04X} {name}"


def bad_character(text: str) -> str | None:
    """Why ``text`` cannot be carried by every output, or None when it can."""
    match = _NEVER.search(text)
    if match is None:
        return None
    return (
        f"text holds {describe(match.group())} at character {match.start() + 1}; control, "
        "line-separator and bidirectional-override characters break calendars, e-mail and "
        "terminals, so remove it (write line breaks as real new lines in a multi-line field)"
    )


def line_break(text: str) -> str | None:
    """Why ``text`` cannot be a one-line value (a name, a title), or None when it can."""
    match = _LINE_BREAKS.search(text)
    if match is None:
        return None
    return (
        f"this is a one-line text, but it holds {describe(match.group())} at character "
        f"{match.start() + 1}; write it on one line, without tabs"
    )


def _one_line(value: str) -> str:
    why = bad_character(value) or line_break(value)
    if why is not None:
        raise fail(why)
    return value


def _paragraph(value: str) -> str:
    why = bad_character(value)
    if why is not None:
        raise fail(why)
    return value


Line = Annotated[str, AfterValidator(_one_line)]
"""A one-line text (names, titles, venue): no control characters, no line breaks or tabs."""

Paragraph = Annotated[str, AfterValidator(_paragraph)]
"""A multi-line text (descriptions, notes): line breaks and tabs allowed, other controls not."""
