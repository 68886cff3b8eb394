"""CLDR locale parent chains (``pt_BR -> pt``, ``es_MX -> es_419 -> es``).

The chain decides which variant folders apply to a cohort and which tool catalogs
translate a label. It follows CLDR's inheritance exactly as babel stores it: the
``parent_exceptions`` table first (``en_IN -> en_001``, ``nb -> no``), then a locale whose
script is not the likely script of its language inherits from root, never from its
language (``zh_Hant`` does not inherit from ``zh``, which is Simplified), and otherwise the
last subtag is dropped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

ROOT = "root"


# glocal's own translated labels (gettext catalogs shipped in the package, one folder per locale)
CATALOG_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"

def normalize_locale(locale: str) -> str:
    """The POSIX form babel writes (``pt-BR`` -> ``pt_BR``, ``zh-TW`` -> ``zh_Hant_TW``).

    Raises ``ValueError`` for text that is not a locale.
    """
    try:
        return str(Locale.parse(locale.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown locale '{locale}'") from exc


def _has_unlikely_script(locale: str) -> bool:
    """True for ``zh_Hant``: its script differs from the language's likely one (``Hans``)."""
    parts = locale.split("_")
    if len(parts) < 2 or len(parts[1]) != 4:
        return False
    likely = get_global("likely_subtags").get(parts[0], "")
    likely_parts = likely.split("_")
    return len(likely_parts) > 1 and likely_parts[1] != parts[1]


def parent_locale(locale: str) -> str:
    """The CLDR parent of a POSIX locale; ``root`` for a bare language."""
    exception = get_global("parent_exceptions").get(locale)
    if exception:
        return str(exception)
    parts = locale.split("_")
    if len(parts) == 1:
        return ROOT
    if len(parts) == 2 and _has_unlikely_script(locale):
        return ROOT
    return "_".join(parts[:-1])


@cache
def _chain(locale: str) -> tuple[str, ...]:
    chain: list[str] = []
    current = locale
    while current != ROOT and current not in chain:
        chain.append(current)
        current = parent_locale(current)
    return tuple(chain)


def locale_chain(locale: str) -> list[str]:
    """The CLDR parent chain of a locale, most specific first, without the core/root.

    >>> locale_chain("pt_BR")
    ['pt_BR', 'pt']
    >>> locale_chain("es-MX")
    ['es_MX', 'es_419', 'es']
    """
    return list(_chain(normalize_locale(locale)))
