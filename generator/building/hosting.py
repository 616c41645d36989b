"""Files for hosting: sitemap.xml, robots.txt, .nojekyll and CNAME.

With a base URL the sitemap lists absolute URLs; without one, locations are
relative to the sitemap itself, the best a site that may live anywhere can do.
"""

from __future__ import annotations

from ..model import SiteConfig
from ..rendering.jinja import escape_str
from ..rendering.page import Page
from ..rendering.pages import FILE_KINDS

NOT_LISTED = {"404", *FILE_KINDS}
FILES = {"sitemap.xml": "the sitemap", "robots.txt": "the rules for crawlers", ".nojekyll": "a note to GitHub Pages",
         "CNAME": "the custom domain"}  # what Ladder writes beside the pages, and what each is


def sitemap(pages: list[Page], config: SiteConfig, updated: dict[str, str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages, key=lambda p: p.url):
        if page.kind in NOT_LISTED:
            continue
        location = config.base_url + page.url if config.base_url else (page.url or "./")
        lines.append(f"  <url><loc>{escape_str(location)}</loc>")
        if updated.get(page.source):
            lines.append(f"    <lastmod>{updated[page.source]}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(config: SiteConfig) -> bytes:
    text = "User-agent: *\nAllow: /\n"
    if config.base_url.startswith(("http://", "https://")):
        text += f"Sitemap: {config.base_url}sitemap.xml\n"
    return text.encode("utf-8")


def hosting_files(pages: list[Page], config: SiteConfig, updated: dict[str, str]) -> dict[str, bytes]:
    """Everything GitHub Pages (and crawlers) need beside the HTML."""
    files = {
        "sitemap.xml": sitemap(pages, config, updated),
        "robots.txt": robots(config),
        ".nojekyll": b"",  # serve folders starting with '_' as they are
    }
    if config.domain:
        files["CNAME"] = (config.domain.strip() + "\n").encode("utf-8")
    return files
