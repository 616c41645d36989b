"""A build killed at any moment leaves a state the next build repairs: the
site it then gives is byte for byte a fresh build's, search index included,
and nothing the killed build made is left beside the site. Builds run as
`ladder build` runs, in a process of their own, and are killed with SIGKILL."""

import gzip
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.building import search as search_index
from generator.building.manifest import MARKER

from .conftest import SIMPLE, write_content

pytestmark = pytest.mark.skipif(not search_index.available(), reason="needs pagefind[bin], a dependency of Ladder")
SEED = int(os.environ.get("LADDER_CRASH_SEED", "21"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


class Site:
    """A content folder of a few frameworks in two languages, built with search into `out`."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path
        self.env = {**os.environ, "LADDER_CACHE_DIR": str(tmp_path / "cache")}
        pages = {f"f{n}.md": SIMPLE.replace("/support", f"/f{n}").replace('"Support Framework"', f'"Framework {n}"')
                 for n in range(12)}
        pages["es.md"] = SIMPLE.replace("/support", "/es").replace("yaml: true", "yaml: true\nlanguage: es")
        self.content = write_content(tmp_path / "content", pages)
        self.out = tmp_path / "site"
        self.edits = 0
        assert self.build().returncode == 0

    def command(self, *options: str) -> list[str]:
        return [sys.executable, "-m", "generator", "build", "--content", str(self.content), "--output",
                str(self.out), *options]

    def build(self, *options: str) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*options), env=self.env, capture_output=True, text=True, timeout=300)

    def start(self, *options: str) -> subprocess.Popen:
        return subprocess.Popen(self.command(*options), env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    def edit(self) -> None:
        """Change one criterion, as an editor does: the next build updates the site in place."""
        self.edits += 1
        path = self.content / f"f{self.edits % 12}.md"
        path.write_text(path.read_text().replace("Coaches others", f"Coaches others (edit {self.edits})"))

    def fresh(self) -> dict[str, bytes]:
        folder = self.root / f"fresh-{self.edits}"
        result = subprocess.run(self.command()[:-1] + [str(folder)], env={**self.env, "LADDER_CACHE_DIR": str(
            self.root / f"cache-{self.edits}")}, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return files(folder)

    def leftovers(self, timeout: float = 20) -> list[str]:
        """What builds left beside the site, once the background deletion had time to finish."""
        deadline = time.monotonic() + timeout
        while True:
            left = sorted(p.name for p in self.root.iterdir() if p.name.startswith(f".{self.out.name}."))
            if not left or time.monotonic() > deadline:
                return left
            time.sleep(0.1)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the build and everything it started (its workers, Pagefind)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def kill_when(process: subprocess.Popen, ready, timeout: float = 60) -> bool:
    """Kill the build the moment `ready()` says; False if it finished first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            kill(process)
            return True
        time.sleep(0.001)
    kill(process)
    return False


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


def test_a_build_killed_at_random_moments_is_repaired_by_the_next_one(site):
    rng = random.Random(SEED)
    durations = {}
    for kind, options in (("full", ("--force",)), ("edit", ())):  # how long each takes, unkilled
        site.edit()
        started = time.monotonic()
        assert site.build(*options).returncode == 0
        durations[kind] = time.monotonic() - started
    for round_ in range(10):
        kind, options = ("full", ("--force",)) if round_ % 2 else ("edit", ())
        site.edit()
        process = site.start(*options)
        moment = rng.uniform(0, durations[kind])
        time.sleep(moment)
        kill(process)
        after = site.build()
        assert after.returncode == 0, after.stderr
        assert files(site.out) == site.fresh(), f"seed {SEED}, round {round_}: {kind} killed at {moment:.3f} s"
        assert site.leftovers() == [], f"seed {SEED}, round {round_}"


def test_an_update_killed_while_pages_are_replaced_is_finished_by_the_next_build(site):
    site.edit()
    process = site.start()
    assert kill_when(process, lambda: '"updating":true' in (site.out / MARKER).read_text(errors="replace"))
    after = site.build()
    assert after.returncode == 0 and "in place" not in after.stderr  # the next build is a full one
    assert files(site.out) == site.fresh()


def test_an_update_killed_while_search_indexes_is_indexed_again_by_the_next_build(site):
    site.edit()
    process = site.start()
    indexing = f".{site.out.name}.{search_index.BUNDLE}-"
    assert kill_when(process, lambda: any(p.name.startswith(indexing) for p in site.root.iterdir()))
    assert any(p.name.startswith(indexing) for p in site.root.iterdir())  # what it left
    after = site.build()
    assert after.returncode == 0 and "indexed the site for search" in after.stderr
    fragments = [gzip.decompress(p.read_bytes()) for p in (site.out / "pagefind" / "fragment").iterdir()]
    assert any(f"(edit {site.edits})".encode() in fragment for fragment in fragments)  # search finds the edit
    assert files(site.out) == site.fresh()
    assert site.build().stderr.count("nothing changed") == 1
    assert site.leftovers() == []


def test_a_full_build_killed_while_it_writes_leaves_the_site_and_its_staging_is_discarded(site):
    before = files(site.out)
    site.edit()
    process = site.start("--force")
    staging = f".{site.out.name}.building-"
    assert kill_when(process, lambda: any(p.name.startswith(staging) for p in site.root.iterdir()))
    assert files(site.out) == before  # the old site, whole
    assert site.build().returncode == 0
    assert files(site.out) == site.fresh()
    assert site.leftovers() == []


def test_a_folder_that_cannot_be_written_is_said_in_one_line(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    (tmp_path / "a-file").write_text("not a folder")
    places = [tmp_path / "a-file" / "site"]
    if Path("/sys").is_dir():
        places.append(Path("/sys/ladder-site"))  # read-only, even for root
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        places.append(locked / "site")
    for place in places:
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(folder), "--output",
                                 str(place), "--no-search"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"ladder: error: cannot write the site into {place}: ")
