"""The reader's questions, answered on a phone and a laptop, on the site as
GitHub Pages publishes it (under /org-frameworks/): what a level expects, two
levels side by side, what a role needs, how frameworks line up, and where a
topic lives. Each test reads what is visible in the window, as a reader would."""

import re

import pytest

from .support import IN_VIEW, NO_SIDEWAYS_SCROLL

PHONE = (390, 844)
LAPTOP = (1366, 768)
SIZES = pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
ESKILLS = "e-skills/contact-centre-framework/"


def visible_text(page, selector="main") -> str:
    return " ".join(page.inner_text(selector).split())


@SIZES
def test_a_level_page_shows_what_carries_over_and_what_is_new(hosted, open_page, size):
    page = open_page(hosted.base + "customer-operations/level-2/", *size)
    # "All criteria from level one." asks nothing new: it is neither shown nor counted as new
    assert "All criteria from level one" not in visible_text(page)
    assert "Communication" not in visible_text(page, ".whats-new")
    # what level 1 asked of Communication is shown, marked with where it comes from
    seeks = page.locator("#level-2-communication .criteria--carried > li", has_text="Seeks out feedback.")
    assert seeks.count() == 1 and seeks.evaluate(IN_VIEW)
    assert seeks.locator("small").inner_text() == "1C"
    assert page.locator("#level-2-communication .carried__title").is_visible()
    # and what is new is marked as new
    shares = page.locator(".criterion--new", has_text="Frequently shares knowledge")
    assert shares.evaluate(IN_VIEW) and shares.locator(".badge--new").is_visible()


def test_a_level_page_in_spanish_carries_over_and_counts_in_spanish(hosted, open_page):
    page = open_page(hosted.base + "masmovil/customer-service/level-f/", *PHONE)
    carried = page.locator(".criteria--carried > li", has_text="Básicos de los productos")
    assert carried.evaluate(IN_VIEW) and carried.locator("small").inner_text() == "G"
    text = visible_text(page)
    assert "1 nuevo" in text and "1 nuevos" not in text
    assert page.inner_text(".site-title") == "Marcos profesionales"
    assert "Centros de contacto" in page.inner_text(".breadcrumbs")


@SIZES
def test_two_levels_side_by_side_fit_the_window_with_sublevels_labelled(hosted, open_page, size):
    page = open_page(hosted.base + "customer-operations/compare/?a=level-1&b=level-2", *size)
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []
    for level in ("level-1", "level-2"):  # both chosen levels of a topic can be read, neither cut off
        cell = page.locator(f"#communication td[data-level={level}]")
        assert cell.evaluate(IN_VIEW), level
    level1 = page.locator("#knowledgeandimpact td[data-level=level-1]")
    labels = level1.locator(".sublevel__badge").all_inner_texts()
    assert labels == ["1A", "1A", "1B", "1C"]
    # each level is named where a phone shows it as a card under the topic
    if size == PHONE:
        assert page.locator("#communication td[data-level=level-2] .level-table__label").is_visible()


def test_a_link_to_one_topic_shows_it_at_every_level(hosted, open_page):
    page = open_page(hosted.base + ESKILLS + "compare/#a-1-1-customer-service-ethos", *PHONE)
    cells = page.locator("#a-1-1-customer-service-ethos td[data-level]")
    assert cells.count() == 4 and all(cells.nth(i).is_visible() for i in range(4))
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []


@SIZES
def test_the_role_matrix_fits_and_two_roles_can_be_read_side_by_side(hosted, open_page, size):
    page = open_page(hosted.base + ESKILLS + "roles/", *size)
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []
    last = page.locator(".matrix thead th:visible").last
    assert last.evaluate(IN_VIEW), "the last column of the matrix is cut off"
    page.select_option("select[name=a]", "customer-service-advisor")
    page.select_option("select[name=b]", "customer-service-team-leader")
    headers = [" ".join(h.split()) for h in page.locator(".matrix thead th:visible").all_inner_texts()]
    assert headers[1:] == ["Customer Service Advisor", "Customer Service Team Leader"]
    row = page.locator("#c-1-2-scheduling")
    assert row.evaluate(IN_VIEW)
    advisor, leader = row.locator("td:visible").all_inner_texts()
    assert "Not required" in advisor and leader.strip() == "2"
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []
    assert "a=customer-service-advisor" in page.url and "b=customer-service-team-leader" in page.url


