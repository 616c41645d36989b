"""Each framework's data files on the site, and `ladder export`: JSON that its
schema describes, CSV and Excel that spreadsheets read, CASE 1.1 packages."""

import csv
import io
import json
import os
import re
import uuid
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from generator.building.engine import build
from generator.commands.cli import main
from generator.commands.export import export
from generator.rendering.exports.jsonfile import SCHEMA_FILE

from .case_schema import CFPACKAGE
from .conftest import ROOT, SIMPLE

CONTENT = ROOT / "content"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def valid(document, schema=SCHEMA):
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


@pytest.fixture
def site(content_site):
    return content_site


def test_every_framework_offers_its_json_csv_and_excel_from_its_page(site):
    page = (site / "customer-operations" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)" download="([^"]+)"', page)
    assert [name for _, name in links] == ["customer-operations.json", "customer-operations.csv",
                                           "customer-operations.xlsx"]
    for href, _ in links:
        assert (site / "customer-operations" / href).resolve().stat().st_size > 0
    listing = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for path in ("nos/manage-team-performance/nos-manage-team-performance.xlsx",
                 "e-skills/contact-centre-framework/e-skills-contact-centre-framework.csv"):
        assert path in listing and (site / path).is_file()
    assert "ladder-frameworks.schema.json" in listing and (site / "ladder-frameworks.schema.json").is_file()
    assert ".json" not in (site / "sitemap.xml").read_text() and "downloads/" in (site / "sitemap.xml").read_text()


def test_the_json_has_every_criterion_with_a_stable_id_and_fits_its_schema(site):
    document = json.loads((site / "customer-operations" / "customer-operations.json").read_text(encoding="utf-8"))
    valid(document)
    framework = document["frameworks"][0]
    topic = next(t for t in framework["topics"] if t["name"] == "knowledgeandimpact")
    sublevel = topic["levels"][0]["sublevels"][1]
    assert (sublevel["id"], sublevel["qualifier"]) == ("A", "after probation")
    first = sublevel["criteria"][0]
    assert first["id"] == "customer-operations#" + first["anchor"]
    page = (site / "customer-operations" / "index.html").read_text(encoding="utf-8")
    assert f'id="{first["anchor"]}"' in page  # the id leads to the criterion on its page


POINTS_BACK = """\
path: /growth
title: Growth
levels: 3
topics:
  - name: communication
    title: Communication
    content:
      - {level: 1, criteria: [Asks for help when stuck., Writes clear notes.]}
      - {level: 2, criteria: [All criteria from level one., Explains decisions to the team.]}
      - {level: 3, criteria: [Coaches others on writing., Explains decisions to the team.]}
"""

def test_the_json_says_which_lines_point_back_and_which_are_said_again(tmp_path):
    """What tools that count what carries over need, read as the level pages read it."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "growth.yml").write_text(POINTS_BACK, encoding="utf-8")
    build(tmp_path / "content", tmp_path / "out")
    document = json.loads((tmp_path / "out" / "growth" / "growth.json").read_text(encoding="utf-8"))
    valid(document)
    levels = {tl["level"]: tl["criteria"] for tl in document["frameworks"][0]["topics"][0]["levels"]}
    said_first = levels["2"][1]["id"]
    assert [(c["text"], c.get("pointsBack", False), c.get("sameAs")) for c in levels["2"] + levels["3"]] == [
        ("All criteria from level one.", True, None), ("Explains decisions to the team.", False, None),
        ("Coaches others on writing.", False, None), ("Explains decisions to the team.", False, said_first)]
    assert not any("pointsBack" in c or "sameAs" in c for c in levels["1"])


def test_the_files_are_the_same_bytes_in_every_build(site, tmp_path):
    again = tmp_path / "again"
    build(CONTENT, again, base_url="/org-frameworks/")
    for path in site.rglob("*"):
        if path.suffix in (".json", ".csv", ".xlsx"):
            assert path.read_bytes() == (again / path.relative_to(site)).read_bytes(), path


def test_the_workbook_reads_in_a_spreadsheet_with_a_frozen_header_and_a_grid(site):
    book = openpyxl.load_workbook(site / "masmovil" / "customer-service" / "masmovil-customer-service.xlsx")
    criteria, grid = book.worksheets
    header = [c.value for c in criteria[1]]
    assert {"topic", "level", "criterion"} <= set(header) and criteria.freeze_panes == "A2"
    assert criteria.column_dimensions["A"].width > 0 and criteria.auto_filter.ref
    assert criteria.cell(2, 1).alignment.wrap_text
    assert [c.value for c in grid[1]][:3] == ["Category", "Topic", "Description"]
    assert grid.freeze_panes == "C2" and [c.value for c in grid[1]][3:] == [f"Level {x}" for x in "GFEDCB"]
    with zipfile.ZipFile(site / "masmovil" / "customer-service" / "masmovil-customer-service.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"created" not in archive.read("docProps/core.xml")


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert(content, tmp_path):
    folder = content({"support.md": SIMPLE.replace('"Coaches others"', '"=HYPERLINK(\\"http://x\\")"')})
    export(folder, "csv", tmp_path / "all.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "all.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert ["'=HYPERLINK(\"http://x\")"] == [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert (tmp_path / "all.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel then reads it as UTF-8


def test_export_json_holds_the_whole_model_with_mappings(tmp_path):
    assert main(["export", "--content", str(CONTENT), "--format", "json", "--output", str(tmp_path / "all.json")]) == 0
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    valid(document)
    assert len(document["frameworks"]) == 5 and document["mappings"]["themes"]
    assert (tmp_path / "ladder-frameworks.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()


def test_export_to_a_folder_writes_the_files_the_site_offers(site, tmp_path):
    export(CONTENT, "xlsx", tmp_path / "out", base_url="/org-frameworks/")
    assert (tmp_path / "out" / "customer-operations.xlsx").read_bytes() == \
        (site / "customer-operations" / "customer-operations.xlsx").read_bytes()


BASE = "https://org.github.io/frameworks/"


def test_case_packages_validate_and_keep_their_identifiers(tmp_path):
    export(CONTENT, "case", tmp_path / "one", base_url=BASE)
    export(CONTENT, "case", tmp_path / "two", base_url=BASE)
    for path in sorted((tmp_path / "one").iterdir()):
        package = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(CFPACKAGE, format_checker=jsonschema.FormatChecker()).validate(package)
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes()
    package = json.loads((tmp_path / "one" / "customer-operations.case.json").read_text(encoding="utf-8"))
    document = package["CFDocument"]
    assert document["identifier"] == str(uuid.uuid5(uuid.NAMESPACE_URL, BASE + "customer-operations/"))
    items = {item["identifier"]: item for item in package["CFItems"]}
    parent = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"] for a in package["CFAssociations"]
              if a["associationType"] == "isChildOf"}
    criterion = next(i for i in items.values() if i["fullStatement"].startswith("Working towards probation targets"))
    assert criterion["uri"] == BASE + "customer-operations/#knowledgeandimpact-1a-1"
    assert criterion["identifier"] == str(uuid.uuid5(uuid.NAMESPACE_URL, criterion["uri"]))
    topic = items[parent[criterion["identifier"]]]
    assert topic["CFItemType"] == "Topic" and parent[topic["identifier"]] == document["identifier"]
    rubric = next(r for r in package["CFRubrics"] if r["title"] == topic["fullStatement"])
    assert [level["quality"] for level in rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]] == ["Level 1", "Level 2"]
    types = {t["title"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert {item["CFItemType"] for item in items.values()} <= types


def test_case_without_a_site_address_uses_urns(tmp_path):
    export(CONTENT, "case", tmp_path / "p.json", only="nos/manage-team-performance")
    package = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(CFPACKAGE).validate(package)
    assert package["CFDocument"]["uri"].startswith("urn:uuid:")
    assert {i["CFItemType"] for i in package["CFItems"]} >= {"Performance criteria", "Criterion", "Knowledge and understanding"}


@pytest.mark.skipif(not os.environ.get("LADDER_CASE_OPENAPI"), reason="set LADDER_CASE_OPENAPI to 1EdTech's "
                    "imscasev1p1_openapi3_v1p0.json to validate against the published definition")
def test_case_packages_fit_1edtechs_published_definition(tmp_path):
    api = json.loads(Path(os.environ["LADDER_CASE_OPENAPI"]).read_text(encoding="utf-8"))
    schema = {"$ref": "#/components/schemas/CFPackageDType", "components": api["components"]}
    export(CONTENT, "case", tmp_path, base_url=BASE)
    for path in tmp_path.iterdir():
        jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
            json.loads(path.read_text(encoding="utf-8")))


def test_export_of_content_with_errors_writes_nothing(content, tmp_path, capsys):
    folder = content({"support.md": SIMPLE.replace("levels: 2", "levels: many")})
    assert main(["export", "--content", str(folder), "--format", "csv", "--output", str(tmp_path / "x.csv")]) == 1
    assert not (tmp_path / "x.csv").exists()
    assert "support.md:7: levels" in capsys.readouterr().err
