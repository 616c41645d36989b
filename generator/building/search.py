"""Full-text search with Pagefind, run over the written site before it goes live.

Pagefind's binary ships in the `pagefind[bin]` wheel and works offline. It
indexes the pages marked `data-pagefind-body` (frameworks, standards, units,
roles, guides) into one index, with the site's language rules: a search from
any page then finds pages in every language (by default Pagefind makes an
index per language and searches only the page's own). Pagefind reads every
HTML file it is shown, so it is shown only the pages that are indexed (hard
links in a folder of their own): the level and comparison pages repeat what
the framework pages say.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from ..errors import LadderError

BUNDLE = "pagefind"


def available() -> bool:
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        return False
    return True


INDEXED_KINDS = {"progression", "standard", "unit", "markdown", "role"}


def index(site_dir: Path, pages: list[str] | None = None, bundle: Path | None = None,
          language: str = "en") -> None:
    """Write the search bundle into `bundle` (by default `site_dir/pagefind/`),
    indexing `pages` (output paths; all HTML files when None) as `language`."""
    if not available():
        raise LadderError("search needs Pagefind: pip install 'pagefind[bin]' (or build with --no-search)")
    source = site_dir
    if pages is not None:
        source = site_dir.parent / f".{site_dir.name}.search-{os.getpid()}"
        shutil.rmtree(source, ignore_errors=True)
        for rel in pages:
            target = source / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / rel, target)
            except OSError:
                shutil.copyfile(site_dir / rel, target)
    try:
        result = subprocess.run(
            [_pagefind(), "--site", str(source), "--output-path", str(bundle or site_dir / BUNDLE),
             "--force-language", language, "--silent"],
            capture_output=True, text=True, timeout=3600, cwd=source, env=_environment(),
        )
    finally:
        if source != site_dir:
            shutil.rmtree(source, ignore_errors=True)
    if result.returncode != 0:
        raise LadderError(f"search indexing failed: {(result.stderr or result.stdout).strip()}")
    _sort_languages(bundle or site_dir / BUNDLE)


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


def _sort_languages(bundle: Path) -> None:
    """Pagefind lists the languages of its entry file in the order of a hash
    table, which changes from run to run: put them in order, so that the same
    site always gives the same bytes."""
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
