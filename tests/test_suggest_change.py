""""Suggest a change": with a repository in site.yml, pages carry what the
theme's script needs to give each criterion a link to a pre-filled GitHub
issue (tests/browser/test_branding.py follows those links), and the footer
links to an issue about the page, which works without JavaScript."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.building.engine import build
from generator.rendering.suggest import fill

from .conftest import ROOT, SIMPLE
from .htmlcheck import parse_file

REPOSITORY = "https://github.com/acme/frameworks"
BASE = "https://acme.github.io/frameworks/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """This repository's content, published with a repository and a base URL."""
    folder = tmp_path_factory.mktemp("suggest") / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "site.yml").write_text((folder / "site.yml").read_text() + f"repository: {REPOSITORY}\nbase_url: {BASE}\n")
    out = folder.parent / "out"
    return out, build(folder, out).site


def body_of(doc):
    return next(e for e in doc.elements if e.tag == "body").attrs


def lists(doc):
    """(topic, level, [criterion ids]) of each list of criteria that can be suggested on (not what a
    level page carries over: its own level's page suggests on it)."""
    found, current = [], None
    for element in doc.elements:
        if element.tag == "ul" and "criteria" in element.classes and "criteria--carried" not in element.classes:
            current = (element.attrs.get("data-topic"), element.attrs.get("data-level"), [])
            found.append(current)
        elif element.tag == "li" and "criterion" in element.classes:
            current[2].append(element.attrs["id"])
    return found


def issue(href):
    url = urlsplit(href)
    query = parse_qs(url.query, strict_parsing=True)
    return f"{url.scheme}://{url.netloc}{url.path}", query["title"][0], query["body"][0]


def test_every_list_of_criteria_says_its_topic_and_level(site):
    out, model = site
    framework = model.framework("customer-operations")
    doc = parse_file(out / "customer-operations" / "index.html")
    expected = []
    for topic in framework.topics:
        for topic_level in topic.levels:
            level = f"Level {topic_level.level.id}" + (f" · {topic_level.level.name}" if topic_level.level.name else "")
            if topic_level.criteria:
                expected.append((topic.title, level, [c.anchor for c in topic_level.criteria]))
            for sub in topic_level.sublevels:
                qualifier = f" ({sub.qualifier})" if sub.qualifier else ""
                expected.append((topic.title, f"{level} · Sublevel {sub.id}{qualifier}", [c.anchor for c in sub.criteria]))
    assert sorted(lists(doc)) == sorted(expected)  # the page shows them level by level
    attrs = body_of(doc)
    assert attrs["data-suggest"] == f"{REPOSITORY}/issues/new"
    assert attrs["data-suggest-framework"] == framework.title
    assert attrs["data-suggest-link"] == f"{BASE}customer-operations/"  # the anchors live there
    assert attrs["data-suggest-label"] == "Suggest a change"
    assert "{criterion}" in attrs["data-suggest-body"] and "{where}" in attrs["data-suggest-title"]


def test_level_role_and_standard_pages_carry_them_too(site):
    out, model = site
    for framework in model.frameworks:
        if framework.kind == "progression" and framework.levels:
            doc = parse_file(out / framework.level_url(framework.levels[-1]) / "index.html")
            assert lists(doc) and all(topic and level for topic, level, _ in lists(doc))
            assert body_of(doc)["data-suggest-link"] == BASE + framework.url
    standard = next(f for f in model.frameworks if f.kind == "standard")
    found = lists(parse_file(out / standard.url / "index.html"))
    assert all(level is None for _, level, _ in found)  # standards have no levels
    assert ("Knowledge and understanding", None, [c.anchor for c in standard.knowledge]) in found
    role = next(f for f in model.frameworks if f.roles)
    assert lists(parse_file(out / role.role_url(role.roles[0]) / "index.html"))


def test_the_footer_suggests_a_change_to_the_page_without_javascript(site):
    out, model = site
    framework = model.framework("customer-operations")
    page = out / framework.level_url(framework.levels[1]) / "index.html"
    link = next(e for e in parse_file(page).elements if "suggest-page" in e.classes)
    assert link.text.strip() == "Suggest a change"
    where, title, body = issue(link.attrs["href"])
    assert where == f"{REPOSITORY}/issues/new"
    assert title == f"Suggested change: {framework.title}"
    assert body == (f"Framework: {framework.title}\nLink: {BASE}{framework.level_url(framework.levels[1])}\n\n"
                    "What should change, and why?")


def test_a_spanish_framework_asks_in_spanish(site):
    out, model = site
    spanish = next(f for f in model.frameworks if f.language == "es")
    attrs = body_of(parse_file(out / spanish.url / "index.html"))
    assert attrs["data-suggest-label"] == "Sugerir un cambio"
    assert attrs["data-suggest-body"].startswith("Marco: {framework}\nCompetencia: {topic}\n")


def test_nothing_without_a_repository_or_when_turned_off(content, tmp_path):
    for settings in ("title: x\n", f"repository: {REPOSITORY}\nsuggest_changes: false\n"):
        out = tmp_path / str(len(settings))
        build(content({"support.md": SIMPLE, "site.yml": settings}), out)
        for page in out.rglob("*.html"):
            html = page.read_text()
            assert "data-suggest" not in html and "data-topic" not in html and "suggest-page" not in html, page


def test_without_a_base_url_the_link_back_is_the_page_path(content, tmp_path):
    build(content({"support.md": SIMPLE, "site.yml": f"repository: {REPOSITORY}\n"}), tmp_path / "out")
    assert body_of(parse_file(tmp_path / "out" / "support" / "index.html"))["data-suggest-link"] == "/support/"


def test_markup_in_a_title_stays_text(content, tmp_path):
    hostile = SIMPLE.replace('title: "Communication"', 'title: "Talk <b>\\" onclick=\\"x()\\" & {link}"')
    build(content({"support.md": hostile, "site.yml": f"repository: {REPOSITORY}\n"}), tmp_path / "out")
    doc = parse_file(tmp_path / "out" / "support" / "index.html")
    assert not [e for e in doc.elements if "onclick" in e.attrs or e.tag == "b"]
    assert lists(doc)[0][0] == 'Talk <b>" onclick="x()" & {link}'


def test_a_line_whose_value_is_empty_is_left_out():
    template = "Framework: {framework}\nLevel: {level}\nCriterion: {criterion}\n\nWhy?"
    assert fill(template, framework="F {level}", level="", criterion="C") == "Framework: F {level}\nCriterion: C\n\nWhy?"
