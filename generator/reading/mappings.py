"""`content/mappings.yml`: how frameworks line up with each other.

One file holds every cross-framework statement, so that each framework's page
stays about that framework and a reviewer can read all mappings in one place:
reference scales (such as NOS levels), level alignments between scales, roles
placed on a scale, and themes that gather topics and criteria from any
framework. References use stable ids: a framework's path, then `#` and a
topic name, topic id or criterion anchor. Every dangling reference is an
error with its line.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem
from ..model import (
    Alignment,
    Framework,
    Level,
    LevelLink,
    Mappings,
    Member,
    RoleLevel,
    Scale,
    Theme,
)
from .fields import Boolean, LevelId, LevelIds, Text
from .files import RawPage, load_page
from .schema import Checker, ListOf, OneOf, Record, did_you_mean

FILES = ("mappings.yml", "mappings.yaml")

SCALE = Record(
    {
        "id": Text(required=True, doc="Id used in alignments, e.g. nos."),
        "title": Text(required=True),
        "description": Text(),
        "levels": ListOf(
            Record({"id": LevelId(required=True), "name": Text(), "description": Text()}, name="a level"),
            required=True,
        ),
    },
    name="a reference scale",
)

ALIGNMENT = Record(
    {
        "from": Text(required=True, doc="A framework path or a reference scale id."),
        "to": Text(required=True),
        "source": Text(doc="Where the alignment is stated."),
        "note": Text(),
        "editorial": Boolean(default=False, doc="true: an editorial judgement, not stated in a source."),
        "levels": ListOf(
            Record(
                {
                    "from": LevelId(required=True),
                    "to": LevelIds(required=True, doc="One level, a list, or a range like 1..2."),
                    "editorial": Boolean(),
                    "note": Text(),
                },
                name="a level correspondence",
            ),
            required=True,
        ),
    },
    name="an alignment",
)

ROLE_LEVEL = Record(
    {
        "role": Text(required=True, doc="framework-path#role-id"),
        "scale": Text(required=True),
        "level": LevelId(required=True),
        "editorial": Boolean(default=False),
        "source": Text(),
    },
    name="a role placed on a scale",
)

MEMBER = OneOf(
    Text(),
    Record({"ref": Text(required=True), "editorial": Boolean(), "note": Text()}, name="a reference"),
    key="ref",
)

THEME = Record(
    {
        "id": Text(required=True),
        "title": Text(required=True),
        "description": Text(),
        "editorial": Boolean(default=True, doc="Default for members: editorial judgement unless stated."),
        "members": ListOf(MEMBER, doc="framework-path#topic-or-criterion references."),
    },
    name="a theme",
)

MAPPINGS = Record(
    {
        "bands": Text(doc="The scale the alignment chart is drawn against."),
        "scales": ListOf(SCALE),
        "alignments": ListOf(ALIGNMENT),
        "roles": ListOf(ROLE_LEVEL),
        "themes": ListOf(THEME),
    },
    name="mappings",
)


def mapping_file(content_dir: Path) -> Path | None:
    for name in FILES:
        if os.path.lexists(content_dir / name):  # a link or pipe too: reading it says what is wrong
            return content_dir / name
    return None


def load_mappings(content_dir: Path, frameworks: list[Framework], problems: list[Problem],
                  resolve: bool = True) -> Mappings:
    """Read and resolve `mappings.yml`; an absent file means no mappings.

    Without `resolve` the file is only checked: when framework files have
    errors, references to them would fail too, and only bury the real error.
    """
    path = mapping_file(content_dir)
    if path is None:
        return Mappings()
    page, found = load_page(path, path.name)
    problems.extend(found)
    if page is None or any(p.is_error for p in found):
        return Mappings(file=path.name)
    checker = Checker()
    data = checker.check(MAPPINGS, page.data)
    problems.extend(page.problem(f.message, f.path, f.severity) for f in checker.found)
    if data is None or any(f.severity == "error" for f in checker.found) or not resolve:
        return Mappings(file=path.name)
    return _Resolver(page, frameworks, problems).resolve(data)


class _Resolver:
    """Turns references in the mappings into model objects, reporting dangling ones."""

    def __init__(self, page: RawPage, frameworks: list[Framework], problems: list[Problem]):
        self.page = page
        self.problems = problems
        self.frameworks = {f.path: f for f in frameworks}
        self.scales: dict[str, Scale] = {
            f.path: Scale(f.path, f.sidebar_title, f.levels, f)
            for f in frameworks if f.kind == "progression" and f.levels
        }
        self.reference_scales: list[Scale] = []

    def error(self, message: str, where: tuple) -> None:
        self.problems.append(self.page.problem(message, where))

    def resolve(self, data: dict) -> Mappings:
        for index, item in enumerate(data["scales"]):
            self.add_scale(item, ("scales", index))
        mappings = Mappings(scales=self.reference_scales, file=self.page.rel)
        for index, item in enumerate(data["alignments"]):
            alignment = self.alignment(item, ("alignments", index))
            if alignment is not None:
                mappings.alignments.append(alignment)
        for index, item in enumerate(data["roles"]):
            role_level = self.role_level(item, ("roles", index))
            if role_level is not None:
                mappings.role_levels.append(role_level)
        seen = set()
        for index, item in enumerate(data["themes"]):
            if item["id"] in seen:
                self.error(f"theme id {item['id']!r} is used twice", ("themes", index, "id"))
                continue
            seen.add(item["id"])
            mappings.themes.append(self.theme(item, ("themes", index)))
        bands = data["bands"]
        if bands and bands not in self.scales:
            self.error(f"unknown scale {bands!r}{did_you_mean(bands, self.scales)}", ("bands",))
            bands = None
        mappings.bands = bands or ""
        return mappings

    # -- scales and alignments ------------------------------------------------

    def add_scale(self, item: dict, where: tuple) -> None:
        if item["id"] in self.scales:
            self.error(f"scale id {item['id']!r} is already a framework path or scale", where + ("id",))
            return
        levels = []
        for rank, level in enumerate(item["levels"]):
            if any(existing.id == level["id"] for existing in levels):
                self.error(f"level {level['id']!r} appears twice", where + ("levels", rank, "id"))
                continue
            levels.append(Level(id=level["id"], name=level["name"] or "", description=level["description"] or "",
                                rank=len(levels)))
        scale = Scale(item["id"], item["title"], levels, description=item["description"] or "")
        self.scales[scale.id] = scale
        self.reference_scales.append(scale)

    def scale(self, ref: str, where: tuple) -> Scale | None:
        key = ref.strip().strip("/")
        if key in self.scales:
            return self.scales[key]
        if key in self.frameworks:
            self.error(f"framework {ref!r} has no levels to align", where)
        else:
            self.error(f"unknown framework or scale {ref!r}{did_you_mean(key, self.scales)}", where)
        return None

    def levels(self, scale: Scale, ids: list[str], where: tuple) -> list[Level]:
        """Resolve level ids and ranges ("1..3", by the scale's order) on `scale`."""
        found = []
        for level_id in ids:
            first, dots, last = level_id.partition("..")
            start, end = scale.level(first.strip()), scale.level(last.strip()) if dots else None
            if start is None or (dots and end is None):
                missing = first if start is None else last
                self.error(f"level {missing.strip()!r} is not a level of {scale.id} "
                           f"({', '.join(level.id for level in scale.levels)})", where)
                continue
            end = end or start
            found.extend(level for level in scale.levels if start.rank <= level.rank <= end.rank)
        return found

    def alignment(self, item: dict, where: tuple) -> Alignment | None:
        start = self.scale(item["from"], where + ("from",))
        end = self.scale(item["to"], where + ("to",))
        if start is None or end is None:
            return None
        links = []
        for index, link in enumerate(item["levels"]):
            at = where + ("levels", index)
            level = self.levels(start, [link["from"]], at + ("from",))
            targets = self.levels(end, link["to"], at + ("to",))
            if level and targets:
                editorial = item["editorial"] if link["editorial"] is None else link["editorial"]
                links.append(LevelLink(level[0], targets, editorial, link["note"] or ""))
        return Alignment(start, end, links, item["source"] or "", item["note"] or "")

    def role_level(self, item: dict, where: tuple) -> RoleLevel | None:
        framework_ref, _, role_id = item["role"].partition("#")
        framework = self.framework(framework_ref, where + ("role",))
        scale = self.scale(item["scale"], where + ("scale",))
        if framework is None or scale is None:
            return None
        role = framework.role(role_id)
        if role is None:
            known = [r.id for r in framework.roles]
            self.error(f"no role {role_id!r} in {framework.path}{did_you_mean(role_id, known)}", where + ("role",))
            return None
        level = self.levels(scale, [item["level"]], where + ("level",))
        if not level:
            return None
        return RoleLevel(framework, role, scale, level[0], item["editorial"], item["source"] or "")

    # -- themes ---------------------------------------------------------------

    def framework(self, ref: str, where: tuple) -> Framework | None:
        key = ref.strip().strip("/")
        if key not in self.frameworks:
            self.error(f"unknown framework {ref!r}{did_you_mean(key, self.frameworks)}", where)
            return None
        return self.frameworks[key]

    def theme(self, item: dict, where: tuple) -> Theme:
        theme = Theme(item["id"], item["title"], item["description"] or "")
        for index, member in enumerate(item["members"]):
            at = where + ("members", index)
            ref = member["ref"]
            framework_ref, _, fragment = ref.partition("#")
            framework = self.framework(framework_ref, at)
            if framework is None:
                continue
            editorial = item["editorial"] if member["editorial"] is None else member["editorial"]
            found = Member(framework, editorial=editorial, note=member["note"] or "")
            if fragment and not self.locate(framework, fragment, found):
                self.error(f"no topic or criterion {fragment!r} in {framework.path}", at)
                continue
            theme.members.append(found)
        return theme

    @staticmethod
    def locate(framework: Framework, fragment: str, member: Member) -> bool:
        """Point `member` at the topic (by name or id) or criterion (by anchor) named."""
        for topic in framework.topics:
            if fragment in (topic.name, topic.slug):
                member.topic = topic
                return True
        for topic in framework.topics:
            for topic_level in topic.levels:
                for criterion in topic_level.all_criteria():
                    if criterion.anchor == fragment:
                        member.topic, member.criterion = topic, criterion
                        return True
        for criterion in framework.knowledge:
            if criterion.anchor == fragment:
                member.criterion = criterion
                return True
        return False


def references(content_dir: Path) -> tuple[bool, set[str]]:
    """Before any framework is read: whether `mappings.yml` maps anything, and
    the framework paths it refers to (so a build can keep those frameworks whole).

    A malformed file gives what can be read; `load_mappings` reports its errors.
    """
    path = mapping_file(content_dir)
    if path is None:
        return False, set()
    page, _ = load_page(path, path.name)
    data = page.data if page is not None and isinstance(page.data, dict) else {}

    def items(key):
        value = data.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    refs = set()
    for alignment in items("alignments"):
        refs.update(str(alignment.get(k, "")) for k in ("from", "to"))
    for role in items("roles"):
        refs.add(str(role.get("role", "")).partition("#")[0])
    for theme in items("themes"):
        members = theme.get("members") if isinstance(theme.get("members"), list) else []
        for member in members:
            ref = member.get("ref", "") if isinstance(member, dict) else member
            refs.add(str(ref).partition("#")[0])
    mapped = any(isinstance(data.get(k), list) and data.get(k) for k in ("alignments", "themes", "roles"))
    return mapped, {ref.strip().strip("/") for ref in refs if ref}
