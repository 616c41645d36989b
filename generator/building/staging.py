"""Writing a whole site at once: into a fresh folder next to the output
folder, swapped in only when everything succeeded, so a failed build leaves
the previous site exactly as it was."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError
from . import manifest
from .manifest import MARKER


def check_output_folder(output_dir: Path, content_dir: Path) -> None:
    """Refuse to replace a folder Ladder did not make, or one holding the content."""
    output = output_dir.resolve()
    content = content_dir.resolve()
    if output == Path(output.anchor) or output == Path.home():
        raise UsageError(f"refusing to use {output} as the output folder")
    if output == content or output in content.parents:
        raise UsageError(f"the output folder {output} would replace the content; choose another")
    if output.exists():
        if not output.is_dir():
            raise UsageError(f"output {output} exists and is not a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise UsageError(
                f"output folder {output} is not empty and was not made by Ladder; "
                "empty it or choose another --output"
            )


@contextmanager
def staged(output_dir: Path, stamp: dict | None = None):
    """Yield a fresh folder next to `output_dir`; swap it in if the block succeeds.

    If anything fails, the folder is removed and `output_dir` is left exactly
    as it was. `stamp` (what the build was made from) goes into the marker.
    """
    output = output_dir.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    retired = output.parent / f".{output.name}.old-{os.getpid()}-{time.time_ns()}"  # earlier ones may linger
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        manifest.write(staging, stamp or {})
        if output.exists():
            output.rename(retired)
        staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not output.exists():
            retired.rename(output)
        raise
    discard([retired, *output.parent.glob(f".{output.name}.old-*")])


# What a build makes beside the output folder, as `.output.<kind>-…-<pid>`
# (`.output.old-<pid>-<time>` for a replaced site).
LEFTOVERS = ("building", "old", "pagefind", "search")


def sweep(output_dir: Path) -> None:
    """Discard what builds into `output_dir` that were killed left beside it
    (a staging folder, a search bundle being made, pages being indexed, a
    replaced site), each named with the id of the process that made it: those
    of processes that are gone, or of this one (whose builds run one at a
    time)."""
    output = output_dir.resolve()
    left = []
    for path in output.parent.glob(f".{glob.escape(output.name)}.*-*"):
        kind, _, rest = path.name[len(output.name) + 2:].partition("-")
        pid = rest.split("-")[-2 if kind == "old" else -1] if kind in LEFTOVERS else ""
        if pid.isdigit() and not _running(int(pid)):
            left.append(path)
    discard(left)


def _running(pid: int) -> bool:
    """Whether another process with this id is running (then its files are left alone)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


_DISCARD = "import shutil, sys\nfor f in sys.argv[1:]: shutil.rmtree(f, True)"


def discard(folders: list[Path]) -> None:
    """Delete replaced sites in a child process: deleting thousands of files can
    take seconds, and nothing needs to wait for it. Leftovers of a child that
    did not finish are discarded again by the next build."""
    folders = [str(folder) for folder in folders if folder.exists()]
    if not folders:
        return
    try:
        # -I: without the working folder on the import path, whose shutil.py would run.
        subprocess.Popen([sys.executable, "-I", "-c", _DISCARD, *folders], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
