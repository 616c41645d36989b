"""One HTML file to write: what page kinds list and the renderer renders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import SiteConfig


@dataclass(slots=True)
class Page:
    """One HTML file to write: where, with which template, from what data."""

    url: str  # site path: "" for home, "engineering/backend/", "404.html"
    template: str
    title: str
    language: str
    context: dict = field(default_factory=dict)
    source: str = ""  # content file shown on the page, for "Edit this page"
    kind: str = ""
    # More context, computed only if the page is rendered: listing pages is
    # cheap, so a rebuild can list every page and render only a few.
    lazy: Callable[[], dict] | None = None
    # A file made in Python rather than from a template (a framework's data
    # files), given the site settings.
    make: Callable[[SiteConfig], bytes] | None = None
    output: str = field(init=False)  # file path inside the output folder

    def __post_init__(self):
        self.output = self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url
