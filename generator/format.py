"""The framework file format: Monzo's keys, plus Ladder's optional extensions.

Monzo files use only `path, title, sidebarTitle, sidebarGroup, yaml, levels,
homepage, topics`; every other key here is optional, so they read unchanged.
"""

from __future__ import annotations

from .schema import Boolean, Integer, LevelId, ListOf, Record, Text

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
        "criteria": ListOf(Text(), doc="What is expected at this level."),
        "exampleCriteria": ListOf(EXAMPLE_CRITERION, doc="Criteria with examples, or sublevels."),
    },
    name="a level's content",
)

TOPIC = Record(
    {
        "name": Text(required=True, doc="Stable id of the topic; also matches the generic topic."),
        "title": Text(doc="Shown title; empty inherits the generic framework's topic."),
        "description": Text(doc="What the topic is about."),
        "content": ListOf(LEVEL_CONTENT, doc="The topic's criteria, level by level."),
    },
    name="a topic",
)

FRAMEWORK = Record(
    {
        "path": Text(doc="Where the page is published, e.g. /engineering/backend."),
        "title": Text(doc="Page title."),
        "sidebarTitle": Text(doc="Shorter title for navigation."),
        "sidebarGroup": Text(doc="Navigation group; empty for none."),
        "yaml": Boolean(default=True, doc="false makes a Markdown page."),
        "levels": Integer(minimum=1, doc="How many levels to show."),
        "homepage": Boolean(default=False, doc="true features it on the home page."),
        "topics": ListOf(TOPIC, doc="The framework's topics."),
        "description": Text(doc="One or two sentences for the home page."),
        "language": Text(doc="Language of the framework, e.g. es."),
    },
    name="framework front matter",
)
