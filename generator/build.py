"""The build pipeline: load → validate → model → render → write.

Everything is computed in memory first; only a build without errors touches
the disk, and it writes into a temporary folder that is swapped in at the end,
so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import pages as page_kinds
from .config import SiteConfig, base_url_problem, load_config, normalise_base_url
from .errors import ContentError, LadderError, Problem, UsageError
from .frameworks import build_frameworks, check_pages
from .loader import load_pages
from .mappings import load_mappings
from .model import Group, Site, slugify
from .render import Links, Page, Theme, fingerprint, theme_languages

MARKER = ".ladder-site"


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None
    site: Site | None = None


def load_site(content_dir: Path, base_url: str | None = None) -> tuple[Site, SiteConfig, list[Problem]]:
    """Read and validate all content; return the model and every problem found."""
    if not content_dir.is_dir():
        raise UsageError(f"content folder not found: {content_dir}")
    config, problems = load_config(content_dir)
    if base_url is not None:
        base_url = normalise_base_url(base_url)
        if message := base_url_problem(base_url):
            raise UsageError(f"--base-url: {message}")
        config = replace(config, base_url=base_url)
    raw_pages, found = load_pages(content_dir)
    problems.extend(found)
    languages = theme_languages(config.theme_dir)
    if config.language not in languages:
        problems.append(Problem(config.file or "site.yml", f"no interface strings for language "
                                f"{config.language!r} in the theme; English is used", severity="warning"))
    checked = check_pages(raw_pages, problems)
    frameworks = build_frameworks(checked, config.language, problems, languages)
    mappings = load_mappings(content_dir, frameworks, problems)
    site = Site(
        title=config.title,
        description=config.description,
        language=config.language,
        base_url=config.base_url,
        repository=config.repository,
        edit_branch=config.branch,
        frameworks=frameworks,
        groups=group_frameworks(frameworks),
        mappings=mappings,
    )
    return site, config, problems


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


def render_site(site: Site, config: SiteConfig, theme: Theme) -> tuple[dict[str, bytes], list[Page]]:
    """Render every page; return output files (path → bytes) and the pages."""
    files = theme.assets()
    links = Links(config, {path: fingerprint(data) for path, data in files.items()})
    pages = page_kinds.collect(site)
    owners: dict[str, str] = {path: "the theme's assets" for path in files}
    clashes = []
    for page in pages:
        if page.output in owners:
            clashes.append(
                Problem(page.source or page.output, f"'{page.output}' would be written twice "
                        f"(also by {owners[page.output]}); change one page's path")
            )
        owners[page.output] = page.source or page.kind
    if clashes:
        raise ContentError(clashes)
    strings = {lang: theme.translations.for_language(lang) for lang in {p.language for p in pages}}
    for page in pages:
        root = links.root_for(page)
        context = {
            "site": site,
            "config": config,
            "page": page,
            "t": strings[page.language],
            "url": lambda target, _root=root: links.href(_root, target),
            "asset": lambda name, _root=root: links.asset(_root, name),
            "canonical": links.absolute(page.url) if page.kind != "404" else "",
            "edit_url": edit_url(config, page.source),
            **page.context,
        }
        html = theme.env.get_template(page.template).render(context)
        files[page.output] = html.encode("utf-8")
    return files, pages


def edit_url(config: SiteConfig, source: str) -> str:
    if not (config.repository and source):
        return ""
    folder = f"{config.content_path}/" if config.content_path else ""
    return f"{config.repository}/edit/{config.branch}/{folder}{source}"


def check_output_folder(output_dir: Path, content_dir: Path) -> None:
    """Refuse to replace a folder Ladder did not make, or one holding the content."""
    output = output_dir.resolve()
    content = content_dir.resolve()
    if output == Path(output.anchor) or output == Path.home():
        raise UsageError(f"refusing to use {output} as the output folder")
    if output == content or output in content.parents:
        raise UsageError(f"the output folder {output} would replace the content; choose another")
    if output.exists():
        if not output.is_dir():
            raise UsageError(f"output {output} exists and is not a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise UsageError(
                f"output folder {output} is not empty and was not made by Ladder; "
                "empty it or choose another --output"
            )


def write_output(files: dict[str, bytes], output_dir: Path) -> None:
    """Write all files into a fresh folder next to `output_dir`, then swap it in."""
    output = output_dir.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            if staging not in target.resolve().parents:
                raise LadderError(f"refusing to write outside the output folder: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text("Built by Ladder. This folder is replaced on every build.\n")
        if output.exists():
            output.rename(retired)
        staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not output.exists():
            retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def build(
    content_dir: Path,
    output_dir: Path | None = Path("output"),
    base_url: str | None = None,
    strict: bool = False,
    progress=lambda message: None,
) -> BuildResult:
    """Build the site; with `output_dir=None`, check only and write nothing.

    Raises `ContentError` with every problem when the content has errors (or
    warnings, when `strict`). `progress` receives a line per stage.
    """
    started = time.perf_counter()
    if output_dir is not None:
        check_output_folder(output_dir, content_dir)
    site, config, problems = load_site(content_dir, base_url)
    count = len(site.frameworks)
    progress(f"read {count} page{'' if count == 1 else 's'} from {content_dir}")
    errors = [p for p in problems if p.is_error or strict]
    if errors:
        raise ContentError(sorted(problems, key=Problem.sort_key))
    files, pages = render_site(site, config, Theme(config.theme_dir))
    progress(f"rendered {len(pages)} pages")
    if output_dir is not None:
        write_output(files, output_dir)
    return BuildResult(
        pages=len(pages),
        files=len(files),
        seconds=time.perf_counter() - started,
        warnings=sorted(problems, key=Problem.sort_key),
        output=output_dir,
        site=site,
    )
