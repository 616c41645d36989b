#!/usr/bin/env python3
"""A fast performance regression guard for CI.

    python bench/smoke.py [--update] [--n 200] [--rounds 3] [--factor 3]

Generates a 200-file synthetic corpus from the repository's own `content/`
(so that it is the same in CI as on a laptop), then measures, in this process
and interleaved so that both see the same machine noise:

* build    – `generator.building.engine.build(corpus, output)`, best of 3;
* search   – the same with the search index (`search=True`, what
             `ladder build` does by default), best of 3;
* baseline – reading every corpus file and parsing its front matter with
             PyYAML's C loader alone (`yaml.load(text, Loader=yaml.CSafeLoader)`),
             best of 5 (it is short, so more tries are cheap).

Both are timed in CPU time (this process plus any reaped children), which
other jobs on a busy CI machine inflate less than wall time; wall times are
printed too. Each build is a fresh `build()` call with an empty cache folder,
so nothing is cached between rounds.

The ratios build/baseline and search/baseline are compared with
`bench/smoke_reference.json`; the exit status is 1 if either is more than
`--factor` (3) times its reference, else 0. Over the limit, it measures once more (`--retries`) before failing, taking
the best of all tries, so one busy spell on a shared runner does not fail CI. The ratio, not the time, is compared, so a slower CI machine does not
fail the check. `--update` measures and rewrites the reference.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
import make_corpus  # noqa: E402
import yaml  # noqa: E402

try:
    from generator.building.cache import CACHE_ENV
    from generator.building.engine import build
    from generator.errors import LadderError
except ImportError:  # not installed: use the checkout this script lives in
    sys.path.insert(0, str(HERE.parent))
    from generator.building.cache import CACHE_ENV
    from generator.building.engine import build
    from generator.errors import LadderError

REFERENCE = HERE / "smoke_reference.json"
BASELINE_ROUNDS = 5  # the baseline is short, so it gets a few more tries
_WHERE = re.compile(r" \(/[^)]*\)|, package .*")  # where Python and Ladder are on this machine: not kept
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


def cpu_time() -> float:
    """CPU seconds of this process and of any children it has reaped (in case a build uses workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def parse_all(files: list[Path]) -> int:
    """The baseline: read every file and parse its front matter with libyaml."""
    topics = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        data = yaml.load(match.group(1) if match else text, Loader=yaml.CSafeLoader)
        topics += len(data.get("topics") or [])
    return topics


class Measurements:
    """Interleaved build and baseline timings, as (CPU seconds, wall seconds)."""

    def __init__(self, content: Path, output: Path, files: list[Path]):
        self.content, self.output, self.files = content, output, files
        self.builds: list[tuple[float, float]] = []
        self.searches: list[tuple[float, float]] = []
        self.baselines: list[tuple[float, float]] = []
        self.pages = 0

    def take(self, rounds: int) -> None:
        for round_ in range(max(rounds, BASELINE_ROUNDS)):
            gc.collect()
            wall, cpu = time.perf_counter(), cpu_time()
            parse_all(self.files)
            self.baselines.append((cpu_time() - cpu, time.perf_counter() - wall))
            if round_ >= rounds:
                continue
            for search, times in ((False, self.builds), (True, self.searches)):
                gc.collect()
                os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="cache-", dir=self.output.parent)  # nothing cached
                wall, cpu = time.perf_counter(), cpu_time()
                result = build(self.content, self.output, search=search)
                times.append((cpu_time() - cpu, time.perf_counter() - wall))
                self.pages = result.pages

    @property
    def build_s(self) -> float:
        return min(self.builds)[0]

    @property
    def baseline_s(self) -> float:
        return min(self.baselines)[0]

    @property
    def search_s(self) -> float:
        return min(self.searches)[0]

    @property
    def ratio(self) -> float:
        return self.build_s / self.baseline_s

    @property
    def search_ratio(self) -> float:
        return self.search_s / self.baseline_s

    def over(self, reference: dict, factor: float) -> list[str]:
        """The ratios over their limit, said in words."""
        return [f"{name} ratio {ratio:.2f} is over the limit {float(reference[key]) * factor:.2f}"
                for name, key, ratio in (("build", "ratio", self.ratio), ("search", "search_ratio", self.search_ratio))
                if ratio > float(reference[key]) * factor]

    def report(self) -> None:
        def times(values):
            return (", ".join(f"{cpu:.3f}" for cpu, _ in values) + "; wall "
                    + ", ".join(f"{wall:.3f}" for _, wall in values))

        print(f"build:    {self.build_s:.3f} s CPU, best of {len(self.builds)} (CPU {times(self.builds)}), "
              f"{self.pages} pages")
        print(f"search:   {self.search_s:.3f} s CPU, best of {len(self.searches)} (CPU {times(self.searches)}), "
              "with the search index")
        print(f"baseline: {self.baseline_s:.3f} s CPU, best of {len(self.baselines)} (CPU {times(self.baselines)}), "
              "yaml.load(CSafeLoader) of every file's front matter")
        print(f"ratios:   {self.ratio:.2f} build / baseline, {self.search_ratio:.2f} search / baseline (CPU time)",
              flush=True)


