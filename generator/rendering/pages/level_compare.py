"""Every level of one framework side by side; the level pages link here."""

from __future__ import annotations

from ...model import Framework
from ..page import Page


def pages(framework: Framework) -> list[Page]:
    if not framework.compare_url:
        return []
    return [Page(url=framework.compare_url, template="level_compare.html", title=framework.title,
                 language=framework.language, context={"framework": framework}, source=framework.file,
                 kind="level-compare")]
