"""The grid and long layouts read into a `Draft`, and a draft written as
Monzo-format front matter (with Ladder's extensions for categories, named or
lettered levels, numbers and standards). See `layouts` for the cells."""

from __future__ import annotations

from ..errors import Problem, listed
from .frameworks import Anchors
from .layouts import (
    _NAME_OF,
    KNOWLEDGE_ID,
    Cells,
    Criterion,
    Draft,
    Topic,
    column_name,
    header_row,
    parse_level,
    slug_name,
    split_cell,
    sublevel_line,
)
from .schema import TooManyErrors
from .sheets import Table

SUBLEVEL_TITLE = "Criteria for sublevel {}"


def read_sheet(table: Table, file: str, layout: str | None = None, only: str | None = None) -> Draft:
    cells = Cells(table, file)
    number, title = header_row(cells)
    if number is None:
        cells.error(1, 1, "no header row: the first row should name the columns (topic, level, criterion), "
                          "or hold the topics and one column per level")
        return Draft(layout or "", problems=cells.problems)
    header = [" ".join(h.lower().split()).rstrip(":") for h in cells.rows[number - 1]]
    names = {_NAME_OF.get(h) for h in header}
    layout = layout or ("long" if "criterion" in names and ({"level", "topic"} & names) else "grid")
    draft = Draft(layout, title=title or table.title, path=table.identifier)
    try:
        columns = _columns(cells, number, header, layout)
        if columns is not None:
            (_long if layout == "long" else _grid)(cells, number, columns, draft, only)
    except TooManyErrors:
        cells.problems.append(Problem(file, TooManyErrors.message))
    draft.problems = listed(cells.problems)
    return draft


def _columns(cells: Cells, number: int, header: list[str], layout: str) -> dict | None:
    """Column number of each named column; level columns by level (grid)."""
    columns: dict = {"levels": {}}
    width = max(len(row) for row in cells.rows)
    for column in range(1, width + 1):
        text = cells.value(number, column)
        name = header[column - 1] if column <= len(header) else ""
        if not text:
            if any(cells.value(r, column) for r in range(number + 1, len(cells.rows) + 1)):
                cells.error(number, column, f"empty header: column {column_name(column)} has text below but no "
                                            "name; name it (topic, level, criterion…) or delete the column")
            continue
        key = _NAME_OF.get(name)
        if key is not None and not (layout == "grid" and key == "level"):
            if key in columns:
                cells.error(number, column, f"column {text!r} appears twice")
            columns[key] = column
            continue
        if layout == "long":
            continue  # other columns (notes, owners…) are not read
        level = parse_level(text)
        if level is None:
            if "topic" not in columns and not columns["levels"]:
                columns["topic"] = column  # the first column holds the topics
                continue
            cells.error(number, column, f"column {column_name(column)} {text!r} is not a level: name level columns "
                                        "'Level 1', '2', 'G' or '1 – Learning' (or 'description', 'category')")
            continue
        columns["levels"][column] = level
    if "topic" not in columns:
        cells.error(number, 1, "no topic column: name one 'topic' (or 'competency', 'skill')")
        return None
    if layout == "long" and "criterion" not in columns:
        cells.error(number, 1, "no criterion column: name one 'criterion'")
        return None
    if layout == "grid" and not columns["levels"]:
        cells.error(number, 1, "no level columns: name them 'Level 1', 'Level 2'… (or 1, 2…, G, F…)")
        return None
    return columns


def _merged_across(cells: Cells, columns: set[int], header: int) -> None:
    """Merged cells below the header that would put one text in several levels or criteria."""
    for top, left, bottom, right in cells.table.merged:
        if top > header and right > left and ({left, right} & columns or any(c in columns for c in range(left, right + 1))):
            cells.error(top, left, f"merged cells {column_name(left)}{top}:{column_name(right)}{bottom} span "
                                   "several columns; unmerge them and put each text in its own column")


def _place(cells: Cells, row: int, columns: dict, topic: Topic) -> None:
    for key, attribute in (("category", "category"), ("subcategory", "subcategory")):
        title = cells.value(row, columns.get(key))
        code = cells.value(row, columns.get(key + " code"))
        if title or code:
            setattr(topic, attribute, (code, title or code))


