"""Spreadsheets (.xlsx and .csv) → tables of text, with every cell named as
a spreadsheet names it ("Sheet1!C4").

Reading is careful with what it is given: a file too big, a zip that would
unpack to too much, an encrypted workbook (Office wraps those in a Compound
File container, with the real workbook encrypted inside), an old .xls file or
an unreadable one each gets a message saying what to do, never a traceback.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LadderError

MAX_FILE = 50 * 1024 * 1024  # bytes of a spreadsheet file
MAX_UNPACKED = 200 * 1024 * 1024  # bytes its zip may unpack to
MAX_CELLS = 2_000_000
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: encrypted workbooks and old .xls files


@dataclass
class Table:
    """One sheet's text: `rows[r][c]` is the cell at row r + 1, column c + 1."""

    name: str  # the sheet's name, or the CSV file's
    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (min_row, min_col, max_row, max_col), 1-based
    title: str = ""  # the workbook's title, from its properties
    identifier: str = ""  # the workbook's identifier (a framework path, in files Ladder wrote)
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook

    def cell(self, row: int, column: int) -> str:
        """'Sheet1!C4' for row 4, column 3 (both 1-based)."""
        return f"{self.name}!{column_letter(column - 1)}{row}"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: a spreadsheet's name for a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class SheetError(LadderError):
    """A spreadsheet that cannot be read at all."""


def read_table(path: Path, sheet: str | None = None) -> Table:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not path.is_file():
        raise SheetError(f"{path}: not a file")
    if size > MAX_FILE:
        raise SheetError(f"{path}: {size // (1024 * 1024)} MB is more than a framework's spreadsheet holds "
                         f"(at most {MAX_FILE // (1024 * 1024)} MB)")
    data = path.read_bytes()
    if data.startswith(_CFB):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SheetError(f"{path}: the workbook is protected with a password, so it cannot be read. "
                             "Open it in Excel, remove the password (File → Info → Protect Workbook → "
                             "Encrypt with Password, then clear it), save, and import it again")
        raise SheetError(f"{path}: this is an old Excel 97–2003 (.xls) file; open it in Excel or LibreOffice "
                         "and save it as .xlsx (or .csv), then import that")
    if data.startswith(b"PK"):
        return _workbook(path, data, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise SheetError(f"{path}: not a readable .xlsx workbook (it is not a zip file); save it again from "
                         "Excel or LibreOffice as .xlsx")
    return _csv(path, data)


def _workbook(path: Path, data: bytes, wanted: str | None) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SheetError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    if unpacked > MAX_UNPACKED:
        raise SheetError(f"{path}: the workbook would unpack to {unpacked // (1024 * 1024)} MB, more than "
                         f"{MAX_UNPACKED // (1024 * 1024)} MB")
    import openpyxl  # slow to import; only for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise SheetError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    names = book.sheetnames
    if wanted is not None and wanted not in names:
        raise SheetError(f"{path}: no sheet named {wanted!r} (the sheets are: {', '.join(names)})")
    sheet = book[wanted or names[0]]
    if sheet.max_row * sheet.max_column > MAX_CELLS:
        raise SheetError(f"{path}: sheet {sheet.title!r} has {sheet.max_row} rows and {sheet.max_column} columns, "
                         "more than a framework needs")
    rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    return Table(sheet.title, rows, sorted(merged), title=book.properties.title or "",
                 identifier=book.properties.identifier or "", sheets=names)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a level typed as 2 comes back as 2.0
    return str(value)


def _csv(path: Path, data: bytes) -> Table:
    """A CSV file in UTF-8 (with or without a byte-order mark) or, as Excel
    saves it on Windows, Windows-1252; comma, semicolon or tab separated."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise SheetError(f"{path}: not a spreadsheet (.xlsx or .csv): it holds binary data")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SheetError(f"{path}: not a readable CSV file ({exc})") from None
    if sum(len(row) for row in rows) > MAX_CELLS:
        raise SheetError(f"{path}: more cells than a framework needs")
    return Table(path.name, rows)
