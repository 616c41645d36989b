"""Page paths that collide with what Ladder writes, or that no file system
takes: `ladder check` and `ladder build` say the same, at the line of `path:`,
without a traceback, and nothing is written."""

import subprocess
import sys

import pytest

from generator.building import search as search_index
from generator.building.engine import build

from .conftest import SIMPLE, write_content

WITH_MAPPINGS = "alignments:\n  - from: support\n    to: other\n    levels: [{from: 1, to: 1}]\n"

PATHS = {
    "/index.html": "'index.html' is a file (Ladder's home page)",
    "/404.html": "'404.html' is a file (Ladder's 404 page)",
    "/sitemap.xml": "'sitemap.xml' is a file (the sitemap)",
    "/robots.txt": "'robots.txt' is a file (the rules for crawlers)",
    "/CNAME": "'CNAME' is a file (the custom domain)",
    "/assets/ladder.css": "'assets/ladder.css' is a file (the theme's assets)",
    "/pagefind": "'pagefind/' is where the search index is written",
    "/pagefind/deeper": "'pagefind/' is where the search index is written",
    "/pagefind-parts/2": "'pagefind-parts/' is where the search index is written",
    "/a-z": "'a-z/index.html' would be written twice (also by Ladder's index page)",
    "/compare": "'compare/index.html' would be written twice (also by Ladder's compare page)",
    "/support/level-1": "'support/level-1/index.html' would be written twice (also by support.md)",
    "/Support": "'Support/index.html' and 'support/index.html' differ only in case",
    "/" + "a" * 300: "path: is 300 characters long; a path is at most 120",
    "/" + "/".join(["a"] * 2000): "path: is 3,999 characters long; a path is at most 120",
}


def ladder(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("path", list(PATHS), ids=lambda p: p[:30])
def test_check_and_build_refuse_a_path_that_collides_or_is_too_long_at_its_line(tmp_path, path):
    folder = write_content(tmp_path / "content", {
        "support.md": SIMPLE, "other.md": SIMPLE.replace("/support", "/other"), "mappings.yml": WITH_MAPPINGS,
        "x.md": f'---\ntitle: X\npath: "{path}"\n---\nText.\n'})
    out = tmp_path / "out"
    results = [ladder("check", "--content", str(folder)),
               ladder("build", "--content", str(folder), "--output", str(out), "--no-search")]
    for result in results:
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "x.md:3: path: " in result.stderr and PATHS[path] in result.stderr, result.stderr
    assert results[0].stderr.splitlines()[0] == results[1].stderr.splitlines()[0]
    assert not out.exists()


def test_long_role_and_level_ids_cannot_make_names_too_long(tmp_path):
    long_id = "r" * 101
    text = SIMPLE.replace("homepage: false", f"homepage: false\nroles:\n  - id: {long_id}\n    title: R")
    scale = SIMPLE.replace("levels: 2", "scale:\n  - id: " + "L" * 41)
    folder = write_content(tmp_path / "content", {"support.md": text, "scaled.md": scale.replace("/support", "/s")})
    result = ladder("check", "--content", str(folder))
    assert "support.md:10: roles[0].id: is 101 characters long; the limit is 100" in result.stderr
    assert "scaled.md:8: scale[0].id: is 41 characters long; a level id is at most 40" in result.stderr


@pytest.mark.skipif(not search_index.available(), reason="needs pagefind[bin], a dependency of Ladder")
def test_a_page_at_pagefind_is_refused_before_search_could_replace_it(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    out = tmp_path / "out"
    build(folder, out, search=True, force=False)
    (folder / "search.md").write_text('---\npath: /pagefind\ntitle: Search help\n---\nHow to search.\n')
    result = ladder("build", "--content", str(folder), "--output", str(out))
    assert result.returncode == 1 and "search.md:2: path: 'pagefind/' is where the search index is written" in \
        result.stderr
    assert (out / "pagefind" / "pagefind-entry.json").exists() and not (out / "pagefind" / "index.html").exists()
