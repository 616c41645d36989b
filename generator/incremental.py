"""`ladder build` after an edit: only what the changed files show is done again.

A full build leaves a snapshot in Ladder's cache folder: what each content file
gave (its problems, its light framework and the pages written for it), the
problems of the site as a whole, and the manifest of the build. When the next
build finds that only content files changed, and not the generic framework
that others inherit from, it reads and renders just those files, in this
process. The pages that show the whole site (home, A–Z, comparison, sitemap)
are rendered again only when what they show of a changed file changed: its
path, title, topics, roles or list of pages. The files whose bytes differ are
then replaced in the existing site, one by one. Anything else falls back to
the full build, and both give the same bytes (tested).

The snapshot is an SQLite file with a row per content file, so an edit reads
and rewrites only the rows of the files it changed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

from . import cache, manifest, pipeline
from . import search as search_index
from .builder import load_settings, make_site
from .errors import ContentError, Problem, plural
from .frameworks import GENERIC_PATH
from .gitdates import last_changed
from .loader import digest_of
from .model import Mappings

FORMAT = 5  # bump when what the snapshot holds changes: older snapshots are then dropped
# What a file gave is kept apart from what is known about it, so that the
# queries that go through every file read small rows.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS build (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, path TEXT, digest TEXT, problems BLOB, pages INTEGER);
CREATE TABLE IF NOT EXISTS results (rel TEXT PRIMARY KEY, result BLOB);
"""


def _dump(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Snapshot:
    """What the last successful build into one output folder left for the next.

    `build` rows: `manifest`, `site_problems`, `shared` (records of the pages
    that show the whole site), `other_files` (assets and hosting files),
    `updated` (git dates), `compare` and `referenced` (from mappings.yml),
    `generic_topics` (what frameworks inherit from the generic one).
    """

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.values: dict = {}  # `build` rows already read

    @staticmethod
    def path(output_dir: Path) -> Path | None:
        root = cache.folder("builds")
        if root is None:
            return None
        return root / (hashlib.blake2b(str(output_dir.resolve()).encode(), digest_size=8).hexdigest() + ".sqlite")

    @classmethod
    def open(cls, output_dir: Path) -> Snapshot | None:
        path = cls.path(output_dir)
        if path is None:
            return None
        for _ in range(2):
            try:
                db = sqlite3.connect(path, isolation_level=None)
                # A cache need not survive a power cut (a damaged one is
                # replaced, see `forget`), so writes do not wait for the disk.
                db.execute("PRAGMA synchronous = OFF")
                if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                    db.executescript(f"DROP TABLE IF EXISTS build; DROP TABLE IF EXISTS files; "
                                     f"DROP TABLE IF EXISTS results; {_SCHEMA}"
                                     f"PRAGMA user_version = {FORMAT};")
                return cls(db)
            except sqlite3.Error:  # not a database after all: start a new one
                path.unlink(missing_ok=True)
        return None

    def get(self, key: str, default=None):
        if key not in self.values:
            row = self.db.execute("SELECT value FROM build WHERE key = ?", (key,)).fetchone()
            self.values[key] = pickle.loads(row[0]) if row is not None else default
        return self.values[key]

    def matches(self, previous: dict) -> bool:
        """Whether this is the snapshot of the build whose marker says `previous`."""
        try:
            return self.get("manifest") == previous
        except Exception:  # noqa: BLE001  # unreadable, or from another version of Ladder
            return False

    def results(self, rels: list[str] | None = None) -> dict[str, pipeline.FileResult]:
        """What each content file gave (or each of `rels`) at the last build."""
        rows = self.db.execute("SELECT rel, result FROM results") if rels is None else \
            self._for_each("SELECT rel, result FROM results WHERE rel IN ({})", rels)
        return {rel: pickle.loads(data) for rel, data in rows}

    def _for_each(self, query: str, rels: list[str]):
        """The rows of `query` for the files in `rels`, a few hundred at a time
        (SQLite limits the parameters of one query)."""
        for start in range(0, len(rels), 500):
            part = rels[start:start + 500]
            yield from self.db.execute(query.format(",".join("?" * len(part))), part)

    def file_problems(self, leaving_out) -> list[Problem]:
        """The problems of every file but those in `leaving_out`."""
        return [p for rel, data in self.db.execute("SELECT rel, problems FROM files WHERE problems IS NOT NULL")
                if rel not in leaving_out for p in pickle.loads(data)]

    def digests(self, rels: list[str]) -> dict[str, str]:
        """The digests the files in `rels` had when last read."""
        return dict(self._for_each("SELECT rel, digest FROM files WHERE digest != '' AND rel IN ({})", rels))

    def generic(self) -> str | None:
        row = self.db.execute("SELECT rel FROM files WHERE path = ?", (GENERIC_PATH,)).fetchone()
        return row[0] if row is not None else None

    def pages(self) -> int:
        return self.db.execute("SELECT COALESCE(SUM(pages), 0) FROM files").fetchone()[0]

    def write(self, values: dict, results: list[pipeline.FileResult], removed=(), everything=False) -> None:
        """Record a build: the `build` rows in `values`, and the results of files
        read again (all of them when `everything`), in one transaction."""
        try:
            self.db.execute("BEGIN")
            for table in ("files", "results"):
                if everything:
                    self.db.execute(f"DELETE FROM {table}")
                self.db.executemany(f"DELETE FROM {table} WHERE rel = ?", [(rel,) for rel in removed])
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", [
                (r.rel, r.path, r.digest, _dump(r.problems) if r.problems else None, len(r.pages)) for r in results])
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                [(r.rel, r.pickled or _dump(r)) for r in results])
            self.db.executemany("INSERT OR REPLACE INTO build VALUES (?, ?)",
                                [(key, _dump(value)) for key, value in values.items()])
            self.db.execute("COMMIT")
        except sqlite3.Error:  # a full disk, say: the next build will be a full one
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.clear()

    def clear(self) -> None:
        try:
            self.db.execute("DELETE FROM build")
        except sqlite3.Error:
            pass


