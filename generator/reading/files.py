"""Content files → raw pages: front matter data, Markdown body, and line offsets.

Nothing here knows what the keys mean; `schema` and `frameworks` do that.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from . import yamlio

MAX_FILE_BYTES = 5_000_000
SITE_FILES = {"site.yml", "site.yaml", "mappings.yml", "mappings.yaml"}
PAGE_SUFFIXES = {".md", ".markdown", ".yml", ".yaml"}

# python-frontmatter's YAML boundary, a line of three or more dashes (the
# split is tested to match its own). Importing the package would import
# PyYAML, which a build of valid files does not otherwise need.
_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)


@dataclass(slots=True)
class RawPage:
    """One content file, split and parsed but not yet validated."""

    rel: str  # path relative to the content folder, with forward slashes
    text: str  # the YAML part, as it is in the file
    data: object  # the parsed YAML
    body: str  # Markdown after the front matter ("" for pure YAML files)
    line_offset: int  # lines in the file before `text`
    body_line: int  # line of the file where `body` starts (its first line may be a rest of '---')
    has_front_matter: bool
    digest: str  # hash of the file's bytes, for caches

    def problem(self, message: str, path: tuple = (), severity: str = "error") -> Problem:
        """Build a problem at `path` inside this page, with its line and column."""
        position = yamlio.locate(self.text, path) if self.text else None
        line = position[0] + self.line_offset if position else None
        return Problem(
            self.rel,
            message,
            line=line,
            key=yamlio.format_path(path),
            severity=severity,
            excerpt=yamlio.excerpt(self.text, line - self.line_offset, self.line_offset) if line else (),
        )


def page_entries(content_dir: Path) -> list[tuple[str, os.DirEntry]]:
    """Every page file under `content_dir` by its relative path, in a stable
    order, skipping hidden ones (names starting with '.' or '_') and folders
    that are links. A `DirEntry` states its file faster than a path does."""
    found = []
    folders = [(str(content_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith((".", "_")):
                    continue
                if entry.is_dir():
                    if not entry.is_symlink():
                        folders.append((entry.path, prefix + name + "/"))
                elif name[name.rfind("."):].lower() in PAGE_SUFFIXES and (prefix or name not in SITE_FILES):
                    found.append((prefix + name, entry))
    return sorted(found, key=lambda item: item[0])


def content_files(content_dir: Path) -> dict[str, str]:
    """Every page file under `content_dir` (its path as a string, which is much
    quicker to make than a `Path`) by its relative path, as `page_entries`."""
    return {rel: entry.path for rel, entry in page_entries(content_dir)}


def read_text(path: Path, rel: str) -> tuple[str | None, bytes, list[Problem]]:
    """Read a file as UTF-8, refusing huge or undecodable files with a clear message."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, b"", [Problem(rel, f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, raw, [Problem(rel, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    try:
        return raw.decode("utf-8-sig"), raw, []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, raw, [
            Problem(rel, "file is not UTF-8; save it as UTF-8 in your editor", line=line, column=column)
        ]


def digest_of(raw: bytes) -> str:
    """The hash by which caches know a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def split_front_matter(text: str) -> tuple[str, str] | None:
    """python-frontmatter's split of `text` (which starts with a '---' line) into
    front matter and body, or None when no second '---' line closes it.

    The same boundary pattern is tried only where a line starts with '---':
    letting the pattern look for them itself tests every position of the file.
    """
    opening = _BOUNDARY.match(text)
    start = opening.end()
    at = start
    while (at := text.find("\n---", at)) >= 0:
        at += 1
        closing = _BOUNDARY.match(text, at)
        if closing:
            return text[start:closing.start()], text[closing.end():]
    return None


def load_page(path: Path, rel: str) -> tuple[RawPage | None, list[Problem]]:
    """Read one content file into a `RawPage`."""
    text, raw, problems = read_text(path, rel)
    if text is None:
        return None, problems
    digest = digest_of(raw)
    text = text.replace("\r\n", "\n")
    if path.suffix.lower() in (".yml", ".yaml"):
        meta, body, offset, has_fm = text, "", 0, True
    elif _BOUNDARY.match(stripped := text.lstrip(" \t\n")):
        # The split keeps the opening '---' line as an empty first line of
        # `meta`, so lines in `meta` are lines in the file, after any blank
        # lines before the '---'.
        offset, has_fm = text[: len(text) - len(stripped)].count("\n"), True
        split = split_front_matter(stripped)
        if split is None:
            return None, [Problem(rel, "the front matter that starts here is never closed: "
                                  "add a line '---' after its last key", line=offset + 1)]
        meta, body = split
    else:
        meta, body, offset, has_fm = "", text, 0, False
    body_line = offset + meta.count("\n") + 1 if has_fm and body else 1
    data, problems = yamlio.parse(meta, rel, offset) if meta.strip() else ({}, [])
    if data is None and not problems:
        data = {}
    return RawPage(rel, meta, data, body, offset, body_line, has_fm, digest), problems
