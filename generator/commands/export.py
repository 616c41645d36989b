"""`ladder export`: every framework as JSON, CSV, Excel or 1EdTech CASE.

The frameworks are read and turned into data in the build's worker
processes, one framework at a time, so exporting takes about as long as
reading. An output path ending in the format's extension gets one file with
every framework (JSON also gets its JSON Schema beside it); any other path is
a folder that gets one file per framework, the same files the site offers.
A CFPackage holds one framework, so CASE goes to a folder, or to a file when
one framework is chosen with --framework.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..building.engine import each_framework
from ..errors import ContentError, UsageError
from ..model import Framework, Site, SiteConfig
from ..rendering.exports import (
    FORMATS,
    case,
    csvfile,
    file_name,
    has_data,
    jsonfile,
    spreadsheet,
    table,
)
from ..rendering.exports.xlsx import workbook

DEFAULT_OUTPUT = {"json": "frameworks.json", "csv": "frameworks.csv", "xlsx": "frameworks.xlsx", "case": "case"}
_SUFFIX = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "case": ".json"}


@dataclass
class Exported:
    frameworks: int
    written: list[Path]


def _maker(fmt: str, one_file: bool, only: str | None):
    """What each worker makes of a framework: the finished file for a folder,
    or the parts that the parent joins into one file."""

    def make(framework: Framework, site: Site):
        if not has_data(framework) or (only is not None and framework.path != only):
            return None
        config = site_config(site)
        if fmt == "json":
            return jsonfile.framework_text(framework) if one_file else jsonfile.framework_json(framework, config)
        if fmt == "case":
            return case.package_json(framework, config, site.updated)
        rows = table.long_rows(framework)
        if one_file:
            return table.site_rows(framework, rows), spreadsheet.grid_sheet(framework) if fmt == "xlsx" else None
        return csvfile.framework_csv(framework, rows) if fmt == "csv" else spreadsheet.framework_xlsx(framework, rows)

    return make


def site_config(site: Site) -> SiteConfig:
    return SiteConfig(title=site.title, description=site.description, base_url=site.base_url, language=site.language)


def export(content_dir: Path, fmt: str, output: Path | None = None, base_url: str | None = None,
           only: str | None = None) -> Exported:
    """Write the export; raise ContentError (having written nothing) when the content has errors."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    output = output or Path(DEFAULT_OUTPUT[fmt])
    one_file = output.name.endswith(_SUFFIX[fmt]) and not output.is_dir()
    only = only.strip("/") if only else None
    site, problems, made = each_framework(content_dir, _maker(fmt, one_file, only), base_url)
    if site is None:
        raise ContentError(problems)
    frameworks = [f for f in site.frameworks if made.get(f.path) is not None]
    if only is not None and not frameworks:
        known = ", ".join("/" + f.path for f in site.frameworks if has_data(f))
        raise UsageError(f"--framework: no framework with path /{only} (there are: {known})")
    if fmt == "case" and one_file and len(frameworks) != 1:
        raise UsageError("a CASE package holds one framework: give a folder as --output, or choose one with --framework")
    config = site_config(site)
    if not one_file:
        output.mkdir(parents=True, exist_ok=True)
        files = {output / file_name(f, fmt): made[f.path] for f in frameworks}
        if fmt == "json":
            files[output / jsonfile.SCHEMA_NAME] = jsonfile.SCHEMA_FILE.read_bytes()
    elif fmt == "json":
        mappings = site.mappings if only is None else None
        files = {output: jsonfile.document(config, [made[f.path] for f in frameworks], mappings),
                 output.with_name(jsonfile.SCHEMA_NAME): jsonfile.SCHEMA_FILE.read_bytes()}
    elif fmt == "csv":
        rows = [row for f in frameworks for row in made[f.path][0]]
        files = {output: csvfile.BOM + csvfile.csv_bytes(rows, table.SITE_COLUMNS)}
    elif fmt == "xlsx":
        rows = [row for f in frameworks for row in made[f.path][0]]
        sheets = [spreadsheet.long_sheet(rows, table.SITE_COLUMNS)] + [made[f.path][1] for f in frameworks]
        files = {output: workbook(sheets, config.title)}
    else:
        files = {output: made[frameworks[0].path]}
    for path, data in files.items():
        _write(path, data)
    return Exported(len(frameworks), list(files))


def _write(path: Path, data: bytes) -> None:
    """Replace `path` at once: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
