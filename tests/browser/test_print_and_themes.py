"""Dark mode follows the system; print hides navigation, shows every level,
and puts the role matrix on A4 landscape; the matrix keeps its headers in view."""

import re

import pytest

A4 = (595.0, 842.0)  # points, portrait


def test_dark_mode_follows_the_system(sites, open_page):
    """On one page of every kind, the body's background and text colours
    change with the system's colour scheme."""
    site = sites["content"]
    page = open_page("about:blank")
    same = []
    for kind, output in site.pages.items():
        page.goto(site.base + output)
        colours = {}
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            colours[scheme] = page.evaluate("[getComputedStyle(document.body).backgroundColor, "
                                            "getComputedStyle(document.body).color]")
        if colours["light"][0] == colours["dark"][0] or colours["light"][1] == colours["dark"][1]:
            same.append(f"{kind}: {colours}")
    assert same == []


def test_print_hides_navigation_and_shows_every_level(sites, open_page):
    page = open_page(sites["content"].url("progression"))
    panels = "[...document.querySelectorAll('.level-panel')].map(p => p.checkVisibility())"
    assert page.evaluate(panels).count(True) == 1, "on screen, one level tab at a time"
    page.emulate_media(media="print")
    for selector in (".site-header", ".sidebar", ".level-tabs", ".skip-link", ".site-footer"):
        displays = page.evaluate(f"[...document.querySelectorAll('{selector}')].map(e => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}, f"{selector} is printed: {displays}"
    shown = page.evaluate(panels)
    assert len(shown) >= 2 and all(shown), "every level panel is printed"


def test_print_shows_what_closed_details_hide(sites, open_page):
    page = open_page(sites["content"].url_of_one_with("progression", "<details"))
    hidden = "[...document.querySelectorAll('details:not([open]) > :not(summary)')].map(e => e.checkVisibility())"
    assert page.evaluate(hidden) and not any(page.evaluate(hidden))
    page.emulate_media(media="print")
    assert all(page.evaluate(hidden)), "closed <details> are printed closed"


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every page's MediaBox, in points."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def test_role_matrix_prints_on_a4_landscape(sites, open_page):
    page = open_page(sites["content"].url("role-matrix"))
    sizes = page_sizes(page.pdf(prefer_css_page_size=True))
    assert sizes, "no page in the PDF"
    for width, height in sizes:
        assert width > height, f"portrait page {width}×{height}"
        assert (round(height), round(width)) == (round(A4[0]), round(A4[1])), f"not A4: {width}×{height}"


def test_role_matrix_fits_the_width_of_the_printed_page(sites, open_page):
    # A4 landscape is 297 mm wide, less 2 × 10 mm margins: 277 mm at 96 px per inch.
    width = round(277 / 25.4 * 96)
    page = open_page(sites["content"].url("role-matrix"), width=width, height=700)
    page.emulate_media(media="print")
    right = page.evaluate("document.querySelector('.matrix').getBoundingClientRect().right")
    assert right <= width, f"the printed matrix is {right:.0f} px wide; the page has {width} px"


def test_other_pages_print_portrait(sites, open_page):
    page = open_page(sites["content"].url("progression"))
    sizes = page_sizes(page.pdf(prefer_css_page_size=True))
    assert sizes and all(width < height for width, height in sizes)


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_role_matrix_headers_stay_in_view_while_scrolling(size, sites, open_page):
    page = open_page(sites["content"].url("role-matrix"), width=size[0], height=size[1])
    page.select_option("select[name=a]", "")  # every role: on a phone, wider than the screen
    scroller = page.locator(".matrix-scroll")
    scroller.scroll_into_view_if_needed()
    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight / 2; }")
    state = scroller.evaluate("""(el) => {
      const box = el.getBoundingClientRect();
      const view = {left: box.left + el.clientLeft, top: box.top + el.clientTop};
      view.right = view.left + el.clientWidth; view.bottom = view.top + el.clientHeight;
      const inside = (r) => r.left >= view.left - 1 && r.right <= view.right + 1
                           && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
      const corner = el.querySelector('thead th').getBoundingClientRect();
      const lastRole = [...el.querySelectorAll('thead th')].pop().getBoundingClientRect();
      const headerBottom = corner.bottom;
      // a row below the header row, in the visible part of the container
      const row = [...el.querySelectorAll('tbody tr')].find(tr => {
        const r = tr.getBoundingClientRect(); return r.top >= headerBottom && r.bottom <= view.bottom; });
      const rowHeader = row.querySelector('th').getBoundingClientRect();
      return {scrolledLeft: el.scrollLeft, scrolledTop: el.scrollTop, fits: el.scrollWidth <= el.clientWidth,
              corner: inside(corner), lastRole: inside(lastRole), rowHeader: inside(rowHeader),
              headerAtTop: Math.abs(corner.top - view.top) <= 1, rowHeaderAtLeft: Math.abs(rowHeader.left - view.left) <= 1};
    }""")
    # Scrolled, yet the corner sits at the container's top left and a row's
    # header at its left edge: without `position: sticky` they would have moved.
    # (On a laptop every role fits across, so the matrix scrolls only down.)
    assert (state["scrolledLeft"] > 0 or state["fits"] and size[0] > 1000) and state["scrolledTop"] > 0, \
        f"the matrix did not scroll in the container: {state}"
    assert state["corner"] and state["lastRole"] and state["headerAtTop"], f"the role header row scrolled away: {state}"
    assert state["rowHeader"] and state["rowHeaderAtLeft"], f"the competency column scrolled away: {state}"


A4_PRINTABLE = (718, 1047)  # A4 less 1 cm margins, in CSS pixels: what one printed page holds
# Made for the screen only: navigation between pages and levels, and the controls that choose what is shown.
SCREEN_ONLY = ".level-tabs, .level-steps, .compare-links, .framework-links, .topic-summary__levels, " \
              "main select, main input, main button"


@pytest.mark.parametrize("kind", ["progression", "level", "level-compare", "role-matrix", "standard", "unit"])
def test_print_leaves_no_page_mostly_blank_and_no_screen_controls(kind, sites, open_page):
    """A page break the stylesheet forces leaves the page before it at least
    half full; buttons, tabs and drop-downs are not printed."""
    site = sites["content"]
    page = open_page("about:blank", *A4_PRINTABLE)
    for output in site.every[kind][:3]:
        page.goto(site.base + output)
        page.emulate_media(media="print")
        gaps = page.evaluate("""(pageHeight) => {
            let previous = document.querySelector('main').getBoundingClientRect().top, found = [];
            for (const el of document.querySelectorAll('main *')) {
              const style = getComputedStyle(el);
              if (style.breakBefore !== 'page' || !el.checkVisibility()) continue;
              const top = el.getBoundingClientRect().top, filled = (top - previous) % pageHeight;
              if (top > previous && filled < pageHeight / 2) found.push([el.className, Math.round(filled)]);
              previous = top;
            }
            return found;
          }""", A4_PRINTABLE[1])
        assert gaps == [], f"{output}: a forced page break leaves the page before it mostly blank: {gaps}"
        printed = page.evaluate(f"[...document.querySelectorAll({SCREEN_ONLY!r})].filter(e => e.checkVisibility())"
                                ".map(e => e.tagName.toLowerCase() + '.' + e.className)")
        assert printed == [], f"{output} prints screen controls: {printed}"
        page.emulate_media(media="screen")
