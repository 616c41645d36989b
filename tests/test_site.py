"""End-to-end: build the project's own content and read the HTML like a browser would."""

import pytest
import yaml

from generator.building.engine import build

from .conftest import ROOT
from .htmlcheck import broken_links, parse_file


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "out"
    build(ROOT / "content", out)
    return out


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_no_broken_internal_links_or_anchors(site):
    assert broken_links(site) == []


def test_every_page_has_unique_anchor_ids(site):
    for page in site.rglob("*.html"):
        ids = parse_file(page).ids
        assert len(ids) == len(set(ids)), page


def test_every_criterion_and_example_of_customer_operations_is_on_its_page(site):
    data = front_matter(ROOT / "content" / "customer-operations.md")
    doc = parse_file(site / "customer-operations" / "index.html")
    texts = [li.text for li in doc.with_class("criterion")]
    expected = []
    for topic in data["topics"]:
        for content in topic["content"]:
            expected += content.get("criteria") or []
            for item in content.get("exampleCriteria") or []:
                if item["criteria"].startswith("Criteria for sublevel"):
                    expected += item["examples"]
                else:
                    expected += [item["criteria"]] + item["examples"]
    assert len(texts) == len(expected)
    for text in expected:
        assert any(text in found for found in texts), text


def test_sublevels_are_visible_with_their_qualifier(site):
    doc = parse_file(site / "customer-operations" / "index.html")
    titles = [e.text.split() for e in doc.elements if "sublevel__title" in e.classes]
    assert ["1A", "Sublevel", "A"] in titles
    assert ["1A", "Sublevel", "A", "(after", "probation)"] in titles
    assert ["2B", "Sublevel", "B"] in titles


def test_home_links_every_framework(site):
    doc = parse_file(site / "index.html")
    assert "customer-operations/index.html" in doc.links


def test_level_page_shows_what_is_new(site):
    doc = parse_file(site / "customer-operations" / "level-2" / "index.html")
    assert "What's new since Level 1" in doc.text
    new = [li for li in doc.with_class("criterion--new")]
    assert any("Frequently shares knowledge" in li.text for li in new)
    assert "../../customer-operations/level-1/index.html" in doc.links


def test_mojibake_from_the_seed_is_gone(site):
    html = (site / "customer-operations" / "index.html").read_text(encoding="utf-8")
    assert "💬 Customer Operations Framework" in html
    assert "‘core’" in html
    assert "üí" not in html and "‚Äò" not in html


def test_404_page_links_home(site):
    doc = parse_file(site / "404.html")
    assert "Page not found" in doc.text
    assert "index.html" in doc.links


def test_hostile_text_is_escaped_everywhere(content, tmp_path):
    out = tmp_path / "out"
    build(content({"x.md": """
        ---
        path: /x
        title: "<script>alert('title')</script>"
        sidebarGroup: "<img src=x onerror=alert(1)>"
        topics:
          - name: "a"
            title: "<b>bold</b>"
            content:
              - level: 1
                criteria:
                  - "<script>alert('criterion')</script>"
                exampleCriteria:
                  - criteria: "\\"><svg onload=alert(1)>"
                    examples: ["<iframe src=javascript:alert(1)>"]
        ---
        Body <script>alert('body')</script> [link](javascript:alert(1))
        """}), out)
    for page in out.rglob("*.html"):
        for element in parse_file(page).elements:
            assert element.tag not in ("svg", "iframe", "img"), page
            # The only script: the theme's.
            assert element.tag != "script" or "assets/ladder.js" in element.attrs.get("src", ""), page
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (page, name)
                assert not (value or "").strip().lower().startswith("javascript:"), (page, name)
    doc = parse_file(out / "x" / "index.html")
    assert "<script>alert('criterion')</script>" in doc.text  # shown as text, not run


@pytest.fixture(scope="module")
def model():
    from generator.building.engine import load_site

    site_model, problems = load_site(ROOT / "content")
    assert [p for p in problems if p.is_error] == []
    return site_model


def test_every_criterion_in_content_is_on_its_framework_page(site, model):
    expected = found = 0
    for framework in model.frameworks:
        doc = parse_file(site / framework.url / "index.html")
        by_id = {e.attrs["id"]: e for e in doc.elements if "id" in e.attrs}
        for criterion in framework.criteria():
            expected += 1
            element = by_id.get(criterion.anchor)
            if element is not None and " ".join(criterion.text.split()) in " ".join(element.text.split()):
                found += 1
    assert expected > 100 and found == expected


def test_every_role_and_level_cell_is_in_the_role_matrix(site, model):
    frameworks = [f for f in model.frameworks if f.roles]
    assert frameworks
    for framework in frameworks:
        doc = parse_file(site / framework.roles_url / "index.html")
        rows = {e.attrs["id"]: e for e in doc.elements if e.tag == "tr" and e.attrs.get("id")}
        for topic in framework.topics:
            # the row ends with one cell per role, in role order: a level, "–" or "?"
            shown = [w for w in rows[topic.slug].text.split() if w.isdigit() or w in ("–", "?")]
            expected = [role.target(topic).id if role.target(topic) else ("?" if topic.targets_unknown else "–")
                        for role in framework.roles]
            assert shown[-len(framework.roles):] == expected, topic.slug
        for role in framework.roles:
            assert (site / framework.role_url(role) / "index.html").exists()