def _grid(cells: Cells, first: int, columns: dict, draft: Draft, only) -> None:
    levels = columns["levels"]
    for level_id, name, _, _ in levels.values():
        if name and draft.levels.get(level_id, "") == "":
            draft.levels[level_id] = name
        draft.levels.setdefault(level_id, name)
    _merged_across(cells, set(levels), first)
    names = Anchors()
    topic, category = None, None
    for row in range(first + 1, len(cells.rows) + 1):
        texts = {column: cells.value(row, column) for column in levels}
        title = cells.value(row, columns["topic"])
        if not title and not any(texts.values()):
            continue  # a blank row
        if title and (topic is None or title != topic.title):
            topic = Topic(title=title, name=slug_name(title, names),
                          description=cells.value(row, columns.get("description")),
                          code=cells.value(row, columns.get("topic code")))
            _place(cells, row, columns, topic)
            category = topic.category or category
            topic.category = topic.category or category
            draft.topics.append(topic)
        elif topic is None:
            cells.error(row, columns["topic"], "criteria without a topic: write the topic in this row")
            continue
        for column, text in texts.items():
            if not text:
                continue
            if row > first + 1 and text == cells.value(row - 1, column):
                cells.error(row, column, "repeats the cell above: each cell holds its own topic's criteria "
                                         "(unmerge or delete the copy)")
                continue
            level_id, _, sub, qualifier = levels[column]
            at = topic.at(level_id)
            target = at.sublevels.setdefault(f"{sub} ({qualifier})" if qualifier else sub, []) if sub else None
            for line in split_cell(text):
                match = sublevel_line(line)
                if match and match.group("level").upper() == level_id:
                    label = match.group("sub").upper() + (f" ({match.group('qualifier')})" if match.group("qualifier") else "")
                    target = at.sublevels.setdefault(label, [])
                elif target is not None:
                    target.append(line)
                else:
                    at.criteria.append(Criterion(line))


def _long(cells: Cells, first: int, columns: dict, draft: Draft, only) -> None:
    _merged_across(cells, {columns["criterion"], columns.get("examples", 0)} - {0}, first)
    paths = {cells.value(r, columns.get("path")) for r in range(first + 1, len(cells.rows) + 1)} - {""}
    if len(paths) > 1 and only is None:
        cells.error(first, columns["path"], f"this sheet holds {len(paths)} frameworks ({', '.join(sorted(paths))}); "
                                            "choose one with --framework")
        return
    wanted = "/" + only.strip("/") if only else None
    if wanted and wanted not in paths:
        cells.error(first, columns["path"], f"no framework {wanted} in this sheet (it has: {', '.join(sorted(paths))})")
        return
    names = Anchors()
    topics: dict[str, Topic] = {}
    order: list[list[str]] = []  # each topic's levels, in sheet order, to put lettered levels in order
    last = {"topic": "", "level": ""}
    previous = None  # (topic, level, sublevel, criterion) of the row above
    for row in range(first + 1, len(cells.rows) + 1):
        get = lambda key: cells.value(row, columns.get(key))  # noqa: E731
        if wanted and get("path") and get("path") != wanted:
            continue
        if wanted or len(paths) == 1:
            draft.path = draft.path or get("path")
            draft.title = get("framework") or draft.title
        text, examples = get("criterion"), cells.value(row, columns.get("examples"))
        title = get("topic") or last["topic"]
        key = get("topic id") or title
        if not text and not examples and not get("topic"):
            continue  # a blank row
        if not title:
            cells.error(row, columns["topic"], "no topic for this row: write its topic")
            continue
        topic = topics.get(key)
        if topic is None:
            name = get("topic id") if get("topic id") and get("topic id") != KNOWLEDGE_ID else None
            topic = topics[key] = Topic(title=title, name=name or slug_name(title, names), code=get("topic code"))
            names.taken.add(topic.name)
            _place(cells, row, columns, topic)
            if key != KNOWLEDGE_ID:
                draft.topics.append(topic)
            order.append([])
        topic.description = topic.description or get("description")
        last["topic"] = title
        if not text:
            if examples and previous is not None and previous[3] is not None:
                previous[3].examples.append(cells.rows[row - 1][columns["examples"] - 1].strip("\n"))
            elif examples:
                cells.error(row, columns["examples"], "an example without a criterion: write its criterion in "
                                                      "this row, or move it under the criterion")
            continue
        level_text = get("level") or (last["level"] if key != KNOWLEDGE_ID else "")
        level_id, sub = "", get("sublevel")
        if level_text:
            level = parse_level(level_text)
            if level is None:
                cells.error(row, columns["level"], f"{level_text!r} is not a level: write 1, 2… or a letter")
                continue
            level_id = level[0]
            draft.levels.setdefault(level_id, get("level name") or level[1])
            if level_id not in order[list(topics).index(key)]:
                order[list(topics).index(key)].append(level_id)
        last["level"] = level_text
        if previous is not None and previous[:3] == (key, level_id, sub) and previous[3] is not None \
                and previous[3].text == text:
            cells.error(row, columns["criterion"], "repeats the cell above: write each criterion once "
                                                   "(a further example goes in a row with the criterion empty)")
            continue
        criterion = Criterion(text, [e.strip() for e in examples.split("\n") if e.strip()] if examples else [],
                              get("number"))
        if key == KNOWLEDGE_ID:
            draft.knowledge.append(criterion)
        elif get("inherited").lower() in ("yes", "true", "1"):
            topic.inherited.setdefault(level_id, []).append(criterion)
        elif sub:
            if criterion.examples:
                cells.error(row, columns["examples"], "a sublevel's criteria have no examples in the Monzo format")
            topic.at(level_id).sublevels.setdefault(sub, []).append(text)
        else:
            topic.at(level_id).criteria.append(criterion)
        previous = (key, level_id, sub, criterion)
    _order_levels(draft, order)


