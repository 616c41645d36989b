"""The full build: every framework read and rendered once, in parallel, straight to disk.

Worker processes (one per core, forked so they share the settings and theme)
each take a share of the content files. For each file a worker reads, checks
and models the framework, renders that framework's pages and writes them into
the staging folder, then keeps only a light summary (titles, topic and role
names), so memory does not grow with the size of the site. The parent then
renders the pages that show the whole site (home, A–Z, comparison) from the
summaries, with the frameworks that `mappings.yml` refers to read in full.

The bytes are exactly those of `SiteBuilder` (tested), which the live preview
uses to keep the whole site in memory instead.
"""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from . import pages as page_kinds
from .builder import Settings, load_settings, make_site, template_problem
from .errors import Problem
from .frameworks import (
    GENERIC_PATH,
    CheckedPage,
    MarkdownMemo,
    check_page,
    claim_paths,
    generic_topics_of,
    read_framework,
)
from .loader import content_files, load_page
from .mappings import load_mappings, references
from .model import Framework, Mappings, Role, Site, Topic
from .publish import hosting_files

_GENERIC_HINT = re.compile(r"^path:[ \t]*['\"]?/?generic/?['\"]?[ \t]*(#.*)?$", re.MULTILINE)


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


@dataclass
class Job:
    """What every worker needs, set up before the workers are forked."""

    content_dir: Path
    settings: Settings
    generic_topics: dict
    site: Site  # the site without frameworks: what framework pages show of it
    staging: Path | None
    memory: dict[str, bytes] | None = None  # when set, pages are kept here instead of written
    markdown: dict[str, dict] = field(default_factory=dict)  # Markdown rendered at the last build, by file


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
                os.makedirs(folder)
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
        return None, None, problems
    settings = job.settings
    framework, found = read_framework(checked, settings.config.language, job.generic_topics, settings.languages,
                                      markdown)
    return checked, framework, problems + found


def work(rels: list[str]) -> list[FileResult]:
    """Read, render and write the frameworks of some content files."""
    gc.collect()  # what the last share left (see `_collect_by_hand`),
    gc.freeze()  # and what outlives it too: later collections look only at what is new
    job, results = _JOB, []
    writer = Writer(job.staging, job.memory)
    renderer = job.settings.renderer
    for rel in rels:
        markdown = MarkdownMemo(job.markdown.get(rel))
        checked, framework, problems = read(job, rel, markdown)
        result = FileResult(rel, problems, markdown=markdown.used)
        results.append(result)
        if checked is None:
            continue
        result.path, result.framework, result.digest = checked.path, summary(framework), checked.page.digest
        if len(results) % 100 == 0:
            gc.collect()  # now and then: rendering leaves a little cyclic garbage
        if any(p.is_error for p in problems):
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
    sizes = [(rel, (content_dir / rel).stat().st_size) for rel in rels]
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


def find_generic(content_dir: Path, rels: list[str], job: Job) -> CheckedPage | None:
    """The `/generic` framework, found before the others are read, since they inherit from it.
    Files named `generic` are tried first; then any whose top says `path: /generic`."""
    named = [rel for rel in rels if rel.rsplit("/", 1)[-1].rsplit(".", 1)[0] == GENERIC_PATH]
    others = (rel for rel in rels if rel not in named and _says_generic(content_dir / rel))
    for rel in itertools.chain(named, others):  # lazily: the others are read only if need be
        page, problems = load_page(content_dir / rel, rel)
        if page is not None and not any(p.is_error for p in problems):
            checked, _ = check_page(page)
            if checked is not None and checked.path == GENERIC_PATH:
                return checked
    return None


def _says_generic(path: Path) -> bool:
    with open(path, "rb") as handle:  # `path:` is near the top of front matter
        head = handle.read(8192).decode("utf-8", errors="replace")
    return _GENERIC_HINT.search(head) is not None


@dataclass
class Outcome:
    problems: list[Problem]
    site: Site | None = None
    pages: int = 0
    files: int = 0
    records: list[PageRecord] = field(default_factory=list)  # every page written
    results: list[FileResult] = field(default_factory=list)  # per content file
    site_problems: list[Problem] = field(default_factory=list)  # of settings, mappings and paths
    referenced: set[str] = field(default_factory=set)  # framework paths mappings.yml refers to
    generic_topics: dict = field(default_factory=dict)  # what frameworks inherit from the generic one


