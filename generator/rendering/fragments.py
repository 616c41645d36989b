"""The HTML of criteria lists, built in Python rather than in a Jinja macro.

A large site has hundreds of thousands of criteria, each shown on several
pages; a macro call per criterion was most of the build time. Templates call
these as `fragments.criteria_list(criteria, t)` and
`fragments.topic_level_body(topic_level, t, new)`; the markup is kept small on
purpose. `suggest` is the page's `Suggest` (`rendering/suggest.py`), whose
attributes on each list let the script add "suggest a change" links, or None.
"""

from __future__ import annotations

from markupsafe import Markup

from ..model import Criterion, TopicLevel
from .jinja import escape_output, escape_str

# A criterion's text is shown on three or four pages of its framework (the
# framework, its level, a role, the comparison): it is escaped once. The memo
# is emptied when it grows large, so memory stays flat. Anchors, each on one
# element, are escaped with `escape_str` instead: they would crowd texts out.
_ESCAPED: dict[str, str] = {}
_ESCAPED_MAX = 20_000


def _e(text: str) -> str:
    """`text` escaped for HTML, remembered for the next page that shows it."""
    escaped = _ESCAPED.get(text)
    if escaped is None:
        if len(_ESCAPED) >= _ESCAPED_MAX:
            _ESCAPED.clear()
        escaped = _ESCAPED[text] = escape_output(text)
    return escaped


def criteria_list(criteria: list[Criterion], t, new: set[str] | None = None, suggest=None) -> Markup:
    """A `<ul>` of criteria with anchors, examples, teaching content and badges."""
    return Markup(_criteria_html(criteria, t, new, suggest))


def _criteria_html(criteria: list[Criterion], t, new: set[str] | None, suggest=None,
                   skip: set[str] | None = None) -> str:
    if not criteria:
        return ""
    about = suggest.lists.get(criteria[0], "") if suggest is not None else ""  # known by its first criterion
    if skip:
        criteria = [c for c in criteria if c.anchor not in skip]
        if not criteria:
            return ""
    parts = [f'<ul class="criteria criteria--numbered"{about}>' if criteria[0].number else f'<ul class="criteria"{about}>']
    examples_label = _e(t("examples"))
    inherited_badge = (f' <span class="badge badge--inherited" title="{_e(t("inherited_title"))}">'
                       f'{_e(t("inherited"))}</span>')
    new_badge = f' <span class="badge badge--new">{_e(t("new"))}</span>' if new else ""
    for c in criteria:
        is_new = new and c.anchor in new
        # Inherited criteria are searched on the generic framework's page, not again here.
        if c.inherited:
            parts.append(f'<li id="{escape_str(c.anchor)}" class="criterion criterion--inherited'
                         f'{" criterion--new" if is_new else ""}" data-pagefind-ignore><p class="criterion__text">')
        else:
            parts.append(f'<li id="{escape_str(c.anchor)}" class="criterion{" criterion--new" if is_new else ""}">'
                         '<p class="criterion__text">')
        if c.number:
            parts.append(f'<span class="criterion__number">{_e(c.number)}</span> ')
        parts.append(_e(c.text))
        if c.inherited:
            parts.append(inherited_badge)
        if is_new:
            parts.append(new_badge)
        parts.append("</p>")
        if c.examples:
            items = "".join([f"<li>{_e(example)}</li>" for example in c.examples])
            parts.append(f'<details class="examples" data-pagefind-ignore><summary>{examples_label} '
                         f'<span class="count">({len(c.examples)})</span></summary><ul>{items}</ul></details>')
        if c.teaching_html:
            parts.append(f'<div class="teaching"><p class="teaching__label">{_e(t("teaching_content"))}</p>'
                         f"{c.teaching_html}</div>")
        parts.append("</li>\n")
    parts.append("</ul>\n")
    return "".join(parts)


def topic_level_body(topic_level: TopicLevel, t, new: set[str] | None = None, suggest=None) -> Markup:
    """A topic's criteria at one level, then its sublevels, each with its own list."""
    return Markup(_topic_level_html(topic_level, t, new, suggest))


def _topic_level_html(topic_level: TopicLevel, t, new: set[str] | None, suggest=None,
                      skip: set[str] | None = None) -> str:
    parts = [_criteria_html(topic_level.criteria, t, new, suggest, skip)]
    for sub in topic_level.sublevels:
        anchor = escape_str(sub.anchor)
        qualifier = f' <span class="sublevel__qualifier">({_e(sub.qualifier)})</span>' if sub.qualifier else ""
        parts.append(
            f'<section class="sublevel" id="{anchor}" aria-labelledby="{anchor}-title">'
            f'<h4 class="sublevel__title" id="{anchor}-title"><span class="sublevel__badge">'
            f'{_e(topic_level.level.id)}{_e(sub.id)}</span> {_e(t("sublevel"))} {_e(sub.id)}'
            f"{qualifier}</h4>{_criteria_html(sub.criteria, t, new, suggest, skip)}</section>\n"
        )
    return "".join(parts)


