"""Validated front matter → `Framework` models.

This is where Monzo's conventions are read: topics with an empty title inherit
from the `/generic` framework, "Criteria for sublevel A (after probation)"
becomes a sublevel, and `levels: N` sets how many levels are shown. Ladder's
extensions (scales, categories, roles, standards and units) are read and
cross-checked here too, so every reference error names its file and line.
"""

from __future__ import annotations

import re

from ..errors import MarkdownRefused, Problem
from ..model import (
    Category,
    Criterion,
    Framework,
    Level,
    Source,
    Sublevel,
    Topic,
    TopicLevel,
    humanise,
    slugify,
)
from ..model.languages import served
from .format import MAX_LEVELS
from .markdown_memo import MarkdownMemo
from .pages import GENERIC_PATH, CheckedPage
from .roles import read_roles
from .schema import MAX_ERRORS, TooManyErrors, did_you_mean

META_KEYS = ("reference", "code", "level", "credit", "guidedLearningHours", "issuer", "version")
# Anchor prefixes for numbered criteria: performance criterion 5 → #pc5,
# assessment criterion 2.3 → #ac2-3.
NUMBER_PREFIX = {"standard": "pc", "unit": "ac"}

# Matched against stripped text, with no two ways of reading one run of
# spaces: a pattern with three optional runs of spaces in a row took seconds
# over a label with a thousand spaces in it, and hours over one with ten thousand.
_SUBLEVEL = re.compile(r"criteria\s+for\s+sub-?level\s+([A-Za-z0-9]{1,3})(?:\s*\((?P<qualifier>[^)]*)\))?(?:\s*[:.])?",
                       re.IGNORECASE)
_MARKS = re.compile(r"[*†‡§]+")  # marks that point to a note, as sources print them after a title
# A first line "# Title": its text is the two groups, less a closing run of
# `#` (found by rstrip, not by a pattern tried at every character of the line).
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.)(.*)$", re.MULTILINE)


def sublevel_start(text: str) -> re.Match | None:
    """"Criteria for sublevel A (after probation):", Monzo's way of starting a sublevel."""
    return _SUBLEVEL.fullmatch(text.strip())


def split_name(name: str) -> tuple[str, str]:
    """Monzo names like "communication: giving feedback" carry a description."""
    title, _, description = name.partition(": ")
    return humanise(title), description.strip()


class Anchors:
    """Hands out ids that are unique within one page (anchors), or one sheet
    being imported (topic names): the one wanted, else it with -2, -3…"""

    def __init__(self):
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}  # the suffix to try next for a wanted id: trying from 2 each time is slow

    def claim(self, wanted: str) -> str:
        anchor = wanted
        if anchor in self.taken:
            n = self.next.get(wanted, 2)
            while (anchor := f"{wanted}-{n}") in self.taken:
                n += 1
            self.next[wanted] = n + 1
        self.taken.add(anchor)
        return anchor


def read_framework(checked: CheckedPage, site_language: str, generic_topics: dict, languages: set[str] | None,
                   markdown: MarkdownMemo | None = None) -> tuple[Framework, list[Problem]]:
    """Read one validated page into a framework, with the problems found on the way.

    `languages` are those the theme has interface strings for; a framework in
    another language is built with English interface strings and a warning.
    """
    problems: list[Problem] = []
    inherited = {} if checked.path == GENERIC_PATH else generic_topics
    reader = _FrameworkReader(checked, site_language, inherited, problems, languages, markdown or MarkdownMemo())
    try:
        return reader.read(), problems
    except TooManyErrors:
        problems.append(checked.page.problem(TooManyErrors.message))
        return Framework(file=checked.page.rel, path=checked.path, title=checked.path, sidebar_title=checked.path,
                         group="", digest=checked.page.digest), problems


