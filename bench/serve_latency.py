#!/usr/bin/env python3
"""Time `ladder serve` from a save to the moment the browser could see the new page.

    python bench/serve_latency.py [--sizes 1,100,1000] [--edits 20] [--poll]

For each size N it writes a synthetic corpus (make_corpus.py), starts
`ladder serve --port 0` as a child process, and listens to the live-reload
stream like a browser does. Then, 20 times, it changes one criterion in one
framework file and measures from just before the save until the reload notice
has arrived *and* the changed page has been served with the new text. It
prints the median and p95 for each size.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

_CRITERION = re.compile(r'^(\s+- ")(.*)("\s*)$', re.MULTILINE)


class Listener:
    """Reads the Server-Sent Events stream and remembers when each build arrived."""

    def __init__(self, url: str):
        self.builds: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.response = urllib.request.urlopen(url + "__ladder/events", timeout=60)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for raw in self.response:
            line = raw.decode().strip()
            if line.startswith("data: "):
                state = json.loads(line[6:])
                with self.changed:
                    self.builds.append((time.perf_counter(), state["id"]))
                    self.changed.notify_all()

    def wait_for_new(self, after: str, timeout: float = 30.0) -> float:
        """Time at which a build other than `after` was announced."""
        with self.changed:
            ok = self.changed.wait_for(lambda: self.builds and self.builds[-1][1] != after, timeout=timeout)
            if not ok:
                raise TimeoutError("no rebuild notice")
            return self.builds[-1][0]


def target_file(content: Path, files: list[str]) -> tuple[Path, str]:
    """A framework file with a plain criterion, and the URL path of its page
    (the generic framework only when it is the whole corpus)."""
    for rel in sorted(files, key=lambda f: f == "generic.md"):
        text = (content / rel).read_text(encoding="utf-8")
        path = re.search(r'^path: "?/?([^"\n]+?)"?$', text, re.MULTILINE)
        if path and "\ntopics:\n" in text and _CRITERION.search(text, text.find("\ntopics:\n")):
            return content / rel, path.group(1).strip("/") + "/"
    raise RuntimeError("no framework to edit")


def measure(n: int, edits: int, poll: bool, ladder: list[str]) -> list[float]:
    workdir = Path(tempfile.mkdtemp(prefix=f"ladder-latency-{n}-"))
    process = None
    try:
        stats = benchlib.generate(n, workdir / "content", seed=0, roles=True)
        command = ladder + ["serve", "--content", str(workdir / "content"), "--port", "0",
                            "--output", str(workdir / "preview")] + (["--poll"] if poll else [])
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        url = None
        for line in process.stderr:
            found = re.search(r"serving (http://\S+)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            raise RuntimeError("ladder serve did not start")
        threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
        listener = Listener(url)
        file, page = target_file(workdir / "content", stats.files_list)
        original = file.read_text(encoding="utf-8")
        match = _CRITERION.search(original, original.find("\ntopics:\n"))
        times = []
        time.sleep(0.5)
        for edit in range(edits):
            marker = f"edited {edit} for latency"
            text = original[: match.end(2)] + " " + marker + original[match.end(2):]
            current = listener.builds[-1][1] if listener.builds else ""
            started = time.perf_counter()
            file.write_text(text, encoding="utf-8")
            listener.wait_for_new(current)
            body = urllib.request.urlopen(url + page, timeout=30).read().decode()
            done = time.perf_counter()
            if marker not in body:
                raise RuntimeError(f"the served page does not show edit {edit}")
            times.append((done - started) * 1000)
            time.sleep(0.25)
        return times
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,100,1000", help="comma-separated corpus sizes (default 1,100,1000)")
    parser.add_argument("--edits", type=int, default=20, help="edits per size (default 20)")
    parser.add_argument("--poll", action="store_true", help="run the server with --poll")
    parser.add_argument("--ladder", metavar="CMD", help="command that runs Ladder")
    args = parser.parse_args(argv)
    ladder = benchlib.ladder_command(args.ladder)
    print("\n".join(benchlib.machine_lines()))
    rows = []
    for n in (int(v) for v in args.sizes.split(",")):
        times = sorted(measure(n, args.edits, args.poll, ladder))
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append([n, len(times), f"{statistics.median(times):.0f}", f"{p95:.0f}", f"{times[0]:.0f}",
                     f"{times[-1]:.0f}"])
        print(f"N={n}: median {statistics.median(times):.0f} ms", file=sys.stderr, flush=True)
    print(benchlib.table(["frameworks", "edits", "median ms", "p95 ms", "min ms", "max ms"], rows, "rrrrrr"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
