"""Full-text search with Pagefind, run over the written site before it goes live.

Pagefind's binary ships in the `pagefind[bin]` wheel and works offline. It
indexes the pages marked `data-pagefind-body` (frameworks, standards, units,
roles, guides) with the site's language rules: a search from any page then
finds pages in every language (by default Pagefind makes an index per
language and searches only the page's own). Pagefind reads every HTML file
it is shown, so it is shown only the pages that are indexed (hard links in a
folder of their own): the level and comparison pages repeat what the
framework pages say.

A large site is indexed in parts of about `PART_PAGES` pages, each content
file's pages in one part (chosen by a hash of its name, so adding a file
moves no other), and the browser merges the parts when a search starts
(Pagefind's `mergeIndex`). The parts are indexed side by side, which uses
every core, bounds the memory of each Pagefind run, and lets an edit index
again only the part that holds the edited file's pages. A site of one part,
which is most sites, has the one index it always had.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import LadderError

BUNDLE = "pagefind"
PARTS = "pagefind-parts"  # the other parts' bundles, as PARTS/<n>/
PARTS_KEY = "ladder_parts"  # in the first part's pagefind-entry.json: where the others are, from it
PART_PAGES = 200


def available() -> bool:
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        return False
    return True


INDEXED_KINDS = {"progression", "standard", "unit", "markdown", "role"}


def split(records) -> list[list[str]]:
    """The indexed pages of `records` (output paths), in parts; empty parts
    are dropped, so the first part is never empty when there are pages."""
    pages = [(record.source, record.output) for record in records if record.kind in INDEXED_KINDS]
    count = max(1, math.ceil(len(pages) / PART_PAGES))
    parts: list[list[str]] = [[] for _ in range(count)]
    for source, output in pages:
        parts[zlib.crc32(source.encode("utf-8")) % count].append(output)
    return [sorted(part) for part in parts if part] or [[]]


def bundle_of(part: int) -> str:
    """Where part number `part` of the index goes in the site."""
    return BUNDLE if part == 0 else f"{PARTS}/{part}"


def index(site_dir: Path, parts: list[list[str]], into: Path | None = None, language: str = "en",
          only: set[int] | None = None) -> None:
    """Index the pages of each part (or of the parts in `only`) of `site_dir`
    into its bundle under `into` (by default the site itself), as `language`,
    running Pagefind on as many parts at once as there are cores."""
    if not available():
        raise LadderError("search needs Pagefind: pip install 'pagefind[bin]' (or build with --no-search)")
    site_dir = site_dir.resolve()  # Pagefind runs in the folder of pages it is shown
    into = (into or site_dir).resolve()
    todo = [n for n in range(len(parts)) if only is None or n in only]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda n: _index_part(site_dir, parts[n], into / bundle_of(n), language, n), todo))
    failures = [r.stderr.strip() or f"Pagefind stopped with status {r.returncode}" for r in results if r.returncode]
    if failures:
        raise LadderError(f"search indexing failed: {failures[0]}")
    if 0 in todo:
        _finish_entry(into / BUNDLE, [f"../{bundle_of(n)}/" for n in range(1, len(parts))])


def _pages_folder(site_dir: Path, pages: list[str], part: int) -> Path:
    """A folder beside the site holding just `pages`, as hard links (copies
    where links cannot be made)."""
    source = site_dir.parent / f".{site_dir.name}.search-{part}-{os.getpid()}"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir()
    for rel in pages:
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / rel, target)
        except OSError:
            shutil.copyfile(site_dir / rel, target)
    return source


def _index_part(site_dir: Path, pages: list[str], bundle: Path, language: str, part: int):
    """Run Pagefind over a folder of just `pages`, made beside the site."""
    source = _pages_folder(site_dir, pages, part)
    try:
        return subprocess.run(
            [_pagefind(), "--site", str(source), "--output-path", str(bundle), "--force-language", language,
             "--silent"], capture_output=True, text=True, timeout=3600, cwd=source, env=_environment())
    finally:
        shutil.rmtree(source, ignore_errors=True)


def _pagefind() -> str:
    """Pagefind's own program, run directly: `python -m pagefind` would put the
    working folder first on Python's import path, and run any `concurrent.py`
    (or other module it imports) that sits there."""
    import pagefind_bin

    return str(pagefind_bin.get_executable().resolve())


def _environment() -> dict[str, str]:
    """The environment without Pagefind's settings (PAGEFIND_*): like a
    pagefind.yml in the folder it runs in (it runs in the folder of pages
    it is shown, which Ladder made), they would make the index depend on
    more than the site."""
    return {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}


def _finish_entry(bundle: Path, others: list[str]) -> None:
    """Put the languages of the first part's entry file in order (Pagefind lists
    them in the order of a hash table, which changes from run to run, so the
    same site would not always give the same bytes), and name the other parts
    there, for the browser to merge."""
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    if others:
        data[PARTS_KEY] = others
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