def _order_levels(draft: Draft, order: list[list[str]]) -> None:
    """Numbers in numeric order; letters in the order topics list them (each
    topic's rows go from junior to senior), first seen first among equals."""
    ids = list(draft.levels)
    if all(i.isdigit() for i in ids):
        draft.levels = {i: draft.levels[i] for i in sorted(ids, key=int)}
        return
    after = {i: set() for i in ids}
    for seq in order:
        for a, b in zip(seq, seq[1:]):
            after[b].add(a)
    ordered: list[str] = []
    while len(ordered) < len(ids):
        ready = [i for i in ids if i not in ordered and after[i] <= set(ordered)] or \
                [i for i in ids if i not in ordered]
        ordered.append(ready[0])
    draft.levels = {i: draft.levels[i] for i in ordered}


def front_matter(draft: Draft, kind: str | None, inherit: set[str]) -> dict:
    """The framework file's front matter. Topics named in `inherit` leave
    their title empty and their inherited criteria out: the generic framework
    gives them again."""
    levels = list(draft.levels)
    kind = kind or ("progression" if levels else "standard")
    data: dict = {"path": "/" + draft.path.strip("/"), "title": draft.title, "sidebarTitle": "", "sidebarGroup": "",
                  "yaml": True, "homepage": False}
    if kind != "progression":
        data["kind"] = kind
    elif all(i.isdigit() for i in levels) and not any(draft.levels.values()) and levels:
        data["levels"] = max(int(i) for i in levels)
    elif levels:
        data["scale"] = [{"id": i, **({"name": n} if n else {})} for i, n in draft.levels.items()]
    categories: dict = {}
    for topic in draft.topics:
        if topic.category:
            category = categories.setdefault(topic.category, {"subs": {}})
            if topic.subcategory:
                category["subs"].setdefault(topic.subcategory, None)
    if categories:
        data["categories"] = [{**({"code": code} if code else {}), "title": title,
                               **({"subcategories": [{**({"code": c} if c else {}), "title": t} for c, t in v["subs"]]}
                                  if v["subs"] else {})} for (code, title), v in categories.items()]
    data["topics"] = [_topic(topic, kind, levels, topic.name in inherit) for topic in draft.topics]
    if draft.knowledge:
        data["knowledge"] = [_criterion(c) for c in draft.knowledge]
    return data


def _criterion(c: Criterion):
    if not c.number and not c.examples:
        return c.text
    return {"text": c.text, **({"number": c.number} if c.number else {}), **({"examples": c.examples} if c.examples else {})}


def _topic(topic: Topic, kind: str, levels: list[str], inherits: bool) -> dict:
    data: dict = {"name": topic.name, "title": "" if inherits else topic.title}
    for key, value in (("description", topic.description), ("code", topic.code)):
        if value:
            data[key] = value
    if topic.category:
        data["category"] = topic.category[0] or topic.category[1]
        if topic.subcategory:
            data["subcategory"] = topic.subcategory[0] or topic.subcategory[1]
    if kind != "progression":
        data["criteria"] = [_criterion(c) for tl in topic.levels.values() for c in tl.criteria]
        return data
    content = []
    for level in levels:
        own = topic.levels.get(level)
        inherited = [] if inherits else topic.inherited.get(level, [])
        if own is None and not inherited:
            continue
        entry: dict = {"level": int(level) if level.isdigit() else level}
        criteria = inherited + (own.criteria if own else [])
        with_examples = [c for c in criteria if c.examples and not c.number]
        plain_first = all(c.examples or c.number for c in criteria[len(criteria) - len(with_examples):]) and \
            criteria[:len(criteria) - len(with_examples)] == [c for c in criteria if not (c.examples and not c.number)]
        if plain_first:
            if len(with_examples) < len(criteria):
                entry["criteria"] = [_criterion(c) for c in criteria if not (c.examples and not c.number)]
            example_criteria = [{"criteria": c.text, "examples": c.examples} for c in with_examples]
        else:  # criteria with examples between plain ones: Ladder's form keeps their order
            entry["criteria"] = [_criterion(c) for c in criteria]
            example_criteria = []
        for label, texts in (own.sublevels.items() if own else []):
            example_criteria.append({"criteria": SUBLEVEL_TITLE.format(label), "examples": texts})
        if example_criteria:
            entry["exampleCriteria"] = example_criteria
        content.append(entry)
    data["content"] = content
    return data

