"""`ladder build` and `ladder check`: load → validate → model → render → write.

The site is written into a temporary folder next to the output folder and
swapped in only when everything succeeded, so a failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import incremental, manifest, pipeline
from . import search as search_index
from .builder import SiteBuilder
from .config import SiteConfig, checked_inputs
from .errors import ContentError, Problem, UsageError, plural
from .model import Site

MARKER = manifest.MARKER


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None
    site: Site | None = None
    unchanged: bool = False  # nothing changed since the last build: nothing was done


def load_site(content_dir: Path, base_url: str | None = None) -> tuple[Site, SiteConfig, list[Problem]]:
    """Read and validate all content; return the model and every problem found."""
    builder = SiteBuilder(content_dir, base_url)
    site, problems, _, _ = builder.load()
    return site, builder.config, problems


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


def discard(folders: list[Path]) -> None:
    """Delete replaced sites in a child process: deleting thousands of files can
    take seconds, and nothing needs to wait for it. Leftovers of a child that
    did not finish are discarded again by the next build."""
    folders = [str(folder) for folder in folders if folder.exists()]
    if not folders:
        return
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys\nfor f in sys.argv[1:]: shutil.rmtree(f, True)",
                          *folders], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def build(
    content_dir: Path,
    output_dir: Path | None = Path("output"),
    base_url: str | None = None,
    strict: bool = False,
    progress=lambda message: None,
    search: bool = False,
    jobs: int | None = None,
    force: bool = True,
) -> BuildResult:
    """Build the site; with `output_dir=None`, check only and write nothing.

    Raises `ContentError` with every problem when the content has errors (or
    warnings, when `strict`). `progress` receives a line per stage. `search`
    indexes the written site with Pagefind before it replaces the old one.
    `jobs` is the number of worker processes (default: one per core).
    Unless `force` (or `strict`), a build whose inputs have not changed since
    the last one into the same folder stops early and leaves it as it is, and
    one where only a few content files changed updates the site in place.
    """
    started = time.perf_counter()
    base_url = checked_inputs(content_dir, base_url)
    if output_dir is None:
        outcome = _run(content_dir, base_url, None, strict, jobs)
    else:
        check_output_folder(output_dir, content_dir)
        stamp = manifest.manifest(content_dir, base_url, search)
        previous = manifest.read(output_dir / MARKER)
        if not force and previous == stamp:
            progress("nothing changed since the last build")
            return BuildResult(seconds=time.perf_counter() - started, output=output_dir, unchanged=True)
        outcome = None
        if not force and not strict and previous is not None:
            outcome = incremental.update(content_dir, output_dir, base_url, stamp, previous, search, progress)
        if outcome is None:
            incremental.forget(output_dir)
            with staged(output_dir, stamp) as staging:
                outcome = _run(content_dir, base_url, staging, strict, jobs)
                progress(f"read {plural(len(outcome.site.frameworks), 'page')} from {content_dir}, "
                         f"wrote {plural(outcome.pages, 'page')}")
                if search:
                    search_index.index(staging, [r.output for r in outcome.records
                                                 if r.kind in search_index.INDEXED_KINDS])
                    progress("indexed the site for search")
            incremental.save(output_dir, stamp, outcome)
    return BuildResult(
        pages=outcome.pages,
        files=outcome.files,
        seconds=time.perf_counter() - started,
        warnings=outcome.problems,
        output=output_dir,
        site=outcome.site,
    )


def _run(content_dir: Path, base_url: str | None, staging: Path | None, strict: bool, jobs: int | None):
    outcome = pipeline.run(content_dir, base_url, staging, jobs)
    if any(p.is_error for p in outcome.problems) or (strict and outcome.problems):
        raise ContentError(outcome.problems)
    return outcome
