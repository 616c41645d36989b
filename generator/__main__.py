"""`python -m generator` is the same as `ladder`."""

from .cli import run

run()
