"""``python -m glocal``: the same command line as the ``glocal`` script."""

from glocal.cli import main

main()
