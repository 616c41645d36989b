"""The search index is part of the site: the same content gives the same
bytes, and nothing in the folder `ladder build` runs from can change it."""

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.building import search as search_index
from generator.building.engine import build

from .conftest import SIMPLE, write_content

pytestmark = pytest.mark.skipif(not search_index.available(), reason="needs pagefind[bin], a dependency of Ladder")

LANGUAGES = ["en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "fi", "no", "ro"]


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".ladder-site"}


def many_languages(folder):
    pages = {f"{language}.md": SIMPLE.replace("/support", f"/{language}").replace(
        "yaml: true", f"yaml: true\nlanguage: {language}") for language in LANGUAGES}
    return write_content(folder, pages)


def test_two_builds_with_search_give_the_same_bytes_search_index_included(tmp_path):
    folder = many_languages(tmp_path / "content")
    sites = []
    for n in range(3):  # Pagefind listed the languages in a new order each run: 12! orders
        build(folder, tmp_path / f"out{n}", search=True)
        sites.append(files(tmp_path / f"out{n}"))
    assert "pagefind/pagefind-entry.json" in sites[0]
    assert sites[0] == sites[1] == sites[2]


def test_nothing_in_the_working_folder_is_run_or_read_by_search(tmp_path):
    ladder = Path(sys.executable).parent / "ladder"  # the command as installed: Python adds no folder to its path
    if not ladder.exists():
        pytest.skip("the ladder command is not installed beside this Python")
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    here = tmp_path / "here"
    here.mkdir()
    for module in ("concurrent", "shutil", "json", "asyncio"):  # what Python programs Ladder starts import
        (here / f"{module}.py").write_text(f"open({str(tmp_path / ('ran-' + module))!r}, 'w').close()\n")
    (here / "pagefind.yml").write_text("exclude_selectors: ['main']\n")  # Pagefind's own settings file
    environment = {**os.environ, "PAGEFIND_FORCE_LANGUAGE": "fr"}  # and its settings by environment
    for _ in range(2):  # the second build replaces the first, which is deleted by a child process
        result = subprocess.run([str(ladder), "build", "--content", str(folder), "--output", "out", "--force"],
                                cwd=here, capture_output=True, text=True, timeout=300, env=environment)
        assert result.returncode == 0, result.stderr
    time.sleep(1)
    assert not list(tmp_path.glob("ran-*")), "a module in the working folder was run"
    fresh = tmp_path / "fresh"
    build(folder, fresh, search=True)
    assert files(here / "out") == files(fresh)
    assert '"en"' in (fresh / "pagefind" / "pagefind-entry.json").read_text()


def teams(folder, count=8):
    """`count` frameworks, each with a word of its own ("wordN") in a criterion."""
    return write_content(folder, {f"team{n}.md": SIMPLE.replace("/support", f"/team{n}").replace(
        "Coaches others", f"Coaches others word{n}") for n in range(count)})


def bundles(site):
    """{bundle folder: {file: bytes}} for each part of the search index."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    folders = [site / "pagefind"] + [(site / "pagefind" / part).resolve() for part in entry.get("ladder_parts", [])]
    return {folder: files(folder) for folder in folders}


def words_in(bundle: dict[str, bytes]) -> str:
    return b" ".join(gzip.decompress(data) for rel, data in bundle.items() if rel.startswith("fragment/")).decode()


def test_a_large_site_is_indexed_in_parts_and_an_edit_indexes_one_part_again(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "PART_PAGES", 2)  # a large site, in miniature
    folder = teams(tmp_path / "content")
    out = tmp_path / "site"
    build(folder, out, search=True, force=False)
    before = bundles(out)
    assert len(before) == 4  # 8 pages, in parts of about 2
    found = [words_in(bundle) for bundle in before.values()]
    for n in range(8):  # every page is in exactly one part
        assert sum(f"word{n}" in words for words in found) == 1, n
    assert len({page for bundle in before.values() for page in bundle if page.startswith("fragment/")}) == 8

    edit = folder / "team3.md"
    edit.write_text(edit.read_text().replace("word3", "zebraword"))
    said = []
    build(folder, out, search=True, force=False, progress=said.append)
    assert "in place" in " ".join(said)
    after = bundles(out)
    (changed,) = [folder_ for folder_ in after if after[folder_] != before[folder_]]  # one part indexed again
    assert "zebraword" in words_in(after[changed]) and "word3" not in words_in(after[changed])
    assert not [p for p in tmp_path.iterdir() if "pagefind" in p.name or "search" in p.name]  # nothing left beside

    fresh = tmp_path / "fresh"
    build(folder, fresh, search=True)
    assert files(out) == {rel: data for rel, data in files(fresh).items()}  # as a cold build makes it


def test_a_site_that_grows_past_a_part_is_indexed_again_in_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "PART_PAGES", 4)
    folder = teams(tmp_path / "content", 4)
    out = tmp_path / "site"
    build(folder, out, search=True, force=False)
    assert len(bundles(out)) == 1 and not (out / "pagefind-parts").exists()
    teams(folder, 6)  # two frameworks more
    build(folder, out, search=True, force=False)
    grown = bundles(out)
    assert len(grown) == 2
    assert all(f"word{n}" in " ".join(words_in(b) for b in grown.values()) for n in range(6))
    (folder / "team4.md").unlink()
    (folder / "team5.md").unlink()
    build(folder, out, search=True, force=False)
    assert len(bundles(out)) == 1 and not (out / "pagefind-parts").exists()  # the parts no longer made are gone


def test_an_edit_is_indexed_when_the_site_is_named_from_the_working_folder(tmp_path):
    ladder = Path(sys.executable).parent / "ladder"
    if not ladder.exists():
        pytest.skip("the ladder command is not installed beside this Python")
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})

    def build_here():
        return subprocess.run([str(ladder), "build", "--content", "content"], cwd=tmp_path,  # into ./output
                              capture_output=True, text=True, timeout=300)

    assert build_here().returncode == 0
    (folder / "support.md").write_text((folder / "support.md").read_text().replace("Coaches", "Mentors"))
    result = build_here()
    assert result.returncode == 0, result.stderr
    assert "in place" in result.stderr
    fragments = [gzip.decompress(p.read_bytes()) for p in (tmp_path / "output" / "pagefind" / "fragment").iterdir()]
    assert any(b"Mentors" in fragment for fragment in fragments)
