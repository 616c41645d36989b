"""Every framework kind: scales, categories, roles and paths, standards, units, Spanish."""

import pytest

from generator.building.engine import build, load_site

from .htmlcheck import broken_links, parse_file
from .kinds_fixture import FILES, SKILLS, SPANISH


@pytest.fixture
def site(content, tmp_path):
    out = tmp_path / "out"
    build(content(FILES), out)
    return out


def problems_for(content, text, name="skills.md"):
    _, problems = load_site(content({name: text}))
    return [str(p) for p in problems]


def test_no_broken_links_across_all_kinds(site):
    assert broken_links(site) == []


def test_named_scale_levels_show_name_description_and_guidelines(site):
    doc = parse_file(site / "skills" / "level-2" / "index.html")
    assert "Level 2 · Performing" in doc.text
    assert "Works with minimal supervision" in doc.text
    framework = parse_file(site / "skills" / "index.html")
    assert "Gathers information" in framework.text


def test_topics_are_grouped_by_category_and_subcategory_with_full_codes(site):
    doc = parse_file(site / "skills" / "index.html")
    topics = next(e for e in doc.elements if e.attrs.get("id") == "topics")
    text = " ".join(topics.text.split())
    # "1.1" alone would name a topic of each category: the category's code comes first
    assert text.index("A Customer service provision") < text.index("1 Customer care") \
        < text.index("A1.1 Customer service ethos") < text.index("2 Service delivery") \
        < text.index("B Business skills") < text.index("B1.1 Listening")


def test_role_matrix_has_a_row_per_competency_and_a_column_per_role(site):
    doc = parse_file(site / "skills" / "roles" / "index.html")
    headers = [e.text.strip() for e in doc.elements if e.tag == "th" and "matrix__role" in e.classes]
    assert headers == ["Customer Service Advisor", "Experienced Advisor", "Team Leader"]
    rows = {e.attrs["id"]: e for e in doc.elements if e.tag == "tr" and e.attrs.get("id")}
    assert list(rows) == ["ethos", "complaints", "transactions", "listening"]
    cells = [p.text.strip() for p in doc.elements if "pill" in p.classes and p.text and p in doc.elements]
    ethos = " ".join(rows["ethos"].text.split())
    assert "1 2 3" in ethos  # targets, as text, not only as colour
    assert "Not required" in " ".join(rows["listening"].text.split())  # advisor has no target
    assert cells
    # the legend names each level
    legend = " ".join(e.text for e in doc.with_class("legend"))
    for name in ("Learning", "Performing", "Enhancing", "Not required"):
        assert name in legend
    # category rows group the competencies
    assert [e.text.split()[0] for e in doc.with_class("matrix__category")] == ["A", "B"]


def test_role_profile_lists_required_competencies_with_level_descriptions(site):
    doc = parse_file(site / "skills" / "roles" / "experienced" / "index.html")
    items = [" ".join(e.text.split()) for e in doc.with_class("requirement")]
    assert len(items) == 3
    assert any("1.2 Complaints management" in i and "Level 2 · Performing: Works with minimal supervision" in i
               for i in items)
    # the topic's criteria at that level are there too
    assert "Takes ownership of customer enquiries" in doc.text
    assert "Listening" in " ".join(e.text for e in doc.elements if e.tag == "section")  # not required list


def test_career_path_shows_rising_competencies_and_by_how_much(site):
    doc = parse_file(site / "skills" / "paths" / "advisor--leader" / "index.html")
    rows = [" ".join(e.text.split()) for e in doc.elements if e.tag == "tr"][1:]
    assert rows == [
        "A1.1 Customer service ethos 1 3 +2",
        "A1.2 Complaints management – Not required 3 newly required",
        "A2.1 Transaction processing 2 3 +1",
        "B1.1 Listening – Not required 2 newly required",
    ]
    index = parse_file(site / "skills" / "paths" / "index.html")
    assert "Customer Service Advisor → Experienced Advisor → Team Leader" in " ".join(
        " ".join(e.text.split()) for e in index.with_class("chain"))


