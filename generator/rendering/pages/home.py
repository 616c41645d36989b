"""The home page: every framework, grouped as in the navigation."""

from __future__ import annotations

from ...model import Site
from ..page import Page


def pages(site: Site) -> list[Page]:
    return [
        Page(
            url="",
            template="home.html",
            title=site.title,
            language=site.language,
            context={"groups": site.groups},
            kind="home",
        )
    ]
