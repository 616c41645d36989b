"""Where Ladder keeps what it can make again: build snapshots and compiled templates.

It sits outside the site, which is published as it is: `$LADDER_CACHE_DIR`, or
`ladder` in the user's cache folder. Everything in it may be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "LADDER_CACHE_DIR"


def folder(*parts: str) -> Path | None:
    """The cache folder (or a folder inside it), made if need be; None when it cannot be written."""
    root = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ladder")
    path = Path(root, *parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None
