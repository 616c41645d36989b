"""Reading built HTML in tests: ids, links, classes and text, with the stdlib parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


@dataclass
class Document:
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    text: str = ""
    lang: str = ""

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.classes]


class _Parser(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doc = Document()
        self.stack: list[Element] = []
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = Element(tag, attrs)
        self.doc.elements.append(element)
        if "id" in attrs:
            self.doc.ids.append(attrs["id"])
        if tag == "html":
            self.doc.lang = attrs.get("lang", "")
        link = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("img", "script") else None
        if link:
            self.doc.links.append(link)
        if tag in ("script", "style"):
            self.skip += 1
        self.handle_data(" ")  # tags separate words, as a browser's layout would
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        self.handle_data(" ")
        while self.stack:
            element = self.stack.pop()
            if element.tag == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        self.texts.append(data)
        for element in self.stack:
            element.text += data


def parse(html: str) -> Document:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.doc.text = " ".join(" ".join(parser.texts).split())
    return parser.doc


def parse_file(path: Path) -> Document:
    return parse(path.read_text(encoding="utf-8"))


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in `site` that leads nowhere."""
    docs = {p: parse_file(p) for p in site.rglob("*.html")}
    ids = {p.resolve(): set(d.ids) for p, d in docs.items()}
    broken = []
    for page, doc in docs.items():
        for link in doc.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            target = target.resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in ids.get(target, set()):
                    broken.append(f"{page.relative_to(site)}: {link} (no anchor)")
    return broken


def crawl(start: str, limit: int = 5000) -> tuple[set[str], list[str]]:
    """Follow every same-site link from the page at `start` over HTTP.

    Returns the URLs fetched and every link that does not answer 200 or whose
    `#anchor` is not an id on its page. Links that leave the site are not followed."""
    from urllib.error import HTTPError
    from urllib.parse import urldefrag, urljoin
    from urllib.request import urlopen

    site = urlsplit(start)
    pages: dict[str, Document | None] = {}  # URL → parsed page (None: not HTML or not found)
    status: dict[str, int] = {}
    queue = [start]
    links: list[tuple[str, str]] = []  # (page, absolute link)

    def fetch(url):
        try:
            with urlopen(url, timeout=10) as response:
                status[url] = response.status
                body = response.read()
                kind = response.headers.get_content_type()
        except HTTPError as error:
            status[url] = error.code
            return None
        return parse(body.decode("utf-8")) if kind == "text/html" else None

    while queue and len(pages) < limit:
        url = queue.pop()
        if url in pages:
            continue
        pages[url] = doc = fetch(url)
        for link in doc.links if doc else []:
            target = urljoin(url, link)
            parts = urlsplit(target)
            if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
                continue
            links.append((url, target))
            page_url = _without_query(target)
            if page_url not in pages:
                queue.append(page_url)
    broken = []
    for page, target in links:
        page_url, fragment = _without_query(target), urldefrag(target).fragment
        name = page[len(start.rsplit("/", 1)[0]) + 1:] or page
        if status.get(page_url) != 200:
            broken.append(f"{name}: {target} (HTTP {status.get(page_url)})")
        elif fragment and pages[page_url] is not None and unquote(fragment) not in pages[page_url].ids:
            broken.append(f"{name}: {target} (no anchor)")
    return set(pages), broken


def _without_query(url: str) -> str:
    """The file a static server answers for `url` (no query, no fragment)."""
    return urlsplit(url)._replace(query="", fragment="").geturl()