def run(content_dir: Path, base_url: str | None, staging: Path | None, jobs: int | None = None) -> Outcome:
    """Build everything into `staging` (or nowhere, to check only)."""
    settings = load_settings(content_dir, base_url)
    rels = list(content_files(content_dir))
    compare, referenced = references(content_dir)
    stub = make_site(settings.config, [], Mappings(), settings.updated, compare)
    job = Job(content_dir, settings, {}, stub, staging)
    generic = find_generic(content_dir, rels, job)
    job.generic_topics = generic_topics_of([generic]) if generic is not None else {}
    results = work_all(job, rels, jobs or os.cpu_count() or 1)
    found = [r.rel for r in results if r.path == GENERIC_PATH]
    if found and (generic is None or found[0] != generic.page.rel):
        # `path: /generic` sat too far down its file to be seen first: read again, knowing it.
        generic, _, _ = read(job, found[0])
        job.generic_topics = generic_topics_of([generic])
        results = work_all(job, rels, jobs or os.cpu_count() or 1)
    with _collected_by_hand():  # what the whole-site pages are made from lives until the end
        return finish(job, results, referenced)


def _collect_by_hand() -> None:
    """Automatic garbage collection walks every live object again and again,
    too slow here: `work` collects now and then instead. What exists before
    the work (settings, theme, modules) outlives it, so it is frozen, and
    collections skip it."""
    gc.disable()
    gc.freeze()


@contextmanager
def _collected_by_hand():
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
        with _collected_by_hand():  # here too while the results are unpickled: they all live on
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


def finish(job: Job, results: list[FileResult], referenced: set[str]) -> Outcome:
    """Check the whole, then render the pages that show the whole site."""
    settings, config = job.settings, job.settings.config
    site_problems = list(settings.problems)
    paths = {r.rel: r.path for r in results if r.path is not None}
    owners: dict[str, str] = {}
    for rel in sorted(paths):
        if paths[rel] in owners:
            checked, _, _ = read(job, rel)
            _, clash = claim_paths([_stand_in(job, owners[paths[rel]]), checked])
            site_problems += clash
        else:
            owners[paths[rel]] = rel
    frameworks = {r.rel: r.framework for r in results if r.framework is not None}
    kept = [rel for rel in sorted(frameworks) if owners.get(paths[rel]) == rel]
    for rel in kept:  # what mappings refer to is needed whole
        if frameworks[rel].path in referenced:
            _, frameworks[rel], _ = read(job, rel)
    models = [frameworks[rel] for rel in kept]
    broken = any(p.is_error for p in site_problems) or any(p.is_error for r in results for p in r.problems)
    mappings = load_mappings(job.content_dir, models, site_problems, resolve=not broken)
    # Once each: every share of the work meets a broken template.
    problems = sorted(dict.fromkeys(site_problems + [p for r in results for p in r.problems]), key=Problem.sort_key)
    if any(p.is_error for p in problems):
        return Outcome(problems)
    site = make_site(config, models, mappings, settings.updated, job.site.compare)
    pages_of = {r.rel: r.pages for r in results}
    ordered = [record for rel in kept for record in pages_of[rel]]
    shared = page_kinds.site_pages(site)
    clashes = page_kinds.output_clashes(settings.renderer.assets, ordered + shared)
    if clashes:
        return Outcome(sorted(problems + clashes, key=Problem.sort_key))
    writer = Writer(job.staging, job.memory)
    try:
        for page in shared:
            writer.write(page.output, settings.renderer.render(site, page))
    except jinja2.TemplateError as exc:
        return Outcome(problems + [template_problem(exc)])
    for rel, data in settings.renderer.assets.items():
        writer.write(rel, data)
    records = ordered + [PageRecord(p.output, p.url, p.kind, p.source) for p in shared]
    hosting = hosting_files(records, config, settings.updated)
    for rel, data in hosting.items():
        writer.write(rel, data)
    files = len(records) + len(settings.renderer.assets) + len(hosting)
    return Outcome(problems, site, pages=len(records), files=files, records=records, results=results,
                   site_problems=site_problems, referenced=referenced, generic_topics=job.generic_topics)


def _stand_in(job: Job, rel: str) -> CheckedPage:
    checked, _, _ = read(job, rel)
    return checked
