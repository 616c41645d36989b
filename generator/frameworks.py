"""Validated front matter → `Framework` models.

This is where Monzo's conventions are read: topics with an empty title inherit
from the `/generic` framework, "Criteria for sublevel A (after probation)"
becomes a sublevel, and `levels: N` sets how many levels are shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Problem
from .format import FRAMEWORK
from .loader import RawPage
from .markup import render_markdown
from .model import Criterion, Framework, Level, Sublevel, Topic, TopicLevel, humanise, slugify
from .schema import Checker

GENERIC_PATH = "generic"

_SUBLEVEL = re.compile(
    r"^\s*criteria\s+for\s+sub-?level\s+([A-Za-z0-9]{1,3})\s*(?:\((?P<qualifier>[^)]*)\))?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")


@dataclass(slots=True)
class CheckedPage:
    """A content file whose front matter passed the schema."""

    page: RawPage
    data: dict
    path: str


def site_path_problem(value: str) -> str | None:
    """Say why a front-matter `path` is unsafe as a site path, or None if it is fine."""
    stripped = value.strip().strip("/")
    if not stripped:
        return "'/' is the home page; give the framework its own path, such as /customer-operations"
    if "\\" in value or ":" in value or "//" in value:
        return f"{value!r} is not a site path: use '/' between parts, and no '\\', ':' or '//'"
    for segment in stripped.split("/"):
        if segment in (".", ".."):
            return f"{value!r} may not contain '.' or '..' parts"
        if not _SAFE_SEGMENT.match(segment):
            return (
                f"{value!r} has characters unsafe in a URL; use letters, digits, '-', '_', '.' and '/'"
            )
    return None


def default_path(rel: str) -> str:
    """A page without `path` is published where its file sits: people.md → /people."""
    stem = rel.rsplit(".", 1)[0]
    parts = [slugify(part) or "page" for part in stem.split("/")]
    if len(parts) > 1 and parts[-1] == "index":
        parts.pop()
    return "/".join(parts)


def split_name(name: str) -> tuple[str, str]:
    """Monzo names like "communication: giving feedback" carry a description."""
    title, _, description = name.partition(": ")
    return humanise(title), description.strip()


class Anchors:
    """Hands out anchor ids that are unique within one page."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        anchor, n = wanted, 2
        while anchor in self.taken:
            anchor, n = f"{wanted}-{n}", n + 1
        self.taken.add(anchor)
        return anchor


def check_pages(pages: list[RawPage], problems: list[Problem]) -> list[CheckedPage]:
    """Validate every page's front matter; report problems with file and line."""
    checked, owners = [], {}
    for page in pages:
        if not isinstance(page.data, dict):
            problems.append(page.problem("front matter must be a set of keys such as 'title: …'"))
            continue
        checker = Checker()
        data = FRAMEWORK.check(page.data, (), checker)
        if not page.has_front_matter:
            data["yaml"] = False  # a plain Markdown file is a page of text
        path = default_path(page.rel)
        if data["path"] is not None:
            if message := site_path_problem(data["path"]):
                checker.error(("path",), message)
            else:
                path = data["path"].strip().strip("/")
        problems.extend(page.problem(f.message, f.path, f.severity) for f in checker.found)
        if any(f.severity == "error" for f in checker.found):
            continue
        if path in owners:
            problems.append(
                page.problem(f"path '/{path}' is already used by {owners[path]}; each page needs its own", ("path",))
            )
            continue
        owners[path] = page.rel
        checked.append(CheckedPage(page, data, path))
    return checked


def build_frameworks(checked: list[CheckedPage], site_language: str, problems: list[Problem]) -> list[Framework]:
    """Turn validated pages into frameworks, resolving generic inheritance."""
    generic = next((c for c in checked if c.path == GENERIC_PATH), None)
    generic_topics = {}
    if generic is not None:
        generic_topics = {t["name"]: t for t in generic.data["topics"]}
    return [
        _FrameworkReader(c, site_language, {} if c is generic else generic_topics, problems).read()
        for c in checked
    ]


