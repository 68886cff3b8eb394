"""Run a function in a forked child whose address space is capped (RLIMIT_AS).

The cap is the child's size at the fork plus ``extra`` bytes, so the same test works in a
small process and in a pytest worker that has already mapped OR-Tools. Whatever the function
returns (or raises) comes back pickled; a child killed or out of memory comes back as
``Crashed`` with its exit status, so a test can tell "clean error" from "crash".
"""

from __future__ import annotations

import os
import pickle
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024


@dataclass
class Crashed:
    """The child did not return: it raised (``error``), ran out of memory, or was killed."""

    error: str
    status: int


def _vm_size() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


def run_capped(func: Callable[..., Any], *args: Any, extra: int = 400 * MiB) -> Any:
    """``func(*args)`` in a child limited to its current size + ``extra`` bytes of memory."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: cap, run, send the outcome, never return into pytest
        os.close(read_end)
        try:
            limit = _vm_size() + extra
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                outcome: Any = ("value", func(*args))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as a crash
                outcome = ("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"[:20000])
            data = pickle.dumps(outcome)
        except BaseException:  # noqa: BLE001 - even pickling can run out of memory
            data = pickle.dumps(("error", "the child failed while reporting"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return Crashed("the child died without an answer", status)
    kind, value = pickle.loads(data)
    return value if kind == "value" else Crashed(value, status)
