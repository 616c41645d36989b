"""One content file's Markdown, rendered to HTML: remembered between builds,
and given one time budget for the whole file."""

from __future__ import annotations

import time

MAX_SECONDS = 5.0  # of Markdown rendering for one content file, all its texts together


class MarkdownMemo:
    """Markdown rendered to HTML, by id prefix and text. A file read again after
    an edit renders only the Markdown that changed (loading and setting up the
    Markdown library takes longer than the rest of a one-file rebuild)."""

    def __init__(self, known: dict[tuple[str, str], str] | None = None):
        self.known = known or {}
        self.used: dict[tuple[str, str], str] = {}  # what this read rendered or took from `known`
        self.seconds = MAX_SECONDS  # left for rendering this file's Markdown

    def __call__(self, text: str, id_prefix: str = "") -> str:
        if not text.strip():
            return ""
        key = (id_prefix, text)
        html = self.known.get(key)
        if html is None:
            from .markup import render_markdown  # loaded only for text that has some

            started = time.monotonic()
            try:
                html = render_markdown(text, id_prefix, self.seconds)
            finally:
                self.seconds -= time.monotonic() - started
        self.used[key] = html
        return html
