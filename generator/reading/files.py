"""Content files → raw pages: front matter data, Markdown body, and line offsets.

Nothing here knows what the keys mean; `schema` and `frameworks` do that.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
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
# Control characters other than TAB and line breaks mean nothing in text, are
# read differently by the two YAML parsers (yaml-rs stops reading at NUL),
# and could drive an editor's terminal when a problem shows the line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
        # Where PyYAML cannot follow the text (that yaml-rs read), the top of it.
        position = (yamlio.locate(self.text, path) or (1, 1)) if self.text else None
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
    order, skipping hidden ones (names starting with '.' or '_'). A `DirEntry`
    states its file faster than a path does.

    Links are listed but never followed into: a link to a folder, or a folder
    that cannot be listed, is an entry of its own, which `read_content`
    refuses with a message, as it refuses pipes, devices and links that
    lead out of the content folder."""
    found = []
    folders: list[tuple[str, str, os.DirEntry | None]] = [(str(content_dir), "", None)]
    while folders:
        folder, prefix, folder_entry = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if folder_entry is None:
                raise  # the content folder itself
            found.append((prefix.rstrip("/"), folder_entry))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, prefix + name + "/", entry))
            elif (name[name.rfind("."):].lower() in PAGE_SUFFIXES and (prefix or name not in SITE_FILES)) \
                    or (entry.is_symlink() and entry.is_dir()):
                found.append((prefix + name, entry))
    return sorted(found, key=lambda item: item[0])


def content_files(content_dir: Path) -> dict[str, str]:
    """Every page file under `content_dir` (its path as a string, which is much
    quicker to make than a `Path`) by its relative path, as `page_entries`."""
    return {rel: entry.path for rel, entry in page_entries(content_dir)}


class Refused(Exception):
    """A content file Ladder will not read; the message says why."""


def read_content(path: Path | str, rel: str, head: int | None = None) -> bytes:
    """The bytes of the content file `path`, which is the content folder
    joined with `rel` (or only its first `head` bytes).

    Only regular files inside the content folder are read: a link must lead
    to one (a link to /etc/passwd would publish it), and pipes and devices
    are refused before they are opened (reading a pipe waits for ever).
    Raises `Refused`, with a message for the editor, for anything else and
    for a file over the size limit."""
    path = os.fspath(path)
    try:
        if os.path.islink(path):
            root = os.path.realpath(path[: len(path) - len(rel)] or ".")
            if not (target := os.path.realpath(path)).startswith(root.rstrip(os.sep) + os.sep):
                raise Refused(f"is a link to {target}, outside the content folder; Ladder reads only "
                              "files inside it: copy the file in instead")
            if not os.path.exists(target):
                raise Refused("is a link to a file that does not exist")
            path = target
        data = regular_file_bytes(path, head if head is not None else MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise Refused("file not found: it was removed while Ladder read the folder") from None
    except OSError as exc:
        raise Refused(f"cannot read file: {exc.strerror}") from None
    if head is None and len(data) > MAX_FILE_BYTES:
        raise Refused(f"file is {_size(path):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return data


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return MAX_FILE_BYTES + 1


def regular_file_bytes(path: str, limit: int | None = None) -> bytes:
    """Up to `limit` bytes of the regular file at `path` (which is no link).
    Anything else is refused before it is opened, and looked at again once
    opened (without waiting, and without following a link swapped in since)."""
    _refuse_unless_regular(os.lstat(path))
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        _refuse_unless_regular(os.fstat(handle))
        chunks, size = [], 0
        while (limit is None or size < limit) and \
                (chunk := os.read(handle, 1 << 20 if limit is None else min(limit - size, 1 << 20))):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(handle)
    return b"".join(chunks)


def _refuse_unless_regular(info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISLNK(info.st_mode):
        raise Refused("is a link that changed while Ladder read it")
    if stat.S_ISDIR(info.st_mode):
        raise Refused("is a link to a folder, or a folder Ladder cannot list; Ladder follows no links "
                      "to folders: move the folder into the content folder instead")
    kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) \
        else "a device"
    raise Refused(f"is {kind}, not a file; content files must be regular files")


def read_text(path: Path, rel: str) -> tuple[str | None, bytes, list[Problem]]:
    """Read a file as UTF-8, refusing huge or undecodable files with a clear message."""
    try:
        raw = read_content(path, rel)
    except Refused as exc:
        return None, b"", [Problem(rel, str(exc))]
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
    return parse_page(text, raw, rel, yaml_only=path.suffix.lower() in (".yml", ".yaml"))


def parse_page(text: str, raw: bytes, rel: str, yaml_only: bool = False) -> tuple[RawPage | None, list[Problem]]:
    """A content file's text (decoded from `raw`) into a `RawPage`; `yaml_only`
    for a .yml file, which is front matter without the dashes."""
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        return None, [Problem(rel, f"control character U+{ord(control.group()):04X} is not text; remove it "
                                   "(it may come from pasting)", line=line,
                              column=control.start() - text.rfind("\n", 0, control.start()))]
    digest = digest_of(raw)
    text = text.replace("\r\n", "\n")
    if yaml_only:
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
