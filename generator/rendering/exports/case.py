"""A framework as a 1EdTech CASE 1.1 package (CFPackage JSON).

The framework is the CFDocument. Categories, subcategories, topics,
criteria and a standard's knowledge are CFItems, each with a CFItemType
declared in CFDefinitions, and `isChildOf` CFAssociations give the tree
(criterion → topic → subcategory → category → document). Each topic of a
levelled framework also gets a CFRubric whose one criterion has a level per
level of the framework, described by what the topic expects there.

Identifiers are UUIDv5 of the object's address: the site's URL, the
framework's path and the anchor the object has on its page, so they stay the
same from build to build. `uri` is that page address when the site's URL is
known, else `urn:uuid:` and the identifier. CASE requires a change time on
everything: the date of the framework file's last commit (1970-01-01 outside
git), so that the same content gives the same bytes.
"""

from __future__ import annotations

import json
import uuid

from ...model import Criterion, Framework, SiteConfig, Topic, slugify
from .table import sublevel_label

CASE_VERSION = "1.1"
NO_DATE = "1970-01-01"
KINDS = {"progression": "Career progression framework", "standard": "National Occupational Standard",
         "unit": "Qualification unit"}
# CFItemType: (title, description, hierarchy code)
ITEM_TYPES = {
    "category": ("Category", "A group of topics.", "1"),
    "subcategory": ("Subcategory", "A group of topics within a category.", "2"),
    "topic": ("Topic", "A competency, skill or area of work, described level by level.", "3"),
    "outcome": ("Learning outcome", "What a learner will do; assessed by its criteria.", "3"),
    "criteria group": ("Performance criteria", "A group of a standard's performance criteria.", "3"),
    "criterion": ("Criterion", "One expectation, at one level of the framework.", "4"),
    "knowledge": ("Knowledge and understanding", "What a person needs to know and understand.", "4"),
}
TOPIC_TYPE = {"progression": "topic", "standard": "criteria group", "unit": "outcome"}


