"""The whole model as JSON, described by a JSON Schema published beside it.

Every framework, topic, level, sublevel and criterion carries the anchor it
has on the site, and an `id` that is the framework's path, `#` and that
anchor ("customer-operations#communication-1-2"): the same id in every build,
and the same reference `mappings.yml` uses. A site's file for one framework
and `ladder export --format json` share one format; only the latter has
`mappings`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...model import Category, Criterion, Framework, Mappings, SiteConfig, Topic
from ...model.expectations import expectations

FORMAT = "ladder-frameworks"
VERSION = 1
SCHEMA_NAME = "ladder-frameworks.schema.json"
SCHEMA_FILE = Path(__file__).with_name(SCHEMA_NAME)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder


def criterion_object(path: str, criterion: Criterion, reading: Reading | None = None) -> dict:
    """A criterion; keys whose value is empty or false are left out (a
    framework has thousands of criteria, and most have no examples)."""
    found = {"id": f"{path}#{criterion.anchor}", "anchor": criterion.anchor, "text": criterion.text}
    if reading is not None:
        if criterion.anchor in reading.points_back:
            found["pointsBack"] = True
        elif criterion.anchor in reading.same_as:
            found["sameAs"] = f"{path}#{reading.same_as[criterion.anchor]}"
    if criterion.examples:
        found["examples"] = criterion.examples
    if criterion.number:
        found["number"] = criterion.number
    if criterion.inherited:
        found["inherited"] = True
    if criterion.teaching_html:
        found["teachingHtml"] = criterion.teaching_html
    return found


class Reading:
    """How a progression framework's levels read, as its level pages show them
    (`model.expectations`): the lines that only point back to levels below, and
    each criterion said again at a later level with the anchor where it was
    first said. Tools that count what carries over (the self-assessment) use it."""

    def __init__(self, framework: Framework):
        self.points_back: set[str] = set()
        self.same_as: dict[str, str] = {}
        if framework.kind == "progression":
            for rows in expectations(framework).values():
                for expected in rows:
                    self.points_back |= expected.pointers
                    self.same_as.update(expected.again)


def _category(category: Category) -> dict:
    return {"id": category.anchor, "code": category.code, "title": category.title,
            "description": category.description}


def topic_object(framework: Framework, topic: Topic, reading: Reading) -> dict:
    path = framework.path
    return {
        "id": f"{path}#{topic.slug}", "anchor": topic.slug, "name": topic.name, "code": topic.code,
        "title": topic.title, "description": topic.description,
        "category": topic.category.anchor if topic.category else None,
        "subcategory": topic.subcategory.anchor if topic.subcategory else None,
        "titleInherited": topic.inherited_title, "targetsUnknown": topic.targets_unknown,
        "levels": [{
            "level": tl.level.id, "anchor": tl.anchor,
            "criteria": [criterion_object(path, c, reading) for c in tl.criteria],
            "sublevels": [{"id": s.id, "qualifier": s.qualifier, "anchor": s.anchor,
                           "criteria": [criterion_object(path, c, reading) for c in s.criteria]} for s in tl.sublevels],
        } for tl in topic.levels],
    }


def framework_object(framework: Framework) -> dict:
    path, levelled = framework.path, framework.kind == "progression"
    source, reading = framework.source, Reading(framework)
    return {
        "id": path, "url": framework.url, "file": framework.file, "title": framework.title,
        "sidebarTitle": framework.sidebar_title, "group": framework.group, "kind": framework.kind,
        "language": framework.language, "description": framework.description, "featured": framework.featured,
        "levels": [{"id": level.id, "name": level.name, "description": level.description,
                    "guidelines": level.guidelines, "anchor": level.slug,
                    "url": framework.level_url(level) if levelled else None} for level in framework.levels],
        "categories": [{**_category(c), "subcategories": [_category(s) for s in c.subcategories]}
                       for c in framework.categories],
        "topics": [topic_object(framework, topic, reading) for topic in framework.topics],
        "knowledge": [criterion_object(path, c) for c in framework.knowledge],
        "roles": [{"id": role.id, "title": role.title, "description": role.description,
                   "url": framework.role_url(role), "progressesTo": role.progresses_to,
                   "targets": {t.slug: role.targets[t.slug].id for t in framework.topics if t.slug in role.targets}}
                  for role in framework.roles],
        "source": {key: getattr(source, key) or "" for key in ("title", "publisher", "url", "licence", "notes")}
        if source else None,
        "meta": framework.meta,
        "metaExtra": [{"label": label, "value": value} for label, value in framework.meta_extra],
        "overviewHtml": framework.overview_html,
        "bodyHtml": framework.body_html,
    }


def framework_text(framework: Framework) -> str:
    return _dumps(framework_object(framework))


def site_object(config: SiteConfig) -> dict:
    return {"title": config.title, "description": config.description, "language": config.language,
            "baseUrl": config.base_url}


def mappings_object(mappings: Mappings) -> dict:
    def member(m):
        return {"framework": m.framework.path, "topic": m.topic.slug if m.topic else None,
                "criterion": m.criterion.anchor if m.criterion else None, "editorial": m.editorial, "note": m.note}

    return {
        "bands": mappings.bands,
        "scales": [{"id": s.id, "title": s.title, "description": s.description,
                    "levels": [{"id": level.id, "name": level.name} for level in s.levels]} for s in mappings.scales],
        "alignments": [{"from": a.start.id, "to": a.end.id, "source": a.source, "note": a.note,
                        "levels": [{"from": link.level.id, "to": [t.id for t in link.targets],
                                    "editorial": link.editorial, "note": link.note} for link in a.links]}
                       for a in mappings.alignments],
        "themes": [{"id": t.id, "title": t.title, "description": t.description,
                    "members": [member(m) for m in t.members]} for t in mappings.themes],
        "roles": [{"framework": r.framework.path, "role": r.role.id, "scale": r.scale.id, "level": r.level.id,
                   "editorial": r.editorial, "source": r.source} for r in mappings.role_levels],
    }


def document(config: SiteConfig, framework_texts: list[str], mappings: Mappings | None = None) -> bytes:
    """One JSON document from frameworks already turned into text (by
    `framework_text`, perhaps in other processes)."""
    head = _dumps({"format": FORMAT, "version": VERSION, "site": site_object(config)})[:-1]
    tail = f',"mappings":{_dumps(mappings_object(mappings))}' if mappings is not None else ""
    return f'{head},"frameworks":[{",".join(framework_texts)}]{tail}}}\n'.encode("utf-8")


def framework_json(framework: Framework, config: SiteConfig) -> bytes:
    return document(config, [framework_text(framework)])
