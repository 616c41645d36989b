"""Search, as a reader types into the box on a published site: every language
is searched from any page, a role that several frameworks share is one result,
more than the first results can be seen, excerpts show the frameworks'
words, never the site's own labels, and a large site's index in parts is
searched as one."""

import re
import textwrap

import pytest

from generator.building import search as search_index
from generator.building.engine import build

from .support import serve

ESKILLS = "e-skills/contact-centre-framework/"


def results(page, query: str) -> list[dict]:
    page.fill("#search-input", query)
    page.wait_for_selector(".search__result", timeout=10_000)
    return page.evaluate("""() => [...document.querySelectorAll('.search__item')].map(li => ({
        title: li.querySelector('.search__title').innerText,
        where: (li.querySelector('.search__where') || {}).innerText || '',
        href: li.querySelector('.search__result').href,
        excerpt: li.querySelector('.search__excerpt').innerText,
        also: [...li.querySelectorAll('.search__also a')].map(a => a.innerText),
      }))""")


def test_an_english_page_finds_spanish_pages(hosted, open_page):
    page = open_page(hosted.base + "customer-operations/")
    found = results(page, "cliente")
    assert any("/masmovil/customer-service/" in r["href"] for r in found), found


def test_a_spanish_page_finds_pages_in_every_language(hosted, open_page):
    page = open_page(hosted.base + "masmovil/customer-service/")
    frameworks = {r["href"].removeprefix(hosted.base).split("#")[0] for r in results(page, "feedback")}
    assert {"masmovil/customer-service/", "customer-operations/", "nos/manage-team-performance/",
            ESKILLS} <= frameworks, frameworks


def test_more_than_the_first_eight_results_can_be_seen(hosted, open_page):
    page = open_page(hosted.base, 390, 844)
    assert len(results(page, "customer")) == 8
    count = page.inner_text(".search__count")
    more = page.locator(".search__more")
    assert more.is_visible() and "8 of" in count
    more.click()
    page.wait_for_function("document.querySelectorAll('.search__item').length > 8")
    assert page.evaluate("document.activeElement.classList.contains('search__result')")  # on the first new one
    assert page.locator(".search__item").count() > 8


@pytest.mark.parametrize("query, label", [
    ("outbound sales", r"role targets not read"),
    ("telephony", r"role targets not read"),
    ("not read from the source", r"not read from the source"),
    ("competencies required", r"\d+ competencies required"),
    ("everything at this level", r"everything at this level"),
    ("levels topics roles", r"\d+ levels · \d+ topics"),
])
def test_excerpts_never_show_the_sites_own_labels(hosted, open_page, query, label):
    page = open_page(hosted.base + ESKILLS)
    page.fill("#search-input", query)
    page.wait_for_selector(".search__result, .search__message", timeout=10_000)
    excerpts = page.locator(".search__excerpt").all_inner_texts()
    assert not [e for e in excerpts if re.search(label, e.lower())], excerpts


TEAM = """
---
path: /{path}
title: {title}
levels: 1
topics:
  - name: care
    title: Customer care
    content:
      - level: 1
        criteria: ["Helps customers."]
roles:
  - id: team-leader
    title: Team Leader
    description: Leads the {title} team and coaches its advisers.
    targets:
      care: 1
---
"""


@pytest.fixture(scope="module")
def shared_roles(tmp_path_factory):
    """Three frameworks that each have a Team Leader, built and served with search."""
    content = tmp_path_factory.mktemp("roles-content")
    for path, title in (("sales", "Sales"), ("service", "Service"), ("support", "Support")):
        (content / f"{path}.md").write_text(textwrap.dedent(TEAM).format(path=path, title=title).lstrip())
    out = tmp_path_factory.mktemp("roles-site") / "site"
    build(content, out, search=True)
    server, base = serve(out)
    yield base
    server.shutdown()
    server.server_close()


def test_a_role_that_several_frameworks_share_is_one_result(shared_roles, open_page):
    page = open_page(shared_roles)
    found = [r for r in results(page, "team leader") if r["title"] == "Team Leader"]
    assert len(found) == 1, found
    (leader,) = found
    assert leader["where"].startswith("Role · ")
    assert sorted([leader["where"].removeprefix("Role · ")] + leader["also"]) == ["Sales", "Service", "Support"]


WORDS = ["zebra", "walrus", "otter", "heron", "badger", "lynx", "marten", "osprey"]


@pytest.fixture(scope="module")
def in_parts(tmp_path_factory):
    """Eight frameworks, each with a word of its own, indexed in four parts and
    served under a sub-path."""
    words = dict(enumerate(WORDS))
    content = tmp_path_factory.mktemp("parts-content")
    for n in range(8):
        (content / f"team{n}.md").write_text(textwrap.dedent(TEAM).format(path=f"team{n}", title=f"Team {n}")
                                             .lstrip().replace("Helps customers.", f"Helps customers {words[n]}."))
    root = tmp_path_factory.mktemp("parts-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "PART_PAGES", 4)  # 16 pages (a framework and a role each)
        build(content, root / "teams", base_url="/teams/", search=True)
    assert (root / "teams" / "pagefind-parts").is_dir()
    server, base = serve(root)
    yield base + "teams/"
    server.shutdown()
    server.server_close()


def test_a_site_indexed_in_parts_finds_pages_in_every_part(in_parts, open_page):
    page = open_page(in_parts)
    for n, word in enumerate(WORDS):
        page.fill("#search-input", word)
        page.wait_for_function("n => (document.querySelector('.search__title') || {}).innerText === 'Team ' + n",
                               arg=n, timeout=10_000)
        found = results(page, word)
        assert [r["title"] for r in found] == [f"Team {n}"], (n, found)
        assert found[0]["href"].startswith(in_parts + f"team{n}/")
    page.goto(found[0]["href"])  # the result opens its page
    assert page.title().startswith("Team 7")
    assert not page.script_errors and not page.foreign_requests
