"""The framework file format: Monzo's keys, plus Ladder's optional extensions.

Monzo files use only `path, title, sidebarTitle, sidebarGroup, yaml, levels,
homepage, topics`; every other key here is optional, so they read unchanged.
"""

from __future__ import annotations

from .fields import Boolean, Integer, LanguageTag, LevelId, Text, Url
from .schema import ListOf, MapOf, OneOf, Record

KINDS = ("progression", "standard", "unit")
# Bounds that keep a small file from making a huge site, far above what any
# real framework needs: each level is a page, and so is each pair of roles on
# a career path; a role matrix has a cell per role and topic.
MAX_LEVELS = 30
MAX_ROLES = 200
MAX_ROLE_MATRIX = 50_000  # roles × topics
MAX_CAREER_PAGES = 2_000  # pairs of roles on a path, and paths from first to last role

CRITERION = OneOf(
    Text(),
    Record(
        {
            "text": Text(required=True, doc="The criterion."),
            "number": Text(doc="Its number in the source, kept as shown: 5, 2.3."),
            "id": Text(doc="An explicit anchor id, for links that must never change."),
            "examples": ListOf(Text(), doc="Examples of the criterion."),
            "teaching": Text(doc="Markdown shown under the criterion, such as a unit's teaching content."),
        },
        name="a criterion",
    ),
)

EXAMPLE_CRITERION = Record(
    {
        "criteria": Text(required=True, doc="The criterion, or 'Criteria for sublevel A'."),
        "examples": ListOf(Text(), doc="Examples, or the criteria of the sublevel."),
    },
    name="a criterion with examples",
)

LEVEL_CONTENT = Record(
    {
        "level": LevelId(required=True, doc="The level: a number, or an id from `scale`."),
        "criteria": ListOf(CRITERION, doc="What is expected at this level."),
        "exampleCriteria": ListOf(EXAMPLE_CRITERION, doc="Criteria with examples, or sublevels.",
                                  expected="a list of criteria with examples"),
    },
    name="a level's content",
)

TOPIC = Record(
    {
        "name": Text(required=True, doc="Stable id of the topic; also matches the generic topic."),
        "title": Text(doc="Shown title; empty inherits the generic framework's topic."),
        "description": Text(doc="What the topic is about."),
        "code": Text(doc="Code shown before the title, e.g. 1.1."),
        "category": Text(doc="Code of the topic's category."),
        "subcategory": Text(doc="Code of the topic's subcategory within its category."),
        "content": ListOf(LEVEL_CONTENT, doc="The topic's criteria, level by level.",
                          expected="a list of levels, each with 'level:' and 'criteria:'"),
        "criteria": ListOf(CRITERION, doc="Standards and units: the criteria, without levels."),
        "targetsUnknown": Boolean(default=False, doc="true: roles' targets for it could not be read from the source."),
    },
    name="a topic",
)

SCALE_LEVEL = Record(
    {
        "id": LevelId(required=True, doc="A number or a letter."),
        "name": Text(doc="A name such as Learning."),
        "description": Text(doc="What the level means."),
        "guidelines": ListOf(Text(), doc="Bullet points that explain the level."),
    },
    name="a level of the scale",
)

SUBCATEGORY = Record(
    {
        "code": Text(doc="Code shown before the title."),
        "title": Text(required=True),
        "description": Text(),
    },
    name="a subcategory",
)

CATEGORY = Record(
    {
        "code": Text(doc="Code shown before the title."),
        "title": Text(required=True),
        "description": Text(),
        "subcategories": ListOf(SUBCATEGORY, expected="a list of subcategories"),
    },
    name="a category",
)

ROLE = Record(
    {
        "id": Text(required=True, doc="Stable id of the role, used in URLs and paths.", max_length=100),
        "title": Text(required=True),
        "description": Text(),
        "progressesTo": ListOf(Text(), doc="Ids of roles this one leads to."),
        "progressesFrom": ListOf(Text(), doc="Ids of roles that lead to this one."),
        "targets": MapOf(LevelId(), doc="Topic name → target level; absent means not required."),
    },
    name="a role",
)

SOURCE = Record(
    {
        "title": Text(),
        "publisher": Text(),
        "url": Url(doc="Where the source can be read: an http(s) or mailto URL, or a relative one."),
        "licence": Text(),
        "notes": Text(doc="Markdown: how the source was read, and anything it leaves unclear."),
    },
    name="a source",
)

META = Record(
    {
        "reference": Text(),
        "code": Text(),
        "level": Text(),
        "credit": Text(),
        "guidedLearningHours": Text(),
        "issuer": Text(),
        "version": Text(),
        "extra": ListOf(Record({"label": Text(required=True), "value": Text(required=True)}, name="a label and value")),
    },
    name="metadata",
)

FRAMEWORK = Record(
    {
        "path": Text(doc="Where the page is published, e.g. /engineering/backend."),
        "title": Text(doc="Page title."),
        "sidebarTitle": Text(doc="Shorter title for navigation."),
        "sidebarGroup": Text(doc="Navigation group; empty for none."),
        "yaml": Boolean(default=True, doc="false makes a Markdown page."),
        "levels": Integer(minimum=1, maximum=MAX_LEVELS, doc="How many levels to show."),
        "homepage": Boolean(default=False, doc="true features it on the home page."),
        "topics": ListOf(TOPIC, doc="The framework's topics.", expected="a list of topics"),
        "kind": Text(choices=KINDS, doc="progression, standard or unit."),
        "description": Text(doc="One or two sentences for the home page."),
        "overview": Text(doc="Markdown shown at the top of the page."),
        "language": LanguageTag(doc="Language of the framework, e.g. es."),
        "source": SOURCE,
        "scale": ListOf(SCALE_LEVEL, doc="The level scale, junior to senior.", expected="a list of levels"),
        "categories": ListOf(CATEGORY, expected="a list of categories"),
        "roles": ListOf(ROLE, expected="a list of roles"),
        "meta": META,
        "knowledge": ListOf(CRITERION, doc="Standards: the knowledge and understanding list."),
        "marks": MapOf(Text(required=True), doc="What a mark in topic titles means, e.g. '*': an obligation "
                                                "for the employer; explained wherever such a title is shown."),
    },
    name="framework front matter",
)
