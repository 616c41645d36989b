"""Random files through the loader (Hypothesis): whatever the YAML and front
matter, reading a file either gives a framework or problems that each name
the file and a line; never an exception, a hang (each file has a deadline)
or unbounded memory (each is measured). Both YAML parsers give the same
result for every file."""

import json
import os
import re
import string
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.reading import yamlio
from generator.reading.files import load_page
from generator.reading.format import FRAMEWORK
from generator.reading.frameworks import read_framework
from generator.reading.pages import check_page

from .conftest import SIMPLE, write_content

EXAMPLES = settings(max_examples=150, deadline=5000, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PEAK_BYTES = 80_000_000  # what reading one small file may take, at most, while measured

TRICKY = [
    "0o17", "017", "0x1F", "0b2", "1_000", "_1", "1e3", "+.5", ".inf", "-.Inf", ".NaN", "1:20", "12:30:00", "~", "null",
    "true", "NO", "yes", "on", "=", "<<", "2024-01-01", "'quoted'", '"dq \\u00e9 \\x41"', "'it''s'", "!foo x",
    "!!binary aGVsbG8=", "!!str 1", "!!int '3'", "! x", "&a x", "*a", "&b [1, 2]", "*b", "*missing", "caf\u00c3\u00a9",
    "\u00fc\u00ed\u00ac", "x\u0085y", "x\u2028y", "\ufeffbom", "x\x00y", "x\x1by", "|", ">-", "[1, 2]", "{a: 1}",
    "[a, [b, [c]]]", "{", "]", "'", '"', "#comment", "@x", "`x", "%x", "? x", ": x", "x: y: z", "- x", "\t",
    "9" * 1100, "javascript:alert(1)", "https://example.org/", "/index.html", "/pagefind", "../x", "a" * 300,
    "-1", "0", "1000000000", "3", "G", "Learning", "Criteria for sublevel A (after probation)", "en", "es", "en_GB",
    "x" * 40, "\u00e9" * 20,
]
KEYS = sorted(set(FRAMEWORK.fields) | {"name", "title", "content", "level", "criteria", "exampleCriteria",
                                       "examples", "id", "url", "targets", "progressesTo", "progressesFrom",
                                       "1", "null", "~", "true", "[a]", "? k", "&k key", "*k", "!t key", "<<"})

scalars = st.one_of(st.sampled_from(TRICKY), st.text(string.printable, max_size=12),
                    st.integers(-10 ** 25, 10 ** 25).map(str))
keys = st.one_of(st.sampled_from(KEYS), st.text(string.ascii_letters + "_-", min_size=1, max_size=8))
trees = st.recursive(
    scalars.map(lambda s: ("scalar", s)),
    lambda children: st.one_of(st.lists(st.tuples(keys, children), max_size=5).map(lambda kv: ("map", kv)),
                               st.lists(children, max_size=5).map(lambda items: ("seq", items))),
    max_leaves=30)


def render(tree, indent: int = 0, shift=lambda: 0) -> list[str]:
    """A tree as block YAML lines; `shift()` now and then misplaces a line."""
    kind, value = tree
    pad = " " * max(0, indent + shift())
    lines = []
    if kind == "map":
        for key, child in value:
            if child[0] == "scalar":
                lines.append(f"{pad}{key}: {child[1]}")
            else:
                lines += [f"{pad}{key}:"] + render(child, indent + 2, shift)
    elif kind == "seq":
        for child in value:
            if child[0] == "scalar":
                lines.append(f"{pad}- {child[1]}")
            else:
                lines += [f"{pad}-"] + render(child, indent + 2, shift)
    else:
        lines.append(pad + value)
    return lines


@st.composite
def yaml_texts(draw):
    """Front matter as an editor might mistype it: tricky values, some misplaced lines, stray characters."""
    misplaced = draw(st.lists(st.integers(-2, 2), max_size=40))
    shifts = iter(misplaced + [0] * 10_000)
    text = "\n".join(render(draw(trees), shift=lambda: next(shifts)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        stray = draw(st.sampled_from(["\n", ":", "- ", "  ", "'", '"', "[", "{", "&x ", "*x", "!"]))
        text = text[:at] + stray + text[at:]
    return text


texts = st.one_of(st.text(max_size=200), yaml_texts())
criteria = st.lists(st.one_of(st.sampled_from(TRICKY), st.fixed_dictionaries(
    {"text": st.sampled_from(TRICKY)}, optional={"number": st.sampled_from(TRICKY), "id": st.sampled_from(TRICKY),
                                                 "examples": st.lists(st.sampled_from(TRICKY), max_size=2)})),
    max_size=3)
levels = st.one_of(st.integers(-2, 40), st.sampled_from(["1", "2", "G", "x", "01", "\u00b2"]))
frameworks = st.fixed_dictionaries({}, optional={
    "path": st.sampled_from(["/a", "/b/c", "/generic", "/index.html", "/pagefind", "/" + "a" * 200, "../x", "/a//b"]),
    "title": st.sampled_from(TRICKY), "levels": levels, "yaml": st.booleans(), "kind": st.sampled_from(
        ["progression", "standard", "unit", "other"]),
    "language": st.sampled_from(["en", "es", "pt-BR", "en_GB", "a" * 30, "klingon", "x-private"]),
    "source": st.fixed_dictionaries({}, optional={"title": st.sampled_from(TRICKY), "url": st.sampled_from(TRICKY)}),
    "scale": st.lists(st.fixed_dictionaries({"id": levels}, optional={"name": st.sampled_from(TRICKY)}), max_size=4),
    "topics": st.lists(st.fixed_dictionaries({"name": st.sampled_from(["a", "b", "a: b", "", "1"])}, optional={
        "title": st.sampled_from(TRICKY), "code": st.sampled_from(["1", "1.1", "A"]),
        "category": st.sampled_from(["A", "B"]), "criteria": criteria,
        "content": st.lists(st.fixed_dictionaries({"level": levels}, optional={
            "criteria": criteria, "exampleCriteria": st.lists(st.fixed_dictionaries(
                {"criteria": st.sampled_from(TRICKY + ["Criteria for sublevel B"])},
                optional={"examples": st.lists(st.sampled_from(TRICKY), max_size=2)}), max_size=2)}), max_size=3)}),
        max_size=4),
    "categories": st.lists(st.fixed_dictionaries({"title": st.sampled_from(TRICKY)}, optional={
        "code": st.sampled_from(["A", "B", "A"])}), max_size=3),
    "roles": st.lists(st.fixed_dictionaries({"id": st.sampled_from(["r1", "r2", "r3", "R 4", ""]),
                                             "title": st.sampled_from(TRICKY)}, optional={
        "progressesTo": st.lists(st.sampled_from(["r1", "r2", "r3", "nobody"]), max_size=3),
        "targets": st.dictionaries(st.sampled_from(["a", "b", "c"]), levels, max_size=3)}), max_size=4),
})


def read(folder: Path, name: str, body: str):
    """What reading one file gives: (its problems, the checked data or None)."""
    path = folder / name
    path.write_text(body, encoding="utf-8")
    page, problems = load_page(path, name)
    data = None
    if page is not None and not any(p.is_error for p in problems):
        checked, found = check_page(page)
        problems += found
        if checked is not None:
            data = checked.data
            _, found = read_framework(checked, "en", {}, {"en", "es"})
            problems += found
    return problems, data


def read_with_both_parsers(folder: Path, name: str, body: str, monkeypatch):
    results = []
    for fast in (True, False):
        monkeypatch.setattr(yamlio, "FAST", fast)
        tracemalloc.start()
        try:
            results.append(read(folder, name, body))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < PEAK_BYTES, f"{peak:,} bytes to read {body[:200]!r}"
    return results


def assert_well_reported(problems, name: str, body: str) -> None:
    for problem in problems:
        assert problem.file == name
        assert problem.line is not None and problem.line >= 1, (str(problem), body[:300])
        assert "Traceback" not in problem.message and "None" != problem.key


def assert_agree(results, body: str) -> None:
    (fast_problems, fast_data), (reference_problems, reference_data) = results
    fast_failed = any(p.is_error for p in fast_problems)
    assert fast_failed == any(p.is_error for p in reference_problems), (body[:300], fast_problems,
                                                                         reference_problems)
    if not fast_failed:
        assert json.dumps(fast_data, default=repr, sort_keys=True) == \
            json.dumps(reference_data, default=repr, sort_keys=True), body[:300]


@EXAMPLES
@given(text=texts, as_front_matter=st.booleans())
def test_random_yaml_is_read_or_reported_with_a_line(tmp_path, monkeypatch, text, as_front_matter):
    name, body = ("page.md", f"---\n{text}\n---\nBody.\n") if as_front_matter else ("page.yml", text)
    results = read_with_both_parsers(tmp_path, name, body, monkeypatch)
    for problems, _ in results:
        assert_well_reported(problems, name, body)
    assert_agree(results, body)


@EXAMPLES
@given(data=frameworks, body=st.sampled_from(["", "# Heading\n\nText.", "[x](javascript:alert(1))", "<script>"]))
def test_random_front_matter_is_read_or_reported_with_a_line(tmp_path, monkeypatch, data, body):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    results = read_with_both_parsers(tmp_path, "page.md", text, monkeypatch)
    for problems, _ in results:
        assert_well_reported(problems, "page.md", text)
    assert_agree(results, text)


@pytest.mark.parametrize("line", ['title: !foo "x"', "levels: 0o17", "title: !!binary aGVsbG8=", "levels: 017",
                                  "title: 1:20", "title: x\x85y"])
def test_the_yaml_switch_changes_nothing_a_build_says(tmp_path, line):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE.replace('title: "Support Framework"', line)})
    said = []
    for parser in ("yaml-rs", "pyyaml"):
        result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(folder)],
                                capture_output=True, text=True, timeout=120,
                                env={**os.environ, "LADDER_YAML": parser})
        said.append((result.returncode, re.sub(r"\(\d+\.\d+ s\)", "", result.stderr)))
    assert said[0] == said[1]
