"""One engine for `ladder build` and `ladder serve`: after any change, a build
into the same folder gives what a cold build gives, byte for byte, and says
which files it changed."""

import os
import time
import uuid

import pytest

from generator.building.engine import build
from generator.errors import ContentError

from .conftest import SIMPLE, write_content
from .kinds_fixture import GENERIC_FIXTURE, WITH_MAPPINGS

MARKER = ".ladder-site"


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def cold(folder, tmp_path):
    """The same content built from nothing, somewhere else."""
    out = tmp_path / f"cold-{uuid.uuid4().hex}"
    build(folder, out, jobs=1)
    return files(out)


def touch_later(path, text):
    """Write `text` so that the stamp surely differs from the last read."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def site(tmp_path):
    folder = write_content(tmp_path / "content", {**WITH_MAPPINGS, "generic.md": GENERIC_FIXTURE,
                                                  "support.md": SIMPLE})
    out = tmp_path / "site"
    build(folder, out, force=False)
    return folder, out


def rebuild(out, folder, **options):
    return build(folder, out, force=False, **options)


def test_a_one_file_edit_rerenders_only_its_pages_and_the_shared_ones(site, tmp_path):
    folder, out = site
    text = (folder / "support.md").read_text()
    touch_later(folder / "support.md", text.replace("Coaches others", "Coaches others well"))
    result = rebuild(out, folder)
    assert result.changed >= {"support/index.html", "support/level-2/index.html"}
    assert "skills/index.html" not in result.changed
    assert files(out) == cold(folder, tmp_path)


@pytest.mark.parametrize("change", ["add", "delete", "path", "generic", "mappings", "settings", "theme", "touch"])
def test_every_kind_of_change_gives_the_same_bytes_as_a_cold_build(site, tmp_path, change):
    folder, out = site
    if change == "add":
        touch_later(folder / "extra.md", SIMPLE.replace("/support", "/extra"))
    elif change == "delete":
        (folder / "support.md").unlink()
    elif change == "path":
        touch_later(folder / "support.md", SIMPLE.replace("/support", "/help-desk"))
    elif change == "generic":
        text = (folder / "generic.md").read_text()
        touch_later(folder / "generic.md", text.replace("Seeks out feedback", "Asks for feedback"))
    elif change == "mappings":
        text = (folder / "mappings.yml").read_text()
        touch_later(folder / "mappings.yml", text.replace("Feedback and performance", "Feedback"))
    elif change == "settings":
        touch_later(folder / "site.yml", "title: Our ladder\n")
    elif change == "theme":
        theme = tmp_path / "theme"
        (theme / "templates").mkdir(parents=True)
        (theme / "templates" / "404.html").write_text("<p>{{ t('page_not_found') }}</p>")
        touch_later(folder / "site.yml", "theme_dir: ../theme\n")
    elif change == "touch":
        touch_later(folder / "support.md", (folder / "support.md").read_text())
    result = rebuild(out, folder)
    assert files(out) == cold(folder, tmp_path)
    if change == "delete":
        assert "support/index.html" in result.changed
    if change == "touch":
        assert result.changed == set()


def test_errors_keep_the_last_good_site_and_a_fix_catches_up(site, tmp_path):
    folder, out = site
    before = files(out)
    touch_later(folder / "skills.md", (folder / "skills.md").read_text().replace("Takes ownership", "Owns"))
    touch_later(folder / "support.md", SIMPLE.replace("levels: 2", "levels: [broken"))
    with pytest.raises(ContentError) as error:
        rebuild(out, folder)
    assert files(out) == before  # the last good site, untouched
    assert any(p.file == "support.md" and p.line for p in error.value.problems)
    touch_later(folder / "support.md", SIMPLE)
    rebuild(out, folder)
    # skills.md changed during the failed build: its pages are rendered now
    assert "Owns" in (out / "skills" / "index.html").read_text()
    assert files(out) == cold(folder, tmp_path)


def test_a_template_error_is_reported_with_its_file_and_line(site, tmp_path):
    folder, out = site
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text("<p>\n{{ t('page_not_found') }\n</p>")
    touch_later(folder / "site.yml", "theme_dir: ../theme\n")
    with pytest.raises(ContentError) as error:
        rebuild(out, folder)
    (problem,) = [p for p in error.value.problems if p.is_error]
    assert problem.file.endswith("404.html") and problem.line == 2 and "template error" in problem.message
    (theme / "templates" / "404.html").write_text("<p>{{ t('page_not_found') }}</p>")
    rebuild(out, folder)
    assert files(out) == cold(folder, tmp_path)


def test_the_edited_pages_are_told_before_the_whole_site_pages_are_rendered(site, tmp_path):
    folder, out = site
    text = (folder / "support.md").read_text()
    touch_later(folder / "support.md", text.replace('sidebarTitle: "Support"', 'sidebarTitle: "Service Desk"'))
    early = []

    def told(changed):
        early.append(set(changed))
        assert "Service Desk" not in (out / "index.html").read_text()  # not rendered yet

    result = rebuild(out, folder, early=told)
    [first] = early
    assert "support/level-1/index.html" in first  # its breadcrumb shows the new name
    assert "index.html" not in first and "a-z/index.html" not in first
    assert "index.html" in result.changed  # the home page lists the new title
    assert files(out) == cold(folder, tmp_path)


def test_a_build_that_replaces_the_whole_site_says_so(site):
    folder, out = site
    touch_later(folder / "site.yml", "title: Our ladder\n")
    assert rebuild(out, folder).changed is None
