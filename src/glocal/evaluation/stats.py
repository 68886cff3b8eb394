"""Small statistics: Student-t 95 % intervals of a mean and of a difference of two means.

No statistics library is needed for these: the two-sided 97.5 % quantiles of Student's t for
1-30 degrees of freedom are tabulated (exact to 9 digits), and above 30 the Cornish-Fisher
expansion around the normal quantile is exact to better than 1e-6.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

_T975 = (
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
    2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
    2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
    2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
    2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
)  # index = degrees of freedom - 1
_Z975 = NormalDist().inv_cdf(0.975)


def t975(df: float) -> float:
    """The 97.5 % quantile of Student's t with ``df`` degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if df <= len(_T975):
        low = int(df)
        if low == df or low == len(_T975):
            return _T975[low - 1]
        share = df - low  # Welch's df need not be whole: interpolate between table rows
        return _T975[low - 1] * (1 - share) + _T975[low] * share
    z, v = _Z975, df
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
    )


@dataclass(frozen=True)
class Estimate:
    """A mean with its sample standard deviation and 95 % interval over ``n`` values."""

    n: int
    mean: float
    sd: float | None  # None for one value
    low: float | None
    high: float | None


def estimate(values: list[float]) -> Estimate:
    """Mean and t-interval of independent values (one per participant)."""
    n = len(values)
    if n == 0:
        raise ValueError("no values")
    mean = math.fsum(values) / n
    if n < 2:
        return Estimate(n, mean, None, None, None)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    half = t975(n - 1) * sd / math.sqrt(n)
    return Estimate(n, mean, sd, mean - half, mean + half)


@dataclass(frozen=True)
class Difference:
    """``a - b`` of two independent group means with Welch's 95 % interval."""

    diff: float
    low: float
    high: float
    df: float

    @property
    def excludes_zero(self) -> bool:
        """True when the groups differ beyond the interval."""
        return self.low > 0 or self.high < 0


def welch(a: Estimate, b: Estimate) -> Difference | None:
    """Welch's interval for ``a.mean - b.mean``; None when a group has fewer than two values."""
    if a.sd is None or b.sd is None:
        return None
    va, vb = a.sd**2 / a.n, b.sd**2 / b.n
    diff = a.mean - b.mean
    if va + vb == 0:
        return Difference(diff, diff, diff, float(a.n + b.n - 2))
    df = (va + vb) ** 2 / (va**2 / (a.n - 1) + vb**2 / (b.n - 1))
    half = t975(df) * math.sqrt(va + vb)
    return Difference(diff, diff - half, diff + half, df)
