"""One page per framework level: everything expected there, what is new, and
what carries over from the levels below (see `model.expectations`)."""

from __future__ import annotations

from ...model import Framework, Level
from ...model.expectations import expectations
from .. import assessment
from ..page import Page


def _rows(framework: Framework, level: Level, expected: dict) -> dict:
    rows = expected[level.id]
    return {"rows": rows, "new_count": sum(len(r.new) for r in rows),
            "carried_count": sum(len(r.carried) for r in rows)}


def pages(framework: Framework) -> list[Page]:
    found = []
    if framework.kind == "progression":
        box = assessment.box(framework)
        for index, level in enumerate(framework.levels):
            below = framework.levels[index - 1] if index > 0 else None
            above = framework.levels[index + 1] if index + 1 < len(framework.levels) else None
            found.append(
                Page(
                    url=framework.level_url(level),
                    template="level.html",
                    title=f"{framework.title}: {level.id}",
                    language=framework.language,
                    context={"framework": framework, "level": level, "below": below, "above": above,
                             "assessment": box and {**box, "level": level.id}},
                    source=framework.file,
                    kind="level",
                    lazy=lambda f=framework, lv=level: _rows(f, lv, expectations(f)),
                )
            )
    return found