def test_the_level_comparison_shows_each_topics_criteria_under_their_level(site, model):
    """Each cell names its level (read as a card on a phone), then lists the
    topic's criteria there, each sublevel's under its label (1A, 1B…)."""
    frameworks = [f for f in model.frameworks if f.kind == "progression" and len(f.levels) > 1]
    assert frameworks
    for framework in frameworks:
        doc = parse_file(site / framework.path.strip("/") / "compare" / "index.html")
        cells, columns, row = {}, {}, None  # (topic slug, level slug) → the cell's text
        for element in doc.elements:
            if element.tag == "tr":
                row = element.attrs.get("id")
            elif element.tag == "td" and row:
                cells[row, element.attrs.get("data-level")] = " ".join(element.text.split())
                columns.setdefault(row, []).append(element.attrs.get("data-level"))
        assert list(columns) == [topic.slug for topic in framework.topics]  # every topic has its row
        for topic in framework.topics:
            if not topic.levels:
                assert columns[topic.slug] == [None]  # one cell that says the source gives none
                assert cells[topic.slug, None].startswith("The source gives no criteria")
                continue
            assert columns[topic.slug] == [level.slug for level in framework.levels]
            for level in framework.levels:
                cell, here = cells[topic.slug, level.slug], topic.at(level)
                word = "Nivel" if framework.language == "es" else "Level"
                assert cell.startswith(f"{word} {level.id}" + (f" · {level.name}" if level.name else ""))
                expected = [" ".join(c.text.split()) for c in (here.criteria if here else [])]
                for sub in here.sublevels if here else []:
                    expected.append(f"{level.id}{sub.id} {'Subnivel' if framework.language == 'es' else 'Sublevel'} {sub.id}")
                    expected += [" ".join(c.text.split()) for c in sub.criteria]
                at = 0
                for text in expected:  # in this order
                    at = cell.index(text, at) + len(text)


def test_the_a_to_z_links_every_topic_and_role_and_says_which_are_roles(site, model):
    doc = parse_file(site / "a-z" / "index.html")
    items = {" ".join(e.text.split()) for e in doc.elements if e.tag == "li"}
    links = {(" ".join(e.text.split()), e.attrs["href"]) for e in doc.elements if e.tag == "a"}
    expected = 0
    for framework in model.frameworks:
        for topic in framework.topics:
            expected += 1
            place = framework.topic_url(topic).replace("/#", "/index.html#")
            assert (" ".join(topic.title.split()), f"../{place}") in links
            assert f"{' '.join(topic.title.split())} {framework.sidebar_title}" in items
        for role in framework.roles:
            expected += 1
            assert (role.title, f"../{framework.role_url(role)}index.html") in links
            assert f"{role.title} Role · {framework.sidebar_title}" in items
    assert expected > 20


def test_every_level_has_its_page(site, model):
    for framework in model.frameworks:
        if framework.kind == "progression":
            for level in framework.levels:
                assert (site / framework.level_url(level) / "index.html").exists()


def test_every_mapping_in_content_is_on_the_comparison_page(site, model):
    doc = parse_file(site / "compare" / "index.html")
    mappings = model.mappings
    assert mappings.themes and mappings.alignments
    for theme in mappings.themes:
        for member in theme.members:
            target = (member.framework.topic_url(member.topic) if member.topic and not member.criterion
                      else member.framework.url + (f"#{member.anchor}" if member.anchor else ""))
            target = "../" + target.replace("/#", "/index.html#") if "#" in target else "../" + target + "index.html"
            assert target in doc.links, target
    alignments = " ".join(" ".join(e.text.split()) for e in doc.with_class("alignment-list"))
    for alignment in mappings.alignments:
        for link in alignment.links:
            targets = ", ".join(t.id for t in link.targets)
            assert f"Level {link.level.id}" in alignments and targets in alignments
    for role_level in mappings.role_levels:
        assert role_level.role.title in doc.text
    assert broken_links(site) == []


def test_spanish_framework_pages_are_in_spanish(site):
    for page in (site / "masmovil").rglob("*.html"):
        doc = parse_file(page)
        assert doc.lang == "es" and "Volver arriba" in doc.text, page


def test_all_five_seeds_are_reachable_from_the_home_page(site):
    links = parse_file(site / "index.html").links
    for path in ("customer-operations", "nos/manage-team-performance", "e-skills/contact-centre-framework",
                 "masmovil/customer-service", "ocr/personal-organisational-effectiveness"):
        assert f"{path}/index.html" in links


def test_level_names_with_markup_characters_are_escaped_once(content, tmp_path):
    out = tmp_path / "out"
    build(content({"x.md": """
        ---
        path: /x
        title: X
        scale:
          - id: "1"
            name: "Learn & <grow>"
          - id: "2"
            name: Lead
        topics:
          - name: a
            title: A
            content:
              - level: "1"
                criteria: ["One"]
              - level: "2"
                criteria: ["Two"]
        ---
        """}), out)
    html = (out / "x" / "level-2" / "index.html").read_text(encoding="utf-8")
    assert "Level 1 · Learn &amp; &lt;grow&gt;" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "What's new since Level 1 · Learn & <grow>" in parse_file(out / "x" / "level-2" / "index.html").text
