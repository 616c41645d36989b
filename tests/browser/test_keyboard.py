"""Keyboard: every control is reachable with Tab, shows a focus ring, and works.

`test_every_control_is_reachable_with_a_focus_ring` walks the whole Tab order
of every page kind, so a new control anywhere (a button, a form field) is
covered without a new test; the tests after it check what each control does.
"""

import pytest

from .support import ACTIVE, FOCUS_RING, cases, kinds, tab_until

# Every kind once: the project's content, plus kinds only the corpus has (markdown pages).
EVERY_KIND_ONCE = [c for c in cases() if c.id.startswith("content-")
                   or c.values[0][1] not in kinds("content")]

# Everything a keyboard user can reach: visible, enabled, not taken out of the
# Tab order. Criterion permalinks (`.anchor`) are not in the pages: the script
# adds one beside the criterion under the pointer, so they are not Tab stops.
MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(selector)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]')
    && el.checkVisibility({visibilityProperty: true, opacityProperty: false}));
  controls.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  window.__stops = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    window.__stops.push({key: el.getAttribute('data-kb') || '', ring: (%s)(el),
                         what: el.tagName.toLowerCase() + ' ' + (el.textContent || el.name || '').trim().slice(0, 40)});
  });
  return controls.map(el => el.tagName.toLowerCase() + ' ' + (el.textContent || el.name || '').trim().slice(0, 40));
}""" % FOCUS_RING


@pytest.mark.parametrize("page_case", EVERY_KIND_ONCE, indirect=True)
def test_every_control_is_reachable_with_a_focus_ring(page_case, open_page):
    site, kind = page_case
    page = open_page(site.url(kind))
    controls = page.evaluate(MARK_CONTROLS)
    for _ in range(len(controls) + 2):
        page.keyboard.press("Tab")
    stops = page.evaluate("window.__stops")
    keys = [s["key"] for s in stops]
    first_lap = stops[: keys.index(keys[0], 1)] if keys.count(keys[0]) > 1 else stops
    reached = {s["key"] for s in first_lap}
    unreached = [what for i, what in enumerate(controls) if str(i) not in reached]
    assert not unreached, f"{kind}: not reachable with Tab: {unreached[:10]}"
    unmarked = [s["what"] for s in first_lap if not s["key"]]
    assert not unmarked, f"{kind}: Tab stops on something that is not a visible control: {unmarked[:10]}"
    no_ring = [s["what"] for s in first_lap if not s["ring"]]
    assert not no_ring, f"{kind}: no visible focus ring on: {no_ring[:10]}"


@pytest.mark.parametrize("page_case", cases(), indirect=True)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page_case, open_page):
    site, kind = page_case
    page = open_page(site.url(kind))
    page.keyboard.press("Tab")
    assert "skip-link" in page.evaluate(ACTIVE)["cls"]
    assert page.evaluate(FOCUS_RING)
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_header_navigation_and_search_are_reachable(sites, open_page):
    page = open_page(sites["content"].url("progression"))
    links = page.evaluate("[...document.querySelectorAll('.site-header a')].map(a => a.textContent.trim())")
    assert len(links) >= 3
    stops = tab_until(page, lambda a: a["tag"] == "button" and "search" in a["cls"], limit=20)
    reached = [s["text"] for s in stops]
    for text in links:
        assert text in reached, f"header link {text!r} not reached by Tab; stops: {reached}"
    assert any(s["id"] == "search-input" for s in stops)


def test_level_tabs_work_with_arrow_keys(sites, open_page):
    page = open_page(sites["content"].url("progression"))
    tab_until(page, lambda a: a["role"] == "tab")
    tabs = page.locator("[role=tab]")
    count = tabs.count()
    assert count >= 2
    assert page.evaluate("document.activeElement.getAttribute('aria-selected')") == "true"
    assert page.evaluate(FOCUS_RING), "the focused tab has no visible focus ring"

    def shown():
        selected = page.evaluate("document.activeElement.getAttribute('aria-controls')")
        panels = page.evaluate("""() => [...document.querySelectorAll('[role=tabpanel]')]
            .map(p => [p.id, p.checkVisibility()])""")
        assert [pid for pid, visible in panels if visible] == [selected]
        assert page.evaluate("document.activeElement.getAttribute('aria-selected')") == "true"
        assert page.evaluate(FOCUS_RING)
        return selected

    first = shown()
    page.keyboard.press("ArrowRight")
    second = shown()
    assert second != first
    page.keyboard.press("ArrowLeft")
    assert shown() == first
    page.keyboard.press("End")
    assert shown() == page.evaluate("[...document.querySelectorAll('[role=tab]')].pop().getAttribute('aria-controls')")
    page.keyboard.press("Home")
    assert shown() == first


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
@pytest.mark.parametrize("source, details", [("content", "about-source__notes"), ("monzo", "examples")])
def test_details_open_and_close_with_the_keyboard(source, details, key, sites, open_page):
    if source not in sites:
        pytest.skip(f"{source} is not here")
    site = sites[source]
    page = open_page(site.url_of_one_with("progression", f'<details class="{details}"'))
    # Start Tab from the element before the summary (its criterion, in its level tab).
    start = page.evaluate("(cls) => document.querySelector('details.' + cls).parentElement.closest('[id]').id", details)
    page.goto(page.url.split("#")[0] + "#" + start)
    tab_until(page, lambda a: a["tag"] == "summary")
    assert page.evaluate(FOCUS_RING), "the focused summary has no visible focus ring"
    is_open = "document.activeElement.parentElement.open"
    assert page.evaluate(is_open) is False
    page.keyboard.press(key)
    assert page.evaluate(is_open) is True
    assert page.evaluate("document.activeElement.nextElementSibling.checkVisibility()")
    page.keyboard.press(key)
    assert page.evaluate(is_open) is False


def test_level_comparison_selects_work_with_the_keyboard(sites, open_page):
    site = sites["content"]
    most_levels = max(site.every["level-compare"], key=lambda p: (site.root / p).read_text().count("<option"))
    page = open_page(site.base + most_levels)

    def visible_levels():
        return page.evaluate("""() => [...new Set([...document.querySelectorAll('.level-table [data-level]')]
            .filter(c => c.checkVisibility()).map(c => c.getAttribute('data-level')))]""")

    levels = page.evaluate("[...document.querySelectorAll('select[name=b] option')].map(o => o.value)")
    assert len(levels) >= 3, "the comparison needs three levels to show that others hide"
    tab_until(page, lambda a: a["tag"] == "select")
    assert page.evaluate("document.activeElement.name") == "a"
    assert page.evaluate(FOCUS_RING)
    assert sorted(visible_levels()) == sorted({page.input_value("select[name=a]"), page.input_value("select[name=b]")})
    page.keyboard.press("ArrowDown")
    a = page.input_value("select[name=a]")
    assert a == levels[1]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "b"
    assert page.evaluate(FOCUS_RING)
    page.keyboard.press("ArrowDown")
    b = page.input_value("select[name=b]")
    assert b == levels[2]
    assert sorted(visible_levels()) == sorted({a, b})
    assert f"a={a}" in page.url and f"b={b}" in page.url


def test_search_results_are_reachable_with_the_keyboard(sites, open_page):
    page = open_page(sites["content"].url("home"))
    tab_until(page, lambda a: a["id"] == "search-input", limit=10)
    assert page.evaluate(FOCUS_RING)
    page.keyboard.type("feedback")
    page.wait_for_selector(".search__result", timeout=10_000)
    page.keyboard.press("Escape")
    assert page.locator(".search__results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("Control+A")
    page.keyboard.type("feedback")  # search again
    page.wait_for_selector(".search__result", timeout=10_000)
    page.keyboard.press("ArrowDown")
    assert "search__result" in page.evaluate(ACTIVE)["cls"]
    assert page.evaluate(FOCUS_RING), "the focused search result has no visible focus ring"
    target = page.evaluate("document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


@pytest.mark.parametrize("width", [390, 1366])
def test_a_focused_level_tab_shows_its_whole_focus_ring(width, sites, open_page):
    """The tab list scrolls sideways, and a scrolling box clips what overflows
    it: the ring around a focused tab must fit inside the list."""
    page = open_page(sites["content"].url("progression"), width=width, height=800)
    tab_until(page, lambda a: a["role"] == "tab")
    ring, box = page.evaluate("""() => {
        const tab = document.activeElement, style = getComputedStyle(tab);
        const out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        const r = tab.getBoundingClientRect(), list = tab.closest('ul').getBoundingClientRect();
        return [[r.left - out, r.top - out, r.right + out, r.bottom + out],
                [list.left, list.top, list.right, list.bottom]];
      }""")
    assert ring[0] >= box[0] - 0.5 and ring[1] >= box[1] - 0.5 and ring[2] <= box[2] + 0.5 and ring[3] <= box[3] + 0.5, \
        f"the focus ring {ring} is clipped by the tab list {box}"
