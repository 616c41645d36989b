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


MAX_NAME_BYTES = 255  # of one file or folder name, on every common file system
MAX_OUTPUT_BYTES = 1_000  # of a path inside the output folder, leaving room for where that folder is


def output_clashes(assets, pages, own: dict[str, str] | None = None) -> list[Problem]:
    """Pages that cannot be written as they are: two (or a page and a theme
    asset, or one of Ladder's `own` files and folders, each by name and what
    it is) that would write one file, or one's file where another needs a
    folder, or two whose addresses differ only in case (one file on macOS and
    Windows); and pages whose file names are too long for a file system."""
    own = own or {}
    files = {path: "the theme's assets" for path in assets} | {n: what for n, what in own.items() if n[-1] != "/"}
    reserved = {name.rstrip("/"): what for name, what in own.items() if name[-1] == "/"}
    folders: dict[str, str] = {}  # every folder the pages are in, by the first page in it
    cases: dict[str, str] = {}
    clashes = []
    for page in pages:
        output, owner = page.output, page.source or f"Ladder's {page.kind} page"
        parts = output.split("/")
        prefixes = ["/".join(parts[:n]) for n in range(1, len(parts))]
        if any(len(part.encode()) > MAX_NAME_BYTES for part in parts) or len(output.encode()) > MAX_OUTPUT_BYTES:
            message = f"'{output}' is too long a file name for a file system; shorten the page's path"
        elif output in files or output in folders or output in reserved:
            also = files.get(output) or folders.get(output) or reserved[output]
            message = f"'{output}' would be written twice (also by {also}); change one page's path"
        elif taken := next((p for p in prefixes if p in files), None):
            message = f"'{taken}' is a file ({files[taken]}), so it cannot hold '{output}'; change the page's path"
        elif taken := next((p for p in prefixes if p in reserved), None):
            message = f"'{taken}/' is {reserved[taken]}; change the page's path"
        elif (other := cases.setdefault(output.casefold(), output)) != output:
            message = (f"'{output}' and '{other}' differ only in case, which makes them one file on macOS and "
                       "Windows; change one page's path")
        else:
            files[output] = owner
            for prefix in prefixes:
                folders.setdefault(prefix, f"the folder of {owner}")
            continue
        clashes.append(Problem(page.source or output, message))
    return clashes


def collect(site: Site) -> list[Page]:
    """Every page of the site, in a stable order: framework by framework, then the site's."""
    return [page for f in site.frameworks for page in framework_pages(f)] + site_pages(site)
