"""What the last build into an output folder left for the next one, kept in
Ladder's cache folder: what each content file gave (its problems, its light
framework and the pages written for it), the problems of the site as a whole,
and the manifest of the build.

It is an SQLite file with a row per content file, so an edit reads and
rewrites only the rows of the files it changed.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path

from ..errors import Problem
from ..reading.pages import GENERIC_PATH
from ..rendering.pages import FILE_KINDS
from . import cache
from .whole_site import Outcome
from .workers import FileResult

FORMAT = 6  # bump when what the snapshot holds changes: older snapshots are then dropped
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

    def results(self, rels: list[str] | None = None) -> dict[str, FileResult]:
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

    def write(self, values: dict, results: list[FileResult], removed=(), everything=False) -> None:
        """Record a build: the `build` rows in `values`, and the results of files
        read again (all of them when `everything`), in one transaction."""
        try:
            self.db.execute("BEGIN")
            for table in ("files", "results"):
                if everything:
                    self.db.execute(f"DELETE FROM {table}")
                self.db.executemany(f"DELETE FROM {table} WHERE rel = ?", [(rel,) for rel in removed])
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", [
                (r.rel, r.path, r.digest, _dump(r.problems) if r.problems else None,
                 sum(p.kind not in FILE_KINDS for p in r.pages)) for r in results])
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


def whole_site_rows(outcome: Outcome) -> dict:
    """The `build` rows that only a full render of the whole-site pages gives."""
    mine = {record.output for r in outcome.results for record in r.pages}
    return {"site_problems": outcome.site_problems, "other_files": outcome.files - outcome.pages,
            "shared": [record for record in outcome.records if record.output not in mine]}


def save(output_dir: Path, stamp: dict, outcome: Outcome) -> None:
    """Keep what a full build gave, for the next build into `output_dir`."""
    snapshot = Snapshot.open(output_dir)
    if snapshot is not None:
        snapshot.write({"manifest": stamp, "updated": outcome.site.updated, "compare": outcome.site.compare,
                        "referenced": outcome.referenced, "generic_topics": outcome.generic_topics,
                        **whole_site_rows(outcome)}, outcome.results, everything=True)


def forget(output_dir: Path) -> None:
    """Drop the snapshot of `output_dir`, which is about to be replaced: the
    full build then starts a new one, so a damaged snapshot lasts one build."""
    path = Snapshot.path(output_dir)
    if path is not None:
        for file in (path, path.with_name(path.name + "-journal")):  # a journal left would apply to the new one
            file.unlink(missing_ok=True)
