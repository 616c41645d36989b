"""`python -m generator` is the same as `ladder`."""

from .commands.cli import run

run()
