"""Layout: screenshots of every page kind on a phone and a laptop (saved in
tests/screenshots/ to look at), no sideways scrolling, and nothing hidden under
the bars that stay at the top of the window."""

import pytest

from .support import SCREENSHOTS

PHONE = (390, 844)
LAPTOP = (1366, 768)


def screenshot_name(site, kind, width) -> str:
    prefix = "" if site.name == "content" else f"{site.name}-"
    return f"{prefix}{kind}-{width}.png"


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_screenshot_and_no_horizontal_scroll(page_case, size, open_page):
    site, kind = page_case
    width, height = size
    page = open_page(site.url(kind), width=width, height=height)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / screenshot_name(site, kind, width)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate("""(width) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.parentElement.closest('[class*=scroll], .level-tabs ul, table'))
            .slice(0, 10).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
                                    + ' right=' + Math.round(e.getBoundingClientRect().right))""", width)
        pytest.fail(f"{site.name} {kind} scrolls sideways at {width} px: scrollWidth {scroll_width}; "
                    f"too wide: {wide}", pytrace=False)


def test_every_development_gap_fits_a_phone(sites, open_page):
    """Its four columns fit without scrolling sideways, so "Change" is in view."""
    site = sites["content"]
    page = open_page("about:blank", width=PHONE[0], height=PHONE[1])
    too_wide = []
    for output in site.every["path"]:
        page.goto(site.base + output)
        widths = page.evaluate("""() => { const table = document.querySelector('.gap-table');
            const box = table && table.closest('.table-scroll');
            return box ? [box.scrollWidth, box.clientWidth] : [0, 0]; }""")
        if widths[0] > widths[1]:
            too_wide.append(f"{output}: {widths[0]} px in a {widths[1]} px box")
    assert too_wide == []


@pytest.mark.parametrize("size", [PHONE, (768, 1024), LAPTOP], ids=["phone", "tablet", "laptop"])
@pytest.mark.parametrize("level", [0, -1], ids=["first-level", "last-level"])
def test_a_linked_criterion_is_not_hidden_under_sticky_bars(size, level, sites, open_page):
    site = sites["content"]
    page = open_page(site.url("progression"), width=size[0], height=size[1])
    target = page.evaluate("""(level) => {
        const panels = [...document.querySelectorAll('.level-panel')];
        const items = panels.at(level).querySelectorAll('.criterion[id], .sublevel[id]');
        return items[Math.floor(items.length / 2)].id; }""", level)
    page.goto(f"{site.url('progression')}#{target}")
    page.wait_for_function("(id) => document.getElementById(id).checkVisibility()", arg=target)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", target)
    bars = page.evaluate("""() => [...document.querySelectorAll('.site-header, .level-tabs')].filter(e => {
        const style = getComputedStyle(e);  // stuck: sitting at its sticky offset
        return style.position === 'sticky' && Math.abs(e.getBoundingClientRect().top - parseFloat(style.top)) < 1;
      }).map(e => e.getBoundingClientRect().bottom)""")
    covered = max(bars, default=0)
    assert top >= covered - 1, f"#{target} starts at {top:.0f} px, under sticky bars that end at {covered:.0f} px"


AFTER_THE_LEVELS = """() => { const panels = document.querySelectorAll('.level-panel'), last = panels[panels.length - 1];
    return last.nextElementSibling || last.parentElement.nextElementSibling; }"""


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_level_tabs_stay_in_view_only_while_the_levels_do(size, sites, open_page):
    """Past the last level, the sections that follow are not covered by the tabs."""
    page = open_page(sites["content"].url_of_one_with("progression", 'id="about"'), width=size[0], height=size[1])
    page.evaluate(f"""() => {{ const after = ({AFTER_THE_LEVELS})();
        window.scrollTo(0, after.getBoundingClientRect().top + scrollY + 100); }}""")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    overlap = page.evaluate(f"""() => {{
        const tabs = document.querySelector('.level-tabs').getBoundingClientRect();
        const after = ({AFTER_THE_LEVELS})().getBoundingClientRect();
        return Math.max(0, Math.min(tabs.bottom, after.bottom) - Math.max(tabs.top, after.top));
      }}""")
    assert overlap == 0, f"the level tabs cover {overlap:.0f} px of what follows the levels"
