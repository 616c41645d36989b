"""`ladder build` after an edit changes the site in place, to the same bytes as a full build."""

import gzip
import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from generator.building import search as search_index
from generator.building.cache import CACHE_ENV
from generator.building.engine import MARKER, build
from generator.errors import ContentError

from .conftest import SIMPLE, write_content
from .kinds_fixture import GENERIC_FIXTURE, WITH_MAPPINGS

INHERITING = SIMPLE.replace('title: "Communication"', "title:")  # takes its topic from the generic framework


def files(folder):
    """The site's files, without the marker: when its content files were stamped depends on the clock."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def times(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A content folder built once, and a function that builds it again as `ladder build` does."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))  # this test's snapshots only
    folder = write_content(tmp_path / "content", {
        **WITH_MAPPINGS, "generic.md": GENERIC_FIXTURE, "support.md": SIMPLE + "\n## How we grow\n\nWith *care*.\n",
        "team/ops.md": INHERITING.replace("/support", "/ops").replace('"Support', '"Operations')
                                 .replace("yaml: true", "yaml: true\nlanguage: fr"),  # a warning
    })
    out = tmp_path / "site"
    build(folder, out, force=False)

    def rebuild():
        said = []
        result = build(folder, out, force=False, progress=said.append)
        return result, " ".join(said)

    return folder, out, rebuild


def cold(folder, tmp_path):
    """The same content built from nothing, somewhere else."""
    out = tmp_path / f"cold-{uuid.uuid4().hex}"
    build(folder, out)
    return files(out)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_criterion_rewrites_only_that_frameworks_pages(site, tmp_path):
    folder, out, rebuild = site
    before = times(out)
    edit(folder / "support.md", "Coaches others", "Coaches others every week")
    result, said = rebuild()
    assert "in place" in said
    assert files(out) == cold(folder, tmp_path)
    changed = {rel for rel, stamp in times(out).items() if before.get(rel) != stamp}
    assert changed - {MARKER} == {"support/index.html", "support/level-2/index.html", "support/compare/index.html",
                                  "support/support.json", "support/support.csv", "support/support.xlsx"}
    assert result.pages == len([rel for rel in files(out) if rel.endswith(".html")])


def test_files_touched_but_not_changed_rewrite_nothing(site):
    folder, out, rebuild = site
    before = times(out)
    later = time.time() + 5
    for path in folder.rglob("*.md"):  # as a checkout of another branch and back would
        os.utime(path, (later, later))
    _, said = rebuild()
    assert "no content changed" in said
    assert {rel for rel, stamp in times(out).items() if before.get(rel) != stamp} == {MARKER}
    assert "nothing changed" in rebuild()[1]  # and the new times were recorded


def git(repo, *args, date):
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", *args], cwd=repo,
                   check=True, capture_output=True,
                   env={"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date, "PATH": os.environ["PATH"]})


def test_a_new_commit_updates_the_dates_it_changed_in_place(tmp_path):
    repo = write_content(tmp_path / "repo", {"support.md": SIMPLE, "sales.md": SIMPLE.replace("/support", "/sales")})
    git(repo, "init", "-q", "-b", "main", date="2026-03-04T10:00:00")
    git(repo, "add", ".", date="2026-03-04T10:00:00")
    git(repo, "commit", "-q", "-m", "first", date="2026-03-04T10:00:00")
    out = tmp_path / "site"
    build(repo, out, force=False)
    edit(repo / "support.md", "Coaches others", "Coaches others daily")
    build(repo, out, force=False)  # built before it is committed: the page still shows the first date
    assert b"2026-03-04" in (out / "support" / "index.html").read_bytes()
    git(repo, "commit", "-q", "-am", "second", date="2026-05-06T10:00:00")
    said = []
    build(repo, out, force=False, progress=said.append)
    assert "in place" in " ".join(said)
    assert b"2026-05-06" in (out / "support" / "index.html").read_bytes()
    assert b"2026-03-04" in (out / "sales" / "index.html").read_bytes()
    assert files(out) == cold(repo, tmp_path)


def test_markdown_that_did_not_change_is_not_rendered_again(site, tmp_path, monkeypatch):
    from generator.reading import markup

    folder, out, rebuild = site
    rendered = []
    real = markup.render_markdown
    monkeypatch.setattr(markup, "render_markdown",
                        lambda text, *rest: rendered.append(text) or real(text, *rest))
    edit(folder / "support.md", "Coaches others", "Coaches others daily")
    assert "in place" in rebuild()[1]
    assert rendered == []
    assert b"<em>care</em>" in (out / "support" / "index.html").read_bytes()
    edit(folder / "support.md", "With *care*.", "With *great* care.")
    assert "in place" in rebuild()[1]
    assert [text.strip() for text in rendered] == ["## How we grow\n\nWith *great* care."]
    assert files(out) == cold(folder, tmp_path)


def test_a_new_title_also_updates_the_pages_that_list_every_framework(site, tmp_path):
    folder, out, rebuild = site
    edit(folder / "support.md", 'sidebarTitle: "Support"', 'sidebarTitle: "Customer support"')
    _, said = rebuild()
    assert "in place" in said
    assert b"Customer support" in (out / "index.html").read_bytes()
    assert files(out) == cold(folder, tmp_path)


def test_an_edit_to_a_framework_the_mappings_compare_updates_the_comparison(site, tmp_path):
    folder, out, rebuild = site
    edit(folder / "skills.md", "name: Performing", "name: Delivering")  # a level name the alignment chart shows
    _, said = rebuild()
    assert "in place" in said
    assert b"Delivering" in (out / "compare" / "index.html").read_bytes()
    assert files(out) == cold(folder, tmp_path)


def test_added_and_removed_files_add_and_remove_their_pages(site, tmp_path):
    folder, out, rebuild = site
    (folder / "team" / "ops.md").unlink()
    write_content(folder, {"sales.md": SIMPLE.replace("/support", "/sales").replace('"Support', '"Sales')})
    _, said = rebuild()
    assert "in place" in said
    assert not (out / "ops").exists() and (out / "sales" / "level-2" / "index.html").exists()
    assert files(out) == cold(folder, tmp_path)


def test_an_error_leaves_the_site_as_it_was_and_the_fix_is_applied(site, tmp_path):
    folder, out, rebuild = site
    before = files(out)
    edit(folder / "support.md", "levels: 2", "levels: [oops")
    with pytest.raises(ContentError) as error:
        rebuild()
    assert "support.md" in str(error.value.problems[0])
    assert files(out) == before
    edit(folder / "support.md", "levels: [oops", "levels: 2")
    edit(folder / "support.md", "Asks for help", "Asks for help early")
    _, said = rebuild()
    assert "in place" in said
    assert files(out) == cold(folder, tmp_path)


def test_warnings_of_files_not_read_again_are_still_reported(site):
    folder, out, rebuild = site
    full = build(folder, out)  # a forced full build reports every warning
    assert full.warnings
    edit(folder / "support.md", "Coaches others", "Coaches others often")
    result, said = rebuild()
    assert "in place" in said
    assert [str(p) for p in result.warnings] == [str(p) for p in full.warnings]


def test_an_edit_to_the_generic_framework_rebuilds_everything(site, tmp_path):
    folder, out, rebuild = site
    text = (folder / "generic.md").read_text(encoding="utf-8")
    (folder / "generic.md").write_text(text.replace("Communication", "Talking", 1), encoding="utf-8")
    _, said = rebuild()
    assert "in place" not in said and "wrote" in said
    assert files(out) == cold(folder, tmp_path)


def test_without_its_snapshot_the_build_starts_from_the_files(site, tmp_path):
    folder, out, rebuild = site
    shutil.rmtree(os.environ[CACHE_ENV])
    edit(folder / "support.md", "Coaches others", "Coaches others daily")
    _, said = rebuild()
    assert "in place" not in said
    assert files(out) == cold(folder, tmp_path)
    edit(folder / "support.md", "daily", "weekly")  # and the full build left a snapshot behind
    assert "in place" in rebuild()[1]


def test_a_site_changed_by_another_build_is_not_updated_in_place(site, tmp_path):
    folder, out, rebuild = site
    build(folder, out, base_url="https://example.org/")  # the marker now says another build made it
    edit(folder / "support.md", "Coaches others", "Coaches others daily")
    _, said = rebuild()
    assert "in place" not in said
    assert files(out) == cold(folder, tmp_path)


def _not_a_database(data: bytes) -> bytes:
    return b"not a database" * 100


def _garbage_behind_the_header(data: bytes) -> bytes:
    """What a power cut can leave, as snapshots are written without waiting for the disk."""
    return data[:4096] + b"\xff" * (len(data) - 4096)


@pytest.mark.parametrize("damage", [_not_a_database, _garbage_behind_the_header])
def test_a_damaged_snapshot_is_replaced(site, tmp_path, damage):
    folder, out, rebuild = site
    snapshots = list(Path(os.environ[CACHE_ENV], "builds").glob("*.sqlite"))
    assert snapshots
    for path in snapshots:
        path.write_bytes(damage(path.read_bytes()))
    edit(folder / "support.md", "Coaches others", "Coaches others daily")
    _, said = rebuild()
    assert "in place" not in said
    assert files(out) == cold(folder, tmp_path)
    edit(folder / "support.md", "daily", "weekly")
    assert "in place" in rebuild()[1]


@pytest.mark.skipif(not search_index.available(), reason="needs pagefind[bin], a dependency of Ladder")
def test_search_finds_an_edit_made_in_place(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    out = tmp_path / "site"
    build(folder, out, search=True, force=False)
    edit(folder / "support.md", "Coaches others", "Coaches others in zebrawords")
    said = []
    build(folder, out, search=True, force=False, progress=said.append)
    assert "in place" in " ".join(said)
    fragments = [gzip.decompress(p.read_bytes()) for p in (out / "pagefind" / "fragment").iterdir()]
    assert any(b"zebrawords" in fragment for fragment in fragments)
    assert not [p for p in tmp_path.iterdir() if ".pagefind-" in p.name]  # the new bundle was swapped in
    later = time.time() + 5
    os.utime(folder / "support.md", (later, later))
    said = []
    build(folder, out, search=True, force=False, progress=said.append)
    assert "no content changed" in " ".join(said) and "indexed" not in " ".join(said)  # no page changed


def test_a_snapshot_from_another_version_of_ladder_is_dropped(site, tmp_path):
    folder, out, rebuild = site
    for path in Path(os.environ[CACHE_ENV], "builds").glob("*.sqlite"):
        with sqlite3.connect(path) as db:
            db.executescript("DROP TABLE files; CREATE TABLE files (rel TEXT); PRAGMA user_version = 1;")
    edit(folder / "support.md", "Coaches others", "Coaches others daily")
    assert "in place" not in rebuild()[1]
    edit(folder / "support.md", "daily", "weekly")
    assert "in place" in rebuild()[1]
    assert files(out) == cold(folder, tmp_path)
