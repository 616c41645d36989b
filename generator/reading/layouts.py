"""A spreadsheet's table → a framework's front matter, in the two layouts
that career-framework spreadsheets use:

- **grid**: one row per topic, one column per level, each cell the level's
  criteria one per line (bullets and numbering are taken off); optional
  columns for the topic's description, code and category;
- **long**: one row per criterion, with columns topic, level and criterion,
  and optional ones (sublevel, examples, description, category…): the layout
  `ladder export` writes.

The layout is told from the header row. Every problem names its cell
("Sheet1!C4"), and text comes through as written, mojibake repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import slugify
from .frameworks import Anchors
from .mojibake import change, repair
from .schema import MAX_ERRORS, TooManyErrors
from .sheets import Table, column_letter

KNOWLEDGE_ID = "(knowledge)"
# Header names, and the words people use for them.
NAMES = {
    "framework": ("framework", "framework title"), "path": ("path", "framework path"),
    "category code": ("category code",), "category": ("category", "categoría", "categoria", "group"),
    "subcategory code": ("subcategory code",), "subcategory": ("subcategory", "subcategoría", "subcategoria"),
    "topic code": ("topic code", "code", "código", "codigo"),
    "topic": ("topic", "topics", "competency", "competencies", "competence", "skill", "skills", "area", "tema",
              "competencia"),
    "topic id": ("topic id", "topic name"), "description": ("description", "descripción", "descripcion"),
    "level": ("level", "nivel", "grade", "band"), "level name": ("level name",),
    "sublevel": ("sublevel", "sub-level", "subnivel"), "number": ("number", "no", "no.", "#", "número", "numero"),
    "criterion": ("criterion", "criteria", "expectation", "expectations", "behaviour", "behaviours", "behavior",
                  "criterio", "criterios"),
    "examples": ("examples", "example", "ejemplos", "ejemplo"), "inherited": ("inherited",), "id": ("id",),
}
_NAME_OF = {word: key for key, words in NAMES.items() for word in words}
_LEVEL = re.compile(r"^(?:(?:level|nivel|grade|grado|band|l)\s*)?(?P<id>\d{1,3}|[A-Za-z])(?P<sub>[A-Za-z])?"
                    r"(?:\s*(?:[-–—:.]|\s)\s*(?P<name>[^()]*?))?\s*(?:\((?P<qualifier>[^)]*)\))?\s*$", re.IGNORECASE)
_NAMED_FIRST = re.compile(r"^(?P<name>[^()\d]+?)\s*\((?P<id>\d{1,3}|[A-Za-z])\)\s*$")
_BULLET = re.compile(r"^\s*(?:[-•*·◦▪‣●○–—]|\d{1,3}[.)]|[a-z][.)])\s+")
# Matched against a stripped line, so that no run of spaces can be read two ways (see `frameworks._SUBLEVEL`).
_SUBLEVEL_LINE = re.compile(r"(?P<level>\d{1,3}|[A-Za-z])(?P<sub>[A-Za-z])(?:\s*\((?P<qualifier>[^)]*)\))?\s*:")


@dataclass
class Criterion:
    text: str
    examples: list[str] = field(default_factory=list)
    number: str = ""


@dataclass
class TopicLevel:
    criteria: list[Criterion] = field(default_factory=list)
    sublevels: dict[str, list[str]] = field(default_factory=dict)  # "A (after probation)" → criteria


@dataclass
class Topic:
    title: str
    name: str = ""
    description: str = ""
    code: str = ""
    category: tuple[str, str] | None = None  # (code, title)
    subcategory: tuple[str, str] | None = None
    levels: dict[str, TopicLevel] = field(default_factory=dict)  # level id → what is expected there
    inherited: dict[str, list[Criterion]] = field(default_factory=dict)  # shown from the generic framework

    def at(self, level: str) -> TopicLevel:
        return self.levels.setdefault(level, TopicLevel())


@dataclass
class Draft:
    """A framework as read from a sheet, before it is written as front matter."""

    layout: str
    title: str = ""
    path: str = ""
    levels: dict[str, str] = field(default_factory=dict)  # level id → name, junior to senior
    topics: list[Topic] = field(default_factory=list)
    knowledge: list[Criterion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def criteria(self) -> int:
        return sum(len(tl.criteria) + sum(map(len, tl.sublevels.values()))
                   for t in self.topics for tl in t.levels.values()) + len(self.knowledge)


class Cells:
    def __init__(self, table: Table, file: str):
        self.table, self.file = table, file
        self.problems: list[Problem] = []
        self.errors = 0
        self.rows = [[self.clean(r, c, text) for c, text in enumerate(row, 1)] for r, row in enumerate(table.rows, 1)]

    def error(self, row: int, column: int, message: str, severity: str = "error") -> None:
        """A problem at a cell; past `MAX_ERRORS` errors, reading the sheet stops, as a content file's does."""
        if severity == "error":
            if self.errors >= MAX_ERRORS:
                raise TooManyErrors
            self.errors += 1
        self.problems.append(Problem(self.file, message, key=self.table.cell(row, column), severity=severity))

    def clean(self, row: int, column: int, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text[:2] in ("'=", "'+", "'-", "'@"):  # written so by `ladder export`, against CSV injection
            text = text[1:]
        if not text.isascii():
            fixed = repair(text)
            if fixed != text:
                self.error(row, column, f"repaired mojibake: {change(text.strip(), fixed.strip())}",
                           "warning")
                text = fixed
        return text

    def value(self, row: int, column: int | None) -> str:
        if column is None or row > len(self.rows) or column > len(self.rows[row - 1]):
            return ""
        return self.rows[row - 1][column - 1].strip()


def parse_level(text: str):
    """'2', 'Level 2', 'L2', 'G', '1 – Learning', 'Learning (1)', '1A (after probation)'
    → (id, name, sublevel, qualifier); None when the text is not a level."""
    text = " ".join(text.split())
    match = _LEVEL.match(text)
    if match:
        level = match.group("id").upper()
        return level, (match.group("name") or "").strip(), (match.group("sub") or "").upper(), \
            (match.group("qualifier") or "").strip()
    match = _NAMED_FIRST.match(text)
    if match:
        return match.group("id").upper(), match.group("name").strip(), "", ""
    return None


def header_row(reader: Cells) -> tuple[int | None, str]:
    """The header row (the first with two or more cells filled), and a title
    written above it in a cell of its own."""
    title = ""
    for number, row in enumerate(reader.rows, 1):
        filled = [text for text in row if text.strip()]
        if len(filled) >= 2:
            return number, title
        if filled and not title:
            title = filled[0].strip()
    return None, title


def sublevel_line(line: str) -> re.Match | None:
    """A line of a grid cell that starts a sublevel: "1A:", "2B (after probation):"."""
    return _SUBLEVEL_LINE.fullmatch(line.strip())


def split_cell(text: str) -> list[str]:
    """A grid cell's criteria: one per line, bullets and numbering taken off.
    When the cell uses bullets, a line without one continues the one before."""
    lines = [line for line in text.split("\n") if line.strip()]
    bulleted = any(_BULLET.match(line) for line in lines)
    found: list[str] = []
    for line in lines:
        match = _BULLET.match(line)
        if match:
            found.append(line[match.end():].strip())
        elif bulleted and found and not sublevel_line(line):
            found[-1] += "\n" + line.strip()
        else:
            found.append(line.strip())
    return found


def column_name(number: int) -> str:
    return column_letter(number - 1)


def slug_name(title: str, names: Anchors) -> str:
    """A topic name made from its title, unique among `names` (twenty thousand
    titles with one slug took 50 s when each tried the numbers from 2)."""
    return names.claim(slugify(title) or "topic")