def test_on_a_phone_the_matrix_starts_as_one_role_read_as_a_list(hosted, open_page):
    page = open_page(hosted.base + ESKILLS + "roles/", *PHONE)
    assert page.locator(".matrix thead th:visible").count() == 2  # the competency and one role
    assert page.locator(".role-picker").is_visible()


@SIZES
def test_the_alignment_chart_fits_and_names_the_scale_of_every_level(hosted, open_page, size):
    page = open_page(hosted.base + "compare/", *size)
    assert page.evaluate(NO_SIDEWAYS_SCROLL) == []
    cells = page.locator(".chart__cell")
    assert cells.count() > 8
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert cell.evaluate(IN_VIEW), cell.inner_text()
        assert "*" not in cell.inner_text()  # an editorial judgement is a dashed outline, said in one legend
        owner = cell.evaluate("c => c.closest('.chart__row').querySelector('.chart__label').innerText.trim()")
        assert owner, f"{cell.inner_text()!r} has no scale named beside it"
    masmovil = page.locator(".chart__row", has_text="MásMóvil")
    assert masmovil.locator(".chart__label").count() == 1 and masmovil.locator(".chart__cell").count() == 6
    assert "effectivenessOCR" not in visible_text(page)


def test_a_pairs_chart_follows_the_order_of_its_title(hosted, open_page):
    page = open_page(hosted.base + "compare/customer-operations--e-skills-contact-centre-framework/", *LAPTOP)
    title, chart = visible_text(page, "h1"), visible_text(page, ".chart")
    names = ["Customer Operations", "e-skills UK: Contact Centre Framework"]
    assert title.index(names[0]) < title.index(names[1])
    assert chart.index(names[0]) < chart.index(names[1]), "the chart names the two the other way round"


@SIZES
def test_editorial_notes_wait_in_one_collapsed_about_the_source_section(hosted, open_page, size):
    page = open_page(hosted.base + ESKILLS, *size)
    text = visible_text(page).lower()
    assert "role targets not read" not in text and "rows not encoded" not in text
    notes = page.locator("#about-source details")
    assert notes.count() == 1 and not notes.evaluate("d => d.open")
    assert notes.locator(".about-source__unread li").count() == 42  # every fact is kept
    tabs = page.locator(".level-tabs").evaluate("t => t.getBoundingClientRect().top + scrollY")
    assert tabs < 2 * size[1], f"the levels start {tabs:.0f} px down the page"
    unit = open_page(hosted.base + "ocr/personal-organisational-effectiveness/", *size)
    assert "labels lost" not in visible_text(unit).lower()


def test_one_name_per_framework_on_its_pages(hosted, open_page):
    page = open_page("about:blank", *LAPTOP)
    for kind in ("level", "level-compare", "role-matrix", "role", "paths", "path"):
        output = next(o for o in hosted.every[kind] if o.startswith(ESKILLS))
        page.goto(hosted.base + output)
        text = visible_text(page, "body")
        assert "e-skills UK: Contact Centre Framework" in text, output
        assert "Contact Centre Career and Skills Framework" not in text, output


def natural(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"\d+|\D+", code))


@pytest.mark.parametrize("output", [ESKILLS + "roles/operations-contact-centre-manager/",
                                    ESKILLS + "paths/customer-service-advisor--operations-contact-centre-manager/"])
def test_topic_codes_are_full_sorted_and_their_marks_explained(hosted, open_page, output):
    page = open_page(hosted.base + output, *PHONE)
    listed = page.locator(".requirements, .gap-table")  # the required competencies, or those that rise
    codes = [c.strip() for c in listed.locator(".code:visible").all_inner_texts()]
    topic_codes = [c for c in codes if "." in c]
    assert topic_codes and all(re.fullmatch(r"[A-F]\d+\.\d+", c) for c in topic_codes), topic_codes
    assert topic_codes == sorted(topic_codes, key=natural)
    assert "Scheduling*" in visible_text(page)
    note = page.locator(".marks-note")
    assert note.evaluate(IN_VIEW) and "obligation for the employer" in note.inner_text()


