"""The long layout as CSV: UTF-8 with a byte-order mark, so that Excel reads
it as UTF-8 rather than the computer's local encoding.

A cell that starts with `=`, `+`, `-`, `@` or a control character would be
run as a formula by spreadsheet programs (CSV injection), so it gets a
leading `'`, as Excel itself shows such text; `ladder import` removes it.
"""

from __future__ import annotations

import csv
import io
import re

from ...model import Framework
from .table import COLUMNS, long_rows, used_columns

BOM = "\ufeff".encode("utf-8")
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_RISKY = re.compile(r"[\x00\x01][=+\-@\t\r]")  # a cell's start, after the NUL or SOH before each cell


def csv_bytes(rows, columns=COLUMNS) -> bytes:
    """The rows as UTF-8 CSV, every cell quoted, made from the whole table
    at once: a few operations over its bytes instead of the csv module's work
    on every cell (which writes the rare table whose text holds a NUL or SOH)."""
    rows = [columns, *rows] if columns else list(rows)
    if not rows:
        return b""
    text = "\x01" + "\x01".join(["\x00".join(row) for row in rows])
    if _RISKY.search(text):  # searched in the text: quicker than in its bytes
        rows = [tuple("'" + c if _FORMULA.match(c) else c for c in row) if any(map(_FORMULA.match, row))
                else row for row in rows]
        text = "\x01" + "\x01".join(["\x00".join(row) for row in rows])
    data = text.encode("utf-8")
    if data.count(b"\x01") != len(rows) or data.count(b"\x00") != sum(len(row) - 1 for row in rows):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
        return buffer.getvalue().encode("utf-8")
    return b'"' + data[1:].replace(b'"', b'""').replace(b"\x00", b'","').replace(b"\x01", b'"\r\n"') + b'"\r\n'


def framework_csv(framework: Framework, rows=None) -> bytes:
    columns, rows = used_columns(long_rows(framework) if rows is None else rows)
    return BOM + csv_bytes(rows, columns)
