""""Suggest a change": a link under each criterion that opens a new issue in
the site's GitHub repository, its title and text filled in with the
framework, topic, level, the criterion's text and a link back to it.

A large site shows 150,000 criteria, most on three or four pages, and an
issue's address holds the criterion's text: one per criterion would more than
double what a build writes. So pages carry what is common to many criteria
once (the repository and texts on <body>, the topic and level on each list),
and the theme's script makes each criterion's link from them, as it does the
"#" links. Without JavaScript, the footer's "Suggest a change" opens an issue
about the page.
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from ..model import Criterion, Framework, SiteConfig
from .jinja import escape_str
from .links import Links


def fill(template: str, **values: str) -> str:
    """The issue text with `values` in place; a line whose value is empty goes
    (a standard has no level, a page no criterion). As the script does."""
    lines = [line for line in template.split("\n")
             if not any(f"{{{name}}}" in line and not value for name, value in values.items())]
    return "\n".join(lines).format(**values)


class Suggest:
    """What the pages of one framework need for their "suggest a change" links."""

    def __init__(self, framework: Framework, new_issue: str, links: Links, t, level_name):
        self.title, self.body = t("suggest_issue_title"), t("suggest_issue_body")
        self.framework, self.new_issue, self.links = framework, new_issue, links
        home = links.absolute(framework.url) or "/" + framework.url
        self.attributes = Markup(
            f' data-suggest="{escape_str(new_issue)}" data-suggest-framework="{escape_str(framework.title)}"'
            f' data-suggest-link="{escape_str(home)}" data-suggest-label="{escape_str(t("suggest_change"))}"'
            f' data-suggest-title="{escape_str(self.title)}" data-suggest-body="{escape_str(self.body)}"')
        self.lists: dict[Criterion, str] = {}  # a list's first criterion → the list's attributes

        def add(criteria: list[Criterion], topic: str, level: str) -> None:
            if criteria:
                self.lists[criteria[0]] = (f' data-topic="{escape_str(topic)}"'
                                           + (f' data-level="{escape_str(level)}"' if level else ""))

        for topic in framework.topics:
            for topic_level in topic.levels:
                level = level_name(topic_level.level) if framework.kind == "progression" else ""
                add(topic_level.criteria, topic.title, level)
                for sub in topic_level.sublevels:
                    qualifier = f" ({sub.qualifier})" if sub.qualifier else ""
                    add(sub.criteria, topic.title, f"{level} · {t('sublevel')} {sub.id}{qualifier}")
        add(framework.knowledge, t("knowledge_and_understanding"), "")
        # An issue about one of the framework's pages: all but the link is the same for each.
        about = {"where": framework.title, "framework": framework.title, "topic": "", "level": "", "criterion": "",
                 "link": "\x00"}
        self._page_issue = (f"{new_issue}?title={quote(fill(self.title, **about), safe='')}&body="
                            f"{quote(fill(self.body, **about), safe='')}").split("%00")

    def page_link(self, url: str) -> str:
        """A new issue about the page at site path `url`."""
        return quote(self.links.absolute(url) or "/" + url, safe="").join(self._page_issue)


class Suggestions:
    """The `Suggest` of one framework at a time, as its pages are rendered one
    after the other; nothing when the site names no repository or turns them off."""

    def __init__(self, config: SiteConfig, links: Links):
        self.enabled = config.suggest_changes and config.repository.startswith(("https://", "http://"))
        self.new_issue = config.repository + "/issues/new"
        self.links = links
        self._last: Suggest | None = None

    def of(self, framework: Framework | None, t, level_name) -> Suggest | None:
        if not self.enabled or framework is None:
            return None
        if self._last is None or self._last.framework is not framework:
            self._last = Suggest(framework, self.new_issue, self.links, t, level_name)
        return self._last
