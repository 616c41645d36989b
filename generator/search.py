"""Full-text search with Pagefind, run over the written site before it goes live.

Pagefind's binary ships in the `pagefind[bin]` wheel and works offline. It
indexes the pages marked `data-pagefind-body` (frameworks, standards, units,
roles, guides), one index per language, so Spanish pages are searched as
Spanish.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import LadderError

BUNDLE = "pagefind"


def available() -> bool:
    try:
        import pagefind_bin  # noqa: F401
    except ImportError:
        return False
    return True


def index(site_dir: Path) -> None:
    """Write the search bundle into `site_dir/pagefind/`."""
    if not available():
        raise LadderError("search needs Pagefind: pip install 'pagefind[bin]' (or build with --no-search)")
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent"],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise LadderError(f"search indexing failed: {(result.stderr or result.stdout).strip()}")