def _whole_site(outcome: pipeline.Outcome) -> dict:
    """The `build` rows that only a full render of the whole-site pages gives."""
    mine = {record.output for r in outcome.results for record in r.pages}
    return {"site_problems": outcome.site_problems, "other_files": outcome.files - outcome.pages,
            "shared": [record for record in outcome.records if record.output not in mine]}


def save(output_dir: Path, stamp: dict, outcome: pipeline.Outcome) -> None:
    """Keep what a full build gave, for the next build into `output_dir`."""
    snapshot = Snapshot.open(output_dir)
    if snapshot is not None:
        snapshot.write({"manifest": stamp, "updated": outcome.site.updated, "compare": outcome.site.compare,
                        "referenced": outcome.referenced, "generic_topics": outcome.generic_topics,
                        **_whole_site(outcome)}, outcome.results, everything=True)


def forget(output_dir: Path) -> None:
    """Drop the snapshot of `output_dir`, which is about to be replaced: the
    full build then starts a new one, so a damaged snapshot lasts one build."""
    path = Snapshot.path(output_dir)
    if path is not None:
        for file in (path, path.with_name(path.name + "-journal")):  # a journal left would apply to the new one
            file.unlink(missing_ok=True)


def _shape(result: pipeline.FileResult) -> tuple:
    """What the whole-site pages show of one file."""
    return (result.path, pickle.dumps(result.framework),
            [(p.output, p.url, p.kind) for p in result.pages], any(p.is_error for p in result.problems))


def update(content_dir: Path, output_dir: Path, base_url: str | None, stamp: dict, previous: dict,
           search: bool, progress=lambda message: None) -> pipeline.Outcome | None:
    """Bring `output_dir` up to date in place, or return None when only a full
    build can (no snapshot, settings or theme changed, many files changed, or
    the generic framework changed). Raises `ContentError` having written nothing."""
    snapshot = Snapshot.open(output_dir)
    if snapshot is None:
        return None
    try:
        return _update(snapshot, content_dir, output_dir, base_url, stamp, previous, search, progress)
    except sqlite3.Error:  # damaged by a crash while it was written, say: the full build makes a new one
        return None


