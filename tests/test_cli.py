"""The `ladder` command as an editor runs it: exit codes and messages on stderr."""

import subprocess
import sys

from generator.commands.cli import main

from .conftest import ROOT, SIMPLE


def test_build_exits_0_and_prints_a_one_line_summary(content, tmp_path, capsys):
    code = main(["build", "--content", str(content({"a.md": SIMPLE})), "--output", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    assert "built 8 pages" in captured.err


def test_content_errors_exit_1_with_file_line_and_key_and_no_traceback(content, tmp_path, capsys):
    folder = content({"a.md": SIMPLE.replace("levels: 2", "levels: two")})
    code = main(["build", "--content", str(folder), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert 'a.md:7: levels: expected an integer, got "two"' in err
    assert "> 7 | levels: two" in err  # the offending line, marked
    assert "Traceback" not in err
    assert "nothing was written" in err
    assert not (tmp_path / "out").exists()


def test_a_mistake_on_a_line_of_100_000_characters_shows_the_part_around_it(content, capsys):
    """The line is cut around the column, the caret under the mistake; short
    lines around it are shown from their start. It used to print the whole
    line, and as many spaces before the caret."""
    long_line = 'notes: "' + "a" * 100_000 + '" b: c'
    folder = content({"a.md": SIMPLE.replace("levels: 2", "levels: 2\n" + long_line)})
    assert main(["check", "--content", str(folder)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "a.md:8:100011: invalid YAML" in lines[0]
    marked = next(n for n, line in enumerate(lines) if line.split("|")[0].split() == [">", "8"])
    bar = lines[marked].index("| ") + 2
    assert lines[marked][bar:].startswith("…a") and lines[marked].endswith('" b: c')
    assert lines[marked][lines[marked + 1].index("^")] == "b"
    assert "  7 | levels: 2" in "\n".join(lines)
    assert max(map(len, lines)) < 200


def test_check_writes_nothing_and_strict_fails_on_warnings(content, capsys):
    folder = content({"a.md": SIMPLE.replace("levels: 2", "levels: 1")})
    assert main(["check", "--content", str(folder)]) == 0
    assert "warning" in capsys.readouterr().err
    assert main(["check", "--content", str(folder), "--strict"]) == 1
    assert not (folder.parent / "output").exists()


def test_bad_usage_exits_2(tmp_path, capsys):
    assert main(["build", "--content", str(tmp_path / "missing")]) == 2
    assert "content folder not found" in capsys.readouterr().err
    assert main(["build", "--content", str(tmp_path), "--base-url", "ftp://x"]) == 2


def test_python_dash_m_generator_is_the_same_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(ROOT / "content")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "content is valid" in result.stderr


def test_unknown_command_exits_2():
    result = subprocess.run([sys.executable, "-m", "generator", "publish"], capture_output=True, text=True)
    assert result.returncode == 2


def test_a_build_with_nothing_changed_stops_early(content, tmp_path, capsys):
    import os
    import time

    folder = content({"a.md": SIMPLE})
    out = tmp_path / "out"
    args = ["build", "--content", str(folder), "--output", str(out), "--no-search"]
    assert main(args) == 0
    page = out / "support" / "index.html"
    before = page.stat().st_mtime_ns
    capsys.readouterr()
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err
    assert page.stat().st_mtime_ns == before
    # a change to any input, or another option, builds again
    (folder / "a.md").write_text(SIMPLE.replace("Coaches others", "Coaches everyone"))
    later = time.time_ns() + 1_000_000_000
    os.utime(folder / "a.md", ns=(later, later))
    assert main(args) == 0
    assert "Coaches everyone" in page.read_text()
    assert "up to date" not in capsys.readouterr().err
    assert main(args + ["--base-url", "/x/"]) == 0
    assert "up to date" not in capsys.readouterr().err
    assert main(args + ["--base-url", "/x/", "--force"]) == 0
    assert "up to date" not in capsys.readouterr().err
