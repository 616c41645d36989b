"""A branded site in Chromium: its logo, colours and favicon show, axe finds
nothing in light or dark mode, and "suggest a change" works by keyboard,
opens a pre-filled issue, and is left out of print."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.building.engine import build
from generator.model.expectations import expectations

from ..conftest import ROOT
from .support import SCREENSHOTS, serve, tab_until
from .test_accessibility import COLOUR_RULES, RUN, RUN_RULES, TAGS, describe, failures
from .test_html_validity import check as nu_messages

PRIMARY, ACCENT = "#0b5d4b", "#a4262c"
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="32" viewBox="0 0 80 32">'
        '<rect width="80" height="32" rx="6" fill="{bg}"/><text x="40" y="22" font-family="sans-serif" '
        'font-size="16" font-weight="700" text-anchor="middle" fill="{fg}">ACME</text></svg>\n')
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
        '<circle cx="8" cy="8" r="7" fill="#a4262c"/></svg>\n')


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.fixture(scope="module")
def branded(tmp_path_factory):
    """This repository's content with an organisation's branding and repository, served."""
    folder = tmp_path_factory.mktemp("branded") / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "images").mkdir()
    (folder / "images" / "logo.svg").write_text(LOGO.format(bg="#ffffff", fg=PRIMARY))
    (folder / "images" / "logo-dark.svg").write_text(LOGO.format(bg="#1a1e26", fg="#ffffff"))
    (folder / "images" / "icon.svg").write_text(ICON)
    (folder / "site.yml").write_text((folder / "site.yml").read_text().replace("title: Career frameworks", "title: Acme careers") + (
        f'primary_color: "{PRIMARY}"\naccent_color: "{ACCENT}"\n'
        "logo: images/logo.svg\nlogo_dark: images/logo-dark.svg\nfavicon: images/icon.svg\n"
        "repository: https://github.com/acme/frameworks\n"))
    out = folder.parent / "out"
    result = build(folder, out, strict=True)
    server, base = serve(out)
    yield base, result.site, out
    server.shutdown()
    server.server_close()


def test_the_logo_colours_and_favicon_show(branded, open_page):
    base, _, _ = branded
    for width in (390, 1366):
        page = open_page(base + "customer-operations/", width=width)
        page.screenshot(path=str(SCREENSHOTS / f"branded-framework-{width}.png"))
        logo = page.locator("img.site-logo")
        assert logo.is_visible() and logo.evaluate("img => img.complete && img.naturalWidth > 0")
        assert "logo.svg" in logo.evaluate("img => img.currentSrc")
        header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        assert header == rgb(PRIMARY)
        link = page.evaluate("getComputedStyle(document.querySelector('.level-panel__page')).color")
        assert link == rgb(ACCENT)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    icon = page.evaluate("document.querySelector('link[rel=icon]').href")
    response = page.request.get(icon)
    assert response.ok and response.headers["content-type"] == "image/svg+xml" and b"#a4262c" in response.body()


def test_dark_mode_shows_the_dark_logo_and_a_lighter_accent(branded, open_page):
    base, _, _ = branded
    page = open_page(base + "customer-operations/", width=1366, color_scheme="dark")
    page.screenshot(path=str(SCREENSHOTS / "branded-framework-dark-1366.png"))
    assert "logo-dark.svg" in page.locator("img.site-logo").evaluate("img => img.currentSrc")
    link = page.evaluate("getComputedStyle(document.querySelector('.level-panel__page')).color")
    assert link not in (rgb(ACCENT), "rgb(159, 176, 255)")  # neither the light accent nor the theme's own


PAGES = ["", "customer-operations/", "customer-operations/level-2/", "e-skills/contact-centre-framework/roles/",
         "nos/manage-team-performance/"]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_on_the_branded_site(branded, open_page, axe_script, path):
    base, _, _ = branded
    page = open_page(base + path)
    page.add_script_tag(path=str(axe_script))
    light = failures(page.evaluate(RUN, TAGS))
    page.emulate_media(color_scheme="dark")
    dark = failures(page.evaluate(RUN_RULES, COLOUR_RULES))
    assert not light and not dark, describe(light + dark)


def test_the_branded_pages_are_valid_html(branded, tmp_path):
    _, _, out = branded
    for page in PAGES:
        shutil.copy(out / page / "index.html", tmp_path / ((page.strip("/").replace("/", "-") or "home") + ".html"))
    errors = [m for m in nu_messages(tmp_path) if m["type"] in ("error", "non-document-error")]
    assert errors == []


SUGGESTIONS = """() => [...document.querySelectorAll('a.suggest')].map(a => [a.closest('li.criterion').id, a.href])"""


def expected_issues(framework, base_link):
    """criterion id → (title, body) of its issue, from the model."""
    found = {}
    for topic in framework.topics:
        for topic_level in topic.levels:
            level = f"Level {topic_level.level.id}" + (f" · {topic_level.level.name}" if topic_level.level.name else "")
            groups = [(level, topic_level.criteria)] + [
                (f"{level} · Sublevel {sub.id}" + (f" ({sub.qualifier})" if sub.qualifier else ""), sub.criteria)
                for sub in topic_level.sublevels]
            for where_level, criteria in groups:
                for criterion in criteria:
                    found[criterion.anchor] = (
                        f"Suggested change: {framework.title} › {topic.title} › {where_level}",
                        f"Framework: {framework.title}\nTopic: {topic.title}\nLevel: {where_level}\n"
                        f"Criterion: {criterion.text}\nLink: {base_link}#{criterion.anchor}\n\nWhat should change, and why?")
    return found


def test_every_criterion_links_to_an_issue_prefilled_with_where_it_is_and_what_it_says(branded, open_page):
    base, site, _ = branded
    framework = site.framework("customer-operations")
    page = open_page(base + "customer-operations/level-2/")
    links = page.evaluate(SUGGESTIONS)
    expected = expected_issues(framework, "/customer-operations/")
    level = framework.levels[1]
    said = [c for t in framework.topics if t.at(level) for c in t.at(level).all_criteria()]
    pointers = {a for e in expectations(framework)[level.id] for a in e.pointers}  # shown as what they point to
    assert pointers and sorted(anchor for anchor, _ in links) == sorted(c.anchor for c in said
                                                                        if c.anchor not in pointers)
    for anchor, href in links:
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/acme/frameworks/issues/new")
        query = parse_qs(parts.query, strict_parsing=True)
        assert (query["title"][0], query["body"][0]) == expected[anchor]


def test_suggest_a_change_is_reached_by_keyboard_and_opens_a_prefilled_issue(branded, open_page):
    base, site, _ = branded
    page = open_page(base + "customer-operations/", width=390)
    stops = tab_until(page, lambda active: "suggest" in active["cls"])
    assert stops[-1]["text"] == "Suggest a change"
    page.screenshot(path=str(SCREENSHOTS / "branded-suggest-focus-390.png"))
    assert page.evaluate("(el => getComputedStyle(el).outlineStyle !== 'none')(document.activeElement)")
    criterion = page.evaluate("document.activeElement.closest('li.criterion').id")
    with page.expect_request(lambda request: "github.com" in request.url) as leaving:
        page.keyboard.press("Enter")  # leaves the site: the test's browser records the request and stops it
    issue = leaving.value.url
    query = parse_qs(urlsplit(issue).query)
    framework = site.framework("customer-operations")
    assert (query["title"][0], query["body"][0]) == expected_issues(framework, "/customer-operations/")[criterion]


def test_a_standard_asks_without_a_level(branded, open_page):
    base, _, _ = branded
    page = open_page(base + "nos/manage-team-performance/")
    links = dict(page.evaluate(SUGGESTIONS))
    body = parse_qs(urlsplit(links["k1"]).query)["body"][0]
    assert body.startswith("Framework: Manage team and individual performance in contact centre operations\n"
                           "Topic: Knowledge and understanding\nCriterion: ")
    assert "Level:" not in body


def test_suggest_a_change_is_not_printed(branded, open_page):
    base, _, _ = branded
    page = open_page(base + "customer-operations/")
    assert page.locator("a.suggest").first.is_visible()
    page.emulate_media(media="print")
    assert page.evaluate("[...document.querySelectorAll('a.suggest')].every(a => !a.offsetParent)")
