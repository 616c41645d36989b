"""The self-assessment, used as a person and their manager would: mark
criteria, see where they stand and the gap, share the link, keep it in a file,
compare two assessments, survive edits to the framework, and refuse a bad file.

The growth framework (assessing.GROWTH) has levels 1–3, a sublevel 1B in
Delivery, a line at level 2 that only points back, and a text said again at
level 3; the expected levels below are worked out from it by hand.
"""

import base64
import json
import zlib
from urllib.request import urlopen

import jsonschema
import pytest

from .assessing import (
    chosen,
    criterion,
    gap,
    growth,  # noqa: F401 - a fixture
    mark,
    note,
    open_file,
    opened,
    person,  # noqa: F401 - a fixture
    save_file,
    saving,
    start,
    start_as,
    table,
    text_of,
    visit,
    write_json,
)
from .support import ACTIVE, tab_until


def schema_of(site_base: str) -> dict:
    """The JSON Schema the site publishes for assessment files."""
    with urlopen(site_base + "ladder-assessment.schema.json") as response:
        return json.load(response)


def test_mark_criteria_see_level_and_gap_change_and_share_the_link(growth, person):
    page = person(growth.url)
    start(page)
    assert "not every topic has reached Level 1" in text_of(page, ".assessment__summary")
    assert text_of(page, "#assessment-gap-title") == "What is missing for Level 1"
    assert gap(page) == {"Communication": ["Asks for help when stuck.", "Writes clear notes."],
                         "Delivery": ["Finishes tasks on time."]}

    for text in ("Asks for help when stuck.", "Writes clear notes.", "Finishes tasks on time."):
        mark(page, text)
    assert table(page) == {"Communication": ["Level 1"], "Delivery": ["Level 1"]}
    assert "Across the framework: Level 1," in text_of(page, ".assessment__summary")
    # The target moves on to the next step, the sublevel 1B that only Delivery has.
    assert text_of(page, "#assessment-gap-title") == "What is missing for Level 1B"
    assert gap(page) == {"Delivery": ["Plans their own week."]}

    mark(page, "Plans their own week.")
    assert table(page) == {"Communication": ["Level 1"], "Delivery": ["Level 1B"]}
    assert gap(page) == {"Communication": ["Explains decisions to the team."], "Delivery": ["Plans the team's sprint."]}
    assert text_of(page, ".assessment__gap-summary").startswith(
        "2 criteria to go for Level 2: 2 at the target level, 0 carried over")

    # A step back at level 1 is carried over into the gap for level 2.
    mark(page, "Writes clear notes.", "Sometimes")
    note(page, "Writes clear notes.", "Notes are clear, but late.")
    assert table(page)["Communication"] == ["Not yet at the first level"]
    page.get_by_label("Target level").select_option(label="Level 2")
    assert gap(page) == {"Communication": ["Writes clear notes.", "Explains decisions to the team."],
                         "Delivery": ["Plans the team's sprint."]}
    assert text_of(page, ".assessment__gap-summary").startswith(
        "3 criteria to go for Level 2: 2 at the target level, 1 carried over from earlier levels")
    carried = page.locator(".assessment__gap li", has_text="Writes clear notes.")
    assert text_of(page, ".assessment__gap > section:first-child li:first-child .assess-gap__where") == "carried over from Level 1 · Sometimes"
    assert carried.count() == 1

    page.wait_for_function("location.hash.startsWith('#a=')")
    link = page.url
    assert page.get_by_label("Link to this assessment").input_value() == link

    # Someone else opens the link in their own browser: the same assessment.
    other = person(link)
    opened(other)
    assert table(other) == {"Communication": ["Not yet at the first level"], "Delivery": ["Level 1B"]}
    assert gap(other) == gap(page)
    assert other.get_by_label("Target level").evaluate("select => select.selectedOptions[0].text") == "Level 2"
    assert chosen(other, "Writes clear notes.") == "Sometimes"
    assert chosen(other, "Plans their own week.") == "Consistently"
    assert criterion(other, "Writes clear notes.").get_by_role("textbox").input_value() == "Notes are clear, but late."


