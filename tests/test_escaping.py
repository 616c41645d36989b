"""Text from content is escaped on every page that shows it, whatever the page kind."""

from generator.building.engine import build

from .conftest import SIMPLE
from .htmlcheck import parse_file

HOSTILE = '<img src=x onerror=alert(1)> <b>bold</b> & "quotes"'


def test_a_topic_title_with_markup_is_text_on_every_page(content, tmp_path):
    """Topics without a code once went into the level comparison and topic
    links as they were written."""
    text = SIMPLE.replace('title: "Communication"', f"title: '{HOSTILE}'")
    build(content({"support.md": text}), tmp_path / "out")
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        doc = parse_file(page)
        injected = [e for e in doc.elements if e.tag in ("img", "b") or "onerror" in e.attrs]
        assert not injected, page
    comparison = (tmp_path / "out" / "support" / "compare" / "index.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in comparison
