"""The changes since the previous plan, as ``glocal plan`` prints them: one row per session
that changed (moved, facilitator, venue, text, attendees, cancelled, delivered) with the iTIP
files to send and how many addresses each must reach; new sessions are counted in one line.
"""

from __future__ import annotations

from rich.table import Table

from glocal.calendars.changes import Change

_LABELS = {
    "new": "new", "moved": "moved", "facilitator": "facilitator", "venue": "venue", "text": "text",
    "attendees": "attendees", "cancelled": "cancelled", "delivered": "delivered (kept, no message)",
}


def _when(change: Change) -> str:
    now, before = change.change.start, change.change.previous_start
    if now is not None and before is not None and now != before:
        return f"{before:%Y-%m-%d %H:%M} -> {now:%Y-%m-%d %H:%M} UTC"
    shown = now or before
    return f"{shown:%Y-%m-%d %H:%M} UTC" if shown is not None else ""


def _who(change: Change) -> str:
    now, before = change.change.facilitator, change.change.previous_facilitator
    if now is not None and before is not None and now != before:
        return f"{before} -> {now}"
    return now or before or ""


def _addresses(to: list[str]) -> str:
    """Up to three addresses, then how many more: who must get the file, at a glance."""
    shown = ", ".join(to[:3])
    return f"{shown} (+{len(to) - 3} more)" if len(to) > 3 else shown


def changes_table(changes: list[Change]) -> Table | None:
    """A table of every change except new sessions; None when nothing but new sessions."""
    rows = [c for c in changes if c.change.what != ["new"]]
    if not rows:
        return None
    table = Table(title="Changes since the previous plan", title_justify="left")
    for column in ("session", "what", "when", "facilitator", "seq", "send"):
        table.add_column(column, overflow="fold")
    for item in rows:
        change = item.change
        send = "\n".join(f"{m.method} {m.path} -> {_addresses(m.to)}" for m in item.messages) or "-"
        table.add_row(f"{change.cohort}/{change.module}", ", ".join(_LABELS[w] for w in change.what),
                      _when(item), _who(item), str(change.sequence), send)
    return table


def changes_line(changes: list[Change]) -> str | None:
    """``6 new sessions, 6 invites to send`` (first plans, new cohorts); None without any."""
    new = [c for c in changes if c.change.what == ["new"]]
    if not new:
        return None
    invites = sum(1 for c in new for m in c.messages if m.method == "REQUEST")
    noun = "session" if len(new) == 1 else "sessions"
    return f"{len(new)} new {noun}, {invites} invite file{'s' if invites != 1 else ''} to send ('glocal send')"
