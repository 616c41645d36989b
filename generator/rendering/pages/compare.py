"""Comparison pages: the cross-framework alignment and crosswalk, and one page
per pair of mapped frameworks."""

from __future__ import annotations

from ...model import Framework, Mappings, Scale, Site, marks_notes
from ..chart import build_chart
from ..page import Page

COMPARE_URL = "compare/"
TEMPLATES = ("compare.html", "compare_pair.html", "partials/chart.html")  # used by these pages only


def pair_url(a: Framework, b: Framework) -> str:
    return f"{COMPARE_URL}{a.path.replace('/', '-')}--{b.path.replace('/', '-')}/"


def aligned_scales(mappings: Mappings) -> list[Scale]:
    """Every scale that takes part in an alignment, in order of first mention."""
    found: list[Scale] = []
    for alignment in mappings.alignments:
        for scale in (alignment.start, alignment.end):
            if scale not in found:
                found.append(scale)
    return found


def mapped_pairs(site: Site) -> list[tuple[Framework, Framework]]:
    """Pairs of frameworks joined by an alignment or a shared theme, in site order."""
    order = {f.path: i for i, f in enumerate(site.frameworks)}
    pairs: set[tuple[str, str]] = set()
    mappings = site.mappings
    for alignment in mappings.alignments:
        a, b = alignment.start.framework, alignment.end.framework
        if a is not None and b is not None and a is not b:
            pairs.add(tuple(sorted((a.path, b.path), key=order.get)))
    for theme in mappings.themes:
        paths = sorted({m.framework.path for m in theme.members}, key=order.get)
        pairs.update((a, b) for i, a in enumerate(paths) for b in paths[i + 1:])
    return [(site.framework(a), site.framework(b)) for a, b in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))]


def by_framework(site: Site, pairs) -> list[tuple[Framework, list[tuple[Framework, str]]]]:
    """Each framework the mappings name, with the side-by-side pages it is on:
    the place its own page links to."""
    found = []
    for framework in site.frameworks:
        if framework.path in site.referenced:
            partners = [(b if a is framework else a, pair_url(a, b)) for a, b in pairs if framework in (a, b)]
            found.append((framework, partners))
    return found


def member_marks(themes, frameworks=None) -> list:
    """What the marks mean in the titles of the topics the themes show (of `frameworks` only, if given)."""
    return marks_notes((m.framework, [m.topic.title]) for theme in themes for m in theme.members
                       if m.topic is not None and not m.criterion and (frameworks is None or m.framework in frameworks))


def crosswalk_frameworks(site: Site) -> list[Framework]:
    members = {m.framework.path for theme in site.mappings.themes for m in theme.members}
    return [f for f in site.frameworks if f.path in members]


def pages(site: Site) -> list[Page]:
    found = []
    mappings = site.mappings
    if not mappings:
        return found
    scales = aligned_scales(mappings)
    pairs = mapped_pairs(site)
    found.append(Page(
        url=COMPARE_URL, template="compare.html", title="compare", language=site.language, kind="compare",
        context={"mappings": mappings, "pairs": pairs, "pair_url": pair_url},
        lazy=lambda: {"chart": build_chart(mappings, scales), "columns": crosswalk_frameworks(site),
                      "by_framework": by_framework(site, pairs), "notes": member_marks(mappings.themes)},
    ))
    found.extend(Page(url=pair_url(a, b), template="compare_pair.html", title="compare", language=site.language,
                      kind="compare-pair", context={"a": a, "b": b},
                      lazy=lambda a=a, b=b: side_by_side(mappings, scales, a, b))
                 for a, b in pairs)
    return found


def side_by_side(mappings: Mappings, scales: list[Scale], a: Framework, b: Framework) -> dict:
    """What the page for one pair shows: their alignments, chart, shared themes."""
    ids = {a.path, b.path}
    chart = build_chart(mappings, scales, only=[a.path, b.path]) if any(s.id in ids for s in scales) else None
    if chart is not None and not any(c.scale.id in ids and c.cells for c in chart.columns):
        chart = None
    themes = [t for t in mappings.themes if t.members_in(a) and t.members_in(b)]
    return {
        "alignments": [al for al in mappings.alignments if {al.start.framework, al.end.framework} == {a, b}],
        "chart": chart,
        "themes": themes,
        "notes": member_marks(themes, {a, b}),
        "role_levels": [r for r in mappings.role_levels if r.framework in (a, b)],
    }

