"""The one way Ladder builds a site, for `ladder build`, `check`, `serve`
and `deploy`: load → validate → model → render → write.

A build whose inputs have not changed since the last one into the same
folder stops early. One where only a few content files changed updates the
site in place (`in_place`). Anything else is a full build (`full`), written
into a staging folder that replaces the site only when everything succeeded.
Every build reports which output files it changed, so the live preview knows
which pages to reload.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, LadderError, Problem, plural
from ..model import Site
from ..reading.settings import checked_inputs
from . import full, in_place, manifest, snapshot
from . import search as search_index
from .manifest import MARKER
from .staging import check_output_folder, staged, sweep


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None
    site: Site | None = None
    unchanged: bool = False  # nothing changed since the last build: nothing was done
    # Output files written or removed, relative to the output folder; None
    # when the whole site was replaced.
    changed: set[str] | None = field(default_factory=set)


def build(
    content_dir: Path,
    output_dir: Path | None = Path("output"),
    base_url: str | None = None,
    strict: bool = False,
    progress=lambda message: None,
    search: bool = False,
    jobs: int | None = None,
    force: bool = True,
    early=None,
) -> BuildResult:
    """Build the site; with `output_dir=None`, check only and write nothing.

    Raises `ContentError` with every problem when the content has errors (or
    warnings, when `strict`), having written nothing. `progress` receives a
    line per stage. `search` indexes the written site with Pagefind before it
    replaces the old one. `jobs` is the number of worker processes (default:
    one per core; one in all for a small site). Unless `force` (or `strict`), a build whose inputs have not
    changed stops early, and one where only a few content files changed
    updates the site in place; `early(files)` is then told of the edited
    frameworks' own pages before the whole-site pages are rendered.
    """
    started = time.perf_counter()
    if output_dir is None:
        return check(content_dir, base_url, strict, jobs)
    base_url = checked_inputs(content_dir, base_url)
    try:
        check_output_folder(output_dir, content_dir)
        return _build(content_dir, output_dir, base_url, strict, progress, search, jobs, force, early, started)
    except OSError as exc:  # a read-only folder, a full disk: said in one line
        where = f" ({exc.filename})" if exc.filename else ""
        raise LadderError(f"cannot write the site into {output_dir}: {exc.strerror or exc}{where}") from exc


def _build(content_dir: Path, output_dir: Path, base_url: str | None, strict: bool, progress, search: bool,
           jobs: int | None, force: bool, early, started: float) -> BuildResult:
    sweep(output_dir)
    stamp = manifest.manifest(content_dir, base_url, search)
    previous = manifest.read(output_dir / MARKER)
    if not force and manifest.unchanged(stamp, previous):
        progress("nothing changed since the last build")
        return BuildResult(seconds=time.perf_counter() - started, output=output_dir, unchanged=True)
    updated = None
    if not force and not strict and previous is not None:
        updated = in_place.update(content_dir, output_dir, base_url, stamp, previous, search, progress, early)
    if updated is not None:
        outcome, changed = updated
    else:
        snapshot.forget(output_dir)
        with staged(output_dir, stamp) as staging:
            outcome = _checked(full.run(content_dir, base_url, staging, jobs), strict)
            progress(f"read {plural(len(outcome.site.frameworks), 'page')} from {content_dir}, "
                     f"wrote {plural(outcome.pages, 'page')}")
            if search:
                search_index.index(staging, search_index.split(outcome.records), language=outcome.site.language)
                progress("indexed the site for search")
        snapshot.save(output_dir, stamp, outcome)
        changed = None
    return BuildResult(pages=outcome.pages, files=outcome.files, seconds=time.perf_counter() - started,
                       warnings=outcome.problems, output=output_dir, site=outcome.site, changed=changed)


def check(content_dir: Path, base_url: str | None = None, strict: bool = False,
          jobs: int | None = None) -> BuildResult:
    """Read, validate and render everything, and write nothing (`ladder check`)."""
    started = time.perf_counter()
    base_url = checked_inputs(content_dir, base_url)
    outcome = _checked(full.run(content_dir, base_url, None, jobs), strict)
    return BuildResult(pages=outcome.pages, files=outcome.files, seconds=time.perf_counter() - started,
                       warnings=outcome.problems, site=outcome.site)


def load_site(content_dir: Path, base_url: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Every framework read in full, with every problem, for commands that read
    the model rather than render it (suggest-mappings). The site is None when
    the content has errors."""
    base_url = checked_inputs(content_dir, base_url)
    outcome = full.run(content_dir, base_url, None, jobs=1, whole=True)
    return outcome.site, outcome.problems


def each_framework(content_dir: Path, make, base_url: str | None = None, jobs: int | None = None) \
        -> tuple[Site | None, list[Problem], dict[str, object]]:
    """Call `make(framework, site)` with every framework read in full, in
    worker processes (`ladder export`), and return the site (its frameworks
    in summary, its mappings whole), every problem, and what `make` returned
    by framework path. The site is None when the content has errors."""
    base_url = checked_inputs(content_dir, base_url)
    outcome = full.run(content_dir, base_url, None, jobs, each=make)
    made = {r.path: r.made for r in outcome.results if r.path is not None}
    return outcome.site, outcome.problems, made


def _checked(outcome, strict: bool):
    if not outcome.ok or (strict and outcome.problems):
        raise ContentError(outcome.problems)
    return outcome