def topic_section(topic_level: TopicLevel, title, t, heading: str = "h3", description: str = "",
                  new: set[str] | None = None, suggest=None) -> Markup:
    """A topic's criteria at one level under its title, as level pages and a
    framework's level panels show them."""
    return Markup(_topic_section_html(topic_level, escape_output(title), t, heading, description, new, suggest))


def topic_sections(at_level, place: str, t, suggest=None) -> Markup:
    """The topics of one level panel of a framework page, as `topic_section`
    shows each, titled with a link to its place (`place` and its slug), one to
    an indented line: the template's loop, made here, since a framework page
    shows every topic at every level."""
    return Markup("\n  ".join([_topic_section_html(topic_level, _topic_link_html(place + topic.slug, topic), t,
                                                    suggest=suggest) for topic, topic_level in at_level]))


def _topic_section_html(topic_level: TopicLevel, title_html: str, t, heading: str = "h3", description: str = "",
                        new: set[str] | None = None, suggest=None) -> str:
    anchor = escape_str(topic_level.anchor)
    about = f'<p class="topic__description">{escape_output(description)}</p>' if description else ""
    return (f'<section class="topic" id="{anchor}" aria-labelledby="{anchor}-title">\n'
            f'  <{heading} class="topic__title" id="{anchor}-title">{title_html}</{heading}>\n'
            f'{about}  {_topic_level_html(topic_level, t, new, suggest)}\n</section>')


def expected_section(expected, title, t, carried_title: str, description: str = "", suggest=None) -> Markup:
    """Everything a topic expects at one level, for the level's page: what it
    says there (new criteria marked, lines that only point back left out),
    then what is still expected from the levels below, each with its origin."""
    return Markup(_expected_section_html(expected, escape_output(title), t, carried_title, description, suggest))


def expected_sections(rows, place: str, t, suggest=None) -> Markup:
    """Every topic of a level page, as `expected_section` shows each, titled
    with a link to its place (`place` and its slug), one to a line: the
    template's loop, made here, since level pages show every criterion again."""
    carried_title = t("carried_over")
    return Markup("\n".join([_expected_section_html(row, _topic_link_html(place + row.topic.slug, row.topic), t,
                                                     carried_title, row.topic.description, suggest)
                             for row in rows]))


def _expected_section_html(expected, title_html: str, t, carried_title: str, description: str = "",
                           suggest=None) -> str:
    anchor = escape_str(expected.anchor)
    about = f'<p class="topic__description">{escape_output(description)}</p>' if description else ""
    own = _topic_level_html(expected.here, t, expected.new, suggest, expected.pointers) \
        if expected.here is not None else ""
    carried = ""
    if expected.carried:
        carried = (f'<div class="carried"><h3 class="carried__title">{escape_output(carried_title)}</h3>'
                   f'<ul class="criteria criteria--carried">{_carried_items(expected)}</ul></div>')
    return (f'<section class="topic" id="{anchor}" aria-labelledby="{anchor}-title">\n'
            f'  <h2 class="topic__title" id="{anchor}-title">{title_html}</h2>\n'
            f'{about}{own}{carried}\n</section>')


def _carried_items(expected) -> str:
    """The items of what a topic carries over at one level. Later levels carry
    more and more of the same criteria: a level that carries all the level
    below carries takes its markup and adds what that level first asked."""
    if not expected.carried_html:
        below = expected.extends
        done = _carried_items(below) if below is not None and below.carried else ""
        start = len(below.carried) if done else 0
        expected.carried_html = done + "".join([item.html or _carried_html(item) for item in expected.carried[start:]])
    return expected.carried_html


def _carried_html(item) -> str:
    """A criterion carried over, with its origin; made once, for every later level of its framework."""
    item.html = (f'<li id="{escape_str(item.criterion.anchor)}">{_e(item.criterion.text)} '
                 f'<small>{escape_str(item.origin)}</small></li>\n')
    return item.html


def topic_link(href: str, topic) -> Markup:
    """A topic's full code and title, linking to `href` (its place)."""
    return Markup(_topic_link_html(href, topic))


def _topic_link_html(href: str, topic) -> str:
    return f'<a href="{escape_str(href)}">{escape_output(topic_title(topic))}</a>'


def level_pill(level, t, unknown: bool = False, symbol_only: bool = False) -> Markup:
    """A target level as a pill, its words first (colour only adds to them):
    the level's id, titled with its name; "?" when the target is unknown and
    "–" when there is none. `symbol_only` leaves out the words read aloud
    beside the symbol, for a legend that explains it next to it. Built here
    rather than by a macro: matrices and career paths show hundreds."""
    if unknown:
        words, symbol, modifier = _e(t("unknown_target")), "?", "unknown"
    elif level:
        name = f" · {_e(level.name)}" if level.name else ""
        return Markup(f'<span class="pill pill--{level.rank % 8}" title="{_e(t("level"))} {_e(level.id)}{name}">'
                      f"{_e(level.id)}</span>")
    else:
        words, symbol, modifier = _e(t("not_required")), "–", "none"
    shown = symbol if symbol_only else f'<span aria-hidden="true">{symbol}</span><span class="visually-hidden">{words}</span>'
    return Markup(f'<span class="pill pill--{modifier}" title="{words}">{shown}</span>')