def test_every_topic_has_a_place_that_shows_it_at_every_level(hosted, open_page):
    page = open_page(hosted.base + ESKILLS, *LAPTOP)
    summaries = page.locator(".topic-summary")
    assert summaries.count() == 62
    assert summaries.locator("a.topic-summary__title").count() == 62  # no topic is plain text
    index = open_page(hosted.base + "a-z/", *PHONE)
    with index.expect_navigation():
        index.locator(".index-list a", has_text="Campaign management").click()
    target = index.evaluate("decodeURIComponent(location.hash.slice(1))")
    row = index.locator(f"[id='{target}']")
    assert row.evaluate(IN_VIEW)
    text = " ".join(row.inner_text().split())
    assert "B1.2 Campaign management" in text and "The source gives no criteria for this topic." in text
    assert row.locator("a", has_text="Target level for each role").count() == 1


def test_a_framework_page_links_to_its_comparisons_roles_and_paths(hosted, open_page):
    page = open_page(hosted.base + ESKILLS, *PHONE)
    links = page.locator(".framework-links a")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert [h.removeprefix(hosted.base) for h in hrefs] == [
        ESKILLS + "compare/", ESKILLS + "roles/", ESKILLS + "paths/",
        "compare/#with-e-skills-contact-centre-framework"]
    with page.expect_navigation():
        links.last.click()
    group = page.locator("#with-e-skills-contact-centre-framework")
    assert group.evaluate(IN_VIEW) and group.locator(".pair-links a").count() >= 3


def test_a_tapped_criterion_leaves_no_stray_mark(hosted, open_page):
    page = open_page(hosted.base + "customer-operations/", *PHONE, has_touch=True, is_mobile=True)
    criterion = page.locator(".level-panel:not([hidden]) .criterion").nth(2)
    criterion.scroll_into_view_if_needed()
    criterion.tap()
    page.wait_for_timeout(100)
    assert not [a for a in page.locator(".anchor").all() if a.is_visible()], "a '#' was left beside the criterion"
    assert "#" not in criterion.inner_text()


@pytest.mark.parametrize("output", ["masmovil/customer-service/", ESKILLS, "customer-operations/"])
def test_the_contents_list_names_each_section_as_its_heading_does(hosted, open_page, output):
    page = open_page(hosted.base + output, *LAPTOP)
    pairs = page.evaluate("""() => [...document.querySelectorAll('.toc a')].map(a => {
        const section = document.getElementById(a.getAttribute('href').slice(1));
        const heading = section.querySelector('h2');
        return [a.innerText.trim(), heading ? heading.innerText.trim() : ''];
      })""")
    assert pairs and all(link == heading for link, heading in pairs), pairs


@SIZES
@pytest.mark.parametrize("output", ["customer-operations/", "masmovil/customer-service/"], ids=["en", "es"])
def test_the_search_box_shows_its_whole_placeholder(hosted, open_page, size, output):
    page = open_page(hosted.base + output, *size)
    room, needed = page.evaluate("""() => {
        const input = document.querySelector('#search-input'), style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.font;
        return [input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
                context.measureText(input.placeholder).width];
      }""")
    assert needed <= room, f"the placeholder needs {needed:.0f} px and has {room:.0f}"


def test_numbered_criteria_wrap_under_their_text_and_knowledge_items_are_numbered(hosted, open_page):
    page = open_page(hosted.base + "nos/manage-team-performance/", *PHONE)
    lines = page.evaluate("""() => [...document.querySelectorAll('.criteria--numbered > .criterion')].map(li => {
        const number = li.querySelector('.criterion__number');
        const text = number.nextSibling;  // the criterion's words, after its number
        const range = document.createRange();
        range.selectNodeContents(li.querySelector('.criterion__text'));
        range.setStartAfter(number);
        const rects = [...range.getClientRects()].filter(r => r.width > 1);
        return [number.innerText.trim(), rects.map(r => Math.round(r.left))];
      })""")
    wrapped = [(number, lefts) for number, lefts in lines if len(set(lefts)) > 0 and len(lefts) > 1]
    assert wrapped, "no criterion wraps at this width"
    for number, lefts in wrapped:
        assert max(lefts) - min(lefts) <= 1, f"criterion {number}: its lines start at {lefts}"
    numbers = [number for number, _ in lines]
    assert [n for n in numbers if n.startswith("K")] == [f"K{n}" for n in range(1, 21)]
