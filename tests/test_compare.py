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
    """(row label, level text, (first, last grid column), lane, editorial) for each
    cell of the alignment chart; the text leaves out what is only read aloud."""
    cells, label = [], None
    for element in doc.elements:
        if "chart__label" in element.classes:
            label = " ".join(element.text.split())
        elif "chart__cell" in element.classes:
            style = element.attrs["style"]
            columns = tuple(int(c) for c in re.search(r"grid-column: (\d+) / (\d+)", style).groups())
            lane = int(re.search(r"grid-row: (\d+)", style).group(1))
            text = " ".join(element.text.split()).split(" :")[0]
            cells.append((label, text, columns, lane, "chart__cell--editorial" in element.classes))
    return cells


def test_alignment_chart_has_a_row_per_scale_against_the_bands(site):
    doc = parse_file(site / "compare" / "index.html")
    labels = [" ".join(e.text.split()) for e in doc.with_class("chart__label")]
    assert labels == ["NOS levels", "Contact Centre Skills", "Criterios de progresión"]
    bands = [" ".join(e.text.split()) for e in doc.with_class("chart__band")]
    assert bands == ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"]
    cells = chart_cells(doc)
    skills = {c[1]: c for c in cells if c[0] == "Contact Centre Skills"}
    assert skills["Level 1 Learning"][2] == (1, 3)  # NOS 1–2
    assert skills["Level 2 Performing"][4]  # editorial: a dashed outline, and said in words
    editorial = next(e for e in doc.with_class("chart__cell") if "Performing" in e.text)
    assert "editorial judgement" in editorial.text and "NOS levels 3" in editorial.text
    assert skills["Level 3 Enhancing"][2] == (4, 6)  # range 4..5
    assert "*" not in " ".join(e.text for e in doc.with_class("chart__cell"))  # one legend, no star per cell
    # G and F both sit on e-skills level 1 (NOS 1–2): two lanes of the one Spanish row
    spanish = [c for c in cells if c[0] == "Criterios de progresión"]
    assert sorted((c[1], c[3]) for c in spanish if c[1] in ("Level G", "Level F")) == [("Level F", 2), ("Level G", 1)]
    assert all(c[2] == (1, 3) and c[4] for c in spanish if c[1] in ("Level G", "Level F"))


def test_crosswalk_lists_every_member_with_working_links(site):
    doc = parse_file(site / "compare" / "index.html")
    rows = {e.attrs["id"]: e for e in doc.elements if e.tag == "tr" and e.attrs.get("id", "").startswith("theme-")}
    assert list(rows) == ["theme-feedback", "theme-product-knowledge"]
    feedback = " ".join(rows["theme-feedback"].text.split())
    for text in ("Organise feedback", "5 analyse feedback", "2.3 Identify reasons", "1.1 Customer service ethos"):
        assert text in feedback
    # a topic of a framework with levels links to its row of the level comparison, which shows every level
    for link in ("../nos/feedback/index.html#organise", "../nos/feedback/index.html#pc5",
                 "../units/effectiveness/index.html#ac2-3", "../skills/compare/index.html#ethos",
                 "../es/criterios/compare/index.html#conocimiento", "../nos/feedback/index.html#k1"):
        assert link in doc.links
    assert broken_links(site) == []


def test_most_mappings_are_editorial_so_the_stated_one_is_marked_under_one_legend(site):
    doc = parse_file(site / "compare" / "index.html")
    items = [" ".join(e.text.split()) for e in doc.elements if e.tag == "li" and "#" not in e.text]
    pc5 = next(i for i in items if i.startswith("5 analyse feedback"))
    organise = next(i for i in items if i.startswith("Organise feedback"))
    assert "stated in a source" in pc5  # editorial: false
    assert "stated" not in organise and "*" not in organise
    assert "Every mapping here is an editorial judgement, unless marked “stated in a source”." in doc.text


def test_pair_pages_for_every_mapped_pair_are_linked(site):
    doc = parse_file(site / "compare" / "index.html")
    pairs = sorted({link.removeprefix("../compare/") for link in doc.links if "--" in link})
    assert pairs == sorted([
        "es-criterios--skills/index.html", "es-criterios--nos-feedback/index.html", "skills--nos-feedback/index.html",
        "skills--units-effectiveness/index.html", "nos-feedback--units-effectiveness/index.html",
    ])
    pair = parse_file(site / "compare" / "es-criterios--skills" / "index.html")
    assert "Level by level" in pair.text
    assert {c[1] for c in chart_cells(pair)} >= {"Level 1 Learning", "Level G", "Level E"}
    # the chart's rows follow the title: Spanish criteria first, then the skills framework
    assert [" ".join(e.text.split()) for e in pair.with_class("chart__label")] == \
        ["NOS levels", "Criterios de progresión", "Contact Centre Skills"]
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
