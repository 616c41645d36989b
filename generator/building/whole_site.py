"""Checks across all content files, and the pages that show the whole site.

Both builds end here: the full build with every file's result, a build after
an edit with the results kept from the last build plus the files read again.
Checking comes first and writes nothing, so a build after an edit can put the
edited pages out before it renders the whole-site pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from ..errors import Problem
from ..model import Site, make_site
from ..reading.mappings import load_mappings
from ..reading.pages import CheckedPage, claim_paths
from ..rendering import pages as page_kinds
from ..rendering.page import Page
from ..rendering.renderer import template_problem
from . import hosting
from .hosting import hosting_files
from .manifest import MARKER
from .search import BUNDLE, PARTS
from .workers import FileResult, Job, PageRecord, Writer, read

# What Ladder writes besides the pages and the theme's assets, which no page may take.
LADDER_OWN = {**hosting.FILES, MARKER: "Ladder's marker", BUNDLE + "/": "where the search index is written",
              PARTS + "/": "where the search index is written"}


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
    shared: list[Page] = field(default_factory=list)  # the whole-site pages, still to render

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def check(job: Job, results: list[FileResult], referenced: set[str]) -> Outcome:
    """Check the whole (paths, mappings, files that would be written twice) and
    list the whole-site pages; render nothing yet."""
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
        if frameworks[rel].path in referenced and not job.whole:
            _, frameworks[rel], _ = read(job, rel)
    models = [frameworks[rel] for rel in kept]
    broken = any(p.is_error for p in site_problems) or any(p.is_error for r in results for p in r.problems)
    mappings = load_mappings(job.content_dir, models, site_problems, resolve=not broken)
    # Once each: every share of the work meets a broken template.
    problems = sorted(dict.fromkeys(site_problems + [p for r in results for p in r.problems]), key=Problem.sort_key)
    if any(p.is_error for p in problems):
        return Outcome(problems)
    site = make_site(config, models, mappings, settings.updated, job.site.compare, job.site.referenced)
    pages_of = {r.rel: r.pages for r in results}
    ordered = [record for rel in kept for record in pages_of[rel]]
    shared = [] if job.whole or job.each is not None else page_kinds.site_pages(site)
    clashes = page_kinds.output_clashes(settings.renderer.assets, shared + ordered, LADDER_OWN)
    if clashes:
        clashes = [_at_path(job, clash) if clash.file in paths else clash for clash in clashes]
        return Outcome(sorted(problems + clashes, key=Problem.sort_key))
    return Outcome(problems, site, records=ordered, results=results, site_problems=site_problems,
                   referenced=referenced, generic_topics=job.generic_topics, shared=shared)


def render(job: Job, checked: Outcome) -> Outcome:
    """Render the whole-site pages of a checked outcome, with the theme's assets
    and the hosting files (sitemap, robots.txt…)."""
    settings, site = job.settings, checked.site
    writer = Writer(job.staging, job.memory)
    try:
        for page in checked.shared:
            writer.write(page.output, settings.renderer.render(site, page))
    except jinja2.TemplateError as exc:
        return Outcome(checked.problems + [template_problem(exc)])
    for rel, data in settings.renderer.assets.items():
        writer.write(rel, data)
    records = checked.records + [PageRecord(p.output, p.url, p.kind, p.source) for p in checked.shared]
    hosting = hosting_files(records, settings.config, settings.updated)
    for rel, data in hosting.items():
        writer.write(rel, data)
    checked.records, checked.shared = records, []
    checked.pages = sum(record.kind not in page_kinds.FILE_KINDS for record in records)
    checked.files = len(records) + len(settings.renderer.assets) + len(hosting)
    return checked


def finish(job: Job, results: list[FileResult], referenced: set[str]) -> Outcome:
    """Check the whole, then render the pages that show the whole site."""
    outcome = check(job, results, referenced)
    return render(job, outcome) if outcome.ok and not job.whole and job.each is None else outcome


def _at_path(job: Job, problem: Problem) -> Problem:
    """A problem with a page's file, at the line of the file's `path:`."""
    checked, _, _ = read(job, problem.file)
    return checked.page.problem(problem.message, ("path",)) if checked is not None else problem


def _stand_in(job: Job, rel: str) -> CheckedPage:
    checked, _, _ = read(job, rel)
    return checked
