"""One page per framework: level tabs, topics per level, sublevels, examples, body."""

from __future__ import annotations

from ..model import Site
from ..render import Page

TEMPLATES = {"markdown": "document.html"}


def pages(site: Site) -> list[Page]:
    return [
        Page(
            url=framework.url,
            template=TEMPLATES.get(framework.kind, "framework.html"),
            title=framework.title,
            language=framework.language,
            context={"framework": framework},
            source=framework.file,
            kind=framework.kind,
        )
        for framework in site.frameworks
    ]
