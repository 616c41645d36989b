"""The page shown for unknown addresses (GitHub Pages serves `404.html`)."""

from __future__ import annotations

from ...model import Site
from ..page import Page


def pages(site: Site) -> list[Page]:
    return [Page(url="404.html", template="404.html", title="404", language=site.language, kind="404")]
