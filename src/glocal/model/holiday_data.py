"""Public holidays from the ``holidays`` package, without its warnings on stderr.

For a few countries the package computes some holidays only for a range of years (India's
lunar holidays: 2001-2035) and says so with a ``UserWarning`` on every lookup outside it; for
years outside a country's data (most end in 2100) it returns nothing, silently. glocal says
both in its own words, once, as a check warning at the country (``glocal.workspace.checks.holidays``),
so the package's own warning is not shown.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

import holidays

# The package's message for years it computes only partly; reported by glocal.workspace.checks.holidays.
_PARTIAL = r"Requested Holidays are available only from"
warnings.filterwarnings("ignore", message=_PARTIAL, category=UserWarning)


def country_holidays(code: str, subdiv: str | None, years: int | tuple[int, ...], language: str | None = None) -> Any:
    """``holidays.country_holidays`` for these years (its range warning silenced above)."""
    return holidays.country_holidays(code, subdiv=subdiv, years=years, language=language)


@cache
def coverage_note(code: str, subdiv: str | None, year: int) -> str | None:
    """What the holiday data lacks for ``year`` in this country, in glocal's words, or None."""
    table = holidays.country_holidays(code, subdiv=subdiv)
    start, end = int(getattr(table, "start_year", 1)), int(getattr(table, "end_year", 9999))
    if not start <= year <= end:
        return f"the holiday data of {code} covers {start}-{end} only, so {year} has no public holidays in glocal"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        holidays.country_holidays(code, subdiv=subdiv, years=year)
    for warning in caught:
        text = str(warning.message)
        if text.startswith(_PARTIAL.replace("\\", "")):
            span = text.removeprefix(_PARTIAL).strip(" .")
            return (f"the holiday data of {code} computes some holidays (such as lunar ones) only for "
                    f"{span}, so {year} lacks them in glocal")
    return None
