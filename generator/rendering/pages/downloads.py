"""Each framework's data files beside its page: JSON, CSV and Excel.

They are made with the framework's pages, by the same step, so a build after
an edit replaces them as it replaces the pages (see `rendering.exports`).
"""

from __future__ import annotations

import functools

from ...model import Framework
from ..exports import file_name, has_data, site_path
from ..exports.csvfile import framework_csv
from ..exports.jsonfile import framework_json
from ..exports.spreadsheet import framework_xlsx
from ..exports.table import long_rows
from ..page import Page

KIND = "download"
FORMATS = ("json", "csv", "xlsx")  # CASE packages come from `ladder export`
LABELS = {"json": "JSON", "csv": "CSV", "xlsx": "Excel"}


url = site_path


def links(framework: Framework) -> list[tuple[str, str, str]]:
    """(label, site path, file name) of each data file, for the pages that offer them."""
    if not has_data(framework):
        return []
    return [(LABELS[fmt], url(framework, fmt), file_name(framework, fmt)) for fmt in FORMATS]


def pages(framework: Framework) -> list[Page]:
    if not has_data(framework):
        return []
    rows = functools.cache(lambda: long_rows(framework))  # the CSV's and the workbook's
    makers = {"json": lambda config: framework_json(framework, config),
              "csv": lambda config: framework_csv(framework, rows()),
              "xlsx": lambda config: framework_xlsx(framework, rows())}
    return [Page(url=url(framework, fmt), template="", title=framework.title, language=framework.language,
                 source=framework.file, kind=KIND, make=makers[fmt]) for fmt in FORMATS]
