"""Cross-framework comparison: mappings, the alignment chart, the crosswalk and pairs."""

import re

import pytest

from generator.building.engine import build, load_site

from .htmlcheck import broken_links, parse_file
from .kinds_fixture import MAPPINGS, WITH_MAPPINGS


@pytest.fixture
def site(content, tmp_path):
    out = tmp_path / "out"
    build(content(WITH_MAPPINGS), out)
    return out


def chart_cells(doc):
    """(column label, level text, grid-row) for each cell of the alignment chart."""
    cells = []
    for element in doc.elements:
        if "chart__cell" in element.classes:
            style = element.attrs["style"]
            column = int(re.search(r"grid-column: (\d+)", style).group(1))
            rows = re.search(r"grid-row: (\d+) / (\d+)", style).groups()
            cells.append((column, " ".join(element.text.split()), tuple(int(r) for r in rows),
                          "chart__cell--editorial" in element.classes))
    return cells


def test_alignment_chart_places_levels_in_bands_side_by_side(site):
    doc = parse_file(site / "compare" / "index.html")
    heads = [" ".join(e.text.split()) for e in doc.with_class("chart__head")]
    assert heads == ["NOS levels", "Contact Centre Skills", "Criterios de progresión"]
    cells = chart_cells(doc)
    # NOS levels are the bands: one row each (row 1 is the header)
    assert [c[2] for c in cells if c[0] == 1] == [(2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]
    skills = {c[1]: c for c in cells if c[0] == 2}
    assert skills["Level 1 Learning"][2] == (2, 4)  # NOS 1–2
    assert skills["Level 2 Performing * editorial judgement"][3]  # marked, not only coloured
    assert skills["Level 3 Enhancing"][2] == (5, 7)  # range 4..5
    # G and F both sit on e-skills level 1 (NOS 1–2), so they get two lanes
    spanish = [c for c in cells if c[1].startswith("Level G") or c[1].startswith("Level F")]
    assert {c[0] for c in spanish} == {3, 4}
    assert all(c[2] == (2, 4) and c[3] for c in spanish)


def test_crosswalk_lists_every_member_with_working_links(site):
    doc = parse_file(site / "compare" / "index.html")
    rows = {e.attrs["id"]: e for e in doc.elements if e.tag == "tr" and e.attrs.get("id", "").startswith("theme-")}
    assert list(rows) == ["theme-feedback", "theme-product-knowledge"]
    feedback = " ".join(rows["theme-feedback"].text.split())
    for text in ("Organise feedback", "5 analyse feedback", "2.3 Identify reasons", "1.1 Customer service ethos"):
        assert text in feedback
    for link in ("../nos/feedback/index.html#organise", "../nos/feedback/index.html#pc5",
                 "../units/effectiveness/index.html#ac2-3", "../skills/index.html#ethos",
                 "../es/criterios/index.html#conocimiento", "../nos/feedback/index.html#k1"):
        assert link in doc.links
    assert broken_links(site) == []


def test_editorial_members_are_marked(site):
    doc = parse_file(site / "compare" / "index.html")
    items = [" ".join(e.text.split()) for e in doc.elements if e.tag == "li" and "#" not in e.text]
    pc5 = next(i for i in items if i.startswith("5 analyse feedback"))
    organise = next(i for i in items if i.startswith("Organise feedback"))
    assert "editorial" not in pc5  # stated: editorial: false
    assert "editorial" in organise


def test_pair_pages_for_every_mapped_pair_are_linked(site):
    doc = parse_file(site / "compare" / "index.html")
    pairs = sorted(link.removeprefix("../compare/") for link in doc.links if "--" in link)
    assert pairs == sorted([
        "es-criterios--skills/index.html", "es-criterios--nos-feedback/index.html", "skills--nos-feedback/index.html",
        "skills--units-effectiveness/index.html", "nos-feedback--units-effectiveness/index.html",
    ])
    pair = parse_file(site / "compare" / "es-criterios--skills" / "index.html")
    assert "Level by level" in pair.text
    assert {c[1].split(" *")[0] for c in chart_cells(pair)} >= {"Level 1 Learning", "Level G", "Level E"}
    theme_pair = parse_file(site / "compare" / "skills--nos-feedback" / "index.html")
    columns = [" ".join(e.text.split()) for e in theme_pair.with_class("pair-column")]
    assert columns[0].startswith("Contact Centre Skills") and "Customer service ethos" in columns[0]
    assert "Organise feedback" in columns[1]


def test_roles_placed_on_scales_are_listed(site):
    doc = parse_file(site / "compare" / "index.html")
    assert "Customer Service Advisor : NOS levels · Level 2" in doc.text


def test_compare_is_in_the_navigation_of_every_page(site):
    for page in site.rglob("*.html"):
        if page.name != "404.html":
            assert any(link.endswith("compare/index.html") for link in parse_file(page).links), page


def test_level_page_offers_a_comparison_with_every_other_level(site):
    doc = parse_file(site / "skills" / "level-2" / "index.html")
    compare = [link for link in doc.links if "compare/index.html?" in link]
    assert compare == ["../../skills/compare/index.html?a=level-2&b=level-1",
                       "../../skills/compare/index.html?a=level-2&b=level-3"]
    table = parse_file(site / "skills" / "compare" / "index.html")
    assert [e.attrs["data-level"] for e in table.elements if e.tag == "th" and "data-level" in e.attrs] == \
        ["level-1", "level-2", "level-3"]
    assert "Takes ownership of customer enquiries" in table.text


@pytest.mark.parametrize(
    "change, message",
    [
        (("from: skills", "from: skils"), "mappings.yml:6: alignments[0].from: unknown framework or scale 'skils'; did you mean 'skills'?"),
        (("to: nos\n    source", "to: noss\n    source"), "mappings.yml:7: alignments[0].to: unknown framework or scale 'noss'; did you mean 'nos'?"),
        (("{from: 3, to: \"4..5\"}", "{from: 3, to: \"4..9\"}"), "mappings.yml:12: alignments[0].levels[2].to: level '9' is not a level of nos (1, 2, 3, 4, 5)"),
        (("{from: E, to: 2}", "{from: A, to: 2}"), "mappings.yml:19: alignments[1].levels[2].from: level 'A' is not a level of es/criterios (G, F, E)"),
        (("role: skills#advisor", "role: skills#adviser"), "mappings.yml:21: roles[0].role: no role 'adviser' in skills; did you mean 'advisor'?"),
        (("skills#ethos", "skills#ethics"), "mappings.yml:33: themes[0].members[3]: no topic or criterion 'ethics' in skills"),
        (("nos/feedback#k1", "nos/feedbak#k1"), "mappings.yml:38: themes[1].members[1]: unknown framework 'nos/feedbak'; did you mean 'nos/feedback'?"),
        (("id: product-knowledge", "id: feedback"), "mappings.yml:34: themes[1].id: theme id 'feedback' is used twice"),
    ],
)
def test_every_dangling_reference_is_an_error_with_its_line(content, change, message):
    files = {**WITH_MAPPINGS, "mappings.yml": MAPPINGS.replace(*change)}
    _, problems = load_site(content(files))
    assert [str(p) for p in problems] == [message]


def test_a_framework_without_levels_cannot_be_aligned(content):
    files = {**WITH_MAPPINGS, "mappings.yml": MAPPINGS.replace("to: skills\n", "to: nos/feedback\n")}
    _, problems = load_site(content(files))
    assert any("framework 'nos/feedback' has no levels to align" in str(p) for p in problems)
