"""A small file must not take the machine: every count that makes pages (levels,
roles, career paths) is bounded and reported at its line, and a file with
thousands of mistakes is read in bounded time. Each case runs `ladder check`
in a process of its own, with a time limit and a memory limit."""

import resource
import subprocess
import sys
import time

import pytest

from .conftest import SIMPLE, write_content

MEMORY = 1_500_000_000  # bytes of address space for one `ladder check`; Python and Ladder need about a fifth


def check(folder, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(folder)],
                            capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory)
    return result, time.monotonic() - started


def roles(count: int, following) -> str:
    """YAML for `count` roles, role r progressing to the roles `following(r)` gives."""
    lines = ["roles:"]
    for r in range(count):
        lines += [f"  - id: r{r}", f"    title: Role {r}"]
        if nexts := [f"r{n}" for n in following(r) if n < count]:
            lines.append(f"    progressesTo: [{', '.join(nexts)}]")
    return "\n".join(lines)


def topics(count: int) -> str:
    return "topics:\n" + "\n".join(f"  - name: t{n}\n    title: T{n}" for n in range(count))


def framework(*parts: str) -> str:
    return "---\npath: /big\ntitle: Big\n" + "\n".join(parts) + "\n---\n"


CASES = {
    "levels: a billion": (framework("levels: 1000000000", topics(1)),
                          "big.md:4: levels: expected an integer of at most 30, got 1,000,000,000"),
    "levels: 3000": (framework("levels: 3000"), "big.md:4: levels: expected an integer of at most 30, got 3,000"),
    "a level number in the content": (
        framework("topics:\n  - name: t\n    title: T\n    content:\n      - level: 10000\n        criteria: [x]"),
        "big.md:8: topics[0].content[0].level: expected a level from 1 to 30, got 10000"),
    "a scale of a thousand levels": (
        framework("scale:\n" + "\n".join(f"  - id: L{n}" for n in range(1000))),
        "big.md:35: scale[30]: the scale has 1,000 levels; a framework has at most 30"),
    "a chain of 300 roles": (framework(topics(1), roles(300, lambda r: [r + 1])),
                             "big.md:608: roles[200]: 300 roles; a framework has at most 200: split it"),
    "a chain of 100 roles": (framework(topics(1), roles(100, lambda r: [r + 1])),
                             "big.md:7: roles: these career paths join 4,950 pairs of roles (a page each) "
                             "along 1 path"),
    "diamonds of roles": (framework(topics(1), roles(80, lambda r: [r + 1, r + 2] if r % 2 == 0 else [r + 1])),
                          "big.md:7: roles: these career paths join 3,160 pairs of roles (a page each) "  # 80 in a row
                          "along 549,755,813,888 paths"),  # 2 ** 39: each even role forks
    "roles × topics": (framework(topics(600), roles(100, lambda r: [])),
                       "big.md:1205: roles: 100 roles × 600 topics make a role matrix of 60,000 cells"),
    "one topic name 20,000 times": (
        framework("topics:\n" + "\n".join("  - name: same\n    title: T" for _ in range(20_000))),
        "big.md:7: topics[1].name: topic name 'same' is used twice in this framework"),
    "200,000 unknown keys": (framework("\n".join(f"key{n}: x" for n in range(200_000))),
                             "more than 100 errors in this file; the rest were not looked for"),
    "1,000 topics sharing one anchored list of 3,000 criteria": (
        framework("shared: &c\n" + "\n".join(f"  - criterion {n}" for n in range(3000)), "topics:",
                  "\n".join(f"  - name: t{n}\n    title: T\n    content:\n      - level: 1\n        criteria: *c"
                            for n in range(1000))),
        "big.md:4:9: aliases make this file's data about "),
    "brackets that close nowhere in the body": (
        framework(topics(1)) + "Intro.\n\n" + "see [note " * 2000,
        "big.md:7: brackets that close far away or nowhere would take Markdown 20,002,000 steps to read"),
    "tags that close nowhere in the body": (
        framework(topics(1)) + "Intro.\n\n" + "x <a " * 8000,  # 8,000 tags, at 39,998 - 5i from the end
        "big.md:7: tags that close far away or nowhere ('<' and a letter, with no '>' after it) would take Markdown "
        "160,004,000 steps to read (the limit is 10,000,000); write &lt; for a '<' that is text"),
    "5,000 abbreviations in the body": (
        framework(topics(1)) + "The API.\n\n" + "\n".join(f"*[A{n}]: Abbreviation {n}" for n in range(5000)),
        "big.md:7: 5,000 abbreviation definitions (*[…]: …) would take Markdown too long to read "
        "(the limit is 500)"),
    "a definition list of 20,000 lines in the body": (
        framework(topics(1)) + "Term\n" + ": a definition\n" * 20_000,
        "big.md:7: Markdown took over 5 s, the limit for one file's Markdown"),
    "30 teaching texts, each a 3,000-line definition list: one time budget for the file": (
        "---\npath: /big\ntitle: Big\nkind: unit\ntopics:\n  - name: lo\n    title: LO\n    criteria:\n"
        + "".join(f"      - number: '{n}'\n        text: T{n}\n        teaching: |\n          Term\n"
                  + "          : a definition\n" * 3000 for n in range(30)) + "---\n",
        "Markdown took over 5 s, the limit for one file's Markdown"),
    "lists nested 500 deep in an overview": (
        framework("overview: |\n" + "\n".join("  " + "  " * n + "- x" for n in range(500))),
        "big.md:4: overview: lists or quotes are nested too deeply for Markdown to render"),
    "a role a long way from its name": (framework(topics(1), "roles:\n  - id: " + "r" * 300 + "\n    title: R"),
                                        "big.md:8: roles[0].id: is 300 characters long; the limit is 100"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_small_file_cannot_make_a_huge_site_or_take_the_machine(tmp_path, case):
    text, expected = CASES[case]
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE, "big.md": text})
    result, seconds = check(folder)
    assert result.returncode == 1, result.stderr[-2000:]
    assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert seconds < 30


