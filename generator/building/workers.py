"""Reading and rendering content files, one by one or in worker processes.

For each file a worker reads, checks and models the framework, renders that
framework's pages and writes them (into the staging folder, or into memory
for a build that updates a site in place), then keeps only a light summary
(titles, topic and role names), so memory does not grow with the size of the
site. Both builds, full and in place, read files through here.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ..errors import Problem, listed
from ..model import Framework, Role, Site, Topic
from ..reading.files import load_page
from ..reading.frameworks import read_framework
from ..reading.markdown_memo import MarkdownMemo
from ..reading.pages import CheckedPage, check_page
from ..rendering import pages as page_kinds
from ..rendering.renderer import template_problem
from .settings import Settings


@dataclass(slots=True)
class PageRecord:
    """What the parent needs to know of a page a worker wrote."""

    output: str
    url: str
    kind: str
    source: str


@dataclass(slots=True)
class FileResult:
    """What one content file gave: its problems and, when valid, its path, its
    light framework and the pages written for it. Kept between builds."""

    rel: str
    problems: list[Problem] = field(default_factory=list)
    path: str | None = None
    framework: Framework | None = None
    pages: list[PageRecord] = field(default_factory=list)
    digest: str = ""  # of the file's bytes, when it was read as a page
    markdown: dict = field(default_factory=dict)  # its Markdown rendered, for the next read (see MarkdownMemo)
    # The result pickled as the snapshot keeps it, by the worker that made it:
    # pickling there runs beside the other workers, not after them.
    pickled: bytes = field(default=b"", repr=False, compare=False)
    made: object = None  # what `Job.each` returned for its framework


@dataclass
class Job:
    """What every worker needs, set up before the workers are forked."""

    content_dir: Path
    settings: Settings
    generic_topics: dict
    site: Site  # the site without frameworks: what framework pages show of it
    staging: Path | None
    memory: dict[str, bytes] | None = None  # when set, pages are kept here instead of written
    whole: bool = False  # keep every framework whole and render nothing (for commands that read the model)
    # Instead of rendering, call this with each framework and the site, and keep what it returns
    # (for commands that turn every framework into something, such as `ladder export`).
    each: Callable[[Framework, Site], object] | None = None
    markdown: dict[str, dict] = field(default_factory=dict)  # Markdown rendered at the last build, by file
    parent: int = field(default_factory=os.getpid)  # the process that runs the build


_JOB: Job | None = None


def summary(framework: Framework) -> Framework:
    """The parts of a framework that pages about the whole site show."""
    return replace(
        framework,
        body_html="", overview_html="", categories=[], knowledge=[], source=None, meta={}, meta_extra=[],
        topics=[Topic(t.name, t.slug, t.title, code=t.code) for t in framework.topics],
        roles=[Role(r.id, r.title) for r in framework.roles], digest="",
    )


class Writer:
    """Writes files into the staging folder, creating each folder once (or
    keeps them in `memory`, for a build that changes the site in place)."""

    def __init__(self, root: Path | None, memory: dict[str, bytes] | None = None):
        self.root = str(root) if root is not None else None
        self.memory = memory
        self.made: set[str] = set()

    def write(self, rel: str, data: bytes) -> None:
        if self.memory is not None:
            self.memory[rel] = data
            return
        if self.root is None:
            return
        path = os.path.join(self.root, rel)
        folder = os.path.dirname(path)
        if folder not in self.made:
            try:
                os.mkdir(folder)  # most pages have a folder of their own, in one that exists
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)  # another worker may make it meanwhile
            except FileExistsError:
                pass
            self.made.add(folder)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # no file object to make
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)


def read(job: Job, rel: str, markdown: MarkdownMemo | None = None) \
        -> tuple[CheckedPage | None, Framework | None, list[Problem]]:
    """Load, check and model one content file."""
    page, problems = load_page(job.content_dir / rel, rel)
    if page is None or any(p.is_error for p in problems):
        return None, None, problems
    checked, found = check_page(page)
    problems += found
    if checked is None:
        return None, None, listed(problems)
    settings = job.settings
    framework, found = read_framework(checked, settings.config.language, job.generic_topics, settings.languages,
                                      markdown)
    return checked, framework, listed(problems + found)


def work(rels: list[str]) -> list[FileResult]:
    """Read, render and write the frameworks of some content files."""
    gc.collect()  # what the last share left (see `_collect_by_hand`),
    gc.freeze()  # and what outlives it too: later collections look only at what is new
    job, results = _JOB, []
    writer = Writer(job.staging, job.memory)
    renderer = job.settings.renderer
    for rel in rels:
        if os.getppid() != job.parent and os.getpid() != job.parent:
            os._exit(1)  # a worker whose build was killed: it would only write into a folder now discarded
        markdown = MarkdownMemo(job.markdown.get(rel))
        checked, framework, problems = read(job, rel, markdown)
        result = FileResult(rel, problems, markdown=markdown.used)
        results.append(result)
        if checked is None:
            continue
        result.path, result.digest = checked.path, checked.page.digest
        result.framework = framework if job.whole else summary(framework)
        if len(results) % 100 == 0:
            gc.collect()  # now and then: rendering leaves a little cyclic garbage
        if job.whole or any(p.is_error for p in problems):
            continue
        if job.each is not None:
            result.made = job.each(framework, job.site)
            continue
        for page in page_kinds.framework_pages(framework):
            try:
                data = renderer.render(job.site, page)
            except jinja2.TemplateError as exc:
                result.problems.append(template_problem(exc))
                return results
            writer.write(page.output, data)
            result.pages.append(PageRecord(page.output, page.url, page.kind, page.source))
    return results


def _shares(content_dir: Path, rels: list[str], workers: int) -> list[list[str]]:
    """Split the files, in order, into shares that shrink as the work runs out
    (guided scheduling): large ones first, so workers seldom wait to be given
    more, and small ones last, so they all finish at about the same time."""
    sizes = [(rel, _size(content_dir / rel)) for rel in rels]
    remaining = sum(size for _, size in sizes)
    smallest = remaining / (workers * 64)
    shares, current, filled = [], [], 0
    for rel, size in sizes:
        current.append(rel)
        filled += size
        if filled >= max(remaining / (workers * 4), smallest):
            shares.append(current)
            remaining -= filled
            current, filled = [], 0
    return shares + [current] if current else shares


# Content smaller than this (about 40 frameworks of bench/make_corpus.py) is
# read and rendered in one process: forking workers, loading the templates in
# each and sending their results back cost more than a second core saves.
SMALL_SITE_BYTES = 1_000_000


def default_jobs(content_dir: Path, rels: list[str]) -> int:
    """How many worker processes to use when none is asked for: one per core,
    or one in all for a small site."""
    cores = os.cpu_count() or 1
    if cores == 1:
        return 1
    total = 0
    for rel in rels:
        total += _size(content_dir / rel)
        if total >= SMALL_SITE_BYTES:
            return cores
    return 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # a link to nowhere, say: reading it says so
        return 0


def _collect_by_hand() -> None:
    """Automatic garbage collection walks every live object again and again,
    too slow here: `work` collects now and then instead. What exists before
    the work (settings, theme, modules) outlives it, so it is frozen, and
    collections skip it."""
    gc.disable()
    gc.freeze()


@contextmanager
def collected_by_hand():
    enabled = gc.isenabled()
    _collect_by_hand()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _start_worker(started, workers: int) -> None:
    """Set up a forked worker: compile its share of the templates (the
    `started` counter numbers the workers), then collect garbage by hand."""
    with started.get_lock():
        share = started.value
        started.value += 1
    _JOB.settings.renderer.theme.compile_share(share % workers, workers, page_kinds.unused_templates(_JOB.site))
    _collect_by_hand()


def _work_pickled(rels: list[str]) -> list[bytes]:
    return [pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) for result in work(rels)]


def _unpickled(blob: bytes) -> FileResult:
    result = pickle.loads(blob)
    result.pickled = blob
    return result


def work_all(job: Job, rels: list[str], jobs: int) -> list[FileResult]:
    """Run `work` over files, in worker processes when there are cores to spare."""
    global _JOB
    _JOB = job
    try:
        with collected_by_hand():  # here too while the results are unpickled: they all live on
            if jobs > 1 and len(rels) > 1:
                import multiprocessing  # a one-file rebuild does without

                if "fork" in multiprocessing.get_all_start_methods():
                    fork = multiprocessing.get_context("fork")
                    with fork.Pool(jobs, _start_worker, (fork.Value("i", 0), jobs)) as pool:
                        # Results are unpickled as each share comes back, while the workers go on.
                        shares = pool.imap(_work_pickled, _shares(job.content_dir, rels, jobs))
                        return [_unpickled(blob) for share in shares for blob in share]
            return work(rels)
    finally:
        _JOB = None


