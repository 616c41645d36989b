"""Performance budget and privacy: pages are light and load nothing from elsewhere.

bench/page_weight.py prints the same weights per page kind.
"""

import gzip
from urllib.parse import urlsplit
from urllib.request import urlopen

from ..htmlcheck import parse_file

BUDGET = 60 * 1024  # gzip bytes for a framework page with everything it loads
FRAMEWORK_KINDS = ("progression", "standard", "unit")


def weigh(page, url: str) -> dict[str, int]:
    """{URL: gzip-9 bytes} for the page and everything the browser loaded for it."""
    page.goto(url, wait_until="load")
    loaded = [url] + page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    sizes = {}
    for address in loaded:
        with urlopen(address) as response:
            sizes[address] = len(gzip.compress(response.read(), 9, mtime=0))
    return sizes


def test_framework_pages_are_under_the_budget(sites, open_page):
    """Every framework page of the content, and a typical one of the corpus."""
    page = open_page("about:blank")
    for site in sites.values():
        for kind in FRAMEWORK_KINDS:
            for output in site.every.get(kind, [])[: None if site.name == "content" else 1]:
                sizes = weigh(page, site.base + output)
                loaded = {urlsplit(u).path.rsplit(".", 1)[-1] for u in sizes}
                assert {"html", "css", "js"} <= loaded, sizes
                total = sum(sizes.values())
                assert total < BUDGET, f"{output}: {total:,} bytes gzipped > {BUDGET:,}: {sizes}"


def test_every_page_links_assets_from_its_own_site_only(sites):
    """Every <link>, <script>, <img>, <source> and <iframe> address is relative
    (or a data: URL): nothing is fetched from another origin."""
    foreign = []
    for site in sites.values():
        for file in site.root.rglob("*.html"):
            for element in parse_file(file).elements:
                if element.tag not in ("link", "script", "img", "source", "iframe", "video", "audio"):
                    continue
                if element.tag == "link" and set((element.attrs.get("rel") or "").split()) <= {"canonical", "alternate"}:
                    continue  # names this page's own published address; loads nothing
                for name in ("href", "src", "srcset"):
                    value = element.attrs.get(name)
                    if value and (urlsplit(value).scheme not in ("", "data") or value.startswith("//")):
                        foreign.append(f"{file.relative_to(site.root)}: <{element.tag} {name}={value!r}>")
    assert foreign == []


def test_no_request_leaves_the_machine(sites, open_page):
    """Load one page of every kind of every site (and use the search): every
    request goes to 127.0.0.1, and no script fails."""
    problems = []
    page = open_page("about:blank")
    for site in sites.values():
        for kind, output in site.pages.items():
            page.foreign_requests.clear()
            page.script_errors.clear()
            page.goto(site.base + output, wait_until="load")
            if kind == "home":
                page.fill("#search-input", "feedback")
                page.wait_for_selector(".search__result", timeout=10_000)
            problems += [f"{site.name} {kind}: request to {url}" for url in page.foreign_requests]
            problems += [f"{site.name} {kind}: script error {error}" for error in page.script_errors]
    assert problems == []


def test_foreign_requests_are_caught(sites, open_page):
    """The check itself works: an image from another host is noticed."""
    page = open_page(sites["content"].url("home"))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"http://example.org/x.png\">')")
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == ["http://example.org/x.png"]
