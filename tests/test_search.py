"""The search index is part of the site: the same content gives the same
bytes, and nothing in the folder `ladder build` runs from can change it."""

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
