"""The build as a whole: output folder safety, atomic writes, determinism."""

import filecmp
import os
import time

import pytest

from generator.building.engine import MARKER, build
from generator.errors import ContentError, LadderError, UsageError

from .conftest import SIMPLE


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_every_page_kind(content, tmp_path):
    out = tmp_path / "site"
    result = build(content({"support.md": SIMPLE}), out)
    files = set(snapshot(out))
    assert {"index.html", "404.html", "support/index.html", "support/level-1/index.html",
            "support/level-2/index.html", "support/compare/index.html", "a-z/index.html", "sitemap.xml", "robots.txt", ".nojekyll", "assets/ladder.css", "assets/ladder.js", MARKER,
            "downloads/index.html", "support/support.json", "support/support.csv", "support/support.xlsx"} <= files
    assert result.pages == 8  # the data files are files, not pages


def test_building_twice_gives_identical_bytes(content, tmp_path):
    folder = content({"support.md": SIMPLE, "generic.md": SIMPLE.replace("/support", "/generic")})
    build(folder, tmp_path / "one")
    build(folder, tmp_path / "two")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_failed_build_leaves_the_previous_site_untouched(content, tmp_path):
    folder = content({"support.md": SIMPLE})
    out = tmp_path / "site"
    build(folder, out)
    before = snapshot(out)
    (folder / "support.md").write_text(SIMPLE.replace("levels: 2", "levels: [oops"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(folder, out)
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no staging left behind


def test_a_crash_while_writing_keeps_the_previous_site(content, tmp_path, monkeypatch):
    from generator.building import workers as pipeline

    folder = content({"support.md": SIMPLE})
    out = tmp_path / "site"
    build(folder, out)
    before = snapshot(out)

    real_write = pipeline.Writer.write
    calls = []

    def failing_write(self, rel, data):
        calls.append(rel)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, rel, data)

    monkeypatch.setattr(pipeline.Writer, "write", failing_write)
    with pytest.raises(LadderError, match="No space left on device"):
        build(folder, out, jobs=1)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_the_replaced_site_is_deleted_without_waiting_for_it(content, tmp_path):
    folder = content({"support.md": SIMPLE})
    out = tmp_path / "site"
    build(folder, out)
    build(folder, out)  # the first site is moved aside, then deleted by a child process
    assert snapshot(out)
    deadline = time.monotonic() + 30
    while [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_refuses_to_replace_a_folder_ladder_did_not_make(content, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(UsageError, match="not made by Ladder"):
        build(content({"support.md": SIMPLE}), out)
    assert (out / "thesis.docx").exists()


def test_an_empty_output_folder_is_fine(content, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    build(content({"support.md": SIMPLE}), out)
    assert (out / MARKER).exists()


def test_refuses_to_write_over_the_content(content):
    folder = content({"support.md": SIMPLE})
    with pytest.raises(UsageError):
        build(folder, folder)
    with pytest.raises(UsageError):
        build(folder, folder.parent)


def test_check_mode_writes_nothing(content, tmp_path):
    folder = content({"support.md": SIMPLE})
    before = set(tmp_path.rglob("*"))
    result = build(folder, None)
    assert result.pages == 8
    assert set(tmp_path.rglob("*")) == before


def test_strict_turns_warnings_into_errors(content, tmp_path):
    folder = content({"support.md": SIMPLE.replace("levels: 2", "levels: 1")})
    assert build(folder, tmp_path / "ok").warnings
    with pytest.raises(ContentError):
        build(folder, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()


def test_theme_dir_overrides_templates_and_strings(content, tmp_path):
    theme = tmp_path / "my-theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text("<p>Custom {{ t('page_not_found') }}</p>")
    (theme / "i18n").mkdir()
    (theme / "i18n" / "en.yml").write_text("page_not_found: Lost?\n")
    folder = content({"support.md": SIMPLE, "site.yml": "theme_dir: ../my-theme\n"})
    build(folder, tmp_path / "out")
    assert (tmp_path / "out" / "404.html").read_text() == "<p>Custom Lost?</p>"
    # the rest of the default theme still applies
    assert "Support Framework" in (tmp_path / "out" / "support" / "index.html").read_text()


def test_site_settings_errors_are_reported_with_lines(content):
    folder = content({"support.md": SIMPLE, "site.yml": "title: Frameworks\nbase_url: ftp://x\ncolour: red\n"})
    with pytest.raises(ContentError) as error:
        build(folder, None)
    found = [str(p) for p in error.value.problems]
    assert "site.yml:2: base_url: expected an http(s) URL or a path like /frameworks/, got 'ftp://x/'" in found
    assert any(p.startswith("site.yml:3: colour: unknown key 'colour'") for p in found)


def test_missing_content_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="content folder not found"):
        build(tmp_path / "nope", None)


def test_two_pages_writing_one_file_is_an_error(content, tmp_path):
    clash = SIMPLE.replace('path: "/support"', 'path: "/support/level-1"')
    with pytest.raises(ContentError) as error:
        build(content({"support.md": SIMPLE, "clash.md": clash}), tmp_path / "out")
    assert "written twice" in str(error.value.problems[0])


def test_symlinked_output_parent_still_swaps_atomically(content, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "link")
    build(content({"support.md": SIMPLE}), tmp_path / "link" / "site")
    assert (real / "site" / "index.html").exists()
    assert filecmp.cmp(real / "site" / "index.html", tmp_path / "link" / "site" / "index.html")


def test_a_broken_framework_is_not_reported_again_by_the_mappings_that_name_it(tmp_path):
    from .conftest import write_content
    from .kinds_fixture import WITH_MAPPINGS

    folder = write_content(tmp_path / "content", {**WITH_MAPPINGS, "skills.md": WITH_MAPPINGS["skills.md"].replace(
        "title: Contact Centre Skills", "title: [Contact Centre Skills")})
    for jobs in (1, 2):
        with pytest.raises(ContentError) as error:
            build(folder, tmp_path / "out", jobs=jobs)
        assert [p.file for p in error.value.problems if p.is_error] == ["skills.md"]
