"""The full build: every content file read and rendered once, in parallel,
then the pages that show the whole site.

Worker processes (one per core, forked so they share the settings and theme)
each take a share of the content files; for each file a worker reads, checks
and models the framework, renders its pages and writes them into the staging
folder, keeping only a light summary so memory does not grow with the site
(see `workers`). The parent then renders the whole-site pages from the
summaries (see `whole_site`).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from ..model import Mappings, make_site
from ..reading.files import Refused, content_files, load_page, read_content
from ..reading.mappings import references
from ..reading.pages import GENERIC_PATH, CheckedPage, check_page, generic_topics_of
from .settings import load_settings
from .whole_site import Outcome, finish
from .workers import Job, collected_by_hand, default_jobs, read, work_all

_GENERIC_HINT = re.compile(r"^path:[ \t]*['\"]?/?generic/?['\"]?[ \t]*(#.*)?$", re.MULTILINE)


def run(content_dir: Path, base_url: str | None, staging: Path | None, jobs: int | None = None,
        whole: bool = False, each=None) -> Outcome:
    """Build everything into `staging` (or nowhere, to check only); with
    `whole`, read every framework in full and render nothing; with `each`,
    call it with every framework in the workers instead of rendering."""
    settings = load_settings(content_dir, base_url)
    rels = list(content_files(content_dir))
    compare, referenced = references(content_dir)
    stub = make_site(settings.config, [], Mappings(), settings.updated, compare, referenced)
    job = Job(content_dir, settings, {}, stub, staging, whole=whole, each=each)
    generic = find_generic(content_dir, rels, job)
    job.generic_topics = generic_topics_of([generic]) if generic is not None else {}
    jobs = jobs or default_jobs(content_dir, rels)
    results = work_all(job, rels, jobs)
    found = [r.rel for r in results if r.path == GENERIC_PATH]
    if found and (generic is None or found[0] != generic.page.rel):
        # `path: /generic` sat too far down its file to be seen first: read again, knowing it.
        generic, _, _ = read(job, found[0])
        job.generic_topics = generic_topics_of([generic])
        results = work_all(job, rels, jobs)
    with collected_by_hand():  # what the whole-site pages are made from lives until the end
        return finish(job, results, referenced)


def find_generic(content_dir: Path, rels: list[str], job: Job) -> CheckedPage | None:
    """The `/generic` framework, found before the others are read, since they inherit from it.
    Files named `generic` are tried first; then any whose top says `path: /generic`."""
    named = [rel for rel in rels if rel.rsplit("/", 1)[-1].rsplit(".", 1)[0] == GENERIC_PATH]
    others = (rel for rel in rels if rel not in named and _says_generic(content_dir, rel))
    for rel in itertools.chain(named, others):  # lazily: the others are read only if need be
        page, problems = load_page(content_dir / rel, rel)
        if page is not None and not any(p.is_error for p in problems):
            checked, _ = check_page(page)
            if checked is not None and checked.path == GENERIC_PATH:
                return checked
    return None


def _says_generic(content_dir: Path, rel: str) -> bool:
    try:  # `path:` is near the top of front matter
        head = read_content(content_dir / rel, rel, head=8192).decode("utf-8", errors="replace")
    except Refused:
        return False  # reading it again says why
    return _GENERIC_HINT.search(head) is not None


