"""Plain text laid out for a terminal: bidirectional isolates and display widths.

A right-to-left agenda mixes Arabic or Hebrew lines with core texts shown as fallback (in
English, say) and with ids and numbers; a line's direction is therefore found from its own
first strong character (FSI, as ``dir="auto"`` does in HTML), never forced (RLI would lay an
English fallback line out right to left). Terminals give East Asian wide characters two
columns, combining marks and format characters none, so an underline is measured in columns,
not in code points.
"""

from __future__ import annotations

import unicodedata

FSI, PDI = "\u2068", "\u2069"  # first strong isolate ... pop directional isolate (Unicode UAX #9)
_RTL_CLASSES = frozenset({"R", "AL"})
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})  # combining marks, isolates, ZWJ, ...


def isolate(text: str) -> str:
    """``text`` in a first-strong isolate: its direction is its own, its neighbours' unaffected."""
    return f"{FSI}{text}{PDI}"


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana ...)."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def char_width(char: str) -> int:
    """Terminal columns of one code point: 2 for East Asian wide and fullwidth, 0 for marks."""
    if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES or unicodedata.combining(char):
        return 0
    if "\u1160" <= char <= "\u11ff":  # Hangul medial vowels and final consonants join the syllable
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (``変化`` is 4, ``é`` written as e + U+0301 is 1)."""
    return sum(char_width(char) for char in text)
