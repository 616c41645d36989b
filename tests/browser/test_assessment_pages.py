"""The self-assessment on the site's own pages: a named scale and a role's
targets, letter grades in Spanish, a standard and a unit; with it open, no
axe violation and no Nu checker error, light and dark; a phone's width without
sideways scrolling; the one-to-one sheet in print; bars that read in dark mode.
"""

import pytest

from .assessing import (
    chosen,
    gap,
    mark,
    note,
    opened,
    person,  # noqa: F401 - a fixture
    saving,
    start,
    table,
    text_of,
    visit,
)
from .support import SCREENSHOTS
from .test_accessibility import COLOUR_RULES, RUN, RUN_RULES, TAGS, describe, failures
from .test_html_validity import check

CUSTOMER_OPERATIONS = "customer-operations/"
E_SKILLS = "e-skills/contact-centre-framework/"
ADVISOR = E_SKILLS + "roles/customer-service-advisor/"
MASMOVIL = "masmovil/customer-service/"
NOS = "nos/manage-team-performance/"
OCR = "ocr/personal-organisational-effectiveness/"
ETHOS_1 = ["Understands customer needs", "Interacts with customer in a helpful and sensitive manner",
           "Focuses on addressing customer query"]


@pytest.fixture(scope="module")
def site(sites):
    return sites["content"]


SPANISH = {"Start a self-assessment": "Empezar una autoevaluación",
           "Keep a copy of this one to compare": "Guardar una copia de esta para comparar"}


def busy(page):
    """An assessment with something of everything: marks, a note, a name, a comparison."""
    words = SPANISH if page.evaluate("document.documentElement.lang") == "es" else {}
    page.locator("details.examples:has(fieldset.assess-mark)").evaluate_all("all => all.forEach(d => d.open = true)")
    marks = page.locator("fieldset.assess-mark:visible")
    for i in range(min(marks.count(), 6)):
        marks.nth(i).get_by_role("radio").nth(2 if i % 2 else 1).check()
    page.locator("fieldset.assess-mark:visible summary").first.click()
    page.locator("fieldset.assess-mark:visible textarea").first.fill("An example from the March release.")
    page.locator("#assessment-name").fill("Alex Example-Longname")
    page.get_by_role("button", name=words.get(*["Keep a copy of this one to compare"] * 2)).click()
    page.locator("fieldset.assess-mark:visible").first.get_by_role("radio").nth(2).check()


def test_a_named_scale_and_a_role_s_targets(site, person):
    page = person(site.base + E_SKILLS)
    start(page)
    for text in ETHOS_1:
        mark(page, text)
    assert table(page) == {"1.1 Customer service ethos": ["Level 1 · Learning"]}
    assert text_of(page, "#assessment-gap-title") == "What is missing for Level 2 · Performing"
    saving(page, lambda: mark(page, ETHOS_1[2], "Sometimes"))
    # The role page aims at the role's own targets, and keeps the same marks.
    role = visit(page.context, site.base + ADVISOR)
    opened(role)
    assert role.get_by_label("Target level", exact=True).evaluate("s => s.selectedOptions[0].text") == "this role’s target levels"
    assert text_of(role, "#assessment-gap-title") == "What is missing for this role’s target levels"
    assert list(gap(role)) == ["1.1 Customer service ethos"]
    assert ETHOS_1[2] in gap(role)["1.1 Customer service ethos"]
    assert "competencies this role needs have no criteria to mark" in text_of(role, ".assessment__gap-summary")
    assert chosen(role, "Takes ownership of customer enquiries and problems") == ""
    # Its gap links criteria the role page does not show (level 1's) to the framework's page.
    pages = role.locator(".assessment__gap li > a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.replace(/index\\.html$/, ''))")
    assert set(pages) == {"/" + ADVISOR, "/" + E_SKILLS}


def test_letter_grades_in_spanish(site, person):
    page = person(site.base + MASMOVIL)
    start(page, "Empezar una autoevaluación")
    assert text_of(page, "#assessment-standing-title") == "Dónde está"
    first = page.locator("fieldset.assess-mark:visible").first
    assert first.locator("label").all_inner_texts() == ["Todavía no", "A veces", "Con constancia"]
    marks = page.locator("fieldset.assess-mark:visible")
    for i in range(marks.count()):  # every criterion of grade G, the first tab
        marks.nth(i).get_by_role("radio", name="Con constancia").check()
    levels = table(page)
    # A topic that asks nothing until a later grade has reached the grades before it.
    assert levels["Conocimiento de productos / servicios"] == ["Nivel G"]
    assert levels["Responsabilidad"] == ["Nivel D"]  # it asks at G, then C
    assert levels["Lidera e influye"] == ["Nivel C"]  # it asks only at B
    assert text_of(page, ".assessment__summary").startswith("En todo el marco: Nivel G,")
    assert text_of(page, "#assessment-gap-title") == "Qué falta para Nivel F"
    assert page.get_by_role("button", name="Guardar como archivo").is_visible()


