"""What a build was made from, so that a build with nothing changed can stop early.

The manifest lists the modification stamp of every input — content files,
settings, theme files and Ladder's own code — plus the options and the git
commit (pages show "last updated" dates from git). It is kept in the marker
file Ladder writes into every output folder.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from . import __version__
from .config import load_config
from .loader import content_files
from .render import DEFAULT_THEME

PACKAGE = Path(__file__).resolve().parent


def _stamps(paths) -> dict[str, list[int]]:
    found = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[str(path)] = [info.st_mtime_ns, info.st_size]
    return found


def _tree(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _commit(folder: Path) -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def manifest(content_dir: Path, base_url: str | None, search: bool) -> dict:
    """The inputs of a build of `content_dir`, as they are now."""
    config, _ = load_config(content_dir)
    themes = [d for d in (config.theme_dir, DEFAULT_THEME) if d is not None]
    inputs = [content_dir / name for name in ("site.yml", "site.yaml", "mappings.yml", "mappings.yaml")]
    inputs += list(content_files(content_dir).values())
    for folder in themes + [PACKAGE]:
        inputs += _tree(folder)
    return {
        "ladder": __version__,
        "content": str(content_dir.resolve()),
        "base_url": base_url,
        "search": search,
        "commit": _commit(content_dir),
        "inputs": _stamps(inputs),
    }


def read(marker: Path) -> dict | None:
    try:
        return json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(marker: Path, data: dict) -> None:
    marker.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
