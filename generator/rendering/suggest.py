""""Suggest a change" links: each criterion links to a new issue in the site's
repository on GitHub, its title and text filled in with the framework, topic,
level, the criterion's text and a link back to it.

A large site shows 150,000 criteria, most on three or four pages. A
framework's links are made once, when its first page is rendered, and kept
while its other pages are; each criterion's text is percent-encoded by one
`str.translate` rather than by `urllib.parse.quote`, which is ten times slower.
"""

from __future__ import annotations

from ..model import Criterion, Framework, SiteConfig
from .jinja import escape_str
from .links import Links

# RFC 3986's unreserved characters stay; every other byte of the UTF-8 text
# becomes %XX. Bytes are passed through `str.translate` as the characters
# U+0000 to U+00FF (decoding UTF-8 bytes as Latin-1 maps each byte to one).
_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_PERCENT = {byte: f"%{byte:02X}" for byte in range(256) if byte not in _UNRESERVED}
_CRITERION, _LINK = "\x00criterion\x00", "\x00link\x00"  # stand-ins for what differs per criterion
MAX_TEXT = 1500  # characters of a criterion quoted in the issue: GitHub refuses very long addresses


def encode(text: str) -> str:
    """`text` percent-encoded for a URL's query, as `urllib.parse.quote(text, safe="")`."""
    return text.encode("utf-8").decode("latin-1").translate(_PERCENT)


class Suggestions:
    """The "suggest a change" link of every criterion of one framework at a
    time; none when the site names no repository or turns them off."""

    def __init__(self, config: SiteConfig, links: Links):
        self.enabled = config.suggest_changes and config.repository.startswith(("https://", "http://"))
        self.new_issue = escape_str(config.repository) + "/issues/new?title="
        self.links = links
        self._framework: Framework | None = None
        self._made: dict[Criterion, str] = {}

    def of(self, framework: Framework | None, t, level_name) -> dict[Criterion, str] | None:
        """Criterion → its link's HTML, for the pages of `framework` (in its language)."""
        if not self.enabled or framework is None:
            return None
        if framework is not self._framework:
            self._framework, self._made = framework, self._make(framework, t, level_name)
        return self._made

    def _make(self, framework: Framework, t, level_name) -> dict[Criterion, str]:
        made: dict[Criterion, str] = {}
        label = escape_str(t("suggest_change"))
        title, body = t("suggest_issue_title"), t("suggest_issue_body")
        without_level = "\n".join(line for line in body.split("\n") if "{level}" not in line)
        page = framework.url + "#"
        link_of = self.links.absolute

        def add(criteria: list[Criterion], topic: str, level: str) -> None:
            if not criteria:
                return
            where = " › ".join(part for part in (framework.title, topic, level) if part)
            # Everything but the criterion and its link is encoded once for the topic at the level.
            query = (encode(title.format(where=where)) + "&amp;body=" + encode(
                (body if level else without_level).format(framework=framework.title, topic=topic, level=level,
                                                          criterion=_CRITERION, link=_LINK)))
            start = f' <a class="suggest" data-pagefind-ignore href="{self.new_issue}{query}'
            criterion_at, link_at = encode(_CRITERION), encode(_LINK)
            for criterion in criteria:
                target = page + criterion.anchor
                href = start.replace(criterion_at, encode(criterion.text[:MAX_TEXT])).replace(
                    link_at, encode(link_of(target) or "/" + target))
                made[criterion] = f'{href}">{label}</a>'

        for topic in framework.topics:
            for topic_level in topic.levels:
                level = level_name(topic_level.level) if framework.kind == "progression" else ""
                add(topic_level.criteria, topic.title, level)
                for sub in topic_level.sublevels:
                    qualifier = f" ({sub.qualifier})" if sub.qualifier else ""
                    add(sub.criteria, topic.title, f"{level} · {t('sublevel')} {sub.id}{qualifier}")
        add(framework.knowledge, t("knowledge_and_understanding"), "")
        return made
