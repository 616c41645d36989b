"""`ladder deploy` publishes the built site to a gh-pages branch and pushes it."""

import subprocess

from generator.commands.cli import main

from .conftest import SIMPLE, write_content


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_deploy_commits_the_site_to_gh_pages_and_pushes(tmp_path, monkeypatch, capsys):
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    repo = tmp_path / "repo"
    write_content(repo / "content", {"support.md": SIMPLE})
    git("init", "-q", "-b", "main", cwd=repo)
    git("config", "user.email", "editor@example.org", cwd=repo)
    git("config", "user.name", "Editor", cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "frameworks", cwd=repo)
    git("remote", "add", "origin", str(remote), cwd=repo)
    monkeypatch.chdir(repo)

    assert main(["deploy", "--base-url", "https://org.github.io/frameworks/"]) == 0
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert {"index.html", "support/index.html", ".nojekyll", "sitemap.xml", "404.html"} <= set(files)
    assert any(name.startswith("pagefind/") for name in files)
    sitemap = git("show", "gh-pages:sitemap.xml", cwd=remote)
    assert "<loc>https://org.github.io/frameworks/support/</loc>" in sitemap
    # the working copy is untouched
    assert git("status", "--porcelain", cwd=repo).strip() == "?? output/"
    assert "pushed to origin" in capsys.readouterr().err


def test_deploy_outside_a_repository_fails_cleanly(tmp_path, monkeypatch, capsys):
    write_content(tmp_path / "content", {"support.md": SIMPLE})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["deploy", "--no-push"]) == 1
    assert "deploy failed" in capsys.readouterr().err
