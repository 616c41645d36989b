""""Suggest a change": with a repository in site.yml, each criterion links to
a new GitHub issue pre-filled with where it is, what it says and a link back."""

from __future__ import annotations

import random
import shutil
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from generator.building.engine import build
from generator.rendering.suggest import encode

from .conftest import ROOT, SIMPLE
from .htmlcheck import parse_file

REPOSITORY = "https://github.com/acme/frameworks"
BASE = "https://acme.github.io/frameworks/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """This repository's content, published with a repository and a base URL."""
    folder = tmp_path_factory.mktemp("suggest") / "content"
    shutil.copytree(ROOT / "content", folder)
    settings = (folder / "site.yml").read_text()
    (folder / "site.yml").write_text(settings + f"repository: {REPOSITORY}\nbase_url: {BASE}\n")
    out = folder.parent / "out"
    result = build(folder, out)
    return out, result.site


def suggestions(page):
    """(criterion id, issue title, issue body) of each "suggest a change" link on a page."""
    doc = parse_file(page)
    found, current = [], None
    for element in doc.elements:
        if element.tag == "li" and "criterion" in element.classes:
            current = element.attrs["id"]
        if element.tag == "a" and "suggest" in element.classes:
            url = urlsplit(element.attrs["href"])
            assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/acme/frameworks/issues/new")
            query = parse_qs(url.query, strict_parsing=True)
            assert set(query) == {"title", "body"}
            found.append((current, query["title"][0], query["body"][0]))
    return found


def test_every_criterion_of_a_framework_page_has_one_link_prefilled_with_where_it_is(site):
    out, model = site
    framework = model.framework("customer-operations")
    page = out / "customer-operations" / "index.html"
    links = suggestions(page)
    anchors = {c.anchor: c for c in framework.criteria()}
    assert sorted(anchor for anchor, _, _ in links) == sorted(anchors)
    ids = set(parse_file(page).ids)
    for topic in framework.topics:
        for topic_level in topic.levels:
            for criterion in topic_level.criteria:
                _, title, body = next(link for link in links if link[0] == criterion.anchor)
                level = f"Level {topic_level.level.id}" + (f" · {topic_level.level.name}" if topic_level.level.name else "")
                assert title == f"Suggested change: {framework.title} › {topic.title} › {level}"
                assert body.splitlines()[:5] == [
                    f"Framework: {framework.title}", f"Topic: {topic.title}", f"Level: {level}",
                    f"Criterion: {criterion.text}", f"Link: {BASE}customer-operations/#{criterion.anchor}"]
                assert criterion.anchor in ids  # the link back leads to it
    sublevel = next(body for anchor, _, body in links if anchor == "knowledgeandimpact-1a-after-probation-1")
    assert "Level: Level 1 · Sublevel A (after probation)" in sublevel


def test_level_role_standard_and_unit_pages_have_the_links_too(site):
    out, model = site
    for framework in model.frameworks:
        if framework.kind == "progression" and framework.levels:
            level_page = out / framework.level_url(framework.levels[-1]) / "index.html"
            assert suggestions(level_page), level_page
    standard = next(f for f in model.frameworks if f.kind == "standard")
    links = suggestions(out / standard.url / "index.html")
    assert len(links) == len(list(standard.criteria()))
    assert all("Level:" not in body for _, _, body in links)  # standards have no levels
    assert any(body.startswith(f"Framework: {standard.title}\nTopic: Knowledge and understanding\n")
               for _, _, body in links)
    role = next(f for f in model.frameworks if f.roles)
    assert suggestions(out / role.role_url(role.roles[0]) / "index.html")


def test_a_spanish_framework_asks_in_spanish(site):
    out, model = site
    spanish = next(f for f in model.frameworks if f.language == "es")
    _, title, body = suggestions(out / spanish.url / "index.html")[0]
    assert title.startswith("Cambio sugerido: ")
    assert body.startswith(f"Marco: {spanish.title}\nCompetencia: ") and body.endswith("¿Qué debería cambiar y por qué?")


def test_the_link_is_absent_without_a_repository_or_when_turned_off(content, tmp_path):
    for settings in ("title: x\n", f"repository: {REPOSITORY}\nsuggest_changes: false\n"):
        out = tmp_path / str(len(settings))
        build(content({"support.md": SIMPLE, "site.yml": settings}), out)
        for page in out.rglob("*.html"):
            assert 'class="suggest"' not in page.read_text(), page


def test_without_a_base_url_the_link_back_is_the_page_path(content, tmp_path):
    build(content({"support.md": SIMPLE, "site.yml": f"repository: {REPOSITORY}\n"}), tmp_path / "out")
    _, _, body = suggestions(tmp_path / "out" / "support" / "index.html")[0]
    assert "Link: /support/#communication-1-1" in body


def test_criterion_text_is_encoded_as_urllib_quote_does():
    rng = random.Random(7)
    alphabet = "aZ09 -._~!*'();:@&=+$,/?#[]%\"<>\\^`{|}\n\tçé€💬\u00a0\u2028"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert encode(text) == quote(text, safe="")


def test_markup_in_a_criterion_cannot_leave_the_link(content, tmp_path):
    hostile = SIMPLE.replace('"Asks for help"', '"Asks <b>\\" onclick=\\"x()\\" & help"', 1)
    build(content({"support.md": hostile, "site.yml": f"repository: {REPOSITORY}\n"}), tmp_path / "out")
    doc = parse_file(tmp_path / "out" / "support" / "index.html")
    assert not [e for e in doc.elements if "onclick" in e.attrs or e.tag == "b"]
    links = suggestions(tmp_path / "out" / "support" / "index.html")
    assert 'Criterion: Asks <b>" onclick="x()" & help' in links[0][2]