def test_save_clear_and_open_a_file_gives_the_same_state(growth, person, tmp_path):
    page = person(growth.url)
    start_as(page, "Alex", ("Asks for help when stuck.", "Finishes tasks on time.", "Plans their own week."))
    mark(page, "Writes clear notes.", "Not yet")
    note(page, "Finishes tasks on time.", "Every sprint since March.")
    before = table(page), gap(page)

    saved = save_file(page, tmp_path)
    file = json.loads(saved.read_text(encoding="utf-8"))
    jsonschema.validate(file, schema_of(growth.base))
    assert file["name"] == "Alex" and file["framework"]["id"] == "growth"
    assert {m["text"]: m["mark"] for m in file["marks"]} == {
        "Asks for help when stuck.": "consistently", "Writes clear notes.": "not-yet",
        "Finishes tasks on time.": "consistently", "Plans their own week.": "consistently"}

    page.get_by_role("button", name="Clear everything").click()
    assert "0 of" in text_of(page, ".assessment__summary")
    assert chosen(page, "Asks for help when stuck.") == ""
    assert page.get_by_label("Whose assessment (optional)").input_value() == ""
    page.wait_for_function("!location.hash")
    assert page.evaluate("localStorage.getItem('ladder-assessment:growth')") is None

    saving(page, lambda: open_file(page, saved))
    page.get_by_text("Opened Alex").wait_for()
    assert (table(page), gap(page)) == before
    assert chosen(page, "Writes clear notes.") == "Not yet"
    assert criterion(page, "Finishes tasks on time.").get_by_role("textbox").input_value() == "Every sprint since March."
    assert page.get_by_label("Whose assessment (optional)").input_value() == "Alex"

    # The browser kept it: the page opens it again by itself, after a reload.
    page.reload()
    opened(page)
    assert (table(page), gap(page)) == before


def test_a_manager_s_assessment_overlays_the_person_s_in_the_chart(growth, person, tmp_path):
    manager = person(growth.url)
    start_as(manager, "Sam (manager)", ("Asks for help when stuck.", "Writes clear notes.", "Finishes tasks on time."))
    theirs = save_file(manager, tmp_path)

    page = person(growth.url)
    start(page)
    page.get_by_label("Whose assessment (optional)").fill("Alex")
    for text in ("Asks for help when stuck.", "Writes clear notes.", "Finishes tasks on time.", "Plans their own week."):
        mark(page, text)
    page.get_by_role("tab", name="Level 2").click()
    mark(page, "Explains decisions to the team.")
    assert page.locator("svg.assess-chart rect.assess-chart__bar").count() == 2

    open_file(page, theirs, label="Compare with a file…")
    page.get_by_text("Compared with Sam (manager)").wait_for()
    # Two bars per topic, the other hatched; the legend names both.
    assert page.locator("svg.assess-chart rect.assess-chart__bar").count() == 4
    assert page.locator("svg.assess-chart rect.assess-chart__bar--other").count() == 2
    legend = text_of(page, ".assessment__legend")
    assert "Alex," in legend and "Sam (manager)," in legend
    # Level 2 of Communication asks one new thing (its first line only points back).
    assert table(page) == {"Communication": ["Level 2", "Level 1"], "Delivery": ["Level 1B", "Level 1"]}
    assert page.locator(".assessment__table tr.assess-differs").count() == 2
    own_bars = page.locator("svg.assess-chart rect.assess-chart__bar:not(.assess-chart__bar--other)")
    other_bars = page.locator("svg.assess-chart rect.assess-chart__bar--other")
    assert float(own_bars.nth(1).get_attribute("width")) > float(other_bars.nth(1).get_attribute("width"))
    assert text_of(page, "li.criterion:has(> p:text-is('Plans their own week.')) .assess-mark__other").endswith(
        ": not marked")

    # Swap: the manager's becomes the one to change; then stop comparing.
    page.get_by_role("button", name="Swap the two").click()
    assert page.get_by_label("Whose assessment (optional)").input_value() == "Sam (manager)"
    assert table(page)["Delivery"] == ["Level 1", "Level 1B"]
    page.get_by_role("button", name="Stop comparing").click()
    assert page.locator("svg.assess-chart rect.assess-chart__bar").count() == 2
    page.get_by_role("button", name="Undo").click()
    assert page.locator("svg.assess-chart rect.assess-chart__bar").count() == 4

    # Last quarter's against this quarter's: keep a copy, then change marks.
    fresh = person(growth.url)
    start(fresh)
    mark(fresh, "Asks for help when stuck.")
    fresh.get_by_role("button", name="Keep a copy of this one to compare").click()
    mark(fresh, "Writes clear notes.")
    assert table(fresh)["Communication"] == ["Level 1", "Not yet at the first level"]


