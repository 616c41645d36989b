"""Incremental rebuilds: after any change, the result equals a fresh build, byte for byte."""

import os
import time

import pytest

from generator.builder import SiteBuilder

from .conftest import SIMPLE, write_content
from .kinds_fixture import GENERIC_FIXTURE, WITH_MAPPINGS


def fresh(folder):
    builder = SiteBuilder(folder)
    changes = builder.build()
    assert changes.ok, changes.problems
    return builder.output


def touch_later(path, text):
    """Write `text` so that the stamp surely differs from the last read."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def site(tmp_path):
    folder = write_content(tmp_path / "content", {**WITH_MAPPINGS, "generic.md": GENERIC_FIXTURE,
                                                  "support.md": SIMPLE})
    builder = SiteBuilder(folder)
    assert builder.build().ok
    return folder, builder


def test_a_one_file_edit_rerenders_only_its_pages_and_the_shared_ones(site):
    folder, builder = site
    total = len(builder.pages)
    text = (folder / "support.md").read_text()
    touch_later(folder / "support.md", text.replace("Coaches others", "Coaches others well"))
    changes = builder.build()
    assert changes.ok
    assert changes.rendered < total / 2
    assert set(changes.written) >= {"support/index.html", "support/level-2/index.html"}
    assert "skills/index.html" not in changes.written
    assert builder.output == fresh(folder)


@pytest.mark.parametrize("change", ["add", "delete", "path", "generic", "mappings", "settings", "theme", "touch"])
def test_every_kind_of_change_gives_the_same_bytes_as_a_fresh_build(site, tmp_path, change):
    folder, builder = site
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
    changes = builder.build()
    assert changes.ok, changes.problems
    assert builder.output == fresh(folder)
    if change == "delete":
        assert "support/index.html" in changes.removed
    if change == "touch":
        assert changes.written == {} and changes.removed == set()


def test_errors_keep_the_last_good_site_and_a_fix_catches_up(site):
    folder, builder = site
    before = dict(builder.output)
    touch_later(folder / "skills.md", (folder / "skills.md").read_text().replace("Takes ownership", "Owns"))
    touch_later(folder / "support.md", SIMPLE.replace("levels: 2", "levels: [broken"))
    changes = builder.build()
    assert not changes.ok and changes.written == {}
    assert builder.output == before  # the last good site, untouched
    assert any(p.file == "support.md" and p.line for p in changes.problems)
    touch_later(folder / "support.md", SIMPLE)
    assert builder.build().ok
    # skills.md changed during the failed build: its pages are rendered now
    assert "Owns" in builder.output["skills/index.html"].decode()
    assert builder.output == fresh(folder)


def test_a_template_error_is_reported_with_its_file_and_line(site, tmp_path):
    folder, builder = site
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text("<p>\n{{ t('page_not_found') }\n</p>")
    touch_later(folder / "site.yml", "theme_dir: ../theme\n")
    changes = builder.build()
    assert not changes.ok
    (problem,) = [p for p in changes.problems if p.is_error]
    assert problem.file.endswith("404.html") and problem.line == 2 and "template error" in problem.message
    (theme / "templates" / "404.html").write_text("<p>{{ t('page_not_found') }}</p>")
    assert builder.build().ok
    assert builder.output == fresh(folder)


def test_shared_pages_can_come_second_and_the_result_is_still_a_fresh_build(site):
    folder, builder = site
    text = (folder / "support.md").read_text()
    touch_later(folder / "support.md", text.replace("sidebarTitle: \"Support\"", "sidebarTitle: \"Service Desk\""))
    first = builder.build(defer_shared=True)
    assert "support/level-1/index.html" in first.written  # its breadcrumb shows the new name
    assert "index.html" not in first.written and "a-z/index.html" not in first.written
    second = builder.render_deferred()
    assert "index.html" in second.written  # the home page lists the new title
    assert builder.output == fresh(folder)
