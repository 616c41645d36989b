"""The A–Z index: every topic and role of every framework, by first letter.

It is also where the search form leads without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Framework, Site, slugify
from ..render import Page

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
            found.append(Entry(topic.title, framework, f"{framework.url}#{topic.slug}", "topic"))
        for role in framework.roles:
            found.append(Entry(role.title, framework, framework.role_url(role), "role"))
    return sorted(found, key=lambda e: (slugify(e.title) or "~", e.title, e.framework.path))


def letter(title: str) -> str:
    first = (slugify(title) or "#")[0]
    return first.upper() if first.isalpha() else "#"


def letters(site: Site) -> dict:
    groups: dict[str, list[Entry]] = {}
    for entry in entries(site):
        groups.setdefault(letter(entry.title), []).append(entry)
    return {"letters": sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))}


def pages(site: Site) -> list[Page]:
    return [Page(url=INDEX_URL, template="index.html", title="A–Z", language=site.language, kind="index",
                 lazy=lambda: letters(site))]
