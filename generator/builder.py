"""The site kept in memory, brought up to date by redoing only what changed.

`SiteBuilder.build()` compares every content file's modification stamp with
the last build: a changed file is re-read and re-checked alone, frameworks are
re-read only when their file (or the generic framework) changed, and only the
pages that show a changed framework's data are rendered again — its own pages
plus the pages every framework appears on (home, comparison). A change to the
site settings or the theme starts again from the files. A first build and any
later one give exactly the same bytes as a fresh build of the same files.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from . import pages as page_kinds
from .config import SiteConfig, checked_inputs, load_config
from .errors import Problem
from .gitdates import last_changed
from .publish import hosting_files
from .frameworks import CheckedPage, check_page, claim_paths, generic_topics_of, read_framework, GENERIC_PATH
from .loader import RawPage, content_files, load_page
from .mappings import load_mappings, references
from .model import Framework, Group, Site, slugify
from .render import DEFAULT_THEME, Page, Renderer, Theme, theme_languages

RACY_NS = 2_000_000_000  # files modified this close to being read are checked again

# Pages that show every framework: rendered again whenever any framework changes.
SHARED_KINDS = {"home", "compare", "compare-pair", "index"}


@dataclass
class FileState:
    """What is known about one content file since it was last read."""

    stamp: tuple[int, int]  # (mtime in ns, size)
    read_at: int = 0  # time.time_ns() when the file was read
    page: RawPage | None = None
    checked: CheckedPage | None = None
    problems: list[Problem] = field(default_factory=list)  # from reading and checking
    framework: Framework | None = None
    framework_problems: list[Problem] = field(default_factory=list)
    read_with: str | None = None  # digest of the generic framework it was read with


@dataclass
class Changes:
    """The outcome of one build: files to write or delete, and every problem."""

    problems: list[Problem] = field(default_factory=list)
    written: dict[str, bytes] = field(default_factory=dict)  # output path → new bytes
    removed: set[str] = field(default_factory=set)
    rendered: int = 0  # pages rendered in this build

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _stamp(path: Path | str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _sort_key(title: str) -> tuple[str, str]:
    return slugify(title), title


def group_frameworks(frameworks) -> list[Group]:
    """Ungrouped frameworks first, then groups by name; within each, featured
    frameworks (`homepage: true`) first, then by title."""
    groups: dict[str, Group] = {}
    for framework in frameworks:
        groups.setdefault(framework.group, Group(framework.group)).frameworks.append(framework)
    for group in groups.values():
        group.frameworks.sort(key=lambda f: (not f.featured,) + _sort_key(f.sidebar_title) + (f.path,))
    return [groups[key] for key in sorted(groups, key=lambda g: (g != "", g.lower()))]


@dataclass
class Settings:
    """Everything a build needs besides the framework files."""

    config: SiteConfig
    problems: list[Problem]
    languages: set[str]
    renderer: Renderer
    updated: dict[str, str]  # content file → date of its last commit


def load_settings(content_dir: Path, base_url: str | None, updated: dict[str, str] | None = None) -> Settings:
    """Read site.yml and the theme; find when each content file last changed
    (unless `updated` already says, as of the same git commit)."""
    config, problems = load_config(content_dir)
    if base_url is not None:
        config = replace(config, base_url=base_url)
    languages = theme_languages(config.theme_dir)
    if config.language not in languages:
        problems.append(Problem(config.file or "site.yml", "no interface strings for language "
                                f"{config.language!r} in the theme; English is used", severity="warning"))
    return Settings(config, problems, languages, Renderer(config, Theme(config.theme_dir)),
                    last_changed(content_dir) if updated is None else updated)


def make_site(config: SiteConfig, frameworks: list[Framework], mappings, updated: dict[str, str],
              compare: bool) -> Site:
    return Site(title=config.title, description=config.description, language=config.language,
                base_url=config.base_url, repository=config.repository,
                frameworks=frameworks, groups=group_frameworks(frameworks), mappings=mappings,
                updated=updated, compare=compare)


def template_problem(exc: Exception) -> Problem:
    """Name the template file and line of a Jinja error, as for content errors."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(exc.filename or exc.name or "template", f"template error: {exc.message}", line=exc.lineno)
    import traceback  # only when a template fails

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return Problem(frame.filename, f"template error: {exc}", line=frame.lineno)
    return Problem("template", f"template error: {type(exc).__name__}: {exc}")


