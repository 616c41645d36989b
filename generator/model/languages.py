"""Which of the available languages serves a page's language.

A language tag narrows from left to right (BCP 47): "es-419" is Spanish as
written in Latin America, "pt-br" Portuguese as written in Brazil. A reader
of "es-419" reads "es" far better than English, so a tag without interface
strings or translations of its own takes those of its primary language.
"""

from __future__ import annotations

from collections.abc import Container


def served(language: str, available: Container[str]) -> str | None:
    """`language` if available, else its primary language if available, else None."""
    if language in available:
        return language
    primary = language.split("-", 1)[0]
    return primary if primary in available else None