def _update(snapshot: Snapshot, content_dir: Path, output_dir: Path, base_url: str | None, stamp: dict,
            previous: dict, search: bool, progress) -> pipeline.Outcome | None:
    if not snapshot.matches(previous) or not manifest.same_setup(stamp, snapshot.get("manifest")):
        return None
    changed, removed, updated, redated = _changes(content_dir, snapshot, stamp)
    if snapshot.generic() in changed + removed or len(changed) + len(removed) > max(8, len(stamp["files"]) // 8):
        return None  # everything depends on the generic framework; for many files the full build is quicker

    compare, referenced = snapshot.get("compare"), snapshot.get("referenced")
    settings = load_settings(content_dir, base_url, updated)
    old = snapshot.results(changed + removed) if changed or removed else {}
    job = pipeline.Job(content_dir, settings, snapshot.get("generic_topics"),
                       make_site(settings.config, [], Mappings(), updated, compare), None, memory={},
                       markdown={rel: r.markdown for rel, r in old.items()})
    fresh = pipeline.work_all(job, changed, jobs=1)
    if any(r.path == GENERIC_PATH for r in fresh):
        return None

    reshaped = removed or redated or any(
        r.rel not in old or r.path in referenced or _shape(old[r.rel]) != _shape(r) for r in fresh)
    shared = snapshot.get("shared")
    if reshaped:
        results = {**snapshot.results(), **{r.rel: r for r in fresh}}
        outcome = pipeline.finish(job, [results[rel] for rel in sorted(results) if rel not in removed], referenced)
    else:
        outcome = _same_shared(snapshot, fresh, old, shared)
    if any(p.is_error for p in outcome.problems):
        raise ContentError(outcome.problems)

    gone = set()  # pages no longer made: only when the list of pages changed
    if reshaped:
        gone = {record.output for r in old.values() for record in r.pages} | {record.output for record in shared}
        gone -= {record.output for record in outcome.records}
    written = _apply(output_dir, job.memory, gone)
    if changed or removed:
        progress(f"read {plural(len(changed), 'changed file')}" + (f", {len(removed)} removed" if removed else "")
                 + f"; wrote {plural(len(written), 'file')} in place")
    else:
        progress("no content changed (files were only touched): the site stays as it is")
    kinds = {record.output: record.kind for r in [*old.values(), *fresh] for record in r.pages}
    if search and any(kinds.get(rel) in search_index.INDEXED_KINDS for rel in written | gone):
        records = outcome.records or [record for r in {**snapshot.results(), **{r.rel: r for r in fresh}}.values()
                                      for record in r.pages] + shared
        _reindex(output_dir, records)
        progress("indexed the site for search")
    snapshot.write({"manifest": stamp, "updated": updated, **(_whole_site(outcome) if reshaped else {})},
                   fresh, removed)
    manifest.write(output_dir, stamp)
    return outcome


def _changes(content_dir: Path, snapshot: Snapshot, stamp: dict) -> tuple[list[str], list[str], dict, set[str]]:
    """The content files to read again and those removed since the snapshot, the
    "last updated" dates now, and the files whose date a new git commit changed."""
    before, now = snapshot.get("manifest")["files"], stamp["files"]
    stamped = [rel for rel in now if before.get(rel) != now[rel]]
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
        return digest_of((content_dir / rel).read_bytes()) == digests[rel]
    except OSError:
        return False


def _same_shared(snapshot: Snapshot, fresh: list[pipeline.FileResult], old: dict[str, pipeline.FileResult],
                 shared: list[pipeline.PageRecord]) -> pipeline.Outcome:
    """The outcome when the whole-site pages stay as they are (the same number of pages, too)."""
    site_problems = snapshot.get("site_problems")
    problems = snapshot.file_problems(old) + [p for r in fresh for p in r.problems]
    pages = snapshot.pages() + len(shared)
    return pipeline.Outcome(sorted(site_problems + problems, key=Problem.sort_key), pages=pages,
                            files=pages + snapshot.get("other_files"), results=fresh, site_problems=site_problems)


def _apply(output_dir: Path, files: dict[str, bytes], stale: set[str]) -> set[str]:
    """Replace the files whose bytes changed, each at once, and remove `stale`
    ones; return the files written."""
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
    for rel in sorted(stale, reverse=True):
        path = output_dir / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == output_dir or any(folder.iterdir()):
                break
            folder.rmdir()
    return written


def _reindex(output_dir: Path, records: list[pipeline.PageRecord]) -> None:
    """Index the site again beside it, then swap the new bundle in."""
    fresh = output_dir.parent / f".{output_dir.name}.{search_index.BUNDLE}-{os.getpid()}"
    retired = output_dir.parent / f".{output_dir.name}.{search_index.BUNDLE}-old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        search_index.index(output_dir, [r.output for r in records if r.kind in search_index.INDEXED_KINDS], fresh)
        current = output_dir / search_index.BUNDLE
        if current.exists():
            current.rename(retired)
        fresh.rename(current)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