class SiteBuilder:
    """Builds one content folder, and rebuilds it after changes."""

    def __init__(self, content_dir: Path, base_url: str | None = None):
        self.content_dir = content_dir
        self.base_url = checked_inputs(content_dir, base_url)
        self.files: dict[str, FileState] = {}
        self.settings: tuple | None = None
        self.config = SiteConfig()
        self.config_problems: list[Problem] = []
        self.renderer: Renderer | None = None
        self.languages: set[str] = set()
        self.site: Site | None = None
        self.pages: dict[str, Page] = {}
        self.output: dict[str, bytes] = {}
        self.pending: set[str] = set()  # files changed since the last good build
        self.deferred: list[Page] = []  # shared pages still to render after build(defer_shared=True)
        self.page_lists: dict[str, tuple[Framework, list[Page]]] = {}  # file → (framework, its pages)
        self.updated: dict[str, str] = {}  # content file → date of its last commit

    # -- what changed ---------------------------------------------------------

    def _theme_dirs(self) -> list[Path]:
        return [d for d in (self.config.theme_dir, DEFAULT_THEME) if d is not None]

    def watched_dirs(self) -> list[Path]:
        """Folders whose changes can change the site: content and themes."""
        return [self.content_dir, *self._theme_dirs()]

    def _settings_stamp(self) -> tuple:
        files = [self.content_dir / name for name in ("site.yml", "site.yaml")]
        for folder in self._theme_dirs():
            files += sorted(p for p in folder.rglob("*") if p.is_file())
        return tuple((str(f), _stamp(f)) for f in files)

    def _load_settings(self) -> None:
        settings = load_settings(self.content_dir, self.base_url)
        self.config, self.config_problems = settings.config, settings.problems
        self.languages, self.renderer, self.updated = settings.languages, settings.renderer, settings.updated
        for state in self.files.values():  # frameworks depend on the site language
            state.framework, state.read_with = None, None

    def _scan(self) -> set[str]:
        """Re-read content files whose stamp changed; return the ones that changed."""
        found = content_files(self.content_dir)
        changed = set(self.files) - set(found)
        for rel in changed:
            del self.files[rel]
        now = time.time_ns()
        for rel, path in found.items():
            stamp = _stamp(path)
            state = self.files.get(rel)
            # File times tick only every few milliseconds, so a file saved again
            # within a tick of being read keeps its stamp: such files are re-read.
            if state is not None and state.stamp == stamp and stamp[0] < state.read_at - RACY_NS:
                continue
            page, problems = load_page(Path(path), rel)
            if state is not None and page is not None and state.page is not None \
                    and state.page.digest == page.digest:
                state.stamp, state.read_at = stamp, now  # touched, not changed
                continue
            state = FileState(stamp or (0, 0), now, page, None, problems)
            if page is not None and not any(p.is_error for p in problems):
                state.checked, check_problems = check_page(page)
                state.problems.extend(check_problems)
            self.files[rel] = state
            changed.add(rel)
        return changed

    # -- the build ------------------------------------------------------------

    def load(self) -> tuple[Site, list[Problem], set[str], bool]:
        """Read and check what changed; return the model (even with errors), every
        problem, the files whose frameworks were read again, and whether the
        settings or theme changed (so that every page must be rendered)."""
        settings = self._settings_stamp()
        everything = settings != self.settings
        if everything:
            self._load_settings()
            self.settings = self._settings_stamp()
        changed = self._scan()
        problems = list(self.config_problems)
        for rel in sorted(self.files):
            problems.extend(self.files[rel].problems)
        checked = [self.files[rel].checked for rel in sorted(self.files) if self.files[rel].checked is not None]
        kept, clashes = claim_paths(checked)
        problems.extend(clashes)
        generic = next((c for c in kept if c.path == GENERIC_PATH), None)
        generic_key = generic.page.digest if generic is not None else ""
        generic_topics = generic_topics_of(kept)
        reread = set()
        frameworks = []
        for page in kept:
            state = self.files[page.page.rel]
            if state.framework is None or state.read_with != generic_key:
                state.framework, state.framework_problems = read_framework(
                    page, self.config.language, generic_topics, self.languages)
                state.read_with = generic_key
                reread.add(page.page.rel)
            problems.extend(state.framework_problems)
            frameworks.append(state.framework)
        mappings = load_mappings(self.content_dir, frameworks, problems,
                                 resolve=not any(p.is_error for p in problems))
        problems.sort(key=Problem.sort_key)
        site = make_site(self.config, frameworks, mappings, self.updated, references(self.content_dir)[0])
        return site, problems, changed | reread, everything

    def build(self, defer_shared: bool = False) -> Changes:
        """Bring the site up to date with the files; return what changed.

        When the content has errors, the last good site is kept as it was and
        the returned changes carry only the problems. With `defer_shared`, the
        pages every framework appears on (home, A–Z, comparison) keep their old
        bytes until `render_deferred()`, so a preview can show the edited page
        first.
        """
        site, problems, dirty, everything = self.load()
        self.pending |= dirty
        if everything:
            self.pending.add("*")
        if any(p.is_error for p in problems):
            return Changes(problems)
        everything = "*" in self.pending or self.site is None or self.site.compare != site.compare
        try:
            changes = self._render(site, problems, everything, self.pending, defer_shared and not everything)
        except jinja2.TemplateError as exc:
            return Changes(problems + [template_problem(exc)])
        if changes.ok:
            self.pending = set()
        return changes

    def _render(self, site: Site, problems: list[Problem], everything: bool, dirty: set[str],
                defer_shared: bool = False) -> Changes:
        pages = [page for f in site.frameworks for page in self._framework_pages(f)]
        pages += page_kinds.site_pages(site)
        clashes = page_kinds.output_clashes(self.renderer.assets, pages)
        if clashes:
            return Changes(problems + clashes)
        output = dict(self.renderer.assets)
        rendered, deferred = 0, []
        for page in pages:
            old = self.output.get(page.output)
            stale = (everything or old is None or page.source in dirty or page.kind in SHARED_KINDS
                     or page.output not in self.pages)
            if stale and defer_shared and page.kind in SHARED_KINDS and old is not None:
                deferred.append(page)
                stale = False
            if stale:
                output[page.output] = self.renderer.render(site, page)
                rendered += 1
            else:
                output[page.output] = old
        output.update(hosting_files(pages, self.config, self.updated))
        written = {path: data for path, data in output.items() if self.output.get(path) != data}
        removed = set(self.output) - set(output)
        self.site, self.output, self.deferred = site, output, deferred
        self.pages = {page.output: page for page in pages}
        return Changes(problems, written, removed, rendered)

    def _framework_pages(self, framework: Framework) -> list[Page]:
        """A framework's pages, listed again only when the framework was read again."""
        cached = self.page_lists.get(framework.file)
        if cached is None or cached[0] is not framework:
            cached = self.page_lists[framework.file] = (framework, page_kinds.framework_pages(framework))
        return cached[1]

    def render_deferred(self) -> Changes:
        """Render the shared pages a `build(defer_shared=True)` left for later."""
        written, rendered = {}, 0
        try:
            for page in self.deferred:
                data = self.renderer.render(self.site, page)
                rendered += 1
                if data != self.output.get(page.output):
                    self.output[page.output] = written[page.output] = data
        except jinja2.TemplateError as exc:
            self.pending.add("*")
            return Changes([template_problem(exc)])
        self.deferred = []
        return Changes(written=written, rendered=rendered)
