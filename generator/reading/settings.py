"""Site settings from `content/site.yml`, with defaults that work without one."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Problem, UsageError
from ..model import SiteConfig
from . import files
from .brand import COLOUR, read_brand
from .fields import Boolean, LanguageTag, Text, Url
from .schema import Checker, ListOf, MapOf, Record, describe
from .urls import url_problem

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
        "language": LanguageTag(default="en", doc="Language of the interface: en or es."),
        "repository": Url(absolute=True, default="", doc="Repository URL, for 'Edit this page' links."),
        "branch": Text(default="main", doc="Branch that 'Edit this page' links open."),
        "content_path": Text(default="content", doc="Folder of the content inside the repository."),
        "theme_dir": Text(default="", doc="Folder whose templates/, assets/ and i18n/ override the default theme's."),
        "domain": Text(default="", doc="Custom domain, written to CNAME for GitHub Pages."),
        "suggest_changes": Boolean(default=True, doc="false: no 'Suggest a change' link under each criterion, "
                                                     "even with a repository."),
        "logo": Text(default="", doc="Logo in the header: an SVG, PNG, JPEG, WebP or GIF file in the content "
                                     "folder, e.g. images/logo.svg."),
        "logo_dark": Text(default="", doc="The logo shown in dark mode, when `logo` would not show on a dark header."),
        "favicon": Text(default="", doc="Icon in the browser tab: an SVG, PNG or ICO file in the content folder."),
        "primary_color": Text(default="", pattern=COLOUR, expected='a colour such as "#1a4d8f", in quotes',
                              doc="Colour of the header and buttons, e.g. \"#1a4d8f\"."),
        "accent_color": Text(default="", pattern=COLOUR, expected='a colour such as "#b3261e", in quotes',
                             doc="Colour of links and highlights, e.g. \"#b3261e\"."),
        "extra_css": ListOf(Text(), doc="Style sheets added to every page: CSS files in the content folder or "
                                        "https:// URLs."),
        "extra_js": ListOf(Text(), doc="Scripts added to every page: JavaScript files in the content folder or "
                                       "https:// URLs. They run on every page: add only code you trust."),
    },
    name="site settings",
)
THEME_FOLDERS = ("templates", "assets", "i18n")  # what a theme folder holds (any of them)


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
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return f"expected an http(s) URL or a path like /frameworks/, got {url!r}"
    if not parts.scheme and not url.startswith("/") or url.startswith("//"):
        return f"expected an http(s) URL or a path starting with '/', got {url!r}"
    if parts.query or parts.fragment:
        return f"a base URL cannot have a query or fragment: {url!r}"
    return url_problem(url)


def theme_problem(folder: Path) -> str | None:
    """Say why `folder` is not a theme, or None when it is one. A theme is
    code (its templates can run anything), and only its templates/, assets/
    and i18n/ folders are read: never any other file beside them."""
    if not folder.is_dir():
        return f"folder not found: {folder}"
    inside = [name for name in THEME_FOLDERS if os.path.lexists(folder / name)]
    if not inside:
        return (f"{folder} is not a theme: a theme folder holds templates/, assets/ or i18n/ "
                "(as themes/default does), and this one has none of them")
    for name in inside:
        if not (folder / name).is_dir():
            return f"{folder / name} is not a folder; a theme's {name}/ is a folder"
    return None


def host_name(value: str) -> tuple[str, str | None]:
    """The custom domain in the form CNAME needs (lower case, international
    names in their xn-- form), and what is wrong with it, if anything."""
    shown = value if len(value) <= 60 else value[:57] + "..."
    if "/" in value or ":" in value:
        return "", f"expected a host name such as frameworks.example.org, without https:// or a path; got {shown!r}"
    import idna  # only for a site with a domain

    try:
        host = idna.encode(value.rstrip("."), uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        return "", f"{shown!r} is not a host name: {exc}"
    labels = host.split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return "", f"expected a host name with a dot, such as frameworks.example.org; got {shown!r}"
    return host, None


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
        if os.path.lexists(path):  # a link or pipe too: reading it says what is wrong
            break
    else:
        return SiteConfig(), []
    page, problems = files.load_page(path, name)
    if page is None or any(p.is_error for p in problems):
        return SiteConfig(file=name), problems
    if not isinstance(page.data, dict):
        return SiteConfig(file=name), problems + [page.problem(
            f"site settings are keys such as 'title: …', one a line; this file holds {describe(page.data)}")]
    checker = Checker()
    data = checker.check(SITE_SCHEMA, page.data)
    if data is None:
        return SiteConfig(file=name), problems + [page.problem(f.message, f.path, f.severity) for f in checker.found]
    base_url = normalise_base_url(data["base_url"] or "")
    if message := base_url_problem(base_url):
        checker.error(("base_url",), message)
        base_url = ""
    theme_dir = None
    if data["theme_dir"]:
        theme_dir = (content_dir / data["theme_dir"]).resolve()
        if message := theme_problem(theme_dir):
            checker.error(("theme_dir",), message)
            theme_dir = None
    brand = read_brand(content_dir, data, page.data, checker)
    domain = ""
    if data["domain"]:
        domain, message = host_name(data["domain"])
        if message:
            checker.error(("domain",), message)
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
        domain=domain,
        suggest_changes=data["suggest_changes"],
        brand=brand,
        file=name,
        groups=data["groups"],
        translations={language.lower(): {key: value for key, value in texts.items() if value}
                      for language, texts in data["translations"].items()},
    )
    return config, problems