def test_levels_within_the_bound_still_build(tmp_path):
    from generator.building.engine import build

    text = SIMPLE.replace("levels: 2", "levels: 30")
    result = build(write_content(tmp_path / "content", {"support.md": text}), tmp_path / "out")
    assert (tmp_path / "out" / "support" / "level-30" / "index.html").exists() and result.pages == 36  # 30 levels, the framework, its comparison, home, A–Z, 404, downloads


def test_a_line_of_a_million_marks_is_read_in_time(tmp_path):
    """`*`, `&` and `!` are where the two YAML parsers may read a file
    differently, so the loader looks at each (in a quoted text too). It used to
    copy the mark's line up to it each time: a criterion of a million `*a`
    (3 MB, one line) took 99 s to check; now about a second."""
    text = framework("levels: 1", "topics:\n  - name: t\n    title: T\n    content:\n      - level: 1\n"
                     "        criteria:\n          - \"" + "*a " * 1_000_000 + "\"")
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE, "big.md": text})
    result, seconds = check(folder)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "content is valid" in result.stdout + result.stderr
    assert seconds < 30


SLOW_PATTERN_CASES = {
    # Each took the pattern that read it longer the longer the line, by a
    # power of it (or, for the dashes, by two to the power of their count).
    "a tab after forty list dashes": (
        framework("levels: 1", "topics:\n  - name: t\n    title: T\n    content:\n      - level: 1\n"
                  "        criteria:\n          " + "- " * 40 + "x\t"), 1),
    "a sublevel label padded with ten thousand spaces": (
        framework("levels: 1", "topics:\n  - name: t\n    title: T\n    content:\n      - level: 1\n"
                  "        exampleCriteria:\n          - criteria: \"Criteria for sublevel A" + " " * 10_000
                  + "x\"\n            examples: [an example]"), 0),
    "a first heading of 200,000 closing marks": (
        "---\npath: /guide\nyaml: false\n---\n# x" + " #" * 200_000 + " y\n\nText.\n", 0),
}


@pytest.mark.parametrize("case", list(SLOW_PATTERN_CASES))
def test_a_long_line_cannot_stall_a_pattern(tmp_path, case):
    text, code = SLOW_PATTERN_CASES[case]
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE, "big.md": text})
    result, seconds = check(folder)
    assert result.returncode == code, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert seconds < 30


def test_a_spreadsheet_cell_of_a_long_line_is_imported_in_time(tmp_path):
    """A grid cell's lines are each checked for a sublevel ("1A:"): a line of
    130,000 spaces took that check 25 s, and a sheet may hold thousands."""
    line = "\n1a" + " " * 130_000 + "x"
    sheet = tmp_path / "grid.csv"
    sheet.write_text("topic,level 1,level 2\n" + "".join(f'T{n},"- a{n}{line}","- b{n}{line}"\n' for n in range(3)))
    (tmp_path / "c").mkdir()
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(sheet), "--into", str(tmp_path / "c"),
                             "--path", "/grid", "--title", "Grid"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "c" / "grid.md").exists() and time.monotonic() - started < 30


def test_twenty_thousand_topics_with_one_slug_are_named_in_time(tmp_path):
    """Topics whose titles make the same name get -2, -3…: each used to try
    every number from 2, which took 50 s for 20,000 topics."""
    sheet = tmp_path / "same.csv"
    sheet.write_text("topic,level 1\n" + "".join(f"Same{'.' * (n % 100)}{'!' * (n // 100)},Criterion {n}\n"
                                                 for n in range(20_000)))
    (tmp_path / "c").mkdir()
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(sheet), "--into", str(tmp_path / "c"),
                             "--path", "/same", "--title", "Same"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    written = (tmp_path / "c" / "same.md").read_text()
    assert '- name: "same-20000"' in written and time.monotonic() - started < 30
