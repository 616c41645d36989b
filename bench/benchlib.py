"""Helpers shared by the benchmark scripts: child processes with their own
resource usage, the machine description, output sizes and plain tables."""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@dataclass
class Run:
    """One child process: wall time, CPU time (user + sys) and peak RSS."""

    command: list[str]
    returncode: int
    wall: float
    user: float
    sys: float
    maxrss_mb: float
    stdout: str
    stderr: str

    @property
    def cpu(self) -> float:
        return self.user + self.sys

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure(self, lines: int = 15) -> str:
        text = "\n".join((self.stderr or self.stdout).strip().splitlines()[-lines:])
        return f"`{shlex.join(self.command)}` exited with {self.returncode}:\n{text}"


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run `command` and measure only that child (and its own children) with wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(command, proc.returncode, wall, usage.ru_utime, usage.ru_stime, rss, stdout, stderr)


def ladder_command(option: str | None = None) -> list[str]:
    """The `ladder` console script next to this Python, else `python -m generator`."""
    if option:
        return shlex.split(option)
    script = Path(sys.executable).parent / ("ladder.exe" if os.name == "nt" else "ladder")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "generator"]


def ladder_env(cache: Path) -> dict:
    """The environment for a `ladder build` child whose cache folder is `cache`
    (empty for a cold build), keeping compiled modules as an installed Ladder does."""
    env = {**os.environ, "LADDER_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (rev or "unknown") + (" (with uncommitted changes)" if dirty else "")


def machine_lines() -> list[str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        total_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines()
                            if l.startswith("MemTotal")).split()[1])
        memory = f", {total_kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return [
        f"machine: {os.cpu_count()} CPUs ({usable} usable), {cpu_model()}{memory}",
        f"system:  {platform.system()} {platform.release()} {platform.machine()}",
        f"python:  {platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        f"ladder:  git {git_revision()}, package {generator_location()}",
    ]


def generator_location() -> str:
    import importlib.util

    try:
        spec = importlib.util.find_spec("generator")
    except (ImportError, ValueError):
        spec = None
    return str(Path(spec.origin).parent) if spec and spec.origin else "not importable from this Python"


def output_size(folder: Path) -> tuple[int, int, int]:
    """(HTML pages, files, bytes) under `folder`."""
    pages = files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.stat(os.path.join(root, name)).st_size
            if name.endswith(".html"):
                pages += 1
    return pages, files, size


def differing_files(a: Path, b: Path) -> list[str]:
    """Paths (relative) that are in only one of two folders, or whose bytes differ."""
    def listing(folder: Path) -> set[str]:
        return {os.path.relpath(os.path.join(root, name), folder)
                for root, _, names in os.walk(folder) for name in names}

    in_a, in_b = listing(a), listing(b)
    return sorted((in_a ^ in_b) | {rel for rel in in_a & in_b
                                   if (a / rel).read_bytes() != (b / rel).read_bytes()})


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    """A Markdown-style table; `align` has one 'l' or 'r' per column (default: first left, others right)."""
    align = align or "l" + "r" * (len(headers) - 1)
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values):
        return "| " + " | ".join(v.ljust(w) if a == "l" else v.rjust(w)
                                 for v, w, a in zip(values, widths, align)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if a == "r" else ("-" * (w + 2))
                          for w, a in zip(widths, align)) + "|"
    return "\n".join([line(headers), rule] + [line(r) for r in cells])


def generate(n: int, out_dir: Path, seed: int = 0, roles: bool = True):
    """Write a synthetic corpus from a separate, short-lived process.

    Writing 5,000 files in this process would leave it large, and a child's
    peak RSS as wait4 reports it starts from its parent's size at fork: the
    builds measured afterwards would seem to use the corpus generator's memory.
    """
    import concurrent.futures
    import multiprocessing

    import make_corpus

    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        stats = pool.submit(make_corpus.generate, n, out_dir, seed=seed, roles=roles).result()
    # Ladder looks again at the bytes of files changed within 2 s of a build
    # (the file system's clock may not have ticked since); an editor's files
    # are older than that, so the corpus is let age as long before it is built.
    time.sleep(2.1)
    return stats