def test_marks_survive_edits_and_changed_text_is_reported(growth, person):
    page = person(growth.url)
    start(page)
    mark(page, "Asks for help when stuck.")
    mark(page, "Writes clear notes.")
    note(page, "Writes clear notes.", "Wrote the on-call guide.")
    mark(page, "Finishes tasks on time.", "Sometimes")
    page.wait_for_function("location.hash.startsWith('#a=')")
    link = page.url
    try:
        # A criterion added before the others shifts their anchors: marks follow their text.
        growth.edit("- Asks for help when stuck.", "- Listens before answering.\n          - Asks for help when stuck.")
        page.reload()
        opened(page)
        assert page.locator(".assessment__lost").is_hidden()
        assert chosen(page, "Asks for help when stuck.") == "Consistently"
        assert chosen(page, "Listens before answering.") == ""
        assert chosen(page, "Finishes tasks on time.") == "Sometimes"

        # The words of a marked criterion change: the mark is kept and reported, with its old words.
        growth.edit("text: Writes clear notes.", "text: Writes clear, short notes.")
        page.reload()
        opened(page)
        report = page.locator(".assessment__lost")
        assert text_of(page, ".assessment__lost h3") == "1 mark no longer matches the framework"
        assert "Writes clear notes." in report.inner_text()
        assert "Consistently" in report.inner_text() and "Wrote the on-call guide." in report.inner_text()
        assert "That criterion now reads: Writes clear, short notes." in " ".join(report.inner_text().split())
        assert chosen(page, "Writes clear, short notes.") == ""
        # Opening the old link says the same: the link holds the old words too.
        other = person(link)
        opened(other)
        assert text_of(other, ".assessment__lost h3") == "1 mark no longer matches the framework"

        saving(page, report.get_by_role("button", name="Keep the mark for the new words").click)
        assert report.is_hidden()
        assert chosen(page, "Writes clear, short notes.") == "Consistently"
        assert criterion(page, "Writes clear, short notes.").get_by_role("textbox").input_value() == "Wrote the on-call guide."

        # A criterion that is gone: reported until forgotten.
        growth.edit("          - Asks for help when stuck.\n", "")
        page.reload()
        opened(page)
        assert text_of(page, ".assessment__lost h3") == "1 mark no longer matches the framework"
        assert "Asks for help when stuck." in report.inner_text()
        saving(page, report.get_by_role("button", name="Forget this mark").click)
        assert report.is_hidden()
        page.reload()
        opened(page)
        assert report.is_hidden()
    finally:
        growth.reset()


