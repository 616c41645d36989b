#!/usr/bin/env python3
"""Time `ladder build` on synthetic corpora of growing size.

    python bench/build.py [--sizes 10,100,1000,5000] [--keep] [--seed S] [--no-roles] [--ladder CMD]
                          [--baseline CMD]

For each size N it writes a corpus with make_corpus.py into a temporary folder,
then runs `ladder build` as a child process:

* cold        – a first build into an absent output folder, with an empty cache;
* no change   – the same build again (Ladder sees that no input changed);
* one edited  – after appending " (edited)" to one criterion of one framework:
                Ladder renders that framework's pages alone and updates the site
                in place;
* one renamed – after changing that framework's title, which the home page,
                A–Z and sitemap show: those are rendered again too; then the site
                is compared byte for byte with a cold build of the same content
                made elsewhere (not timed), and any difference fails the run;
* with search – (with --search) a forced full build that also runs Pagefind;
* one edited, search – (with --search) then, after each edit of one criterion,
                the default build, which updates the site and the part of the
                search index that holds the edited pages.

"One edited", "one renamed" and "one edited, search" are each the median of
five builds, each after a new edit: a build that short varies by some
milliseconds from run to run.

With `--baseline CMD` (another Ladder, such as a checkout of an earlier
version: `--baseline "/path/to/old/.venv/bin/ladder"`), every build is also
made by the baseline on its own copy of the corpus, the two taking turns
build by build, so that a machine whose speed drifts slows both alike; each
row then gives this Ladder's time over the baseline's.

Builds run with --no-search except the search rows: search indexing is not a
page kind, and the peers (bench/peers.py) have no search either.

Each row gives the child's wall time, CPU time (user + sys, from wait4) and
peak RSS, and what the build left in the output folder (HTML pages, files,
bytes). The source files were just written, so they are in the OS page cache:
"cold" means a cold Ladder (no output, fresh process), not a cold disk.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

_CRITERION_LINE = re.compile(r'^(\s+- ")(.*)("\s*)$', re.MULTILINE)


def edit_one_criterion(content: Path, files: list[str]) -> str:
    """Change one criterion in one framework file (the same one every time); return its name."""
    candidates = [f for f in files if f != "generic.md"] or files
    for rel in candidates[len(candidates) // 2:] + candidates[: len(candidates) // 2]:
        path = content / rel
        text = path.read_text(encoding="utf-8")
        start = text.find("\ntopics:\n")
        match = _CRITERION_LINE.search(text, start) if start >= 0 else None
        if match:
            path.write_text(text[: match.end(2)] + " (edited)" + text[match.end(2):], encoding="utf-8")
            return rel
    raise RuntimeError("no criterion to edit in the corpus")


def rename_framework(content: Path, rel: str) -> None:
    """Change the title of the framework in `rel`."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    match = re.search(r'^(title:\s*"?)(.*?)("?\s*)$', text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no title in {rel}")
    path.write_text(text[: match.end(2)] + " (renamed)" + text[match.end(2):], encoding="utf-8")


def build_command(ladder: list[str], content: Path, output: Path, options: list[str]) -> list[str]:
    return ladder + ["build", "--content", str(content), "--output", str(output), *options]


def unlike_cold(ladder: list[str], content: Path, output: Path, workdir: Path) -> str | None:
    """Build the edited content from nothing elsewhere (not timed) and compare:
    a site updated in place must be the bytes of a cold build. Says how not."""
    fresh = workdir / "site-cold"
    result = benchlib.run(build_command(ladder, content, fresh, ["--no-search"]),
                          env=benchlib.ladder_env(workdir / "cache-cold"))
    if not result.ok:
        return f"the cold build to compare with failed: {result.failure()}"
    # The marker is Ladder's own record of what the build read, dated by the clock
    # (a file edited in the two seconds before a build is remembered by its bytes).
    differing = [rel for rel in benchlib.differing_files(output, fresh) if rel != ".ladder-site"]
    return f"{len(differing)} files differ from a cold build after the edits, e.g. {differing[:5]}" if differing else None


EDITS = 5  # builds timed for each kind of edit; the median is reported


