"""The one model every page is rendered from.

Model objects compare by identity (eq=False): a framework is itself, not
any framework with equal fields, and can be used in sets and as a key.

framework → topic (optionally under category and subcategory) → level →
sublevel → criterion (+ examples), with a per-framework level scale and
optional roles. Templates and page builders only ever read these objects.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class Level:
    """One step of a framework's scale: a number, a letter or a named level."""

    id: str  # "1", "G"
    name: str = ""  # "Learning"; empty for plain numbered levels
    description: str = ""
    guidelines: list[str] = field(default_factory=list)
    rank: int = 0  # 0 for the most junior level
    beyond_declared: bool = False  # present in content beyond `levels: N`
    slug: str = field(init=False)  # "level-2", "level-g"

    def __post_init__(self):
        self.slug = "level-" + slugify(self.id)


@dataclass(slots=True, eq=False)
class Criterion:
    """One expectation, linkable by its anchor."""

    anchor: str
    text: str
    examples: list[str] = field(default_factory=list)
    number: str = ""  # kept from the source: "5", "2.3"
    inherited: bool = False  # shown from the generic framework's topic
    teaching_html: str = ""  # Markdown under the criterion, such as a unit's teaching content


@dataclass(slots=True, eq=False)
class Sublevel:
    """"Criteria for sublevel A (after probation)" → id "A", qualifier "after probation"."""

    id: str
    qualifier: str
    anchor: str
    criteria: list[Criterion] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class TopicLevel:
    """What one topic expects at one level."""

    level: Level
    anchor: str
    criteria: list[Criterion] = field(default_factory=list)
    sublevels: list[Sublevel] = field(default_factory=list)

    def all_criteria(self) -> list[Criterion]:
        found = list(self.criteria)
        for sublevel in self.sublevels:
            found.extend(sublevel.criteria)
        return found


@dataclass(slots=True, eq=False)
class Category:
    """A group of topics ("A Customer service provision"), or a subcategory of one."""

    code: str
    title: str
    description: str = ""
    anchor: str = ""
    subcategories: list[Category] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Topic:
    name: str
    slug: str
    title: str
    description: str = ""
    code: str = ""
    inherited_title: bool = False
    targets_unknown: bool = False  # roles' targets could not be read: unknown, not "not required"
    category: Category | None = None
    subcategory: Category | None = None
    levels: list[TopicLevel] = field(default_factory=list)

    @property
    def full_code(self) -> str:
        """The code that tells the topic apart across its framework: its category's
        code, then its own ("A1.1"), as topics of two categories may share "1.1"."""
        prefix = self.category.code if self.category is not None else ""
        if not self.code or not prefix or self.code.startswith(prefix):
            return self.code
        return prefix + self.code

    def at(self, level: Level) -> TopicLevel | None:
        for topic_level in self.levels:
            if topic_level.level.id == level.id:
                return topic_level
        return None


@dataclass(slots=True, eq=False)
class Role:
    """A job with a target level per topic; topics it does not name are not required."""

    id: str
    title: str
    description: str = ""
    targets: dict[str, Level] = field(default_factory=dict)  # topic slug → target level
    progresses_to: list[str] = field(default_factory=list)  # role ids, in role order

    def target(self, topic: Topic) -> Level | None:
        return self.targets.get(topic.slug)


@dataclass(slots=True, eq=False)
class Source:
    """Where a framework came from, shown on its page."""

    title: str = ""
    publisher: str = ""
    url: str = ""
    licence: str = ""
    notes: str = ""  # Markdown
    notes_html: str = ""


@dataclass(slots=True, eq=False)
class Framework:
    file: str  # content file, relative to the content folder
    path: str  # site path without slashes: "engineering/backend"
    title: str
    sidebar_title: str
    group: str  # "" when ungrouped
    kind: str = "progression"  # progression | markdown | standard | unit
    language: str = "en"
    description: str = ""
    featured: bool = False
    body_html: str = ""
    levels: list[Level] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    source: Source | None = None
    overview_html: str = ""
    knowledge: list[Criterion] = field(default_factory=list)  # a standard's knowledge and understanding
    meta: dict[str, str] = field(default_factory=dict)  # reference, level, credit… when given
    meta_extra: list[tuple[str, str]] = field(default_factory=list)  # other labelled metadata
    marks: dict[str, str] = field(default_factory=dict)  # a mark in titles ("*") → what it means
    digest: str = ""  # hash of the content file

    def topic_groups(self) -> list[tuple[Category | None, list[tuple[Category | None, list[Topic]]]]]:
        """Topics grouped by category, then subcategory, in the order they first appear."""
        groups: list = []
        for topic in self.topics:
            if not groups or groups[-1][0] is not topic.category:
                groups.append((topic.category, []))
            subgroups = groups[-1][1]
            if not subgroups or subgroups[-1][0] is not topic.subcategory:
                subgroups.append((topic.subcategory, []))
            subgroups[-1][1].append(topic)
        return groups

    def role(self, role_id: str) -> Role | None:
        for role in self.roles:
            if role.id == role_id:
                return role
        return None

    def role_url(self, role: Role) -> str:
        return f"{self.path}/roles/{role.id}/"

    @property
    def roles_url(self) -> str:
        return f"{self.path}/roles/"

    @property
    def url(self) -> str:
        return self.path + "/"

    def level_url(self, level: Level) -> str:
        return f"{self.path}/{level.slug}/"

    @property
    def compare_url(self) -> str:
        """Its levels side by side, topic by topic; "" when it has no levels to compare."""
        return f"{self.path}/compare/" if self.kind == "progression" and len(self.levels) > 1 else ""

    def topic_url(self, topic: Topic) -> str:
        """Where a topic is shown at every level: its row of the level comparison,
        or, without one, its place on the framework's page. (Templates that link
        many topics work out `compare_url or url` once.)"""
        return f"{self.compare_url or self.url}#{topic.slug}"

    def marks_in(self, titles) -> list[tuple[str, str]]:
        """The marks (and what they mean) that occur in `titles`, for a note beside them."""
        return [(mark, meaning) for mark, meaning in self.marks.items() if any(mark in title for title in titles)]

    def at_level(self, level: Level) -> list[tuple[Topic, TopicLevel]]:
        """The topics with something expected at `level`, each with what it is."""
        return [(topic, topic_level) for topic in self.topics if (topic_level := topic.at(level)) is not None]

    def criteria(self):
        """Yield every criterion in the framework, in page order."""
        for topic in self.topics:
            for topic_level in topic.levels:
                yield from topic_level.all_criteria()
        yield from self.knowledge


def marks_notes(shown) -> list[tuple[Framework, str, str]]:
    """(framework, mark, meaning) for each mark in titles from several
    frameworks, once: `shown` gives each framework with the titles shown."""
    found: list[tuple[Framework, str, str]] = []
    for framework, titles in shown:
        found.extend(note for mark, meaning in framework.marks_in(titles)
                     if (note := (framework, mark, meaning)) not in found)
    return found


def humanise(name: str) -> str:
    """Title-case an id: "culture-conduct" → "Culture Conduct"."""
    words = name.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words)


@functools.lru_cache(maxsize=8192)  # the same names and level ids come back on every page
def slugify(text: str) -> str:
    """Make a URL- and anchor-safe id: lower-case ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    out, dash = [], False
    for ch in ascii_text.lower():
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")
