"""Page kinds: each module turns the site model into the pages of one kind.

A new page kind is one module here plus one template in the theme. Most kinds
show one framework (`pages(framework)`); a few show the whole site
(`pages(site)`) and are rendered again whenever any framework changes.
"""

from __future__ import annotations

from ...errors import Problem
from ...model import Framework, Site
from ..page import Page
from . import (
    all_downloads,
    compare,
    downloads,
    framework,
    home,
    index,
    level_compare,
    levels,
    notfound,
    roles,
)

FRAMEWORK_KINDS = (framework, levels, level_compare, roles, downloads)
SITE_KINDS = (home, compare, index, notfound, all_downloads)
FILE_KINDS = {downloads.KIND}  # files that are not pages: not counted as pages, not in the sitemap


def framework_pages(framework: Framework) -> list[Page]:
    """The pages that show one framework, and nothing of any other."""
    return [page for kind in FRAMEWORK_KINDS for page in kind.pages(framework)]


def site_pages(site: Site) -> list[Page]:
    """The pages that show the whole site."""
    return [page for kind in SITE_KINDS for page in kind.pages(site)]


def unused_templates(site: Site) -> tuple[str, ...]:
    """Templates no page of `site` uses, as far as is known before any
    framework is read: a site without mappings has no comparison pages."""
    return () if site.compare else compare.TEMPLATES


def output_clashes(assets, pages) -> list[Problem]:
    """Two pages (or a page and a theme asset) that would write one file."""
    owners = {path: "the theme's assets" for path in assets}
    clashes = []
    for page in pages:
        if page.output in owners:
            clashes.append(Problem(page.source or page.output, f"'{page.output}' would be written twice "
                                   f"(also by {owners[page.output]}); change one page's path"))
        owners[page.output] = page.source or page.kind
    return clashes


def collect(site: Site) -> list[Page]:
    """Every page of the site, in a stable order: framework by framework, then the site's."""
    return [page for f in site.frameworks for page in framework_pages(f)] + site_pages(site)