def parse_sizes(value: str) -> list[int]:
    try:
        sizes = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 10,100,1000, got {value!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return sizes


class Lane:
    """One Ladder building its own copy of a corpus: the one measured, or the baseline."""

    def __init__(self, name: str, ladder: list[str], workdir: Path, corpus: Path):
        self.name, self.ladder, self.workdir = name, ladder, workdir
        self.content, self.output = workdir / "content", workdir / "site"
        shutil.copytree(corpus, self.content)
        self.env = benchlib.ladder_env(workdir / "cache")  # starts empty
        self.edited = ""
        self.failed = False

    def step(self, label: str, files: list[str]):
        """Make this lane's build for `label` (after its edit); return the run."""
        options = {"with search": ["--force"], "one edited, search": []}.get(label, ["--no-search"])
        if label in ("one edited", "one edited, search"):
            self.edited = edit_one_criterion(self.content, files)
        if label == "one renamed":
            rename_framework(self.content, self.edited)
        os.sync()  # what was written before is on disk, not charged to this build
        return benchlib.run(build_command(self.ladder, self.content, self.output, options), env=self.env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("10,100,1000,5000"),
                        help="comma-separated corpus sizes (default 10,100,1000,5000)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and sites, and print where")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-roles", action="store_true", help="corpora without Ladder's roles extension")
    parser.add_argument("--search", action="store_true", help="add a forced full build with the search index")
    parser.add_argument("--ladder", metavar="CMD", help="command that runs Ladder (default: the `ladder` script "
                                                          "next to this Python)")
    parser.add_argument("--baseline", metavar="CMD", help="another Ladder to time in the same run, turn by turn")
    args = parser.parse_args(argv)
    ladder = benchlib.ladder_command(args.ladder)
    baseline = benchlib.ladder_command(args.baseline) if args.baseline else None

    print("\n".join(benchlib.machine_lines()))
    print(f"command: {' '.join(ladder)} build --content CORPUS --output SITE"
          f"   (corpus seed {args.seed}, roles {'off' if args.no_roles else 'on'})")
    if baseline:
        print(f"baseline: {' '.join(baseline)}")
    print(flush=True)

    headers = ["N", "corpus", "build", "Ladder", "wall s", "CPU s", "peak RSS MB", "pages", "files", "MB written",
               "÷ baseline wall"]
    rows: list[list] = []
    failures: list[str] = []
    workdirs = []  # deleted at the end: deleting thousands of files slows the next build on some disks
    for n in args.sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"ladder-bench-{n}-"))
        workdirs.append(workdir)
        try:
            started = time.perf_counter()
            stats = benchlib.generate(n, workdir / "corpus", seed=args.seed, roles=not args.no_roles)
            made = time.perf_counter() - started
            print(f"N={n}: corpus of {stats.files} files, {stats.bytes / 1e6:.1f} MB, "
                  f"{stats.criterion_items} criteria, {stats.example_items} examples, {stats.roles} frameworks "
                  f"with roles, written in {made:.2f} s", file=sys.stderr, flush=True)
            lanes = [Lane("this", ladder, workdir / "this", workdir / "corpus")]
            if baseline:
                lanes.append(Lane("baseline", baseline, workdir / "baseline", workdir / "corpus"))
            labels = ("cold", "no change", "one edited", "one renamed") + (
                ("with search", "one edited, search") if args.search else ())
            for turn, label in enumerate(labels):
                runs: dict[str, list] = {lane.name: [] for lane in lanes}
                for _ in range(EDITS if label.startswith(("one edited", "one renamed")) else 1):
                    for lane in (lanes if turn % 2 == 0 else lanes[::-1]):  # who goes first alternates
                        if not lane.failed:
                            runs[lane.name].append(lane.step(label, stats.files_list))
                            lane.failed = not runs[lane.name][-1].ok
                chosen = {name: (found[-1] if not found[-1].ok else sorted(found, key=lambda r: r.wall)[len(found) // 2])
                          for name, found in runs.items() if found}
                for lane in lanes:
                    result = chosen.get(lane.name)
                    if result is None:
                        continue
                    first = label == "cold" and lane is lanes[0]
                    if not result.ok:
                        failures.append(f"N={n}, {lane.name}, {label} build: {result.failure()}")
                        rows.append([n, "", label, lane.name, "FAILED", f"{result.cpu:.2f}", "", "", "", "", ""])
                        continue
                    pages, files, size = benchlib.output_size(lane.output)
                    other = chosen.get("baseline")
                    ratio = f"{result.wall / other.wall:.2f}" if lane is lanes[0] and other and other.ok else ""
                    rows.append([n if first else "", f"{stats.bytes / 1e6:.1f} MB" if first else "", label, lane.name,
                                 f"{result.wall:.3f}", f"{result.cpu:.3f}", f"{result.maxrss_mb:.0f}",
                                 pages, files, f"{size / 1e6:.1f}", ratio])
                    print(f"N={n}: {lane.name}: {label} build {result.wall:.3f} s", file=sys.stderr, flush=True)
                if label == "one renamed" and not lanes[0].failed:
                    problem = unlike_cold(ladder, lanes[0].content, lanes[0].output, workdir)
                    if problem:
                        failures.append(f"N={n}: {problem}")
                    print(f"N={n}: after the edits, the site is {'NOT ' if problem else ''}the bytes of a cold build",
                          file=sys.stderr, flush=True)
        finally:
            if args.keep:
                print(f"N={n}: kept {workdir}", file=sys.stderr)

    if not baseline:
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    print(benchlib.table(headers, rows, "rrll" + "r" * (len(headers) - 4)))
    if not args.keep:
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("\nFailures:\n" + "\n\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