class _FrameworkReader:
    """Reads one validated page into a `Framework`."""

    def __init__(self, checked: CheckedPage, site_language: str, generic_topics: dict, problems: list[Problem]):
        self.page = checked.page
        self.data = checked.data
        self.path = checked.path
        self.site_language = site_language
        self.generic_topics = generic_topics
        self.problems = problems
        self.anchors = Anchors()

    def error(self, message: str, path: tuple, severity: str = "error") -> None:
        self.problems.append(self.page.problem(message, path, severity))

    def read(self) -> Framework:
        data = self.data
        body = self.page.body
        title = data["title"] or data["sidebarTitle"]
        if not title and (heading := _FIRST_HEADING.search(body)):
            title = heading.group(1).strip()
            body = body[: heading.start()] + body[heading.end():]
        title = title or humanise(self.path.rsplit("/", 1)[-1])
        framework = Framework(
            file=self.page.rel,
            path=self.path,
            title=title,
            sidebar_title=data["sidebarTitle"] or title,
            group=data["sidebarGroup"] or "",
            kind="progression" if data["yaml"] else "markdown",
            language=(data["language"] or self.site_language).lower(),
            description=data["description"] or "",
            featured=bool(data["homepage"]),
            body_html=render_markdown(body),
            digest=self.page.digest,
        )
        if data["yaml"]:
            framework.levels = self.read_levels()
            framework.topics = [self.read_topic(t, i, framework.levels) for i, t in enumerate(data["topics"])]
        elif data["topics"]:
            self.error("this page has 'yaml: false', so its topics are not shown; remove them or set 'yaml: true'",
                       ("yaml",), "warning")
        return framework

    # -- levels -------------------------------------------------------------

    def read_levels(self) -> list[Level]:
        """Levels 1..N, where N is `levels:` or the highest level in the content."""
        declared = self.data["levels"]
        highest = 0
        for t_index, topic in enumerate(self.data["topics"]):
            for c_index, content in enumerate(topic["content"]):
                where = ("topics", t_index, "content", c_index, "level")
                level = content["level"]
                if level is None:
                    continue
                if not level.isdigit():
                    self.error(f'expected an integer, got "{level}"', where)
                    content["level"] = None
                    continue
                if int(level) < 1:
                    self.error(f"expected an integer of at least 1, got {level}", where)
                    content["level"] = None
                    continue
                number = int(level)
                content["level"] = str(number)
                if declared and number > declared:
                    self.error(
                        f"level {number} is beyond 'levels: {declared}'; it is shown anyway, "
                        f"but set 'levels: {number}' if it is meant",
                        where,
                        "warning",
                    )
                highest = max(highest, number)
        count = max(declared or 0, highest)
        return [
            Level(id=str(n), rank=n - 1, beyond_declared=bool(declared) and n > declared)
            for n in range(1, count + 1)
        ]

    # -- topics -------------------------------------------------------------

    def read_topic(self, data: dict, index: int, levels: list[Level]) -> Topic:
        name = data["name"]
        slug = self.anchors.claim(slugify(name) or f"topic-{index + 1}")
        generic = self.generic_topics.get(name) if not data["title"] else None
        if data["title"]:
            title, description = data["title"], data["description"] or ""
        elif generic is not None and generic["title"]:
            title, description = generic["title"], data["description"] or generic["description"] or ""
        else:
            title, description = split_name(name)
            description = data["description"] or description
        topic = Topic(
            name=name,
            slug=slug,
            title=title,
            description=description,
            inherited_title=generic is not None,
        )
        own = {}
        for c_index, content in enumerate(data["content"]):
            if content["level"] is None:
                continue
            if content["level"] in own:
                self.error(f"level {content['level']} appears twice in this topic; merge the two entries",
                           ("topics", index, "content", c_index, "level"))
                continue
            own[content["level"]] = content
        inherited = {}
        if generic is not None:
            inherited = {c["level"]: c for c in generic["content"] if c["level"] is not None}
        for level in levels:
            topic_level = self.read_topic_level(topic, level, own.get(level.id), inherited.get(level.id))
            if topic_level is not None:
                topic.levels.append(topic_level)
        return topic

    def read_topic_level(self, topic: Topic, level: Level, own: dict | None, inherited: dict | None):
        if own is None and inherited is None:
            return None
        prefix = f"{topic.slug}-{slugify(level.id)}"
        topic_level = TopicLevel(level=level, anchor=self.anchors.claim(f"{level.slug}-{topic.slug}"))
        if inherited is not None:
            topic_level.criteria.extend(self.read_criteria(inherited, f"{prefix}-g", inherited=True))
        if own is not None:
            topic_level.criteria.extend(self.read_criteria(own, prefix))
            topic_level.sublevels = self.read_sublevels(own, prefix)
        return topic_level

    def read_criteria(self, content: dict, prefix: str, inherited: bool = False) -> list[Criterion]:
        criteria = [Criterion(anchor="", text=text, inherited=inherited) for text in content["criteria"]]
        for item in content["exampleCriteria"]:
            if not _SUBLEVEL.match(item["criteria"]):
                criteria.append(Criterion(anchor="", text=item["criteria"], examples=item["examples"],
                                          inherited=inherited))
        for n, criterion in enumerate(criteria, 1):
            criterion.anchor = self.anchors.claim(f"{prefix}-{n}")
        return criteria

    def read_sublevels(self, content: dict, prefix: str) -> list[Sublevel]:
        sublevels = []
        for item in content["exampleCriteria"]:
            match = _SUBLEVEL.match(item["criteria"])
            if not match:
                continue
            sub_id = match.group(1).upper()
            qualifier = (match.group("qualifier") or "").strip()
            anchor = self.anchors.claim(f"{prefix}{slugify(sub_id)}" + (f"-{slugify(qualifier)}" if qualifier else ""))
            sublevel = Sublevel(id=sub_id, qualifier=qualifier, anchor=anchor)
            sublevel.criteria = [
                Criterion(anchor=self.anchors.claim(f"{anchor}-{n}"), text=text)
                for n, text in enumerate(item["examples"], 1)
            ]
            sublevels.append(sublevel)
        return sublevels
