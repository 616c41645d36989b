"""axe-core finds no WCAG 2.1 A/AA violation on any page kind, light or dark."""

import pytest

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RUN = "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})"
RUN_RULES = "(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations', 'incomplete']})"


@pytest.fixture(scope="module")
def axe_results(contexts, axe_script):
    """run(url) → {scheme: axe results}; each page is loaded once for both schemes."""
    cache = {}

    def run(url):
        if url not in cache:
            page = contexts().new_page()
            page.goto(url, wait_until="load")
            page.add_script_tag(path=str(axe_script))
            cache[url] = {"light": page.evaluate(RUN, TAGS)}
            # Only colours change in dark mode: run the rules that read them.
            page.emulate_media(color_scheme="dark")
            cache[url]["dark"] = page.evaluate(RUN_RULES, COLOUR_RULES)
            page.close()
        return cache[url]

    return run


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for node in v["nodes"][:10]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            data = next((c["data"] for c in node["any"] if isinstance(c.get("data"), dict)
                         and c["data"].get("contrastRatio")), None)
            detail = (f"contrast {data['contrastRatio']}:1 ({data['fgColor']} on {data['bgColor']})" if data
                      else summary[-1].strip() if summary else "")
            lines.append(f"    {' '.join(map(str, node['target']))}  {detail}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def failures(results) -> list[dict]:
    """Violations, plus text whose contrast axe measured too low but left for
    review because the text is short: here that is a level such as "4".
    (Text it could not measure, such as an SVG chart's, has no ratio.)"""
    short_text = [dict(item, nodes=[n for n in item["nodes"] if any(
                      (check.get("data") or {}).get("messageKey") == "shortTextContent"
                      and (check.get("data") or {}).get("contrastRatio") for check in n["any"])])
                  for item in results["incomplete"] if item["id"] == "color-contrast"]
    return results["violations"] + [item for item in short_text if item["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(page_case, scheme, axe_results):
    site, kind = page_case
    violations = failures(axe_results(site.url(kind))[scheme])
    if violations:
        pytest.fail(f"{site.name} {kind} ({site.pages[kind]}, {scheme}):\n" + describe(violations), pytrace=False)


def test_axe_sees_a_planted_violation(sites, open_page, axe_script):
    """The check itself works: an image without alt text and faint text are caught."""
    page = open_page(sites["content"].url("home"))
    page.evaluate("""document.querySelector('main').insertAdjacentHTML('beforeend',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#eee;background:#fff">faint</p>')""")
    page.add_script_tag(path=str(axe_script))
    found = {v["id"] for v in page.evaluate(RUN, TAGS)["violations"]}
    assert {"image-alt", "color-contrast"} <= found
