"""What a build was made from, so that a build with nothing changed can stop early.

The manifest lists the modification stamp of every input — settings, theme
files and Ladder's own code, and apart from them the content files — plus the
options and the git commit (pages show "last updated" dates from git). It is
kept in the marker file Ladder writes into every output folder.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from . import __version__
from .config import load_config
from .loader import page_entries
from .render import DEFAULT_THEME

PACKAGE = Path(__file__).resolve().parent
MARKER = ".ladder-site"  # in every output folder Ladder writes; holds the manifest


def _stamps(paths: dict[str, Path | str]) -> dict[str, list[int]]:
    found = {}
    for name, path in paths.items():
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[name] = [info.st_mtime_ns, info.st_size]
    return found


def _content_stamps(content_dir: Path) -> dict[str, list[int]]:
    found = {}
    for rel, entry in page_entries(content_dir):
        try:
            info = entry.stat()
        except OSError:
            continue
        found[rel] = [info.st_mtime_ns, info.st_size]
    return found


def _tree(folder: Path) -> list[str]:
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [os.path.join(root, name) for name in names]
    return found


def _commit(folder: Path):
    """Start asking git for the commit checked out in `folder`, and return
    the function that waits for the answer ("" outside a repository): git
    runs while the content files are stated."""
    try:
        git = subprocess.Popen(["git", "rev-parse", "HEAD"], cwd=folder, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    except OSError:
        return lambda: ""

    def answer() -> str:
        try:
            out, _ = git.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            git.kill()
            git.communicate()
            return ""
        return out.strip() if git.returncode == 0 else ""

    return answer


def manifest(content_dir: Path, base_url: str | None, search: bool) -> dict:
    """The inputs of a build of `content_dir`, as they are now."""
    commit = _commit(content_dir)
    config, _ = load_config(content_dir)
    themes = [d for d in (config.theme_dir, DEFAULT_THEME) if d is not None]
    inputs = [str(content_dir / name) for name in ("site.yml", "site.yaml", "mappings.yml", "mappings.yaml")]
    for folder in themes + [PACKAGE]:
        inputs += _tree(folder)
    stamped, files = _stamps({path: path for path in inputs}), _content_stamps(content_dir)
    return {
        "ladder": __version__,
        "content": str(content_dir.resolve()),
        "base_url": base_url,
        "search": search,
        "commit": commit(),  # asked before the stamps were taken, answered by now
        "inputs": stamped,
        "files": files,
    }


def same_setup(one: dict, other: dict) -> bool:
    """Whether two manifests differ at most in their content files and git commit."""
    return {k: v for k, v in one.items() if k not in ("files", "commit")} == \
        {k: v for k, v in other.items() if k not in ("files", "commit")}


def read(marker: Path) -> dict | None:
    """The manifest a marker holds (without its note), or None."""
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {k: v for k, v in data.items() if k != "note"} if isinstance(data, dict) else None


def write(folder: Path, stamp: dict) -> None:
    """Mark `folder` as built by Ladder from the inputs `stamp` lists."""
    data = {"note": "Built by Ladder. This folder is replaced on every build.", **stamp}
    (folder / MARKER).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