def read_reference() -> dict:
    try:
        reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
        float(reference["ratio"]), float(reference["search_ratio"])
        return reference
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"smoke: no usable reference in {REFERENCE} ({exc}); run with --update") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite {REFERENCE.name} from this measurement")
    parser.add_argument("--n", type=int, default=200, help="corpus size (default 200)")
    parser.add_argument("--rounds", type=int, default=3, help="builds to time, keeping the best (default 3)")
    parser.add_argument("--factor", type=float, default=3.0,
                        help="fail when the ratio exceeds the reference times this (default 3)")
    parser.add_argument("--retries", type=int, default=1,
                        help="when over the limit, measure this many more times before failing (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--source", type=Path, action="extend", nargs="+", metavar="FOLDER",
                        help="folders to take texts from (default: the repository's content/)")
    args = parser.parse_args(argv)
    if not hasattr(yaml, "CSafeLoader"):
        print("smoke: PyYAML has no C loader (libyaml) here, so there is no baseline; skipped", file=sys.stderr)
        return 0
    reference = None if args.update else read_reference()

    sources = args.source or [HERE.parent / "content"]
    workdir = Path(tempfile.mkdtemp(prefix="ladder-smoke-"))
    try:
        content = workdir / "content"
        stats = make_corpus.generate(args.n, content, sources=sources, seed=args.seed, warn=lambda m: None)
        print(f"corpus:   {stats.files} files, {stats.bytes / 1e6:.2f} MB, {stats.criterion_items} criteria "
              f"(seed {args.seed}, sources: {', '.join(str(s) for s in sources)})")
        measured = Measurements(content, workdir / "site", [content / rel for rel in stats.files_list])
        try:
            measured.take(args.rounds)
        except LadderError as exc:
            print(f"smoke: Ladder failed on the synthetic corpus:\n{exc}", file=sys.stderr)
            return 1
        measured.report()

        if args.update:
            data = {
                "ratio": round(measured.ratio, 3),
                "search_ratio": round(measured.search_ratio, 3),
                "build_cpu_seconds": round(measured.build_s, 4),
                "search_cpu_seconds": round(measured.search_s, 4),
                "baseline_cpu_seconds": round(measured.baseline_s, 4),
                "n": args.n,
                "seed": args.seed,
                "rounds": args.rounds,
                "corpus_bytes": stats.bytes,
                "corpus_criteria": stats.criterion_items,
                "pages": measured.pages,
                "measured_on": [_WHERE.sub("", line) for line in benchlib.machine_lines()],
            }
            REFERENCE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"reference written to {REFERENCE}")
            return 0

        if reference.get("n") != args.n or reference.get("seed") != args.seed:
            print(f"note: the reference was measured with n={reference.get('n')}, seed={reference.get('seed')}")
        elif reference.get("corpus_bytes") and abs(stats.bytes / reference["corpus_bytes"] - 1) > 0.25:
            print(f"note: the corpus is {stats.bytes} bytes, the reference's was {reference['corpus_bytes']}; "
                  "content/ changed a lot, consider --update")
        for _ in range(args.retries):
            if not measured.over(reference, args.factor):
                break
            print("; ".join(measured.over(reference, args.factor)) + "; measuring again in case the machine was busy",
                  flush=True)
            measured.take(args.rounds)
            measured.report()
        over = measured.over(reference, args.factor)
        print(f"reference ratios {float(reference['ratio']):.2f} build, {float(reference['search_ratio']):.2f} search; "
              f"limits {args.factor:g}x: " + ("REGRESSION: " + "; ".join(over) if over else "OK"))
        return 1 if over else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
