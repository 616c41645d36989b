"""Every level of one framework side by side; the level pages link here."""

from __future__ import annotations

from ...model import Framework
from ..page import Page


def pages(framework: Framework) -> list[Page]:
    if framework.kind != "progression" or len(framework.levels) < 2:
        return []
    return [Page(url=f"{framework.path}/compare/", template="level_compare.html", title=framework.title,
                 language=framework.language, context={"framework": framework}, source=framework.file,
                 kind="level-compare")]
