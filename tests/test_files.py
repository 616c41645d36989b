"""Content files are regular files inside the content folder: links out of it,
links to nowhere, pipes and folder links are refused with a message, by
`ladder check` and `ladder build` alike, and never published."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SIMPLE, write_content


def ladder(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`ladder …` as an editor runs it, in a process of its own (a hang is a failure, not a stuck suite)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          timeout=timeout)


def site_text(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*.html"))


@pytest.fixture
def folder(tmp_path):
    return write_content(tmp_path / "content", {"support.md": SIMPLE})


def test_a_link_to_a_file_outside_the_content_folder_is_refused_and_never_published(folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\npath: /leak\ntitle: SECRET-TOKEN-4711\n---\n")
    (folder / "leak.md").symlink_to(secret)
    (folder / "env.md").symlink_to("/proc/self/environ")
    for command in (["check"], ["build", "--output", str(tmp_path / "out")]):
        result = ladder(*command, "--content", str(folder))
        assert result.returncode == 1, result.stderr
        assert f"leak.md: is a link to {secret}, outside the content folder" in result.stderr
        assert "env.md: is a link to" in result.stderr and "outside the content folder" in result.stderr
        assert "Traceback" not in result.stderr and "SECRET-TOKEN-4711" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_link_to_nowhere_is_an_error_not_a_traceback_even_after_a_good_build(folder, tmp_path):
    out = tmp_path / "out"
    assert ladder("build", "--content", str(folder), "--output", str(out), "--no-search").returncode == 0
    (folder / "gone.md").symlink_to("missing.md")
    result = ladder("build", "--content", str(folder), "--output", str(out), "--no-search")
    assert result.returncode == 1
    assert "gone.md: is a link to a file that does not exist" in result.stderr
    assert "nothing changed" not in result.stderr and "Traceback" not in result.stderr
    check = ladder("check", "--content", str(folder))
    assert check.returncode == 1 and "gone.md: is a link to a file that does not exist" in check.stderr


def test_a_named_pipe_is_refused_without_waiting_for_it(folder, tmp_path):
    os.mkfifo(folder / "pipe.md")
    os.mkfifo(folder / "site.yml")  # settings are read the same way
    out = tmp_path / "out"
    for command in (["check"], ["build", "--output", str(out), "--no-search"]):
        result = ladder(*command, "--content", str(folder), timeout=30)
        assert result.returncode == 1
        assert "pipe.md: is a named pipe, not a file" in result.stderr
        assert "site.yml: is a named pipe, not a file" in result.stderr
    (folder / "pipe.md").unlink()
    (folder / "site.yml").unlink()
    assert ladder("build", "--content", str(folder), "--output", str(out), "--no-search").returncode == 0
    os.mkfifo(folder / "pipe.md")  # after a good build, the next one notices it (and does not wait on it)
    result = ladder("build", "--content", str(folder), "--output", str(out), "--no-search", timeout=30)
    assert result.returncode == 1 and "pipe.md: is a named pipe" in result.stderr


def test_a_link_to_a_folder_is_refused_not_followed(folder, tmp_path):
    outside = write_content(tmp_path / "elsewhere", {"hidden.md": SIMPLE.replace("/support", "/hidden")})
    (folder / "more").symlink_to(outside, target_is_directory=True)
    result = ladder("check", "--content", str(folder))
    assert result.returncode == 1
    assert "more: is a link to" in result.stderr and "outside the content folder" in result.stderr


def test_a_link_inside_the_content_folder_is_read_like_any_file(folder, tmp_path):
    write_content(folder, {"drafts/ops.md": SIMPLE.replace("/support", "/ops").replace("Support", "Operations")})
    (folder / "ops-link.md").symlink_to(folder / "drafts" / "ops.md")
    result = ladder("check", "--content", str(folder))
    assert result.returncode == 1  # read, so its path is claimed twice
    assert "path '/ops' is already used by" in result.stderr


def test_settings_and_mappings_that_link_outside_are_refused(folder, tmp_path):
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (folder / "site.yml").symlink_to(tmp_path / "passwd")
    (folder / "mappings.yml").symlink_to(tmp_path / "passwd")
    result = ladder("check", "--content", str(folder))
    assert result.returncode == 1
    assert "site.yml: is a link to" in result.stderr and "mappings.yml: is a link to" in result.stderr
    assert "root:x:0:0" not in result.stderr  # not even in an excerpt


def test_control_characters_are_refused_at_their_line_and_column(folder):
    (folder / "bad.md").write_text("---\npath: /bad\ntitle: Bad\x00 rest of the file\n---\n", encoding="utf-8")
    result = ladder("check", "--content", str(folder))
    assert result.returncode == 1
    assert "bad.md:3:11: control character U+0000 is not text" in result.stderr
