"""The self-assessment where criteria are shown as a level asks them: a level's
page, with what carries over from the levels below, shares one mark per
criterion with the framework's page; and on a branded site with "suggest a
change" links, the marks sit beside those links without covering them, in
light and dark, on a phone and a laptop.
"""

import pytest

from .assessing import (
    chosen,
    gap,
    growth,  # noqa: F401 - a fixture
    mark,
    opened,
    person,  # noqa: F401 - a fixture
    saving,
    start,
    text_of,
    visit,
)
from .support import NO_SIDEWAYS_SCROLL, SCREENSHOTS, tab_until
from .test_accessibility import COLOUR_RULES, RUN, RUN_RULES, TAGS, describe, failures
from .test_assessment_pages import CONTRAST, busy
from .test_branding import branded  # noqa: F401 - a fixture


def shown_mark(page, text: str) -> str:
    """The mark chosen beside the criterion (asked or carried over) whose words start with `text`."""
    item = page.locator("li[id]:has(> fieldset.assess-mark)").filter(has_text=text)
    assert item.count() == 1, text
    found = item.locator("input[type=radio]:checked")
    return found.evaluate("input => input.closest('label').textContent.trim()") if found.count() else ""


def mark_shown(page, text: str, choice: str = "Consistently") -> None:
    page.locator("li[id]:has(> fieldset.assess-mark)").filter(has_text=text).get_by_role("radio", name=choice).check()


def test_a_level_page_marks_what_it_asks_and_what_it_carries_over(growth, person):
    page = person(growth.url)
    start(page)
    mark(page, "Writes clear notes.")
    saving(page, lambda: mark(page, "Asks for help when stuck.", "Sometimes"))

    # Level 3's page, in the same browser: the assessment opens by itself.
    level = visit(page.context, growth.url + "level-3/")
    opened(level)
    # Every criterion it shows has one set of marks: the three it asks (one of
    # them said at level 2 already) and the five it carries over from below.
    assert level.locator(".criteria--carried > li").count() == 5
    assert level.locator("fieldset.assess-mark").count() == level.locator("li[id]:has(> fieldset)").count() == 8
    assert shown_mark(level, "Writes clear notes.") == "Consistently"
    assert shown_mark(level, "Asks for help when stuck.") == "Sometimes"
    # It aims at its own level, and the gap counts what carries over.
    assert text_of(level, "#assessment-gap-title") == "What is missing for Level 3"
    assert gap(level) == {
        "Communication": ["Asks for help when stuck.", "Explains decisions to the team.", "Coaches others on writing."],
        "Delivery": ["Finishes tasks on time.", "Plans their own week.", "Plans the team's sprint.",
                     "Shapes the roadmap with product managers."]}
    assert text_of(level, ".assessment__gap-summary").startswith(
        "7 criteria to go for Level 3: 2 at the target level, 5 carried over from earlier levels")

    # A criterion carried over, and one said again at level 3, marked here…
    mark_shown(level, "Finishes tasks on time.")
    saving(level, lambda: mark_shown(level, "Explains decisions to the team."))
    assert "3 of 8 criteria marked consistently, 1 sometimes" in text_of(level, ".assessment__summary")
    # …are the same criteria on the framework's page: one mark each, not two.
    page.goto(growth.url)  # as kept in the browser (its own address holds the marks it had before)
    opened(page)
    assert chosen(page, "Finishes tasks on time.") == "Consistently"
    for panel in ("#level-2", "#level-3"):
        said = page.locator(f"{panel} li.criterion").filter(has_text="Explains decisions to the team.")
        assert said.locator("input:checked").evaluate("input => input.value") == "consistently", panel
    assert "3 of 8 criteria marked consistently, 1 sometimes" in text_of(page, ".assessment__summary")
    # The topic links of the gap lead to the topic's place on the level's page.
    level.reload()
    opened(level)
    level.locator(".assessment__gap h4 a", has_text="Delivery").click()
    assert level.evaluate("document.activeElement.closest('section.topic').querySelector('h2').textContent") \
        == "Delivery"
    assert level.evaluate("location.hash").startswith("#a=")  # the address keeps the assessment


def test_a_chosen_target_is_kept_from_page_to_page(growth, person):
    page = person(growth.url + "level-2/")
    start(page)
    assert text_of(page, "#assessment-gap-title") == "What is missing for Level 2"
    page.get_by_label("Target level").select_option(label="Level 3")
    saving(page, lambda: mark(page, "Plans the team's sprint."))  # an assessment with no mark yet is kept nowhere
    framework = visit(page.context, growth.url)
    opened(framework)
    assert text_of(framework, "#assessment-gap-title") == "What is missing for Level 3"


LEVEL_2 = "customer-operations/level-2/"


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_sit_beside_suggest_a_change_on_a_branded_site(branded, person, axe_script, width, scheme):
    base, _, _ = branded
    page = person(base + LEVEL_2, width=width, height=844, color_scheme=scheme)
    start(page)
    busy(page)
    page.screenshot(path=str(SCREENSHOTS / f"assessment-branded-level-{width}-{scheme}.png"), full_page=True)
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []
    # Each criterion's "suggest a change" link is whole and clear of its marks.
    overlaps = page.evaluate("""() => [...document.querySelectorAll('li.criterion:has(> fieldset.assess-mark)')]
      .filter(li => {
        const link = li.querySelector('a.suggest').getBoundingClientRect();
        return [...li.querySelectorAll('fieldset.assess-mark label, fieldset.assess-mark summary')].some(c => {
          const r = c.getBoundingClientRect();
          return r.left < link.right && link.left < r.right && r.top < link.bottom && link.top < r.bottom;
        });
      }).map(li => li.id)""")
    assert overlaps == []
    # The brand's colours keep the bars and the chosen marks readable.
    for bar in ("rect.assess-chart__bar:not(.assess-chart__bar--other)", "rect.assess-chart__bar--other"):
        assert page.evaluate(CONTRAST, bar) >= 3, bar
    page.add_script_tag(path=str(axe_script))
    found = failures(page.evaluate(RUN, TAGS) if scheme == "light" else page.evaluate(RUN_RULES, COLOUR_RULES))
    assert not found, describe(found)


def test_by_keyboard_the_suggestion_comes_before_the_marks_of_its_criterion(branded, person):
    base, _, _ = branded
    page = person(base + LEVEL_2, width=390)
    start(page)
    stops = tab_until(page, lambda a: "suggest" in a["cls"])
    first = page.evaluate("document.activeElement.closest('li.criterion').id")
    stops = tab_until(page, lambda a: a["tag"] == "input")
    assert page.evaluate("document.activeElement.closest('li.criterion').id") == first
    assert page.evaluate("document.activeElement.value") == "not-yet"
    assert len(stops) <= 2  # at most the criterion's own permalink in between
