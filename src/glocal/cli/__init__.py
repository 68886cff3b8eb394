"""The ``glocal`` command line: a thin click layer over the library.

This package is the only place that prints or exits. Library errors (``GlocalError``)
become messages and exit statuses here, in ``GlocalGroup.invoke``: 2 for invalid input,
1 for an infeasible plan, 0 when done.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from glocal import __version__
from glocal.cli.common import GlocalGroup


@click.group(cls=GlocalGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="glocal")
def cli() -> None:
    """glocal: run one training program in many countries.

    Reads a workspace (programs/ and locales/), checks it, localizes the program for every
    cohort, schedules every session with a CP-SAT solver across time zones, holidays and
    leave, and writes calendars, schedule.json and a report.
    """


def _register() -> None:
    # Each command lives in its own module; importing registers it on ``cli``.
    from glocal.cli import agenda as _agenda  # noqa: F401
    from glocal.cli import check as _check  # noqa: F401
    from glocal.cli import init as _init  # noqa: F401
    from glocal.cli import locales as _locales  # noqa: F401
    from glocal.cli import plan as _plan  # noqa: F401
    from glocal.cli import validate as _validate  # noqa: F401


_register()


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="glocal")
