"""The self-assessment as the build writes it: a box on every page with
criteria, pointing at the framework's own JSON file and the published JSON
Schema of assessment files, and the interface's words in the page's language.
(What a person does with it is in tests/browser/test_assessment*.py.)"""

import json
import re
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest

from generator.building.engine import build
from generator.rendering.assessment import SCHEMA_FILE, SCHEMA_NAME
from generator.rendering.theme import DEFAULT_THEME

from .htmlcheck import parse_file

SCRIPT = DEFAULT_THEME / "assets" / "assess.js"


@pytest.fixture
def site(content_site):
    return content_site


def boxes(page):
    return [e for e in parse_file(page).elements if "data-assessment" in e.attrs]


def words_of(page) -> dict:
    """The interface's words a page's assessment fetches when it is opened."""
    (box,) = boxes(page)
    site = next(folder for folder in page.parents if (folder / SCHEMA_NAME).exists())
    rel = page.relative_to(site).as_posix()
    return json.loads((site / site_path(rel, box.attrs["data-words"])).read_text(encoding="utf-8"))


def site_path(page, link: str) -> str:
    """Where a link on a page leads, as a path inside the built site."""
    return urlsplit(urljoin("http://site/org-frameworks/" + page, link)).path.removeprefix("/org-frameworks/")


def test_every_page_with_criteria_offers_an_assessment_of_its_framework(site):
    offered = {}
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        found = boxes(page)
        if not found:
            continue
        (box,) = found
        assert "hidden" in box.attrs, rel  # nothing shows without JavaScript
        data = site / site_path(rel, box.attrs["data-json"])
        assert json.loads(data.read_text(encoding="utf-8"))["frameworks"][0]["id"] == box.attrs["data-framework"]
        assert (site / site_path(rel, box.attrs["data-script"]).split("?")[0]).is_file()
        assert (site / site_path(rel, box.attrs["data-css"]).split("?")[0]).is_file()
        assert site_path(rel, box.attrs["data-schema"]) == SCHEMA_NAME
        offered[rel] = box.attrs.get("data-role") or box.attrs.get("data-level")
    levels = {"customer-operations": "12", "e-skills/contact-centre-framework": "1234", "masmovil/customer-service": "BCDEFG"}
    assert offered == {
        "customer-operations/index.html": None,
        "e-skills/contact-centre-framework/index.html": None,
        "masmovil/customer-service/index.html": None,
        # A level's page aims at its level until the reader chooses another.
        **{f"{path}/level-{level.lower()}/index.html": level for path, ids in levels.items() for level in ids},
        "nos/manage-team-performance/index.html": None,
        "ocr/personal-organisational-effectiveness/index.html": None,
        **{f"e-skills/contact-centre-framework/roles/{role}/index.html": role for role in (
            "coach", "customer-service-advisor", "customer-service-team-leader", "experienced-sales-advisor",
            "experienced-service-advisor", "new-entrant", "operations-contact-centre-manager", "product-specialist",
            "sales-advisor", "sales-team-leader-manager", "scheduling-resource-manager")},
    }


def test_markdown_pages_have_nothing_to_assess(content, tmp_path):
    out = tmp_path / "out"
    build(content({"guide.md": "---\npath: /guide\ntitle: Guide\nyaml: false\n---\n# Guide\n\nText.\n"}), out)
    assert boxes(out / "guide" / "index.html") == []


def test_the_schema_of_assessment_files_is_published_and_listed(site):
    published = json.loads((site / SCHEMA_NAME).read_text(encoding="utf-8"))
    assert published == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    assert any(link.endswith(SCHEMA_NAME) for link in parse_file(site / "downloads" / "index.html").links)


def test_the_script_finds_every_word_it_uses_in_both_languages(site):
    """assess.js reads its words from its language's file: each key it asks for is there,
    in English and in Spanish, and a Spanish page's words are Spanish."""
    used = set(re.findall(r'\bt\("(assess_[a-z_]*[a-z]|level|knowledge_and_understanding)"', SCRIPT.read_text(encoding="utf-8")))
    used |= {f"assess_mark_{m}" for m in ("not_yet", "sometimes", "consistently")}  # built from the mark's name
    english = words_of(site / "customer-operations" / "index.html")
    spanish = words_of(site / "masmovil" / "customer-service" / "index.html")
    assert used - set(english) == set()
    assert used - set(spanish) == set()
    untranslated = {key for key in used if spanish[key] == english[key] and "{" not in english[key].replace("{name}, {date}", "")}
    assert untranslated <= {"assess_label_dated"}
    assert spanish["assess_mark_consistently"] == "Con constancia"


def test_a_page_carries_none_of_the_words_but_the_first_two(site):
    """The words come once per language, in a file fetched on opening: a page
    holds only what shows while that file loads or if it cannot."""
    page = site / "customer-operations" / "level-2" / "index.html"
    html = page.read_text(encoding="utf-8")
    english = words_of(page)
    assert english["assess_loading"] in html and english["assess_no_data"].split("{")[0] in html
    assert english["assess_rule"] not in html and english["assess_bad_json"] not in html
    assert sorted(p.name for p in site.glob("ladder-assessment-words.*.json")) == [
        "ladder-assessment-words.en.json", "ladder-assessment-words.es.json"]
