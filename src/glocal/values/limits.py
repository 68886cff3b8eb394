"""Bounds on what glocal reads, in one place, so that each can be documented and tested.

Each bound is far above any real workspace and well below what would exhaust memory, time
or the solver's 64-bit arithmetic; ``docs/security.md`` ("Input limits and text") explains
each one and names the tests that prove it.
"""

from __future__ import annotations

# Dates: a plan lies in these years. Python's dates end in year 9999, so a session in 9999
# plus a duration (or a time-zone shift) overflows; years 1900-2999 leave centuries of room.
MIN_YEAR = 1900
MAX_YEAR = 2999

# The planning horizon: a rollout window (and so every cohort's window) of at most this many
# days. Two years holds any real wave; the solver's model grows with the days in the window.
MAX_HORIZON_DAYS = 731

# Objective weights: CP-SAT sums weight x cost in 64-bit integers (at most 9.2e18). A cost
# term is at most a few thousand per session (minutes outside preferred hours, days to the
# finish) and a plan has at most ~10^5 sessions, so 10^6 x 10^4 x 10^5 x 7 terms < 10^16.
MAX_WEIGHT = 1_000_000

# JSON files glocal reads back (schedule.json for validate, agenda --schedule, plan --previous).
MAX_JSON_BYTES = 64 * 1024 * 1024  # a 2,400-session schedule is about 2 MB
MAX_JSON_DEPTH = 32  # schedule.json nests four levels deep

# Counts that the solver turns into constraints.
MAX_SESSIONS_PER_DAY = 1440  # one one-minute session per minute
MAX_SESSIONS_PER_WEEK = 7 * MAX_SESSIONS_PER_DAY
MAX_COHORT_SIZE = 100_000
MAX_OFFSET_DAYS = 3660  # evaluation "<n>d after-last-session": ten years
