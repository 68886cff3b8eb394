"""glocal: one training program, many countries."""

__version__ = "0.1.0"
