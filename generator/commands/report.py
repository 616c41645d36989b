"""How problems and results are shown in the terminal (always on stderr)."""

from __future__ import annotations

import sys

from ..building.engine import BuildResult
from ..errors import ContentError, Problem, cut, plural

EXCERPT_WIDTH = 120  # characters of each line shown around a problem


def format_problem(problem: Problem, context: bool = True) -> str:
    """The problem as `file:line:col: key: message`, with the YAML lines around
    it: of a long line, the part around the column (a line of a file may be
    megabytes long), the other lines cut at the same place (or from their start,
    when they end before it)."""
    lines = [str(problem)]
    if context and problem.excerpt:
        width = len(str(problem.excerpt[-1][0]))
        column = (problem.column or 1) - 1
        start = max(0, column - EXCERPT_WIDTH // 2)
        for number, text in problem.excerpt:
            marker = ">" if number == problem.line else " "
            shown = cut(text, start if len(text) > start or number == problem.line else 0, EXCERPT_WIDTH)
            lines.append(f"  {marker} {number:>{width}} | {shown}")
            if number == problem.line and problem.column:
                lines.append(f"    {' ' * width} | {' ' * (column - start + (start > 0))}^")
    return "\n".join(lines)


def progress(message: str, stream=None) -> None:
    print(f"ladder: {message}", file=stream or sys.stderr)


def problems(found: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in found:
        print(format_problem(problem, context=problem.is_error), file=stream)


def failure(error: ContentError, stream=None) -> None:
    stream = stream or sys.stderr
    errors = sum(p.is_error for p in error.problems)
    warnings = len(error.problems) - errors
    text = f"ladder: {plural(errors, 'error')}"
    if warnings:
        text += f", {plural(warnings, 'warning')}"
    print(text + "; nothing was written.", file=stream)


def summary(command: str, result: BuildResult, stream=None) -> None:
    stream = stream or sys.stderr
    warnings = f", {plural(len(result.warnings), 'warning')}" if result.warnings else ""
    if result.unchanged:
        print(f"ladder: up to date ({result.seconds:.2f} s) → {result.output}", file=stream)
    elif command == "check":
        print(f"ladder: content is valid: {plural(result.pages, 'page')}{warnings} "
              f"({result.seconds:.2f} s); nothing written.", file=stream)
    else:
        print(f"ladder: built {plural(result.pages, 'page')} ({result.files} files) in {result.seconds:.2f} s"
              f"{warnings} → {result.output}", file=stream)
