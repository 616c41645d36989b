"""One page per framework: level tabs, topics per level, sublevels, examples, body."""

from __future__ import annotations

import html
import re

from ...model import Framework
from .. import assessment
from ..page import Page
from . import downloads
from .roles import paths_url

TEMPLATES = {"markdown": "document.html", "standard": "standard.html", "unit": "unit.html"}
_OPENING_HEADING = re.compile(r'\A\s*(?:<section class="card">\s*)?<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def about_heading(body_html: str) -> tuple[str, str]:
    """The id and text of the heading the Markdown body opens with, if any: the
    page's table of contents names the section as its heading does."""
    match = _OPENING_HEADING.match(body_html)
    if not match:
        return "", ""
    return match.group(1), html.unescape(_TAG.sub("", match.group(2))).strip()


def pages(framework: Framework) -> list[Page]:
    about_id, about_title = about_heading(framework.body_html)
    return [
        Page(
            url=framework.url,
            template=TEMPLATES.get(framework.kind, "framework.html"),
            title=framework.title,
            language=framework.language,
            context={"framework": framework, "paths_url": paths_url(framework), "about_id": about_id,
                     "about_title": about_title, "unread": [t for t in framework.topics if t.targets_unknown],
                     "without_criteria": sum(not t.levels for t in framework.topics),
                     "downloads": downloads.links(framework), "assessment": assessment.box(framework)},
            source=framework.file,
            kind=framework.kind,
        )
    ]
