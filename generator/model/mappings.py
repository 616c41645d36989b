"""How frameworks line up with each other: reference scales, level
alignments, themes that gather topics across frameworks, and roles placed on
a scale. Read from `mappings.yml`; shown on the comparison pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from .framework import Criterion, Framework, Level, Role, Topic


@dataclass(slots=True, eq=False)
class Scale:
    """A ladder of levels that others align to: a framework's scale, or a reference
    scale declared in `mappings.yml` (such as NOS levels)."""

    id: str  # the framework's path, or the reference scale's id
    title: str
    levels: list[Level]
    framework: Framework | None = None
    description: str = ""

    def level(self, level_id: str) -> Level | None:
        for level in self.levels:
            if level.id == level_id:
                return level
        return None


@dataclass(slots=True, eq=False)
class LevelLink:
    """One level of a scale corresponding to one or more levels of another."""

    level: Level
    targets: list[Level]
    editorial: bool = False
    note: str = ""


@dataclass(slots=True, eq=False)
class Alignment:
    """How the levels of two scales correspond."""

    start: Scale
    end: Scale
    links: list[LevelLink]
    source: str = ""
    note: str = ""

    @property
    def editorial(self) -> bool:
        return any(link.editorial for link in self.links)


@dataclass(slots=True, eq=False)
class Member:
    """A framework, topic or criterion that belongs to a theme."""

    framework: Framework
    topic: Topic | None = None
    criterion: Criterion | None = None
    editorial: bool = True
    note: str = ""

    @property
    def anchor(self) -> str:
        if self.criterion is not None:
            return self.criterion.anchor
        return self.topic.slug if self.topic is not None else ""


@dataclass(slots=True, eq=False)
class Theme:
    """A cross-cutting subject, such as "Feedback and performance"."""

    id: str
    title: str
    description: str = ""
    members: list[Member] = field(default_factory=list)

    def members_in(self, framework: Framework) -> list[Member]:
        return [m for m in self.members if m.framework is framework]


@dataclass(slots=True, eq=False)
class RoleLevel:
    """A role placed on another scale: a Customer Service Advisor works at NOS level 2."""

    framework: Framework
    role: Role
    scale: Scale
    level: Level
    editorial: bool = False
    source: str = ""


@dataclass(slots=True, eq=False)
class Mappings:
    scales: list[Scale] = field(default_factory=list)  # reference scales only
    alignments: list[Alignment] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    role_levels: list[RoleLevel] = field(default_factory=list)
    bands: str = ""  # id of the scale the alignment chart is drawn against
    file: str = ""

    def __bool__(self) -> bool:
        return bool(self.alignments or self.themes or self.role_levels)
