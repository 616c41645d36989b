"""The real Monzo corpus builds with zero edits, and nothing in it is dropped."""

import re

import pytest
import yaml

from generator.building.engine import build

from .conftest import MONZO
from .htmlcheck import broken_links, parse_file

pytestmark = pytest.mark.skipif(not MONZO.is_dir(), reason="../shared/corpus/monzo is not available")

SUBLEVEL = re.compile(r"criteria for sub-?level", re.IGNORECASE)


def corpus_texts():
    """Criteria and examples of every corpus file, read independently of Ladder."""
    criteria, examples = [], []
    for path in sorted(MONZO.rglob("*.md")):
        text = path.read_text(encoding="utf-8").replace("-\t", "- ")
        data = yaml.safe_load(text.split("---")[1])
        for topic in data.get("topics") or []:
            for content in topic.get("content") or []:
                criteria += content.get("criteria") or []
                for item in content.get("exampleCriteria") or []:
                    if SUBLEVEL.match(item["criteria"]):
                        criteria += item["examples"]
                    else:
                        criteria.append(item["criteria"])
                        examples += item["examples"]
    return criteria, examples


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("monzo") / "out"
    result = build(MONZO, out)
    return out, result


def framework_pages(site_dir, result):
    return [site_dir / f.url / "index.html" for f in result.site.frameworks]


def test_corpus_builds_all_17_files(site):
    site_dir, result = site
    assert len(result.site.frameworks) == 17
    assert (site_dir / "engineering" / "backend" / "index.html").exists()
    assert (site_dir / "design" / "user-research" / "index.html").exists()


def test_every_criterion_and_example_appears_and_none_is_added(site):
    site_dir, result = site
    criteria, examples = corpus_texts()
    found = []
    for page in framework_pages(site_dir, result):
        doc = parse_file(page)
        found += [li for li in doc.with_class("criterion") if "criterion--inherited" not in li.classes]
    assert len(found) == len(criteria)
    all_text = " ".join(" ".join(parse_file(p).text.split()) for p in framework_pages(site_dir, result))
    for text in criteria + examples:
        assert " ".join(text.split()) in all_text, text


def test_example_count_matches(site):
    site_dir, result = site
    _, examples = corpus_texts()
    count = 0
    for page in framework_pages(site_dir, result):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<details class="examples"[^>]*>(.*?)</details>', html, re.S):
            count += block.count("<li>")
    assert count == len(examples)


def test_corpus_site_has_no_broken_links(site):
    site_dir, _ = site
    assert broken_links(site_dir) == []


def test_markdown_pages_render_as_cards(site):
    site_dir, _ = site
    html = (site_dir / "design" / "user-research" / "index.html").read_text(encoding="utf-8")
    assert html.count('<section class="card">') == 6
