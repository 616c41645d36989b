"""`ladder import` as an editor uses it: a workbook made by hand in the grid
layout, problems named by their cell, and files never half-written."""

import textwrap

import openpyxl
import pytest

from generator.building.engine import check, load_site
from generator.commands.cli import main

from .conftest import SIMPLE, write_content


def grid_workbook(path, edit=None):
    """Topics in rows, levels in columns, as people lay out a framework: a
    title merged across the top, a category merged down two topics, blank
    rows, bullets, numbering, a wrapped line and text from everywhere."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Support"
    sheet.append(["Support framework"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["Category", "Competency", "Description", "Level 1", "Level 2"])
    sheet.append(["People", "Communication", "How we talk with “customers”",
                  "• Asks for help\n• Writes clear notes, with a line\n  that wraps", "1. Coaches others 💬\n2. 日本語のチームと話す"])
    sheet.append([None, "Feedback", None, "- Gives feedback\n- Receives feedback", None])
    sheet.merge_cells("A4:A5")
    sheet.append([])
    sheet.append(["Delivery", "Planning", None, "Plans the week", "Plans the quarter\nShares the plan"])
    if edit:
        edit(sheet)
    book.save(path)
    return path


@pytest.fixture
def folder(tmp_path):
    return write_content(tmp_path / "content", {"site.yml": "title: Frameworks\n"})


def run(*args):
    return main(["import", *map(str, args)])


def test_a_hand_made_grid_workbook_imports_as_an_editor_expects(tmp_path, folder, capsys):
    assert run(grid_workbook(tmp_path / "support.xlsx"), "--into", folder, "--path", "/support") == 0
    assert "grid layout" in capsys.readouterr().err
    check(folder, strict=True)
    site, problems = load_site(folder)
    framework = site.frameworks[0]
    assert framework.title == "Support framework" and [level.id for level in framework.levels] == ["1", "2"]
    got = {(t.title, tl.level.id): [c.text for c in tl.criteria] for t in framework.topics for tl in t.levels}
    assert got == {
        ("Communication", "1"): ["Asks for help", "Writes clear notes, with a line\nthat wraps"],
        ("Communication", "2"): ["Coaches others 💬", "日本語のチームと話す"],
        ("Feedback", "1"): ["Gives feedback", "Receives feedback"],
        ("Planning", "1"): ["Plans the week"],
        ("Planning", "2"): ["Plans the quarter", "Shares the plan"],
    }
    assert framework.topics[0].description == "How we talk with “customers”"
    assert [t.category.title for t in framework.topics] == ["People", "People", "Delivery"]


@pytest.mark.parametrize("edit, cell, words", [
    (lambda s: s.merge_cells("D7:E7"), "Support!D7", "merged cells D7:E7"),
    (lambda s: s.cell(3, 5, "Notes"), "Support!E3", "not a level"),
    (lambda s: (s.cell(3, 6, None), s.cell(4, 6, "orphan text")), "Support!F3", "empty header"),
    (lambda s: s.cell(5, 5, "1. Coaches others 💬\n2. 日本語のチームと話す"), "Support!E5", "repeats the cell above"),
])
def test_a_sheet_that_cannot_be_read_names_the_cell_and_writes_nothing(tmp_path, folder, capsys, edit, cell, words):
    assert run(grid_workbook(tmp_path / "support.xlsx", edit), "--into", folder, "--path", "/support") == 1
    err = capsys.readouterr().err
    assert f"support.xlsx: {cell}: " in err and words in err
    assert not (folder / "support.md").exists()


def test_a_password_protected_workbook_says_so(tmp_path, folder, capsys):
    msoffcrypto = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = grid_workbook(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with open(plain, "rb") as source, open(locked, "wb") as target:
        msoffcrypto.OOXMLFile(source).encrypt("secret", target)
    assert run(locked, "--into", folder) == 1
    assert "protected with a password" in capsys.readouterr().err
    assert list(folder.iterdir()) == [folder / "site.yml"]


def test_an_unreadable_file_says_so(tmp_path, folder, capsys):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert run(tmp_path / "broken.xlsx", "--into", folder) == 1
    assert "not a readable .xlsx workbook" in capsys.readouterr().err


def test_an_existing_file_is_replaced_only_with_force(tmp_path, folder, capsys):
    sheet = grid_workbook(tmp_path / "support.xlsx")
    (folder / "support.md").write_text("---\npath: /support\n---\n", encoding="utf-8")
    assert run(sheet, "--into", folder, "--path", "/support") == 2
    assert "--force" in capsys.readouterr().err
    assert run(sheet, "--into", folder, "--path", "/support", "--force") == 0
    assert "Plans the quarter" in (folder / "support.md").read_text(encoding="utf-8")


def test_a_long_csv_with_mojibake_is_repaired_with_a_warning_naming_the_cell(tmp_path, folder, capsys):
    (tmp_path / "levels.csv").write_text(textwrap.dedent("""\
        topic;level;criterion;examples
        Communication;1;Asks for help;"Posts a note
        Calls a colleague"
        Communication;2;Coaches the team ‚Äòcore‚Äô;
        """), encoding="utf-8")
    assert run(tmp_path / "levels.csv", "--into", folder, "--title", "Levels") == 0
    err = capsys.readouterr().err
    assert "levels.csv: warning: levels.csv!C3: repaired mojibake" in err and "long layout" in err
    site, _ = load_site(folder)
    topic = site.frameworks[0].topics[0]
    assert topic.levels[0].criteria[0].examples == ["Posts a note", "Calls a colleague"]
    assert topic.levels[1].criteria[0].text == "Coaches the team ‘core’"
    check(folder, strict=True)


def test_a_framework_already_at_that_path_is_not_overwritten(tmp_path, folder, capsys):
    write_content(folder, {"team/support.md": SIMPLE})
    assert run(grid_workbook(tmp_path / "support.xlsx"), "--into", folder, "--path", "/support") == 2
    assert "already has path /support" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["--path", "the sheet's path column"])
def test_a_path_out_of_the_content_folder_writes_nothing_anywhere(tmp_path, folder, capsys, how):
    """The path names the file written: one with '..' parts, from the command
    line or from the sheet, is refused before any file or folder is made (a
    scratch copy of the file used to be written where it pointed)."""
    sheet = tmp_path / "sheet.csv"
    if how == "--path":
        sheet.write_text("topic,level,criterion\nCommunication,1,Asks for help\n", encoding="utf-8")
        args = ["--path", "/team/../../../outside"]
    else:
        sheet.write_text("framework,path,topic,level,criterion\n"
                         "Support,/team/../../../outside,Communication,1,Asks for help\n", encoding="utf-8")
        args = []
    before = sorted(p for p in tmp_path.rglob("*"))
    assert run(sheet, "--into", folder, *args) == 1
    assert "'/team/../../../outside' may not contain '.' or '..' parts" in capsys.readouterr().err
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_a_sheet_of_thousands_of_mistakes_lists_the_first_hundred(tmp_path, folder, capsys):
    """As for a content file: reading stops after a hundred errors, and past a
    hundred warnings the rest are counted, so the first ones are not buried."""
    header = ",".join(["topic"] + [f"c{n}" for n in range(5000)])
    (tmp_path / "wide.csv").write_text(header + "\n" + ",".join(["Communication"] + ["x"] * 5000) + "\n")
    assert run(tmp_path / "wide.csv", "--into", folder, "--title", "Wide") == 1
    err = capsys.readouterr().err
    assert err.count("is not a level") == 100 and "more than 100 errors in this file" in err
    rows = "".join(f"Communication,{n % 5 + 1},Coaches the team ‚Äòcore‚Äô {n}\n" for n in range(150))
    (tmp_path / "garbled.csv").write_text("topic,level,criterion\n" + rows, encoding="utf-8")
    assert run(tmp_path / "garbled.csv", "--into", folder, "--title", "Garbled") == 0
    err = capsys.readouterr().err
    assert err.count("repaired mojibake") == 100 and "50 more warnings in this file were not listed" in err