def index_entries(entries, url, lang_of, role_word: str) -> Markup:
    """The A–Z's items under one letter, a link each: the index lists every
    topic and role of the site, so it is the longest page there is."""
    role = f"{_e(role_word)} · "
    return Markup("".join([
        f'<li><a href="{escape_str(url(entry.target))}"{lang_of(entry.framework)}>{_e(entry.title)}</a> '
        f'<span class="index-list__where">{role if entry.kind == "role" else ""}'
        f"{_e(entry.framework.sidebar_title)}</span></li>\n"
        for entry in entries]))


def level_namer(t):
    """`level_name(level)` for pages in the language of `t`: "Level 2 · Performing",
    as text (templates escape it where they write it)."""
    word = t("level")

    def level_name(level) -> str:
        return f"{word} {level.id} · {level.name}" if level.name else f"{word} {level.id}"

    return level_name


def topic_title(topic) -> Markup | str:
    """A topic's title after its full code: "A1.1 Customer service ethos"."""
    code = topic.full_code
    if not code:
        return topic.title
    return Markup(f'<span class="code">{escape_output(code)}</span> {escape_output(topic.title)}')


def category_title(category) -> Markup | str:
    """A category's (or subcategory's) title after its code: "A Customer service provision"."""
    if not category.code:
        return category.title
    return Markup(f'<span class="code">{escape_output(category.code)}</span> {escape_output(category.title)}')


def lang_marker(language: str):
    """`lang_of(framework)` for pages in `language`: a `lang` attribute for a
    framework's own words on a page in another language. A plain function
    made per language, so templates call it without passing their context."""
    same = Markup("")

    def lang_of(framework) -> Markup:
        if framework.language == language:
            return same
        return Markup(f' lang="{_e(framework.language)}"')

    return lang_of


def _plain_list_html(criteria: list[Criterion]) -> str:
    """Criteria as a compact list of text, for side-by-side tables."""
    items = "".join([f"<li>{_e(c.text)}</li>" for c in criteria])
    return f'<ul class="compact-criteria">{items}</ul>'


def _compared_cell(here: TopicLevel, sublevel_word: str) -> str:
    """One topic at one level, compactly: its criteria, then each sublevel under its label."""
    parts = [_plain_list_html(here.criteria)] if here.criteria else []
    for sub in here.sublevels:
        qualifier = f' <span class="sublevel__qualifier">({_e(sub.qualifier)})</span>' if sub.qualifier else ""
        parts.append(f'<p class="compact-sublevel"><span class="sublevel__badge">{_e(here.level.id)}{_e(sub.id)}'
                     f'</span> {sublevel_word} {_e(sub.id)}{qualifier}</p>{_plain_list_html(sub.criteria)}')
    return "".join(parts)


def level_table_rows(framework, t, level_name, roles_href: str = "") -> Markup:
    """A row per topic, its criteria at each level side by side (sublevels
    labelled): the body of a framework's level comparison, which is also each
    topic's place, so a topic with no criteria gets a row that says so.

    Each cell starts with its level's name, shown where the table is read as
    cards on a narrow screen. The comparison shows every criterion of the
    framework once more, so it is built here rather than in the template."""
    columns = [(escape_str(level.slug), f'<p class="level-table__label">{_e(level_name(level))}</p>')
               for level in framework.levels]
    nothing = f'<p class="empty">{_e(t("no_criteria_at_level"))}</p>'
    sublevel_word = _e(t("sublevel"))
    rows = []
    for topic in framework.topics:
        about = (f'<span class="level-table__description">{_e(topic.description)}</span>'
                 if topic.description else "")
        head = f'<th scope="row">{escape_output(topic_title(topic))}{about}</th>'
        if topic.levels:
            cells = "".join([f'<td data-level="{slug}">{label}{_compared_cell(here, sublevel_word)}</td>'
                             if (here := topic.at(level)) else f'<td data-level="{slug}">{label}{nothing}</td>'
                             for (slug, label), level in zip(columns, framework.levels)])
        else:
            roles = (f' <a href="{escape_str(roles_href)}#{escape_str(topic.slug)}">{_e(t("targets_by_role"))}</a>'
                     if roles_href else "")
            cells = (f'<td class="level-table__none" colspan="{len(columns)}">'
                     f'<p class="empty">{_e(t("no_criteria_in_source"))}{roles}</p></td>')
        rows.append(f'<tr id="{escape_str(topic.slug)}">{head}{cells}</tr>\n')
    return Markup("".join(rows))