class _Package:
    """Builds one CFPackage; ids and links of the objects it made are kept for the associations."""

    def __init__(self, framework: Framework, config: SiteConfig, updated: dict[str, str]):
        self.framework = framework
        base = config.base_url
        self.web = base if base.startswith(("http://", "https://")) else ""
        self.root = (self.web or "urn:ladder:" + (base or "/")) + framework.path + "/"
        self.when = (updated.get(framework.file) or NO_DATE) + "T00:00:00+00:00"
        self.items: list[dict] = []
        self.associations: list[dict] = []
        self.types: dict[str, dict] = {}
        self.language = framework.language
        self.type_root = (self.web or "urn:ladder:" + (base or "/")) + "case/item-types/"

    def identifier(self, name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, name))

    def uri(self, identifier: str, anchor: str | None = None) -> str:
        if self.web and anchor is not None:
            return f"{self.web}{self.framework.path}/" + (f"#{anchor}" if anchor else "")
        return f"urn:uuid:{identifier}"

    def item_type(self, key: str) -> dict:
        if key not in self.types:
            title, description, code = ITEM_TYPES[key]
            identifier = self.identifier(self.type_root + slugify(title))
            self.types[key] = {"identifier": identifier, "uri": f"urn:uuid:{identifier}", "title": title,
                               "description": description, "hierarchyCode": code, "typeCode": slugify(title),
                               "lastChangeDateTime": self.when}
        return self.types[key]

    def item(self, anchor: str, statement: str, kind: str, parent: dict, position: int, **fields) -> dict:
        identifier = self.identifier(self.root + "#" + anchor)
        item_type = self.item_type(kind)
        item = {"identifier": identifier, "uri": self.uri(identifier, anchor), "fullStatement": statement,
                "CFItemType": item_type["title"],
                "CFItemTypeURI": {"title": item_type["title"], "identifier": item_type["identifier"],
                                  "uri": item_type["uri"]},
                "language": self.language, "lastChangeDateTime": self.when}
        item.update({key: value for key, value in fields.items() if value})
        self.items.append(item)
        link = {"title": statement, "identifier": identifier, "uri": item["uri"]}
        association = self.identifier(self.root + "#" + anchor + "/isChildOf")
        self.associations.append({
            "identifier": association, "associationType": "isChildOf", "sequenceNumber": position,
            "uri": f"urn:uuid:{association}", "originNodeURI": link, "destinationNodeURI": parent,
            "lastChangeDateTime": self.when})
        return link

    def criterion(self, criterion: Criterion, parent: dict, position: int, kind: str = "criterion",
                  level=None, sublevel=None) -> None:
        notes = "\n".join(["Examples:"] + [f"• {e}" for e in criterion.examples]) if criterion.examples else ""
        extensions = None
        if level is not None:
            extensions = {"level": level.id, "levelName": level.name, "sublevel": sublevel_label(sublevel) if sublevel else "",
                          "inherited": criterion.inherited}
        self.item(criterion.anchor, criterion.text, kind, parent, position, humanCodingScheme=criterion.number,
                  notes=notes, extensions=extensions)

    def topic(self, topic: Topic, parent: dict, position: int) -> dict:
        framework = self.framework
        link = self.item(topic.slug, topic.title, TOPIC_TYPE[framework.kind], parent, position,
                         humanCodingScheme=topic.code, notes=topic.description, alternativeLabel=topic.name)
        levelled = framework.kind == "progression"
        n = 0
        for topic_level in topic.levels:
            level = topic_level.level if levelled else None
            for criterion in topic_level.criteria:
                n += 1
                self.criterion(criterion, link, n, level=level)
            for sublevel in topic_level.sublevels:
                for criterion in sublevel.criteria:
                    n += 1
                    self.criterion(criterion, link, n, level=level, sublevel=sublevel)
        return link

    def rubric(self, topic: Topic, topic_link: dict) -> dict:
        name = self.root + "#" + topic.slug + "/rubric"
        rubric_id, criterion_id = self.identifier(name), self.identifier(name + "/criterion")
        levels = []
        for position, level in enumerate(self.framework.levels, 1):
            here = topic.at(level)
            lines = []
            if here is not None:
                lines = [c.text for c in here.criteria]
                for sublevel in here.sublevels:
                    lines += [f"{level.id}{sublevel_label(sublevel)}: {c.text}" for c in sublevel.criteria]
            identifier = self.identifier(f"{name}/{level.slug}")
            entry = {"identifier": identifier, "uri": f"urn:uuid:{identifier}",
                     "quality": f"{level.id} – {level.name}" if level.name else f"Level {level.id}",
                     "score": position, "position": position, "rubricCriterionId": criterion_id,
                     "lastChangeDateTime": self.when}
            if lines:
                entry["description"] = "\n".join(lines)
            levels.append(entry)
        return {"identifier": rubric_id, "uri": f"urn:uuid:{rubric_id}", "title": topic.title,
                **({"description": topic.description} if topic.description else {}),
                "lastChangeDateTime": self.when,
                "CFRubricCriteria": [{
                    "identifier": criterion_id, "uri": f"urn:uuid:{criterion_id}", "category": topic.title,
                    "CFItemURI": topic_link, "position": 1, "rubricId": rubric_id,
                    "lastChangeDateTime": self.when, "CFRubricCriterionLevels": levels}]}

    def build(self, config: SiteConfig) -> dict:
        framework, source = self.framework, self.framework.source
        document_id = self.identifier(self.root)
        document = {"identifier": document_id, "uri": self.uri(document_id, ""),
                    "creator": (source and source.publisher) or config.title, "title": framework.title,
                    "lastChangeDateTime": self.when, "caseVersion": CASE_VERSION,
                    "frameworkType": KINDS.get(framework.kind, framework.kind), "language": framework.language}
        optional = {"description": framework.description, "publisher": source and source.publisher,
                    "officialSourceURL": source and (source.url or "").startswith(("http://", "https://")) and source.url,
                    "notes": source and "\n\n".join(filter(None, (source.title, source.licence, source.notes))),
                    "version": framework.meta.get("version")}
        document.update({key: value for key, value in optional.items() if value})
        top = {"title": framework.title, "identifier": document_id, "uri": document["uri"]}
        groups, position, rubrics = {}, 0, []
        for topic in framework.topics:
            parent = top
            for group, kind in ((topic.category, "category"), (topic.subcategory, "subcategory")):
                if group is None:
                    continue
                if id(group) not in groups:
                    siblings = sum(1 for g in groups.values() if g[1] is parent) + 1
                    link = self.item(group.anchor, group.title, kind, parent, siblings,
                                     humanCodingScheme=group.code, notes=group.description)
                    groups[id(group)] = (link, parent)
                parent = groups[id(group)][0]
            position += 1
            link = self.topic(topic, parent, position)
            if framework.kind == "progression":
                rubrics.append(self.rubric(topic, link))
        for n, criterion in enumerate(framework.knowledge, 1):
            self.criterion(criterion, top, position + n, kind="knowledge")
        package = {"CFDocument": document, "CFItems": self.items, "CFAssociations": self.associations,
                   "CFDefinitions": {"CFItemTypes": list(self.types.values())}}
        if rubrics:
            package["CFRubrics"] = rubrics
        return package


def package(framework: Framework, config: SiteConfig, updated: dict[str, str]) -> dict:
    return _Package(framework, config, updated).build(config)


def package_json(framework: Framework, config: SiteConfig, updated: dict[str, str]) -> bytes:
    text = json.dumps(package(framework, config, updated), ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")