@pytest.mark.parametrize("path, groups", [(NOS, 4), (OCR, 2)], ids=["standard", "unit"])
def test_a_standard_and_a_unit_count_what_is_met(site, person, path, groups):
    page = person(site.base + path)
    start(page)
    first = page.locator("section.topic").first
    for fieldset in first.locator("fieldset.assess-mark").all():
        fieldset.get_by_role("radio", name="Consistently").check()
    assert text_of(page, ".assessment__summary").startswith(f"1 of {groups} groups met.")
    assert page.get_by_label("Target level", exact=True).count() == 0
    assert text_of(page, "#assessment-gap-title") == "What is missing"
    assert first.locator("h3").inner_text() not in gap(page)


@pytest.mark.parametrize("path", [CUSTOMER_OPERATIONS, CUSTOMER_OPERATIONS + "level-2/", ADVISOR, MASMOVIL, NOS, OCR],
                         ids=["progression", "level", "role", "spanish", "standard", "unit"])
def test_no_axe_violations_with_the_assessment_open(site, person, axe_script, path):
    page = person(site.base + path)
    start(page, SPANISH["Start a self-assessment"] if path == MASMOVIL else "Start a self-assessment")
    busy(page)
    page.add_script_tag(path=str(axe_script))
    found = {"light": failures(page.evaluate(RUN, TAGS))}
    page.emulate_media(color_scheme="dark")
    found["dark"] = failures(page.evaluate(RUN_RULES, COLOUR_RULES))
    problems = {scheme: describe(v) for scheme, v in found.items() if v}
    assert not problems, problems


def test_no_nu_errors_with_the_assessment_open(site, person, tmp_path):
    for path in (CUSTOMER_OPERATIONS, CUSTOMER_OPERATIONS + "level-2/", ADVISOR, MASMOVIL, NOS):
        page = person(site.base + path)
        start(page, SPANISH["Start a self-assessment"] if path == MASMOVIL else "Start a self-assessment")
        busy(page)
        html = "<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML")
        (tmp_path / (path.strip("/").replace("/", "-") + ".html")).write_text(html, encoding="utf-8")
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m['message']}"
              for m in check(tmp_path) if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_and_a_laptop_without_sideways_scrolling(site, person, width, scheme):
    page = person(site.base + CUSTOMER_OPERATIONS, width=width, height=844, color_scheme=scheme)
    start(page)
    busy(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"assessment-{width}-{scheme}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    chart = page.locator("svg.assess-chart")
    assert chart.bounding_box()["width"] <= page.locator(".assessment").bounding_box()["width"] + 1


def test_the_one_to_one_sheet_prints_the_assessment_alone(site, person):
    page = person(site.base + CUSTOMER_OPERATIONS)
    start(page)
    busy(page)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print a one-to-one sheet").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    for shown in ("#assessment-title", "#assessment-standing-title", ".assess-chart", "#assessment-gap-title",
                  ".assessment__notes"):
        assert page.locator(shown).is_visible(), shown
    assert "An example from the March release." in page.locator(".assessment__notes").inner_text()
    for hidden in (".level-panel", ".site-header", "#topics", ".assessment__tools", "#assessment-target"):
        assert page.locator(hidden).first.is_hidden(), hidden
    page.screenshot(path=str(SCREENSHOTS / "assessment-sheet-print.png"), full_page=True)
    # After printing, the page prints whole again, each criterion with its mark only.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".level-panel").first.is_visible()
    marked = page.locator("fieldset.assess-mark").first
    assert marked.locator("label:visible").all_inner_texts() == ["Consistently"]


CONTRAST = """(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bar = getComputedStyle(document.querySelector(selector));
  const ground = getComputedStyle(document.body).backgroundColor;
  const [a, b] = [lum(rgb(bar.fill.startsWith('url') ? bar.stroke : bar.fill)), lum(rgb(ground))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bars_stand_out_from_the_page(site, person, scheme):
    """WCAG's 3:1 for graphics, for both bars, in light and dark and in print."""
    page = person(site.base + CUSTOMER_OPERATIONS, color_scheme=scheme)
    start(page)
    busy(page)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        for bar in ("rect.assess-chart__bar:not(.assess-chart__bar--other)", "rect.assess-chart__bar--other"):
            assert page.evaluate(CONTRAST, bar) >= 3, (media, bar)


def test_a_note_reaches_the_sheet_and_the_link(site, person):
    page = person(site.base + CUSTOMER_OPERATIONS)
    start(page)
    text = page.locator("li.criterion:visible > p").first.inner_text()
    mark(page, text, "Sometimes")
    page.wait_for_function("location.hash.startsWith('#a=')")
    marked = page.url
    note(page, text, "Talked it through with Sam.")
    page.keyboard.press("Tab")
    assert "Talked it through with Sam." in page.locator(".assessment__notes").inner_text()
    page.wait_for_function("(marked) => location.href !== marked", arg=marked)
    again = person(page.url)
    opened(again)
    assert "Talked it through with Sam." in again.locator(".assessment__notes").inner_text()