def test_standard_keeps_criterion_numbers_and_anchors(site):
    doc = parse_file(site / "nos" / "feedback" / "index.html")
    assert {"pc1", "pc2", "pc5", "k1", "k2"} <= set(doc.ids)
    criterion = next(e for e in doc.elements if e.attrs.get("id") == "pc5")
    assert " ".join(criterion.text.split()).startswith("5 analyse feedback")
    assert "You must be able to:" in doc.text and "You need to know and understand:" in doc.text
    assert "CFACC2" in doc.text and "Crown copyright" in doc.text
    assert not doc.with_class("level-tabs")


def test_unit_shows_metadata_criteria_and_teaching_content(site):
    doc = parse_file(site / "units" / "effectiveness" / "index.html")
    assert "ac2-3" in doc.ids
    assert "Guided learning hours 14" in " ".join(" ".join(e.text.split()) for e in doc.with_class("meta-table"))
    assert "Header values" in doc.text
    teaching = " ".join(e.text for e in doc.with_class("teaching"))
    assert "changes to systems" in teaching and "personal aspirations" in teaching


def test_spanish_pages_carry_lang_es_and_spanish_interface(site):
    for page in (site / "es" / "criterios").rglob("*.html"):
        doc = parse_file(page)
        assert doc.lang == "es"
        assert "Volver arriba" in doc.text
    level = parse_file(site / "es" / "criterios" / "level-f" / "index.html")
    assert "Nivel F" in level.text and "Novedades respecto a Nivel G" in level.text
    assert parse_file(site / "skills" / "index.html").lang == "en"


def test_links_to_a_framework_in_another_language_say_its_language(site):
    """Screen readers read the Spanish framework's title in Spanish on English pages."""
    home, a_to_z = parse_file(site / "index.html"), parse_file(site / "a-z" / "index.html")
    titles = [e for e in home.with_class("card__title") if "Criterios" in e.text]
    assert titles and all(e.attrs.get("lang") == "es" for e in titles)
    assert all("lang" not in e.attrs for e in home.with_class("card__title") if "Criterios" not in e.text)
    spanish = [e for e in a_to_z.elements if e.tag == "a" and "/es/criterios/" in (e.attrs.get("href") or "")]
    assert spanish and all(e.attrs.get("lang") == "es" for e in spanish)


# -- checks -------------------------------------------------------------------

def test_role_with_unknown_topic_or_level(content):
    text = SKILLS.replace("targets: {ethos: 1, transactions: 2}", "targets: {ethoss: 1, transactions: 7}")
    found = problems_for(content, text)
    assert "skills.md:59: roles[0].targets.ethoss: unknown topic 'ethoss'; did you mean 'ethos'?" in found
    assert "skills.md:59: roles[0].targets.transactions: level '7' is not a level of this framework (1, 2, 3)" in found


def test_level_missing_from_the_scale(content):
    found = problems_for(content, SPANISH.replace("- level: F", "- level: H"), "es.md")
    assert found == ["es.md:19: topics[0].content[1].level: level 'H' is not in the scale (G, F, E)"]


def test_duplicate_codes(content):
    text = SKILLS.replace('code: "1.2"', 'code: "1.1"').replace("code: B", "code: A")
    found = problems_for(content, text)
    assert any("categories[1].code: category code 'A' is used twice" in f for f in found)
    assert any("topics[1].code: code '1.1' is already used by topic 'ethos'" in f for f in found)


def test_role_paths_that_form_a_cycle(content):
    text = SKILLS.replace("    title: Team Leader\n", "    title: Team Leader\n    progressesTo: [advisor]\n")
    found = problems_for(content, text)
    assert any("career paths form a cycle: advisor → experienced → leader → advisor" in f for f in found)


def test_unknown_role_in_a_path(content):
    found = problems_for(content, SKILLS.replace("progressesTo: [leader]", "progressesTo: [leeder]"))
    assert any("roles[1].progressesTo[0]: unknown role 'leeder'; did you mean 'leader'?" in f for f in found)


def test_language_without_translation_falls_back_to_english_with_a_warning(content, tmp_path):
    folder = content({"fr.md": SPANISH.replace("language: es", "language: fr")})
    _, problems = load_site(folder)
    (warning,) = problems
    assert warning.severity == "warning" and warning.line == 4
    assert "no interface strings for language 'fr'" in warning.message
    build(folder, tmp_path / "out")
    doc = parse_file(tmp_path / "out" / "es" / "criterios" / "index.html")
    assert doc.lang == "fr" and "Back to top" in doc.text


