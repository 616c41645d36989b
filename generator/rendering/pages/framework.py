"""One page per framework: level tabs, topics per level, sublevels, examples, body."""

from __future__ import annotations

from ...model import Framework
from .. import assessment
from ..page import Page
from . import downloads
from .roles import paths_url

TEMPLATES = {"markdown": "document.html", "standard": "standard.html", "unit": "unit.html"}


def pages(framework: Framework) -> list[Page]:
    return [
        Page(
            url=framework.url,
            template=TEMPLATES.get(framework.kind, "framework.html"),
            title=framework.title,
            language=framework.language,
            context={"framework": framework, "paths_url": paths_url(framework),
                     "downloads": downloads.links(framework), "assessment": assessment.box(framework)},
            source=framework.file,
            kind=framework.kind,
        )
    ]
