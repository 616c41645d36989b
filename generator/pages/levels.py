"""One page per framework level: everything expected there, and what is new.

"New" means a criterion whose text is not expected in the same topic at the
level below, so a reader moving up sees exactly what changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Framework, Level, Topic, TopicLevel
from ..render import Page


@dataclass(slots=True)
class TopicAtLevel:
    topic: Topic
    here: TopicLevel | None
    new: set[str] = field(default_factory=set)  # anchors of criteria new at this level


def _texts(topic_level: TopicLevel | None) -> set[str]:
    if topic_level is None:
        return set()
    return {" ".join(c.text.lower().split()) for c in topic_level.all_criteria()}


def compare(framework: Framework, level: Level, below: Level | None) -> list[TopicAtLevel]:
    """Each topic at `level`, with the criteria that are new since `below`."""
    rows = []
    for topic in framework.topics:
        here = topic.at(level)
        if here is None:
            continue
        before = _texts(topic.at(below)) if below is not None else set()
        new = {
            c.anchor for c in here.all_criteria() if " ".join(c.text.lower().split()) not in before
        } if below is not None else set()
        rows.append(TopicAtLevel(topic, here, new))
    return rows


def _rows(framework: Framework, level: Level, below: Level | None) -> dict:
    rows = compare(framework, level, below)
    return {"rows": rows, "new_count": sum(len(r.new) for r in rows)}


def pages(framework: Framework) -> list[Page]:
    found = []
    if framework.kind == "progression":
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
                    lazy=lambda f=framework, lv=level, b=below: _rows(f, lv, b),
                )
            )
    return found
