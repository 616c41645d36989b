"""A build after an edit: only what the changed files show is done again, in place.

A full build leaves a snapshot (see `snapshot`). When the next build finds
that only content files changed, and not the generic framework that others
inherit from, it reads and renders just those files, in this process. The
pages that show the whole site (home, A–Z, comparison, sitemap) are rendered
again only when what they show of a changed file changed: its path, title,
topics, roles or list of pages. Only files whose bytes differ are replaced.
Anything else falls back to the full build, and both give the same bytes
(tested).

While files are being replaced, the site's marker says so: a build killed
half-way leaves a marker that matches no snapshot, and the next build is a
full one, which repairs the site and its search index.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path

from ..errors import ContentError, Problem, plural
from ..model import Mappings, make_site
from ..reading.files import Refused, digest_of, read_content
from ..reading.gitdates import last_changed
from ..reading.pages import GENERIC_PATH
from ..rendering.pages import FILE_KINDS
from . import manifest, whole_site
from . import search as search_index
from .settings import load_settings
from .snapshot import Snapshot, whole_site_rows
from .whole_site import Outcome
from .workers import FileResult, Job, PageRecord, work_all

UPDATING = "updating"  # in the marker while files are replaced


def update(content_dir: Path, output_dir: Path, base_url: str | None, stamp: dict, previous: dict,
           search: bool, progress=lambda message: None, early=None) -> tuple[Outcome, set[str]] | None:
    """Bring `output_dir` up to date in place, and return the outcome with the
    output files written or removed; or return None when only a full build can
    (no snapshot, settings or theme changed, many files changed, or the generic
    framework changed). Raises `ContentError` having written nothing.

    `early(files)`, when given, is called once the edited frameworks' own pages
    are in place, before the whole-site pages are rendered.
    """
    snapshot = Snapshot.open(output_dir)
    if snapshot is None:
        return None
    try:
        return _update(snapshot, content_dir, output_dir, base_url, stamp, previous, search, progress, early)
    except sqlite3.Error:  # damaged by a crash while it was written, say: the full build makes a new one
        return None


def _update(snapshot: Snapshot, content_dir: Path, output_dir: Path, base_url: str | None, stamp: dict,
            previous: dict, search: bool, progress, early) -> tuple[Outcome, set[str]] | None:
    if not snapshot.matches(previous) or not manifest.same_setup(stamp, snapshot.get("manifest")):
        return None
    changed, removed, updated, redated = _changes(content_dir, snapshot, stamp)
    if snapshot.generic() in changed + removed or len(changed) + len(removed) > max(8, len(stamp["files"]) // 8):
        return None  # everything depends on the generic framework; for many files the full build is quicker

    compare, referenced = snapshot.get("compare"), snapshot.get("referenced")
    settings = load_settings(content_dir, base_url, updated)
    old = snapshot.results(changed + removed) if changed or removed else {}
    job = Job(content_dir, settings, snapshot.get("generic_topics"),
              make_site(settings.config, [], Mappings(), updated, compare, referenced), None, memory={},
              markdown={rel: r.markdown for rel, r in old.items()})
    fresh = work_all(job, changed, jobs=1)
    if any(r.path == GENERIC_PATH for r in fresh):
        return None

    reshaped = bool(removed or redated) or any(
        r.rel not in old or r.path in referenced or _shape(old[r.rel]) != _shape(r) for r in fresh)
    shared = snapshot.get("shared")
    if reshaped:
        results = {**snapshot.results(), **{r.rel: r for r in fresh}}
        outcome = whole_site.check(job, [results[rel] for rel in sorted(results) if rel not in removed], referenced)
    else:
        outcome = _same_shared(snapshot, fresh, old, shared)
    if not outcome.ok:
        raise ContentError(outcome.problems)

    manifest.write(output_dir, {**previous, UPDATING: True})
    written = _apply(output_dir, job.memory)
    gone: set[str] = set()  # pages no longer made: only when the list of pages changed
    if reshaped:
        if early is not None:
            early(written)
        job.memory.clear()
        outcome = whole_site.render(job, outcome)
        if not outcome.ok:  # a template that fails only on the whole-site pages
            raise ContentError(outcome.problems)
        gone = {record.output for r in old.values() for record in r.pages} | {record.output for record in shared}
        gone -= {record.output for record in outcome.records}
        written |= _apply(output_dir, job.memory)
        _remove(output_dir, gone)
    if changed or removed:
        progress(f"read {plural(len(changed), 'changed file')}" + (f", {len(removed)} removed" if removed else "")
                 + f"; wrote {plural(len(written), 'file')} in place")
    else:
        progress("no content changed: the site stays as it is")
    kinds = {record.output: record.kind for r in [*old.values(), *fresh] for record in r.pages}
    if search and any(kinds.get(rel) in search_index.INDEXED_KINDS for rel in written | gone):
        saved = snapshot.results()  # every file's, as the last build left them
        before = [record for r in saved.values() for record in r.pages] + shared
        after = outcome.records or [record for r in {**saved, **{r.rel: r for r in fresh}}.values()
                                    for record in r.pages] + shared
        _reindex(output_dir, before, after, written | gone, settings.config.language)
        progress("indexed the site for search")
    snapshot.write({"manifest": stamp, "updated": updated, **(whole_site_rows(outcome) if reshaped else {})},
                   fresh, removed)
    manifest.write(output_dir, stamp)
    return outcome, written | gone


def _shape(result: FileResult) -> tuple:
    """What the whole-site pages show of one file."""
    return (result.path, pickle.dumps(result.framework),
            [(p.output, p.url, p.kind) for p in result.pages], any(p.is_error for p in result.problems))


def _changes(content_dir: Path, snapshot: Snapshot, stamp: dict) -> tuple[list[str], list[str], dict, set[str]]:
    """The content files to read again and those removed since the snapshot, the
    "last updated" dates now, and the files whose date a new git commit changed."""
    before, now = snapshot.get("manifest")["files"], stamp["files"]
    racy = manifest.racy_files(snapshot.get("manifest"))
    stamped = [rel for rel in now if before.get(rel) != now[rel] or rel in racy]
    digests = snapshot.digests(stamped)
    changed = [rel for rel in stamped if not _same_bytes(content_dir, rel, digests)]
    removed = [rel for rel in before if rel not in now]
    updated, redated = snapshot.get("updated"), set()
    if stamp["commit"] != snapshot.get("manifest")["commit"]:
        dates = last_changed(content_dir)
        redated = {rel for rel in updated.keys() | dates.keys() if updated.get(rel) != dates.get(rel)}
        updated = dates
        changed += sorted(rel for rel in redated if rel in now and rel not in changed)
    return changed, removed, updated, redated


def _same_bytes(content_dir: Path, rel: str, digests: dict[str, str]) -> bool:
    """Whether a file whose stamp changed still holds the bytes it was built from
    (it was touched, or checked out again)."""
    if rel not in digests:
        return False
    try:
        return digest_of(read_content(content_dir / rel, rel)) == digests[rel]
    except Refused:
        return False


def _same_shared(snapshot: Snapshot, fresh: list[FileResult], old: dict[str, FileResult],
                 shared: list[PageRecord]) -> Outcome:
    """The outcome when the whole-site pages stay as they are (the same number of pages, too)."""
    site_problems = snapshot.get("site_problems")
    problems = snapshot.file_problems(old) + [p for r in fresh for p in r.problems]
    pages = snapshot.pages() + sum(record.kind not in FILE_KINDS for record in shared)
    return Outcome(sorted(site_problems + problems, key=Problem.sort_key), pages=pages,
                   files=pages + snapshot.get("other_files"), results=fresh, site_problems=site_problems)


def _apply(output_dir: Path, files: dict[str, bytes]) -> set[str]:
    """Replace the files whose bytes changed, each at once; return those written."""
    written = set()
    for rel, data in files.items():
        path = output_dir / rel
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        written.add(rel)
    return written


def _remove(output_dir: Path, stale: set[str]) -> None:
    """Remove pages no longer made, and the folders they leave empty."""
    for rel in sorted(stale, reverse=True):
        path = output_dir / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == output_dir or any(folder.iterdir()):
                break
            folder.rmdir()


def _reindex(output_dir: Path, before: list[PageRecord], after: list[PageRecord], touched: set[str],
             language: str) -> None:
    """Index again, beside the site, the parts of the index whose pages were
    written, removed or moved to another part, then swap each new part in."""
    old, new = search_index.split(before), search_index.split(after)
    if len(old) != len(new):
        again = set(range(len(new)))
    else:
        again = {n for n, pages in enumerate(new) if pages != old[n] or touched.intersection(pages)}
    fresh = output_dir.parent / f".{output_dir.name}.{search_index.BUNDLE}-{os.getpid()}"
    retired = output_dir.parent / f".{output_dir.name}.{search_index.BUNDLE}-old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        search_index.index(output_dir, new, fresh, language, again)
        retired.mkdir(parents=True)
        if len(again) == len(new):  # every part: the whole index is replaced, with the parts no longer made
            swapped = [search_index.BUNDLE, search_index.PARTS]
        else:
            swapped = [search_index.bundle_of(n) for n in sorted(again)]
        for rel in swapped:
            current, replacement = output_dir / rel, fresh / rel
            if current.exists():
                (retired / rel).parent.mkdir(parents=True, exist_ok=True)
                current.rename(retired / rel)
            if replacement.exists():
                replacement.rename(current)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
