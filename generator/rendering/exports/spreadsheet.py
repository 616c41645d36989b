"""A framework as an Excel workbook: the long layout on a first sheet, with a
filter on every column (what `ladder import` reads back), and the grid of
topics by levels on a second, laid out to read and print."""

from __future__ import annotations

from ...model import Framework
from .table import COLUMNS, grid, long_rows, used_columns
from .xlsx import Sheet, workbook

LONG_SHEET = "Criteria"
# Column widths of the long layout, in characters: the texts get room.
WIDTHS = {"framework": 24, "path": 18, "category code": 8, "category": 22, "subcategory code": 8,
          "subcategory": 22, "topic code": 8, "topic": 26, "topic id": 16, "description": 30, "level": 7,
          "level name": 14, "sublevel": 10, "number": 8, "criterion": 60, "examples": 45, "inherited": 9, "id": 18}


def long_sheet(rows, columns=COLUMNS, name: str = LONG_SHEET) -> Sheet:
    return Sheet(name, list(columns), rows, [WIDTHS[c] for c in columns], filter=True)


def grid_sheet(framework: Framework) -> Sheet:
    header, rows = grid(framework)
    widths = [18, 26, 30] + [48] * (len(header) - 3)
    return Sheet(framework.sidebar_title or framework.title, header, rows, widths, freeze_columns=2)


def framework_xlsx(framework: Framework, rows=None) -> bytes:
    columns, rows = used_columns(long_rows(framework) if rows is None else rows)
    return workbook([long_sheet(rows, columns), grid_sheet(framework)], framework.title,
                    identifier="/" + framework.path)
