"""A small writer of Excel workbooks (Office Open XML) holding text.

Measured on 100 synthetic frameworks (bench/make_corpus.py), a framework's
workbook took 42 ms with openpyxl, 27 ms with XlsxWriter and about 2 ms
here: a site writes one per framework, and the libraries' cost per cell
would have doubled the time of a whole build. Cells are inline strings,
written a row at a time by one `str.format` each; the only styles are wrapped text and a bold header, and nothing in the file
depends on when it was made (fixed zip dates, no creation time), so a build
gives the same bytes every time. Reading is left to openpyxl.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ...reading.sheets import column_letter
from ..jinja import escape_str

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# XML 1.0 cannot hold these characters at all; text read from YAML seldom has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
HEADER = 1  # the header's cell style, in styles.xml's cellXfs; 0, every other cell's, wraps text

_STYLES = (_XML + f'<styleSheet xmlns="{_MAIN}">'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="3"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill>'
           '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EAF6"/><bgColor indexed="64"/></patternFill></fill>'
           '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
           '<alignment vertical="top" wrapText="1"/></xf>'
           '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
           'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>').encode()


@dataclass
class Sheet:
    """One worksheet: a header row, then rows of text; `widths` in characters."""

    name: str
    header: list[str]
    rows: list = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    freeze_columns: int = 0  # columns kept in view when scrolling sideways
    filter: bool = False  # a filter button on every header cell


_LETTERS = [column_letter(i) for i in range(702)]  # A to ZZ


def _letter(index: int) -> str:
    return _LETTERS[index] if index < 702 else column_letter(index)


def _text(value: str) -> str:
    value = escape_str(value)
    return value if value.isprintable() else _NOT_XML.sub("", value)


_OPEN = b'<c t="inlineStr"><is><t>'
_CLOSE = b"</t></is></c>"
_EMPTY = _OPEN + _CLOSE


def sheet_data(sheet: Sheet) -> bytes:
    """The rows' XML, made from all their text at once: cells joined with
    NUL and rows with SOH, escaped and encoded in one pass each, and the
    separators then replaced by the XML between cells and between rows. Rows
    and cells carry no `r` reference: each follows the one before, as the
    standard allows and as Excel, LibreOffice and openpyxl read them."""
    width = len(sheet.header)
    rows = [row if len(row) == width else (list(row) + [""] * width)[:width] for row in sheet.rows]
    header = b"<row>" + b"".join(b'<c s="%d" t="inlineStr"><is><t>%s</t></is></c>' % (HEADER, _text(h).encode())
                                 for h in sheet.header) + b"</row>"
    if not rows:
        return header
    joined = "\x01".join(["\x00".join(row) for row in rows])
    if joined.count("\x00") != len(rows) * (width - 1) or joined.count("\x01") != len(rows) - 1:
        body = b"".join(b"<row>" + b"".join(_OPEN + _text(cell).encode() + _CLOSE for cell in row) + b"</row>"
                        for row in rows)  # a NUL or SOH in the text itself: cell by cell
    else:
        body = (b"<row>" + _OPEN
                + escape_str(joined).encode("utf-8").replace(b"\x00", _CLOSE + _OPEN)
                .replace(b"\x01", _CLOSE + b"</row><row>" + _OPEN)
                + _CLOSE + b"</row>")
    return header + body.replace(_EMPTY, b"<c/>")


def sheet_xml(sheet: Sheet) -> bytes:
    last = _letter(max(len(sheet.header), 1) - 1)
    if sheet.freeze_columns:
        corner = f"{_letter(sheet.freeze_columns)}2"
        pane = (f'<pane xSplit="{sheet.freeze_columns}" ySplit="1" topLeftCell="{corner}" activePane="bottomRight" '
                f'state="frozen"/><selection pane="bottomRight" activeCell="{corner}" sqref="{corner}"/>')
    else:
        pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, 1))
    parts = [_XML, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
             f'<dimension ref="A1:{last}{len(sheet.rows) + 1}"/>',
             f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>',
             '<sheetFormatPr defaultRowHeight="15"/>', f"<cols>{cols}</cols>" if cols else "",
             "<sheetData>"]
    tail = ["</sheetData>"]
    if sheet.filter:
        tail.append(f'<autoFilter ref="A1:{last}{len(sheet.rows) + 1}"/>')
    tail.append('<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>')
    return "".join(parts).encode("utf-8") + _xml_chars(sheet_data(sheet)) + "".join(tail).encode("utf-8")


def _xml_chars(data: bytes) -> bytes:
    """`data` without the characters XML 1.0 cannot hold (control characters,
    U+FFFE and U+FFFF), which a YAML escape such as "\\x01" can put in text.
    Looked for in the encoded bytes: a table lookup a byte, far quicker than
    a regular expression over the text."""
    data = data.translate(None, _CONTROL_BYTES)
    if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:  # found at once in most texts: no \xbe or \xbf
        data = data.replace(b"\xef\xbf\xbe", b"").replace(b"\xef\xbf\xbf", b"")
    return data


def sheet_names(names: list[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, unique
    without regard to case."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = " ".join(_SHEET_NAME.sub("-", name).split()).strip("'")[:31].strip() or "Sheet"
        candidate, n = base, 2
        while candidate.lower() in taken:
            suffix = f" ({n})"
            candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def workbook(sheets: list[Sheet], title: str = "", level: int = 1, identifier: str = "") -> bytes:
    """The .xlsx file's bytes. Compression level 1 makes files a tenth
    bigger than level 6, in half the time."""
    names = sheet_names([sheet.name for sheet in sheets])
    quoted = [_text(name).replace('"', "&quot;") for name in names]
    count = len(sheets)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, count + 1))
    content_types = (_XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                     '<Override PartName="/docProps/core.xml" ContentType="application/'
                     f'vnd.openxmlformats-package.core-properties+xml"/>{overrides}</Types>')
    package_rels = (_XML + f'<Relationships xmlns="{_PKG_REL}">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="xl/workbook.xml"/>'
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    core = (_XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:title>{_text(title)}</dc:title><dc:identifier>{_text(identifier)}</dc:identifier>'
            '<dc:creator>Ladder</dc:creator></cp:coreProperties>')
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"&apos;{quoted[i].replace(chr(39), '&apos;&apos;')}&apos;!$A$1:${_letter(len(s.header) - 1)}${len(s.rows) + 1}"
        "</definedName>" for i, s in enumerate(sheets) if s.filter)
    book = (_XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews><sheets>'
            + "".join(f'<sheet name="{quoted[i - 1]}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, count + 1))
            + "</sheets>" + (f"<definedNames>{filters}</definedNames>" if filters else "") + "</workbook>")
    book_rels = (_XML + f'<Relationships xmlns="{_PKG_REL}">'
                 + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                           for i in range(1, count + 1))
                 + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
    parts = [("[Content_Types].xml", content_types.encode()), ("_rels/.rels", package_rels.encode()),
             ("docProps/core.xml", core.encode()), ("xl/workbook.xml", book.encode()),
             ("xl/_rels/workbook.xml.rels", book_rels.encode()), ("xl/styles.xml", _STYLES)]
    parts += [(f"xl/worksheets/sheet{i}.xml", sheet_xml(sheet)) for i, sheet in enumerate(sheets, 1)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whichever system made the file
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=level)
    return buffer.getvalue()