def test_standard_criteria_must_not_have_levels(content):
    text = FILES["standard.md"].replace("    criteria:\n      - number: \"5\"", "    content:\n      - level: 1\n        criteria:\n      - number: \"5\"")
    found = problems_for(content, text, "standard.md")
    assert found  # whatever the exact shape, it is reported, not dropped


def test_topics_whose_targets_could_not_be_read_show_as_unknown_not_as_not_required(content, tmp_path):
    text = (SKILLS.replace("    title: Listening\n", "    title: Listening\n    targetsUnknown: true\n")
            .replace(", listening: 2}", "}"))
    build(content({"skills.md": text}), tmp_path / "out")
    matrix = parse_file(tmp_path / "out" / "skills" / "roles" / "index.html")
    row = next(e for e in matrix.elements if e.attrs.get("id") == "listening")
    assert " ".join(row.text.split()).count("Not read from the source") == 3
    assert "Not required" not in row.text
    profile = parse_file(tmp_path / "out" / "skills" / "roles" / "leader" / "index.html")
    sections = {e.attrs.get("aria-labelledby"): " ".join(e.text.split()) for e in profile.elements if e.tag == "section"}
    assert "Listening" in sections["unknown-title"] and "Listening" not in sections.get("not-required-title", "")
    path = parse_file(tmp_path / "out" / "skills" / "paths" / "advisor--leader" / "index.html")
    assert "Listening" not in path.text


def test_a_target_for_a_topic_marked_unknown_is_an_error(content):
    text = SKILLS.replace("    title: Listening\n", "    title: Listening\n    targetsUnknown: true\n")
    found = problems_for(content, text)
    assert any("roles[2].targets.listening: topic 'listening' says 'targetsUnknown: true'" in f for f in found)


def test_level_pills_say_their_level_in_words_and_escape_names():
    from generator.model import Level
    from generator.rendering.fragments import level_pill

    strings = {"level": "Level", "unknown_target": "Target not known", "not_required": "Not required"}
    t = strings.__getitem__
    pill = level_pill(Level(id="2", name="<b>Performing</b>", rank=10), t)
    assert pill == ('<span class="pill pill--2" title="Level 2 · &lt;b&gt;Performing&lt;/b&gt;">2</span>')
    assert "Not required" in level_pill(None, t) and "–" in level_pill(None, t)
    assert "Target not known" in level_pill(None, t, True) and "?" in level_pill(None, t, True)
    assert level_pill(None, t, symbol_only=True) == '<span class="pill pill--none" title="Not required">–</span>'


def test_knowledge_items_are_numbered_so_they_can_be_cited(site):
    doc = parse_file(site / "nos" / "feedback" / "index.html")
    k1 = next(e for e in doc.elements if e.attrs.get("id") == "k1")
    assert " ".join(k1.text.split()).startswith("K1 ")  # its anchor stays #k1


MARKED = SKILLS.replace("title: Complaints management", "title: Complaints management*")


def test_a_mark_in_a_title_must_be_explained(content):
    assert problems_for(content, MARKED) == [
        "skills.md:41: warning: topics[1].title: the mark '*' in this title is not explained: "
        "add 'marks: {\"*\": what it means}' to the front matter"]


def test_a_mark_is_explained_wherever_a_title_carrying_it_is_shown(content, tmp_path):
    explained = MARKED.replace("\ncategories:", '\nmarks:\n  "*": denotes a legal obligation for the employer.\ncategories:', 1)
    assert problems_for(content, explained) == []
    out = tmp_path / "out"
    build(content({"skills.md": explained}), out)
    for page in ("skills", "skills/roles", "skills/compare", "a-z"):
        doc = parse_file(out / page / "index.html")
        assert "Complaints management*" in doc.text
        (note,) = doc.with_class("marks-note")
        assert note.text.split()[0] == "*" and "denotes a legal obligation for the employer." in note.text, page
    # a page that shows no marked title says nothing about marks
    assert "legal obligation" not in parse_file(out / "skills" / "level-1" / "index.html").text
