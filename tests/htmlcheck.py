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