class _FrameworkReader:
    """Reads one validated page into a `Framework`."""

    def __init__(self, checked: CheckedPage, site_language: str, generic_topics: dict,
                 problems: list[Problem], languages: set[str] | None, markdown: MarkdownMemo):
        self.page = checked.page
        self.markdown = markdown
        self.data = checked.data
        self.path = checked.path
        self.site_language = site_language
        self.generic_topics = generic_topics
        self.problems = problems
        self.languages = languages
        self.anchors = Anchors()
        self.topic_names: set[str] = set()
        self.errors = 0
        self.kind = "progression"
        # Level id of each content entry, by (topic index, entry index), once read;
        # None for entries whose level is wrong. The validated data is never changed.
        self.level_of: dict[tuple[int, int], str | None] = {}

    def error(self, message: str, path: tuple, severity: str = "error") -> None:
        if severity == "error":
            self.errors += 1
            if self.errors > MAX_ERRORS:
                raise TooManyErrors
        self.problems.append(self.page.problem(message, path, severity))

    def rendered(self, text: str, id_prefix: str, where: tuple | str | None) -> str:
        """Markdown at key path `where` (or in the "body") as HTML, with a problem
        there if it cannot be (none for inherited text, where None: its own file says)."""
        try:
            return self.markdown(text, id_prefix)
        except MarkdownRefused as refused:
            if where == "body":
                self.problems.append(Problem(self.page.rel, str(refused), line=self.page.body_line))
            elif where is not None:
                self.error(str(refused), where)
            return ""

    def read(self) -> Framework:
        data = self.data
        body = self.page.body
        title = data["title"] or data["sidebarTitle"]
        if not title and (heading := _FIRST_HEADING.search(body)):
            title = (heading.group(1) + heading.group(2).rstrip(" \t#")).strip()
            body = body[: heading.start()] + body[heading.end():]
        title = title or humanise(self.path.rsplit("/", 1)[-1])
        self.kind = (data["kind"] or "progression") if data["yaml"] else "markdown"
        framework = Framework(
            file=self.page.rel,
            path=self.path,
            title=title,
            sidebar_title=data["sidebarTitle"] or title,
            group=data["sidebarGroup"] or "",
            kind=self.kind,
            language=self.read_language(),
            description=data["description"] or "",
            featured=bool(data["homepage"]),
            body_html=self.rendered(body, "" if self.kind == "markdown" else "about-", "body"),
            overview_html=self.rendered(data["overview"] or "", "overview-", ("overview",)),
            source=self.read_source(data["source"]),
            digest=self.page.digest,
        )
        if self.kind == "markdown":
            if data["topics"]:
                self.error("this page has 'yaml: false', so its topics are not shown; "
                           "remove them or set 'yaml: true'", ("yaml",), "warning")
            return framework
        framework.levels = self.read_levels()
        framework.categories, categories = self.read_categories()
        framework.topics = [
            self.read_topic(t, i, framework.levels, categories) for i, t in enumerate(data["topics"])
        ]
        self.check_topic_codes(framework.topics)
        framework.roles = read_roles(self.data["roles"], framework, self.error)
        framework.knowledge = [
            self.criterion(item, f"k{n}", ("knowledge", n - 1)) for n, item in enumerate(data["knowledge"], 1)
        ]
        for n, item in enumerate(framework.knowledge, 1):  # K1, K2…: numbered, so they can be cited
            item.number = item.number or f"K{n}"
        framework.marks = data["marks"]
        self.check_marks(framework)
        meta = data["meta"] or {}
        framework.meta = {key: meta[key] for key in META_KEYS if meta.get(key)}
        framework.meta_extra = [(item["label"], item["value"]) for item in meta.get("extra") or []]
        return framework

    def read_source(self, data: dict | None) -> Source | None:
        if not data or not any(data.values()):
            return None
        return Source(**data, notes_html=self.rendered(data["notes"] or "", "source-", ("source", "notes")))

    def check_marks(self, framework: Framework) -> None:
        """A mark such as "*" in a topic title must be explained in `marks`."""
        for index, topic in enumerate(framework.topics):
            if unexplained := [mark for mark in _MARKS.findall(topic.title) if mark not in framework.marks]:
                self.error(f"the mark {unexplained[0]!r} in this title is not explained: add "
                           f"'marks: {{\"{unexplained[0]}\": what it means}}' to the front matter",
                           ("topics", index, "title"), "warning")

    def read_language(self) -> str:
        language = (self.data["language"] or self.site_language).lower()
        if self.data["language"] and self.languages is not None and served(language, self.languages) is None:
            self.error(f"no interface strings for language {language!r} in the theme "
                       f"(have: {', '.join(sorted(self.languages))}); English is used",
                       ("language",), "warning")
        return language

    # -- levels -------------------------------------------------------------

    def level_entries(self):
        """Yield (key path, entry key, level id as written) for every level entry."""
        for t_index, topic in enumerate(self.data["topics"]):
            for c_index, content in enumerate(topic["content"]):
                if content["level"] is not None:
                    yield ("topics", t_index, "content", c_index, "level"), (t_index, c_index), content["level"]

    def read_levels(self) -> list[Level]:
        if self.kind != "progression":
            return [Level(id="1")]  # standards and units list criteria without levels
        if self.data["scale"]:
            return self.read_scale()
        return self.read_numbered_levels()

    def read_scale(self) -> list[Level]:
        levels: list[Level] = []
        if len(self.data["scale"]) > MAX_LEVELS:
            self.error(f"the scale has {len(self.data['scale']):,} levels; a framework has at most {MAX_LEVELS}",
                       ("scale", MAX_LEVELS))
        for index, item in enumerate(self.data["scale"][:MAX_LEVELS]):
            if any(level.id == item["id"] for level in levels):
                self.error(f"level id {item['id']!r} appears twice in the scale", ("scale", index, "id"))
                continue
            levels.append(Level(id=item["id"], name=item["name"] or "", description=item["description"] or "",
                                guidelines=item["guidelines"], rank=len(levels)))
        ids = [level.id for level in levels]
        declared = self.data["levels"]
        if declared and declared != len(levels):
            self.error(f"'levels: {declared}' but the scale has {len(levels)} levels; the scale is used",
                       ("levels",), "warning")
        for where, key, level in self.level_entries():
            if level in ids:
                self.level_of[key] = level
            else:
                self.error(f"level {level!r} is not in the scale ({', '.join(ids)})", where)
        return levels

    def read_numbered_levels(self) -> list[Level]:
        """Levels 1..N, where N is `levels:` or the highest level in the content."""
        declared = self.data["levels"]
        highest = 0
        for where, key, level in self.level_entries():
            if not (level.isascii() and level.isdigit()):
                self.error(f'expected an integer, got "{level}"', where)
                continue
            if len(level) > 3 or not 1 <= (number := int(level)) <= MAX_LEVELS:
                self.error(f"expected a level from 1 to {MAX_LEVELS}, got {level}", where)
                continue
            self.level_of[key] = str(number)
            if declared and number > declared:
                self.error(f"level {number} is beyond 'levels: {declared}'; it is shown anyway, "
                           f"but set 'levels: {number}' if it is meant", where, "warning")
            highest = max(highest, number)
        count = max(declared or 0, highest)
        return [Level(id=str(n), rank=n - 1, beyond_declared=bool(declared) and n > declared)
                for n in range(1, count + 1)]

    # -- categories ---------------------------------------------------------

    def read_categories(self) -> tuple[list[Category], dict]:
        """Return the categories, and a lookup by code (or title) and (code, subcode)."""
        categories, lookup = [], {}
        for index, item in enumerate(self.data["categories"]):
            key = item["code"] or item["title"]
            if key in lookup:
                self.error(f"category code {key!r} is used twice", ("categories", index, "code"))
                continue
            category = Category(item["code"] or "", item["title"], item["description"] or "",
                                 anchor=self.anchors.claim("category-" + (slugify(key) or str(index + 1))))
            for s_index, sub in enumerate(item["subcategories"]):
                sub_key = sub["code"] or sub["title"]
                if (key, sub_key) in lookup:
                    self.error(f"subcategory code {sub_key!r} is used twice in category {key!r}",
                               ("categories", index, "subcategories", s_index, "code"))
                    continue
                subcategory = Category(sub["code"] or "", sub["title"], sub["description"] or "",
                                       anchor=self.anchors.claim(f"{category.anchor}-{slugify(sub_key)}"))
                category.subcategories.append(subcategory)
                lookup[(key, sub_key)] = subcategory
            lookup[key] = category
            categories.append(category)
        return categories, lookup

    def place_topic(self, topic: Topic, data: dict, index: int, categories: dict) -> None:
        category, subcategory = data["category"], data["subcategory"]
        if category is None:
            if subcategory is not None:
                self.error("a subcategory needs its category too", ("topics", index, "subcategory"))
            return
        if category not in categories:
            known = [k for k in categories if isinstance(k, str)]
            self.error(f"unknown category {category!r}{did_you_mean(category, known)}", ("topics", index, "category"))
            return
        topic.category = categories[category]
        if subcategory is not None:
            if (category, subcategory) not in categories:
                self.error(f"unknown subcategory {subcategory!r} in category {category!r}",
                           ("topics", index, "subcategory"))
                return
            topic.subcategory = categories[(category, subcategory)]

    def check_topic_codes(self, topics: list[Topic]) -> None:
        seen: dict[tuple, str] = {}
        for index, topic in enumerate(topics):
            if not topic.code:
                continue
            key = (topic.category and topic.category.anchor, topic.subcategory and topic.subcategory.anchor,
                   topic.code)
            if key in seen:
                self.error(f"code {topic.code!r} is already used by topic {seen[key]!r} in the same group",
                           ("topics", index, "code"))
            seen.setdefault(key, topic.name)

    # -- topics -------------------------------------------------------------

    def read_topic(self, data: dict, index: int, levels: list[Level], categories: dict) -> Topic:
        name = data["name"]
        if name in self.topic_names:  # roles and the generic framework name topics: each name means one
            self.error(f"topic name {name!r} is used twice in this framework; each topic needs its own",
                       ("topics", index, "name"))
        self.topic_names.add(name)
        slug = self.anchors.claim(slugify(name) or f"topic-{index + 1}")
        generic = self.generic_topics.get(name) if not data["title"] else None
        if data["title"]:
            title, description = data["title"], data["description"] or ""
        elif generic is not None and generic["title"]:
            title, description = generic["title"], data["description"] or generic["description"] or ""
        else:
            title, description = split_name(name)
            description = data["description"] or description
        topic = Topic(name=name, slug=slug, title=title, description=description, code=data["code"] or "",
                      inherited_title=generic is not None, targets_unknown=data["targetsUnknown"])
        self.place_topic(topic, data, index, categories)
        if self.kind != "progression":
            if data["content"]:
                self.error(f"a {self.kind} lists criteria directly under the topic, without levels",
                           ("topics", index, "content"))
            level = levels[0]
            criteria = [self.criterion(item, f"{slug}-{n}", ("topics", index, "criteria", n - 1))
                        for n, item in enumerate(data["criteria"], 1)]
            topic.levels = [TopicLevel(level, self.anchors.claim(f"{slug}-criteria"), criteria)] if criteria else []
            return topic
        if data["criteria"]:
            self.error("list criteria under 'content: - level: …'", ("topics", index, "criteria"))
        own = {}
        for c_index, content in enumerate(data["content"]):
            level = self.level_of.get((index, c_index))
            if level is None:
                continue
            if level in own:
                self.error(f"level {level} appears twice in this topic; merge the two entries",
                           ("topics", index, "content", c_index, "level"))
                continue
            own[level] = (c_index, content)
        inherited = {}
        if generic is not None:
            inherited = {c["level"].lstrip("0"): c for c in generic["content"] if c["level"] is not None}
        for level in levels:
            topic_level = self.read_topic_level(topic, index, level, own.get(level.id), inherited.get(level.id))
            if topic_level is not None:
                topic.levels.append(topic_level)
        return topic

    def read_topic_level(self, topic: Topic, index: int, level: Level, own, inherited: dict | None):
        if own is None and inherited is None:
            return None
        prefix = f"{topic.slug}-{slugify(level.id)}"
        topic_level = TopicLevel(level=level, anchor=self.anchors.claim(f"{level.slug}-{topic.slug}"))
        if inherited is not None:
            topic_level.criteria.extend(self.read_criteria(inherited, f"{prefix}-g", None, inherited=True))
        if own is not None:
            c_index, content = own
            topic_level.criteria.extend(self.read_criteria(content, prefix, ("topics", index, "content", c_index)))
            topic_level.sublevels = self.read_sublevels(content, prefix)
        return topic_level

    def criterion(self, item: dict, default_anchor: str, where: tuple | None, inherited: bool = False) -> Criterion:
        """Build one criterion; an explicit `id` or a standard's number sets its anchor."""
        if item.get("id"):
            anchor = slugify(item["id"])
            if anchor in self.anchors.taken and where is not None:
                self.error(f"id {item['id']!r} is used twice in this framework", where + ("id",))
        elif item.get("number") and self.kind in NUMBER_PREFIX:
            anchor = NUMBER_PREFIX[self.kind] + slugify(item["number"])
        else:
            anchor = default_anchor
        anchor = self.anchors.claim(anchor)
        return Criterion(
            anchor=anchor,
            text=item["text"],
            examples=item.get("examples") or [],
            number=item.get("number") or "",
            inherited=inherited,
            teaching_html=self.rendered(teaching, anchor + "-", where and where + ("teaching",))
            if (teaching := item.get("teaching")) else "",
        )

    def read_criteria(self, content: dict, prefix: str, where: tuple | None, inherited: bool = False):
        criteria = []
        for n, item in enumerate(content["criteria"]):
            place = where + ("criteria", n) if where else None
            criteria.append(self.criterion(item, f"{prefix}-{len(criteria) + 1}", place, inherited))
        for n, item in enumerate(content["exampleCriteria"]):
            if not sublevel_start(item["criteria"]):
                entry = {"text": item["criteria"], "examples": item["examples"]}
                place = where + ("exampleCriteria", n) if where else None
                criteria.append(self.criterion(entry, f"{prefix}-{len(criteria) + 1}", place, inherited))
        return criteria

    def read_sublevels(self, content: dict, prefix: str) -> list[Sublevel]:
        sublevels = []
        for item in content["exampleCriteria"]:
            match = sublevel_start(item["criteria"])
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
