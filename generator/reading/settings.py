"""Site settings from `content/site.yml`, with defaults that work without one."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Problem, UsageError
from ..model import SiteConfig
from . import files
from .schema import Checker, MapOf, Record, Text

GROUP_NAMES = MapOf(Text(), doc="Navigation group (a `sidebarGroup` id) → its name as shown; "
                                "by default the id, title-cased.")
SITE_SCHEMA = Record(
    {
        "title": Text(default="Career frameworks", doc="Shown in the header and the browser tab."),
        "description": Text(default="", doc="One sentence for the home page and search engines."),
        "groups": GROUP_NAMES,
        "translations": MapOf(
            Record({"title": Text(doc="The site's title on pages in this language."),
                    "description": Text(doc="The description on pages in this language."),
                    "groups": GROUP_NAMES},
                   name="a language's title, description and group names"),
            doc="Per language (es, fr…): the title, description and group names of pages in that language."),
        "base_url": Text(default="", doc="Where the site is published, e.g. https://org.github.io/frameworks/."),
        "language": Text(default="en", doc="Language of the interface: en or es."),
        "repository": Text(default="", doc="Repository URL, for 'Edit this page' links."),
        "branch": Text(default="main", doc="Branch that 'Edit this page' links open."),
        "content_path": Text(default="content", doc="Folder of the content inside the repository."),
        "theme_dir": Text(default="", doc="Folder whose templates override the default theme's."),
        "domain": Text(default="", doc="Custom domain, written to CNAME for GitHub Pages."),
    },
    name="site settings",
)


def normalise_base_url(url: str) -> str:
    url = url.strip()
    if url and not url.endswith("/"):
        url += "/"
    return url


def base_url_problem(url: str) -> str | None:
    """Say what is wrong with a base URL, or None when it is usable."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return f"expected an http(s) URL or a path like /frameworks/, got {url!r}"
    if parts.scheme and not parts.netloc:
        return f"the URL has no host: {url!r}"
    if not parts.scheme and not url.startswith("/"):
        return f"expected an http(s) URL or a path starting with '/', got {url!r}"
    if parts.query or parts.fragment:
        return f"a base URL cannot have a query or fragment: {url!r}"
    return None


def checked_inputs(content_dir: Path, base_url: str | None) -> str | None:
    """Check a content folder and a --base-url given on the command line; return
    the base URL in its normal form. Problems here are usage errors (exit 2)."""
    if not content_dir.is_dir():
        raise UsageError(f"content folder not found: {content_dir}")
    if base_url is None:
        return None
    base_url = normalise_base_url(base_url)
    if message := base_url_problem(base_url):
        raise UsageError(f"--base-url: {message}")
    return base_url


def load_config(content_dir: Path) -> tuple[SiteConfig, list[Problem]]:
    """Read `site.yml` (or `site.yaml`) from the content folder; defaults if absent."""
    for name in ("site.yml", "site.yaml"):
        path = content_dir / name
        if path.is_file():
            break
    else:
        return SiteConfig(), []
    page, problems = files.load_page(path, name)
    if page is None or any(p.is_error for p in problems):
        return SiteConfig(file=name), problems
    checker = Checker()
    data = SITE_SCHEMA.check(page.data, (), checker) or {}
    base_url = normalise_base_url(data["base_url"] or "")
    if message := base_url_problem(base_url):
        checker.error(("base_url",), message)
        base_url = ""
    theme_dir = None
    if data["theme_dir"]:
        theme_dir = (content_dir / data["theme_dir"]).resolve()
        if not theme_dir.is_dir():
            checker.error(("theme_dir",), f"folder not found: {theme_dir}")
            theme_dir = None
    problems.extend(page.problem(f.message, f.path, f.severity) for f in checker.found)
    config = SiteConfig(
        title=data["title"] or SiteConfig.title,
        description=data["description"] or "",
        base_url=base_url,
        language=(data["language"] or "en").lower(),
        repository=(data["repository"] or "").rstrip("/"),
        branch=data["branch"] or "main",
        content_path=(data["content_path"] or "content").strip("/"),
        theme_dir=theme_dir,
        domain=data["domain"] or "",
        file=name,
        groups=data["groups"],
        translations={language.lower(): {key: value for key, value in texts.items() if value}
                      for language, texts in data["translations"].items()},
    )
    return config, problems
