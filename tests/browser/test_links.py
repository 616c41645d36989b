"""No broken internal link or anchor, in the files and over HTTP."""

import pytest

from ..htmlcheck import broken_links, crawl
from .support import SOURCES


@pytest.fixture(params=list(SOURCES))
def site(request, sites):
    if request.param not in sites:
        pytest.skip(f"{SOURCES[request.param]} is not here")
    return sites[request.param]


def test_no_broken_links_or_anchors_in_the_files(site):
    assert broken_links(site.root) == []


def test_every_page_is_reachable_from_home_over_http(site):
    """Crawl from the home page as a browser follows links: every link
    answers 200, every anchor exists, and every page but the 404 is found."""
    fetched, broken = crawl(site.base)
    assert broken == []
    reached = {url + "index.html" if url.endswith("/") else url for url in fetched}
    pages = {site.base + page.relative_to(site.root).as_posix() for page in site.root.rglob("*.html")}
    assert sorted(pages - reached) == [site.base + "404.html"]
