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

import os
import shutil
import subprocess
import sys
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
        source = site_dir.parent / f".{site_dir.name}.search"
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
            [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(bundle or site_dir / BUNDLE),
             "--force-language", language, "--silent"],
            capture_output=True, text=True, timeout=3600,
        )
    finally:
        if source != site_dir:
            shutil.rmtree(source, ignore_errors=True)
    if result.returncode != 0:
        raise LadderError(f"search indexing failed: {(result.stderr or result.stdout).strip()}")
