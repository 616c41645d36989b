#!/usr/bin/env python3
"""Time `ladder build` on synthetic corpora of growing size.

    python bench/build.py [--sizes 10,100,1000,5000] [--keep] [--seed S] [--no-roles] [--ladder CMD]

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
* with search – (with --search) a forced full build that also runs Pagefind.

"One edited" and "one renamed" are each the median of five builds, each after
a new edit: a build that short varies by some milliseconds from run to run.

Builds run with --no-search except the last row: search indexing is not a
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


def build_command(ladder: list[str], content: Path, output: Path, option: str) -> list[str]:
    return ladder + ["build", "--content", str(content), "--output", str(output), option]


def unlike_cold(ladder: list[str], content: Path, output: Path, workdir: Path) -> str | None:
    """Build the edited content from nothing elsewhere (not timed) and compare:
    a site updated in place must be the bytes of a cold build. Says how not."""
    fresh = workdir / "site-cold"
    result = benchlib.run(build_command(ladder, content, fresh, "--no-search"),
                          env=benchlib.ladder_env(workdir / "cache-cold"))
    if not result.ok:
        return f"the cold build to compare with failed: {result.failure()}"
    differing = benchlib.differing_files(output, fresh)
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
    args = parser.parse_args(argv)
    ladder = benchlib.ladder_command(args.ladder)

    print("\n".join(benchlib.machine_lines()))
    print(f"command: {' '.join(ladder)} build --content CORPUS --output SITE"
          f"   (corpus seed {args.seed}, roles {'off' if args.no_roles else 'on'})")
    print(flush=True)

    headers = ["N", "corpus", "build", "wall s", "CPU s", "peak RSS MB", "pages", "files", "MB written"]
    rows: list[list] = []
    failures: list[str] = []
    workdirs = []  # deleted at the end: deleting thousands of files slows the next build on some disks
    for n in args.sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"ladder-bench-{n}-"))
        workdirs.append(workdir)
        content, output = workdir / "content", workdir / "site"
        try:
            started = time.perf_counter()
            stats = benchlib.generate(n, content, seed=args.seed, roles=not args.no_roles)
            made = time.perf_counter() - started
            print(f"N={n}: corpus of {stats.files} files, {stats.bytes / 1e6:.1f} MB, "
                  f"{stats.criterion_items} criteria, {stats.example_items} examples, {stats.roles} frameworks "
                  f"with roles, written in {made:.2f} s", file=sys.stderr, flush=True)
            command = build_command(ladder, content, output, "--no-search")
            env = benchlib.ladder_env(workdir / "cache")  # starts empty
            labels = ("cold", "no change", "one edited", "one renamed") + (("with search",) if args.search else ())
            for label in labels:
                if label == "with search":
                    command = build_command(ladder, content, output, "--force")
                runs = []
                for _ in range(EDITS if label in ("one edited", "one renamed") else 1):
                    if label == "one edited":
                        edited = edit_one_criterion(content, stats.files_list)
                    if label == "one renamed":
                        rename_framework(content, edited)
                    os.sync()  # what was written before is on disk, not charged to this build
                    runs.append(benchlib.run(command, env=env))
                    if not runs[-1].ok:
                        break
                result = runs[-1] if not runs[-1].ok else sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
                if label == "one edited":
                    print(f"N={n}: edited one criterion in {edited}, {len(runs)} times", file=sys.stderr)
                if not result.ok:
                    failures.append(f"N={n}, {label} build: {result.failure()}")
                    rows.append([n, f"{stats.bytes / 1e6:.1f} MB", label, "FAILED", f"{result.cpu:.2f}",
                                 f"{result.maxrss_mb:.0f}", "", "", ""])
                    break
                pages, files, size = benchlib.output_size(output)
                rows.append([n if label == "cold" else "", f"{stats.bytes / 1e6:.1f} MB" if label == "cold" else "",
                             label, f"{result.wall:.3f}", f"{result.cpu:.3f}", f"{result.maxrss_mb:.0f}",
                             pages, files, f"{size / 1e6:.1f}"])
                print(f"N={n}: {label} build {result.wall:.3f} s", file=sys.stderr, flush=True)
                if label == "one renamed":
                    problem = unlike_cold(ladder, content, output, workdir)
                    if problem:
                        failures.append(f"N={n}: {problem}")
                    print(f"N={n}: after the edits, the site is {'NOT ' if problem else ''}the bytes of a cold build",
                          file=sys.stderr, flush=True)
        finally:
            if args.keep:
                print(f"N={n}: kept {workdir}", file=sys.stderr)

    print(benchlib.table(headers, rows, "rrlrrrrrr"))
    if not args.keep:
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("\nFailures:\n" + "\n\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
