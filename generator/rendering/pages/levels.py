"""One page per framework level: everything expected there, and what is new.

"New" means a criterion whose text is not expected in the same topic at the
level below, so a reader moving up sees exactly what changes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ...model import Framework, Level, Topic, TopicLevel
from ..page import Page


@dataclass(slots=True)
class TopicAtLevel:
    topic: Topic
    here: TopicLevel | None
    new: set[str] = field(default_factory=set)  # anchors of criteria new at this level


def _compared(text: str) -> str:
    return " ".join(text.lower().split())


def new_criteria(framework: Framework) -> dict[tuple[str, str], set[str]]:
    """For each (topic slug, level id), the anchors of criteria whose text the
    topic does not expect at the level below. Each text is compared once."""
    found = {}
    for topic in framework.topics:
        before: set[str] | None = None
        for index, level in enumerate(framework.levels):
            here = topic.at(level)
            texts = {c.anchor: _compared(c.text) for c in here.all_criteria()} if here is not None else {}
            if index > 0 and here is not None:
                found[topic.slug, level.id] = {anchor for anchor, text in texts.items() if text not in before}
            before = set(texts.values())
    return found


def compare(framework: Framework, level: Level, new: dict) -> list[TopicAtLevel]:
    """Each topic at `level`, with the criteria that are new since the level below."""
    return [TopicAtLevel(topic, here, new.get((topic.slug, level.id), set()))
            for topic, here in framework.at_level(level)]


def _rows(framework: Framework, level: Level, new: dict) -> dict:
    rows = compare(framework, level, new)
    return {"rows": rows, "new_count": sum(len(r.new) for r in rows)}


def pages(framework: Framework) -> list[Page]:
    found = []
    if framework.kind == "progression":
        new = functools.cache(lambda: new_criteria(framework))  # shared by the framework's level pages
        for index, level in enumerate(framework.levels):
            below = framework.levels[index - 1] if index > 0 else None
            above = framework.levels[index + 1] if index + 1 < len(framework.levels) else None
            found.append(
                Page(
                    url=framework.level_url(level),
                    template="level.html",
                    title=f"{framework.title}: {level.id}",
                    language=framework.language,
                    context={"framework": framework, "level": level, "below": below, "above": above},
                    source=framework.file,
                    kind="level",
                    lazy=lambda f=framework, lv=level: _rows(f, lv, new()),
                )
            )
    return found
