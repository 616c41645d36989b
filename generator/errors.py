"""Problems found in content, and the one exception that carries them.

Every stage reports into a `Report` instead of raising, so that an editor sees
every mistake in one run; the build stops once, at the end of validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (an error) or suspicious (a warning) in one file."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    severity: str = "error"
    excerpt: tuple[tuple[int, str], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.severity == "warning":
            text += "warning: "
        if self.key:
            text += f"{self.key}: "
        return text + self.message

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.key, self.message)


@dataclass
class Report:
    """Collects problems from every stage of a build."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.is_error), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if not p.is_error), key=Problem.sort_key)


class LadderError(Exception):
    """A failure the user can fix that is not about one content file (exit 1)."""


class UsageError(LadderError):
    """Bad command-line usage, such as a missing content folder (exit 2)."""


class MarkdownRefused(ValueError):
    """Markdown that Python-Markdown would take too long over, or cannot render;
    the message says why, for the editor."""


class ContentError(LadderError):
    """The content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = sum(p.is_error for p in problems)
        super().__init__(f"{plural(count, 'error')} in content")


MAX_WARNINGS = 100  # listed for one file; past this, they are counted


def listed(problems: list[Problem]) -> list[Problem]:
    """A file's problems as they are shown: every error (reading stops after a
    hundred), the first `MAX_WARNINGS` warnings, and a count of the rest."""
    shown, warnings = [], 0
    for problem in problems:
        warnings += not problem.is_error
        if problem.is_error or warnings <= MAX_WARNINGS:
            shown.append(problem)
    if warnings > MAX_WARNINGS:
        hidden = f"{warnings - MAX_WARNINGS:,} more warnings in this file were not listed"
        shown.append(Problem(problems[0].file, hidden, severity="warning"))
    return shown


def cut(text: str, start: int, width: int) -> str:
    """`width` characters of `text` from `start`, with "…" where text was left
    out: how a message quotes a text or a line that may be megabytes long."""
    return ("…" if start else "") + text[start:start + width] + ("…" if len(text) > start + width else "")


def plural(count: int, word: str) -> str:
    """"1 page", "2 pages": for the messages Ladder prints."""
    return f"{count} {word}{'' if count == 1 else 's'}"
