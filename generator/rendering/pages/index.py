"""The A–Z index: every topic and role of every framework, by first letter.

It is also where the search form leads without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Framework, Site, marks_notes, slugify
from ..page import Page

INDEX_URL = "a-z/"


@dataclass(slots=True)
class Entry:
    title: str
    framework: Framework
    target: str  # site path with anchor
    kind: str  # "topic" or "role"


def entries(site: Site) -> list[Entry]:
    found = []
    for framework in site.frameworks:
        for topic in framework.topics:
            found.append(Entry(topic.title, framework, framework.topic_url(topic), "topic"))
        for role in framework.roles:
            found.append(Entry(role.title, framework, framework.role_url(role), "role"))
    return found


def letters(site: Site) -> dict:
    """Entries by the first letter of their slug (accents dropped), sorted by
    slug, and what the marks in their titles mean ("*"), framework by framework."""
    keyed = sorted(((slugify(e.title), e) for e in entries(site)),
                   key=lambda pair: (pair[0] or "~", pair[1].title, pair[1].framework.path))
    groups: dict[str, list[Entry]] = {}
    for slug, entry in keyed:
        first = (slug or "#")[0]
        groups.setdefault(first.upper() if first.isalpha() else "#", []).append(entry)
    notes = marks_notes((f, [t.title for t in f.topics]) for f in site.frameworks)
    return {"letters": sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0])), "notes": notes}


def pages(site: Site) -> list[Page]:
    return [Page(url=INDEX_URL, template="index.html", title="A–Z", language=site.language, kind="index",
                 lazy=lambda: letters(site))]
