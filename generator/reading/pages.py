"""Raw pages → checked pages: the front matter validated against the format,
and a site path for each page, unique across the site.

This depends on nothing but the file, so it runs before any framework is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem
from ..model import slugify
from .files import RawPage
from .format import FRAMEWORK
from .schema import Checker

GENERIC_PATH = "generic"  # the framework others inherit topics from
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")
MAX_PATH = 120  # characters: comparison pages join two paths in one file name


@dataclass(slots=True)
class CheckedPage:
    """A content file whose front matter passed the schema."""

    page: RawPage
    data: dict
    path: str


def site_path_problem(value: str) -> str | None:
    """Say why a front-matter `path` is unsafe as a site path, or None if it is fine.
    (What it may not be because of other pages and Ladder's own files, see
    `output_clashes`.)"""
    stripped = value.strip().strip("/")
    if len(stripped) > MAX_PATH:
        return f"is {len(stripped):,} characters long; a path is at most {MAX_PATH} (it names folders and pages)"
    if not stripped:
        return "'/' is the home page; give the framework its own path, such as /customer-operations"
    if "\\" in value or ":" in value or "//" in value:
        return f"{value!r} is not a site path: use '/' between parts, and no '\\', ':' or '//'"
    for segment in stripped.split("/"):
        if segment in (".", ".."):
            return f"{value!r} may not contain '.' or '..' parts"
        if not _SAFE_SEGMENT.match(segment):
            return f"{value!r} has characters unsafe in a URL; use letters, digits, '-', '_', '.' and '/'"
    return None


def default_path(rel: str) -> str:
    """A page without `path` is published where its file sits: people.md → /people."""
    stem = rel.rsplit(".", 1)[0]
    parts = [slugify(part) or "page" for part in stem.split("/")]
    if len(parts) > 1 and parts[-1] == "index":
        parts.pop()
    return "/".join(parts)


def check_page(page: RawPage) -> tuple[CheckedPage | None, list[Problem]]:
    """Validate one page's front matter; depends on nothing but the file."""
    if not isinstance(page.data, dict):
        return None, [page.problem("front matter must be a set of keys such as 'title: …'")]
    checker = Checker()
    data = checker.check(FRAMEWORK, page.data)
    if data is None:
        return None, [page.problem(f.message, f.path, f.severity) for f in checker.found]
    if not page.has_front_matter:
        data["yaml"] = False  # a plain Markdown file is a page of text
    path = default_path(page.rel)
    if data["path"] is not None:
        if message := site_path_problem(data["path"]):
            checker.error(("path",), message)
        else:
            path = data["path"].strip().strip("/")
    problems = [page.problem(f.message, f.path, f.severity) for f in checker.found]
    if any(f.severity == "error" and f.path == ("path",) for f in checker.found):
        return None, problems
    # Wrong values were replaced by defaults, so the page can still be read on,
    # to report the problems found later too; the build stops before writing.
    return CheckedPage(page, data, path), problems


def claim_paths(checked: list[CheckedPage]) -> tuple[list[CheckedPage], list[Problem]]:
    """Keep the first page for each path; a later one claiming it is an error."""
    kept, owners, problems = [], {}, []
    for page in checked:
        if page.path in owners:
            problems.append(page.page.problem(
                f"path '/{page.path}' is already used by {owners[page.path]}; each page needs its own", ("path",)))
            continue
        owners[page.path] = page.page.rel
        kept.append(page)
    return kept, problems


def generic_topics_of(checked: list[CheckedPage]) -> dict:
    """Topics of the `/generic` framework by name, which others inherit from."""
    generic = next((c for c in checked if c.path == GENERIC_PATH), None)
    return {t["name"]: t for t in generic.data["topics"]} if generic is not None else {}
