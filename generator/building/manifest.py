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
import time
from pathlib import Path

from .. import __version__
from ..reading.files import Refused, digest_of, page_entries, regular_file_bytes
from ..reading.settings import THEME_FOLDERS, load_config
from ..rendering.theme import DEFAULT_THEME

PACKAGE = Path(__file__).resolve().parent.parent  # Ladder's own code
MARKER = ".ladder-site"  # in every output folder Ladder writes; holds the manifest
# A file changed this close to being stamped may change again within one tick
# of the file system's clock and keep its stamp: its bytes' digest is kept
# too, and the next build looks at its bytes (as git does with racy files).
RACY_NS = 2_000_000_000


def _stamps(paths, now: int) -> tuple[dict[str, list[int]], dict[str, str]]:
    """Each file's [mtime, size] by name, and the digest of those changed just now.
    `paths` yields (name, path, stat function)."""
    found, racy = {}, {}
    for name, path, stat in paths:
        try:
            info = stat()
        except OSError:
            try:  # a link to nowhere is an input too: reading it says what is wrong
                info = os.lstat(path)
            except OSError:
                continue
        found[name] = [info.st_mtime_ns, info.st_size]
        if abs(now - info.st_mtime_ns) < RACY_NS:
            racy[name] = _digest(path)
    return found, racy


def _digest(path) -> str:
    try:
        return digest_of(regular_file_bytes(os.path.realpath(path)))
    except (OSError, Refused):  # not a file Ladder reads: reading it says so
        return ""


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
    themes = [d / part for d in (config.theme_dir, DEFAULT_THEME) if d is not None for part in THEME_FOLDERS]
    inputs = [str(content_dir / name) for name in ("site.yml", "site.yaml", "mappings.yml", "mappings.yaml")]
    for folder in themes + [PACKAGE]:
        inputs += _tree(folder)
    inputs += [str(path) for _, path in config.brand.files]  # logo, favicon, extra CSS and JS
    now = time.time_ns()
    stamped, racy_inputs = _stamps(((path, path, lambda path=path: os.stat(path)) for path in inputs), now)
    files, racy_files = _stamps(((rel, entry.path, entry.stat) for rel, entry in page_entries(content_dir)), now)
    return {
        "ladder": __version__,
        "content": str(content_dir.resolve()),
        "base_url": base_url,
        "search": search,
        "commit": commit(),  # asked before the stamps were taken, answered by now
        "inputs": stamped,
        "files": files,
        "racy": {"inputs": racy_inputs, "files": racy_files},
    }


def unchanged(now: dict, before: dict | None) -> bool:
    """Whether nothing changed between two manifests."""
    if before is None or _stable(now) != _stable(before):
        return False
    content = Path(before["content"])
    return _same_bytes(before["racy"]["inputs"], Path) and _same_bytes(before["racy"]["files"], content.joinpath)


def same_setup(now: dict, before: dict) -> bool:
    """Whether two manifests differ at most in their content files and git commit."""
    return {k: v for k, v in _stable(now).items() if k not in ("files", "commit")} == \
        {k: v for k, v in _stable(before).items() if k not in ("files", "commit")} \
        and _same_bytes(before["racy"]["inputs"], Path)


def racy_files(before: dict) -> set[str]:
    """Content files stamped just as they changed, whose bytes must be looked at."""
    return set(before["racy"]["files"])


def _stable(stamp: dict) -> dict:
    return {k: v for k, v in stamp.items() if k != "racy"}


def _same_bytes(digests: dict[str, str], path_of) -> bool:
    return all(_digest(path_of(name)) == digest for name, digest in digests.items())


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
