"""When each content file last changed, according to git (one `git log` call)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(folder: Path) -> dict[str, str]:
    """Map file paths relative to `folder` to the date (YYYY-MM-DD) of the last
    commit that touched them; empty when git or the repository is unavailable."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                             text=True, timeout=10)
        if top.returncode != 0:
            return {}
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
                             cwd=folder, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    if log.returncode != 0:
        return {}
    root = Path(top.stdout.strip()).resolve()
    prefix = folder.resolve().relative_to(root).as_posix() if folder.resolve() != root else ""
    dates: dict[str, str] = {}
    for entry in log.stdout.split("\x00")[1:]:
        date, _, names = entry.partition("\n")
        for name in names.split("\n"):
            name = name.strip()
            if not name:
                continue
            rel = name[len(prefix) + 1:] if prefix and name.startswith(prefix + "/") else name
            dates.setdefault(rel, date.strip())  # newest first: keep the first date seen
    return dates