BAD_FILES = {
    "not-json.json": ("{ this is not JSON", "This file could not be opened: it is not a JSON file."),
    "framework.json": ({"format": "ladder-frameworks", "version": 1, "site": {}, "frameworks": []},
                       "it is a framework’s data file, not a self-assessment."),
    "list.json": ([1, 2, 3], "it is not a Ladder self-assessment"),
    "newer.json": ({"format": "ladder-assessment", "version": 2, "framework": {"id": "growth"}, "marks": []},
                   "it was made by a newer version of Ladder"),
    "other.json": ({"format": "ladder-assessment", "version": 1, "framework": {"id": "other", "title": "Other Framework"},
                    "marks": []}, "it is a self-assessment of “Other Framework”, not of this framework."),
    "bad-mark.json": ({"format": "ladder-assessment", "version": 1, "framework": {"id": "growth"},
                       "marks": [{"id": "growth#clear-notes", "hash": "0123abcd", "mark": "often"}]},
                      "marks[0].mark: expected one of not-yet, sometimes, consistently."),
    "no-hash.json": ({"format": "ladder-assessment", "version": 1, "framework": {"id": "growth"},
                      "marks": [{"id": "growth#clear-notes"}]}, "marks[0]: “hash” is missing."),
    "extra.json": ({"format": "ladder-assessment", "version": 1, "framework": {"id": "growth"}, "marks": [],
                    "score": 10}, "unknown key “score”."),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_or_foreign_file_gets_a_clear_message_and_changes_nothing(growth, person, tmp_path, name):
    page = person(growth.url)
    start(page)
    mark(page, "Asks for help when stuck.")
    before = table(page)
    content, message = BAD_FILES[name]
    open_file(page, write_json(tmp_path, name, content))
    status = page.locator(".assessment__status--error")
    status.wait_for()
    assert message in " ".join(status.inner_text().split())
    assert table(page) == before and chosen(page, "Asks for help when stuck.") == "Consistently"


# Files the published schema and the page's own check must judge alike.
VALID = {"format": "ladder-assessment", "version": 1, "framework": {"id": "growth", "title": "Growth Framework"},
         "name": "Alex", "date": "2026-12-01", "target": "2",
         "marks": [{"id": "growth#clear-notes", "topic": "communication", "hash": "0123abcd", "text": "Writes clear notes.",
                    "mark": "sometimes", "note": "Wrote the guide."},
                   {"id": "growth#delivery-1-1", "hash": "89abcdef", "mark": None}],
         "compare": {"name": "Sam", "marks": []}}
VARIANTS = {
    "valid": {},
    "no-marks": {"marks": None},
    "date-words": {"date": "1 December"},
    "target-number": {"target": 2},
    "hash-upper": {"marks": [{"id": "growth#x", "hash": "0123ABCD"}]},
    "id-without-hash-sign": {"marks": [{"id": "clear-notes", "hash": "0123abcd"}]},
    "note-number": {"marks": [{"id": "growth#x", "hash": "0123abcd", "note": 3}]},
    "long-name": {"name": "x" * 201},
    "compare-without-marks": {"compare": {"name": "Sam"}},
    "compare-extra": {"compare": {"marks": [], "target": "2"}},
    "framework-without-id": {"framework": {"title": "Growth Framework"}},
    "mark-null-and-text": {"marks": [{"id": "growth#x", "hash": "0123abcd", "mark": None, "text": "T"}]},
}


def variant(name: str) -> dict:
    file = json.loads(json.dumps(VALID))
    for key, value in VARIANTS[name].items():
        if value is None:
            del file[key]
        else:
            file[key] = value
    return file


def test_the_page_checks_a_file_as_the_published_schema_does(growth, person, tmp_path):
    schema = schema_of(growth.base)
    page = person(growth.url)
    start(page)
    disagree = []
    for name in VARIANTS:
        file = variant(name)
        valid = jsonschema.Draft202012Validator(schema).is_valid(file)
        page.evaluate("document.querySelector('.assessment__status[role=status]').textContent = ''")
        open_file(page, write_json(tmp_path, name + ".json", file))
        status = page.locator(".assessment__status[role=status]")
        status.filter(has_text="Opened").or_(status.filter(has_text="could not be opened")).wait_for()
        accepted = "Opened" in status.inner_text()
        if accepted != valid:
            disagree.append(f"{name}: schema {'accepts' if valid else 'refuses'}, page says {status.inner_text()!r}")
    assert disagree == []
    assert not jsonschema.Draft202012Validator(schema).is_valid(variant("date-words"))  # the check can refuse


def test_switch_levels_and_mark_with_the_keyboard_alone(growth, person):
    page = person(growth.url)
    tab_until(page, lambda a: a["text"] == "Start a self-assessment")
    page.keyboard.press("Enter")
    opened(page)
    assert page.evaluate(ACTIVE)["id"] == "assessment-title"
    # To the level tabs, then Level 2 with the arrow key.
    tab_until(page, lambda a: a["role"] == "tab")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(ACTIVE)["text"] == "Level 2"
    assert page.locator("#level-2").is_visible() and page.locator("#level-1").is_hidden()
    # Into the first criterion of level 2 that has marks: its first choice, then the next with the arrow.
    tab_until(page, lambda a: a["tag"] == "input" and a["id"] == "" and page.evaluate(
        "document.activeElement.closest('#level-2') !== null"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert chosen(page, "Explains decisions to the team.") == "Sometimes"
    assert page.url.split("#")[1].startswith("a=")  # the tabs leave the assessment's link alone
    # The gap to level 2 lists it with its mark; the target is chosen by keyboard too.
    page.locator("#assessment-target").focus()
    page.keyboard.press("ArrowDown")  # from Level 1 (the next one) to 1B, then 2
    page.keyboard.press("ArrowDown")
    assert text_of(page, "#assessment-gap-title") == "What is missing for Level 2"
    assert "Level 2 · Sometimes" in text_of(page, ".assessment__gap")
    # A link in the gap opens the criterion's tab and puts the focus on its mark.
    tab_until(page, lambda a: a["tag"] == "a" and a["text"] == "Asks for help when stuck.")
    page.keyboard.press("Enter")
    assert page.locator("#level-1").is_visible()
    assert page.evaluate("document.activeElement.closest('li.criterion').querySelector('p').textContent") == \
        "Asks for help when stuck."


def test_the_page_is_unchanged_for_a_reader_who_never_opens_it(growth, person):
    page = person(growth.url)
    loaded = [url for _, url, _ in page.requests]
    assert not any("assess" in url or url.endswith(".json") for url in loaded)
    assert page.locator("fieldset.assess-mark").count() == 0
    assert page.get_by_role("button", name="Start a self-assessment").is_visible()
    # Without JavaScript there is nothing to open, and nothing of it shows.
    still = person(growth.url, java_script_enabled=False)
    assert still.locator("#assessment").is_hidden()
    assert still.locator("li.criterion").first.is_visible()


def test_nothing_leaves_the_browser(growth, person, tmp_path):
    page = person(growth.url)
    start(page)
    mark(page, "Asks for help when stuck.")
    note(page, "Asks for help when stuck.", "private words")
    page.get_by_label("Whose assessment (optional)").fill("Alex")
    save_file(page, tmp_path)
    page.get_by_role("button", name="Print a one-to-one sheet").evaluate("b => { window.print = () => {}; b.click(); }")
    page.wait_for_function("location.hash.startsWith('#a=')")
    assert {method for method, _, _ in page.requests} == {"GET"}
    assert all(body is None for _, _, body in page.requests)
    fetched = {url.split("?")[0].rsplit("/", 1)[-1] for _, url, _ in page.requests}
    words = "ladder-assessment-words.en.json"
    assert fetched <= {"", "favicon.ico", "ladder.css", "ladder.js", "assess.js", "assess.css", "growth.json", words}
    assert {"assess.js", "assess.css", "growth.json", words} <= fetched
    assert not any("private" in url or "Alex" in url or "#" in url for _, url, _ in page.requests)
    assert "Nothing is sent anywhere" in text_of(page, ".assessment__privacy")


def test_a_link_does_not_silently_replace_the_assessment_kept_in_the_browser(growth, person):
    mine = person(growth.url)
    start(mine)
    saving(mine, lambda: mark(mine, "Finishes tasks on time."))
    theirs = person(growth.url)
    start(theirs)
    mark(theirs, "Asks for help when stuck.")
    theirs.wait_for_function("location.hash.startsWith('#a=')")
    # The other person's link arrives in the first person's browser: it shows,
    # and theirs is set aside, to compare with or to bring back.
    page = visit(mine.context, theirs.url)
    opened(page)
    assert chosen(page, "Asks for help when stuck.") == "Consistently"
    assert "The one kept in this browser is set aside." in page.locator(".assessment__status").first.inner_text()
    page.get_by_role("button", name="Compare with the one kept in this browser").click()
    assert table(page)["Delivery"] == ["Not yet at the first level", "Level 1"]
    page.get_by_role("button", name="Undo").click()
    page.get_by_role("button", name="Bring back the one kept in this browser").click()
    assert chosen(page, "Asks for help when stuck.") == ""
    assert table(page)["Delivery"] == ["Level 1"]


def test_a_link_that_inflates_to_50_mb_is_refused_as_too_large(growth, person):
    """A link holds its assessment deflated: 50 KB of a link can inflate to
    50 MB (or, at a browser's longest address, gigabytes). Inflating stops past
    2 MB, the limit of a file opened from disk, and says so."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate, as the page's links are
    bomb = packer.compress(b"{" + b" " * 50_000_000 + b"}") + packer.flush()
    fragment = base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(fragment) < 100_000
    page = visit(person(growth.url).context, growth.url + "#a=z" + fragment)
    opened(page)
    status = page.locator(".assessment__status--error")
    status.wait_for()
    assert status.inner_text() == "The assessment in this link could not be read: it is larger than 2 MB."
    assert not page.script_errors
