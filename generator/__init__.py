"""Ladder: a static site generator for career frameworks."""

__version__ = "0.1.0"
