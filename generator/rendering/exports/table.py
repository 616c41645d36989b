"""The long layout, one row per criterion, that CSV and Excel files share and
`ladder import` reads back; and the grid of topics by levels that Excel shows.

A topic's description is on its first row only (it would otherwise be most
of the file). A criterion's examples sit in its `examples` cell, one per line. An example
that itself spans lines gets a row of its own below the criterion, with the
criterion cell empty, so that every text comes back exactly as written.
"""

from __future__ import annotations

from operator import itemgetter

from ...model import Criterion, Framework, Topic

COLUMNS = ("category code", "category", "subcategory code", "subcategory", "topic code", "topic", "topic id",
           "description", "level", "level name", "sublevel", "number", "criterion", "examples", "inherited", "id")
# Files that hold several frameworks start each row with the framework's title and path.
SITE_COLUMNS = ("framework", "path") + COLUMNS
KNOWLEDGE_ID = "(knowledge)"  # the `topic id` of a standard's knowledge and understanding list
KNOWLEDGE_TITLE = "Knowledge and understanding"
BULLET = "• "


def sublevel_label(sublevel) -> str:
    return f"{sublevel.id} ({sublevel.qualifier})" if sublevel.qualifier else sublevel.id


def long_rows(framework: Framework) -> list[tuple[str, ...]]:
    """Every criterion of the framework as a row of COLUMNS, in page order."""
    rows: list[tuple[str, ...]] = []
    add = rows.append
    levelled = framework.kind == "progression"
    for topic in framework.topics:
        place = _topic_cells(topic)
        described = place[:-1] + ("",)  # the description once, on the topic's first row
        for topic_level in topic.levels:
            level = topic_level.level
            at = place + ((level.id, level.name) if levelled else ("", ""))
            for criterion in topic_level.criteria:
                _criterion_rows(add, at + ("",), criterion)
                at = described + at[len(place):]
            for sublevel in topic_level.sublevels:
                sub = at + (sublevel_label(sublevel),)
                for criterion in sublevel.criteria:
                    _criterion_rows(add, sub, criterion)
                    sub = described + sub[len(place):]
            place = described
    knowledge = ("", "", "", "", "", KNOWLEDGE_TITLE, KNOWLEDGE_ID, "", "", "", "")
    for criterion in framework.knowledge:
        _criterion_rows(add, knowledge, criterion)
    return rows


def used_columns(rows: list[tuple[str, ...]], columns=COLUMNS) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The columns that hold something in `rows`, and the rows cut down to
    them: a framework's own file leaves out what it does not use (codes,
    sublevels, numbers…), every column being optional when read back."""
    keep = [i for i, column in enumerate(zip(*rows)) if any(column)] if rows else [columns.index("topic"),
                                                                                columns.index("criterion")]
    if len(keep) == len(columns):
        return columns, rows
    pick = itemgetter(*keep) if len(keep) > 1 else (lambda row: (row[keep[0]],))
    return pick(columns), [pick(row) for row in rows]


def site_rows(framework: Framework, rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """`rows` of the framework as rows of SITE_COLUMNS."""
    head = (framework.title, "/" + framework.path)
    return [head + row for row in rows]


def _topic_cells(topic: Topic) -> tuple[str, ...]:
    category, subcategory = topic.category, topic.subcategory
    return (category.code if category else "", category.title if category else "",
            subcategory.code if subcategory else "", subcategory.title if subcategory else "",
            topic.code, topic.title, topic.name, topic.description)


def _criterion_rows(add, place: tuple[str, ...], criterion: Criterion) -> None:
    examples = criterion.examples
    inherited = "yes" if criterion.inherited else ""
    if not any("\n" in example for example in examples):
        add(place + (criterion.number, criterion.text, "\n".join(examples), inherited, criterion.anchor))
        return
    add(place + (criterion.number, criterion.text, "", inherited, criterion.anchor))
    blank = ("",) * len(place) + ("", "")
    for example in examples:
        add(blank + (example, "", ""))


def grid(framework: Framework) -> tuple[list[str], list[list[str]]]:
    """Topics in rows and levels in columns, each cell its criteria one per
    line: the framework as people lay it out in a spreadsheet."""
    levelled = framework.kind == "progression"
    levels = framework.levels if levelled else []
    header = ["Category", "Topic", "Description"]
    header += [level_heading(level) for level in levels] if levelled else ["Criteria"]
    rows = []
    for topic in framework.topics:
        category = " ".join(filter(None, (topic.category and topic.category.title,
                                          topic.subcategory and topic.subcategory.title)))
        row = [category, " ".join(filter(None, (topic.code, topic.title))), topic.description]
        if levelled:
            row += [_cell(topic.at(level)) for level in levels]
        else:
            row.append(_cell(topic.levels[0] if topic.levels else None, numbered=True))
        rows.append(row)
    if framework.knowledge:
        rows.append(["", KNOWLEDGE_TITLE, "", "\n".join(BULLET + c.text for c in framework.knowledge)])
    return header, rows


def level_heading(level) -> str:
    """"Level 2", or "2 – Performing" for a named level."""
    return f"{level.id} – {level.name}" if level.name else f"Level {level.id}"


def _cell(topic_level, numbered: bool = False) -> str:
    if topic_level is None:
        return ""
    lines = [(f"{c.number} " if numbered and c.number else BULLET) + c.text for c in topic_level.criteria]
    for sublevel in topic_level.sublevels:
        lines.append(f"{topic_level.level.id}{sublevel_label(sublevel)}:")
        lines.extend(BULLET + c.text for c in sublevel.criteria)
    return "\n".join(lines)
