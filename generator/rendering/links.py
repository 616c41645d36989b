"""Links between pages, to assets and to a page's source.

Links are relative ("../level-2/"), so a site works under any sub-path. A site
built without a base URL links to `index.html` files, so it also works opened
straight from disk.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from ..model import SiteConfig
from .page import Page


class Links:
    """Builds hrefs from one page to another, and to assets."""

    def __init__(self, config: SiteConfig, asset_hashes: dict[str, str]):
        self.local = not config.base_url
        self.base_url = config.base_url
        self.asset_hashes = asset_hashes

    def root_for(self, page: Page) -> str:
        """Prefix that leads from `page` back to the site root."""
        if page.kind == "404" and not self.local:
            return self.base_path()  # served at any depth, so links must be absolute
        return "../" * page.output.count("/")

    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def href(self, root: str, target: str) -> str:
        """Link from a page whose root prefix is `root` to the site path `target`."""
        target, _, fragment = target.partition("#")
        if self.local and (target == "" or target.endswith("/")):
            target += "index.html"
        return (root + target or "./") + ("#" + fragment if fragment else "")

    def asset(self, root: str, name: str) -> str:
        """Link to a file under `assets/`; an extra style sheet or script may be
        a URL elsewhere (site.yml's `extra_css`, `extra_js`), kept as it is."""
        if "://" in name:
            return name
        path = "assets/" + name
        digest = self.asset_hashes.get(path, "")
        return f"{root}{path}?v={digest}" if digest else root + path

    def absolute(self, target: str) -> str:
        """Canonical URL of a page, when the site knows where it is published."""
        if not self.base_url:
            return ""
        return self.base_url + target


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=5).hexdigest()


def edit_url(config: SiteConfig, source: str) -> str:
    """Link to the page's source file in the repository, when one is configured."""
    if not (config.repository and source):
        return ""
    folder = f"{config.content_path}/" if config.content_path else ""
    return f"{config.repository}/edit/{config.branch}/{folder}{source}"
