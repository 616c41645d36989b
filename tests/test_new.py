"""`ladder new`: a content-only site repository that builds, checks and
serves as it is, with Ladder installed from the requirement it writes; and
`ladder new framework`, which never overwrites a file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

from generator.commands.new import requirement_from
from generator.commands.schema import schema_text
from generator.reading.settings import SITE_SCHEMA

from .browser.support import serve
from .conftest import ROOT
from .htmlcheck import crawl


def ladder(*args, cwd=None, executable=(sys.executable, "-m", "generator")):
    return subprocess.run([*executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """A site made by `ladder new`, as an organisation would start one."""
    parent = tmp_path_factory.mktemp("new")
    run = ladder("new", "my-frameworks", cwd=parent)
    assert run.returncode == 0, run.stderr
    return parent / "my-frameworks"


def test_it_writes_a_content_only_repository(made):
    files = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
    assert files == [".github/workflows/pages.yml", ".gitignore", ".vscode/extensions.json", ".vscode/settings.json",
                     "README.md", "content/engineering.yml", "content/generic.yml", "content/site.yml",
                     "requirements.txt", "schemas/framework.schema.json", "schemas/mappings.schema.json",
                     "schemas/site.schema.json"]
    assert not list(made.rglob("*.py")) and "themes" not in files  # no copy of Ladder's code or theme
    assert '"My frameworks"' in (made / "content" / "site.yml").read_text()
    assert "/output/" in (made / ".gitignore").read_text()


def test_the_new_site_checks_strictly_without_a_warning_and_inherits(made, tmp_path):
    run = ladder("check", "--strict", cwd=made)
    assert run.returncode == 0 and "warning" not in run.stderr, run.stderr
    assert ladder("build", "--no-search", "--output", str(tmp_path / "out"), cwd=made).returncode == 0
    page = (tmp_path / "out" / "engineering" / "index.html").read_text()
    assert "Asks for help when stuck" in page  # from the generic framework's topic of the same name
    assert "Writes design documents that others can review." in page


def test_site_yml_explains_every_setting(made):
    text = (made / "content" / "site.yml").read_text()
    for key in SITE_SCHEMA.fields:
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key


def test_the_editors_readme_says_how_to_add_preview_and_publish(made):
    readme = (made / "README.md").read_text()
    assert readme.startswith("# My frameworks\n")
    for words in ("## Add a framework", "ladder new framework", "ladder serve", "## Publish",
                  "Settings → Pages", "pip install -r requirements.txt"):
        assert words in readme


def test_the_schemas_are_ladders_and_each_file_names_its_own(made):
    for kind in ("framework", "site", "mappings"):
        assert (made / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)
    for name, kind in (("generic.yml", "framework"), ("engineering.yml", "framework"), ("site.yml", "site")):
        first = (made / "content" / name).read_text().splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert (made / "content" / schema).resolve() == (made / "schemas" / f"{kind}.schema.json").resolve()
    settings = json.loads(re.sub(r"^\s*//.*$", "", (made / ".vscode" / "settings.json").read_text(), flags=re.M))
    for schema in settings["yaml.schemas"]:
        assert (made / schema).is_file()


def test_the_requirement_pins_the_ladder_running_now(made):
    """Ladder runs here from this checkout: the requirement installs that checkout."""
    requirement = (made / "requirements.txt").read_text().splitlines()[-1]
    assert requirement == f"ladder @ {ROOT.as_uri()}"


@pytest.mark.parametrize("direct_url, requirement", [
    # The examples of PEP 610 (Recording the Direct URL Origin of installed distributions).
    ({"url": "https://github.com/pypa/pip.git", "vcs_info": {"vcs": "git", "requested_revision": "1.3.1",
                                                             "commit_id": "7921be1537eac1e97bc40179a57f0349c2aee67d"}},
     "ladder @ git+https://github.com/pypa/pip.git@7921be1537eac1e97bc40179a57f0349c2aee67d"),
    ({"url": "https://github.com/pypa/pip/archive/1.3.1.zip",
      "archive_info": {"hashes": {"sha256": "2dc6b5a470a1bde68946f263f1af1515a2574a150a30d6ce02c6ff742fcc0db8"}}},
     "ladder @ https://github.com/pypa/pip/archive/1.3.1.zip"),
    ({"url": "file:///home/user/project", "dir_info": {"editable": True}}, "ladder @ file:///home/user/project"),
])
def test_the_requirement_says_where_ladder_came_from(direct_url, requirement):
    written, note = requirement_from(direct_url)
    assert written == requirement
    assert bool(note) == direct_url["url"].startswith("file:")  # GitHub's runners cannot reach a local folder


def test_a_given_requirement_is_written_as_it_is(tmp_path):
    run = ladder("new", "site", "--title", "Acme: careers", "--requirement",
                 "ladder @ git+https://github.com/acme/ladder@v1.2", cwd=tmp_path)
    assert run.returncode == 0 and "note:" not in run.stderr
    assert (tmp_path / "site" / "requirements.txt").read_text().endswith("ladder @ git+https://github.com/acme/ladder@v1.2\n")
    assert 'title: "Acme: careers"' in (tmp_path / "site" / "content" / "site.yml").read_text()
    assert ladder("check", "--strict", cwd=tmp_path / "site").returncode == 0


def test_it_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    run = ladder("new", "mine", cwd=tmp_path)
    assert run.returncode == 2 and "already exists and is not empty" in run.stderr
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_it_fills_a_fresh_clone_that_holds_only_git(tmp_path):
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    assert ladder("new", "clone", cwd=tmp_path).returncode == 0
    assert (tmp_path / "clone" / "content" / "generic.yml").is_file()


def test_new_framework_inherits_every_generic_topic_and_checks(made):
    run = ladder("new", "framework", "content/customer-support.yml", "--title", "Customer support", "--levels", "4",
                 cwd=made)
    assert run.returncode == 0, run.stderr
    made_file = made / "content" / "customer-support.yml"
    try:
        text = made_file.read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/framework.schema.json\n")
        assert "path: /customer-support\n" in text and 'title: "Customer support"' in text and "levels: 4" in text
        assert re.findall(r'- name: "([^"]+)"', text) == ["communication", "delivery"]
        run = ladder("check", "--strict", cwd=made)
        assert run.returncode == 0 and "warning" not in run.stderr, run.stderr
        again = ladder("new", "framework", "content/customer-support.yml", "--title", "Other", cwd=made)
        assert again.returncode == 2 and "already exists; Ladder does not overwrite it" in again.stderr
        assert made_file.read_text() == text
    finally:
        made_file.unlink()


def test_new_framework_takes_a_path_inside_content_and_a_markdown_page(tmp_path):
    (tmp_path / "content").mkdir()
    assert ladder("new", "framework", "teams/support.md", "--levels", "2", cwd=tmp_path).returncode == 0
    text = (tmp_path / "content" / "teams" / "support.md").read_text()
    assert text.startswith("---\npath: /teams/support\ntitle: \"Support\"\n") and "\n---\n" in text
    assert ladder("check", "--strict", cwd=tmp_path).returncode == 0
    outside = ladder("new", "framework", str(tmp_path / "elsewhere.yml"), cwd=tmp_path)
    assert outside.returncode == 2 and "is not inside the content folder" in outside.stderr
    wrong = ladder("new", "framework", "x.txt", cwd=tmp_path)
    assert wrong.returncode == 2 and "expected a file name ending in .yml" in wrong.stderr
    huge = ladder("new", "framework", "y.yml", "--levels", "100000", cwd=tmp_path)
    assert huge.returncode == 2 and not (tmp_path / "content" / "y.yml").exists()


# --- The whole loop: install from the requirement, build, serve, crawl -------

@pytest.fixture(scope="module")
def installed(made, tmp_path_factory) -> Path:
    """A fresh virtual environment with Ladder installed as the new site's
    workflow installs it: `pip install -r requirements.txt`, not editable.

    Without pip's cache: pip keeps the wheel it built from a folder whose name
    looks like a name and a version ("ladder-2"), and would install that old
    build of an earlier checkout of the same folder instead of this one."""
    env = tmp_path_factory.mktemp("venv") / "env"
    venv.create(env, with_pip=True)
    pip = subprocess.run([env / "bin" / "python", "-m", "pip", "install", "-q", "--no-cache-dir",
                          "-r", "requirements.txt"],
                         cwd=made, capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return env


def test_the_installed_ladder_is_a_package_with_its_theme_not_this_checkout(installed):
    where = subprocess.run([installed / "bin" / "python", "-c",
                            "import generator, pathlib; print(pathlib.Path(generator.__file__).parent)"],
                           capture_output=True, text=True, cwd="/", check=True).stdout.strip()
    package = Path(where)
    assert package.is_relative_to(installed) and not package.is_relative_to(ROOT)
    assert (package / "themes" / "default" / "templates" / "base.html").is_file()


def test_the_new_site_builds_with_the_installed_ladder_and_every_link_works(made, installed, tmp_path):
    """As GitHub Pages serves it: under the repository's sub-path."""
    www = tmp_path / "www"
    www.mkdir()
    server, base = serve(www)
    try:
        site = f"{base}my-frameworks/"
        run = ladder("build", "--strict", "--base-url", site, "--output", str(www / "my-frameworks"), cwd=made,
                     executable=(installed / "bin" / "ladder",))
        assert run.returncode == 0, run.stderr
        fetched, broken = crawl(site)
        assert broken == []
        pages = {site + p.relative_to(www / "my-frameworks").as_posix() for p in (www / "my-frameworks").rglob("*.html")}
        reached = {url + "index.html" if url.endswith("/") else url for url in fetched}
        assert sorted(pages - reached) == [site + "404.html"]
    finally:
        server.shutdown()
        server.server_close()


def test_the_installed_ladder_builds_this_repositorys_own_content_as_its_workflow_does(installed, tmp_path):
    run = ladder("build", "--strict", "--no-search", "--base-url", "https://org.github.io/frameworks/",
                 "--content", str(ROOT / "content"), "--output", str(tmp_path / "out"),
                 executable=(installed / "bin" / "ladder",), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "customer-operations" / "index.html").is_file()


def test_the_installed_ladder_serves_the_new_site(made, installed):
    preview = subprocess.Popen([installed / "bin" / "ladder", "serve", "--port", "0"], cwd=made,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < deadline:
            line = preview.stderr.readline()
            if found := re.search(r"serving (http://\S+)", line):
                url = found.group(1)
        assert url, "ladder serve did not say where it serves"
        with urlopen(url, timeout=10) as response:
            assert response.status == 200 and "What is expected of engineers at each level." in response.read().decode()
        fetched, broken = crawl(url)
        assert broken == [] and any(urlsplit(u).path.startswith("/engineering/") for u in fetched)
    finally:
        preview.terminate()
        preview.wait(timeout=20)
