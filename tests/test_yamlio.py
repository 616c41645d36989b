import pytest

from generator.reading import yamlio


@pytest.fixture(autouse=True, params=["yaml-rs", "pyyaml"])
def parser(request, monkeypatch):
    """Every test runs with both parsers: yaml-rs (fast) and PyYAML (the reference)."""
    if request.param == "yaml-rs" and yamlio.yaml_rs is None:
        pytest.skip("yaml-rs is not installed")
    monkeypatch.setattr(yamlio, "FAST", request.param == "yaml-rs")
    return request.param


def test_syntax_error_names_line_and_column_with_the_source_lines():
    text = "title: ok\ntopics:\n  - name: a\n   bad: [\n"
    data, problems = yamlio.parse(text, "x.md", line_offset=1)
    assert data is None
    (problem,) = problems
    assert problem.file == "x.md"
    assert problem.line and problem.line >= 4
    assert problem.column
    assert str(problem).startswith(f"x.md:{problem.line}:{problem.column}: invalid YAML")
    assert any(number == problem.line for number, _ in problem.excerpt)


def test_tab_indentation_gets_a_hint():
    _, problems = yamlio.parse("topics:\n\t- name: a\n", "x.yml")
    assert "indent with spaces" in problems[0].message


def test_tab_after_a_list_dash_is_accepted_as_in_yaml_1_2():
    data, problems = yamlio.parse('criteria:\n  -\t"one"\n  - "two"\n', "x.yml")
    assert problems == []
    assert data == {"criteria": ["one", "two"]}


def test_yes_no_and_dates_stay_text_but_true_false_are_booleans():
    data, _ = yamlio.parse("a: NO\nb: yes\nc: 2024-01-01\nd: true\ne: False\n", "x.yml")
    assert data == {"a": "NO", "b": "yes", "c": "2024-01-01", "d": True, "e": False}


def test_duplicate_keys_are_errors_at_the_second_key():
    data, problems = yamlio.parse("title: a\nlevels: 2\ntitle: b\n", "x.yml", line_offset=1)
    (problem,) = problems
    assert problem.line == 4 and problem.key == "title"
    assert "duplicate key" in problem.message


def test_locate_finds_nested_keys_and_list_items():
    text = "topics:\n  - name: a\n    content:\n      - level: two\n"
    assert yamlio.locate(text, ("topics", 0, "content", 0, "level")) == (4, 9)
    assert yamlio.locate(text, ("topics", 0, "name")) == (2, 5)
    # a missing key falls back to its nearest parent
    assert yamlio.locate(text, ("topics", 0, "missing")) == (2, 5)


def test_format_path():
    assert yamlio.format_path(("topics", 2, "content", 0, "level")) == "topics[2].content[0].level"


def test_both_parsers_build_the_same_site_byte_for_byte(monkeypatch, tmp_path):
    from generator.building.engine import build

    from .conftest import MONZO, ROOT

    folders = [ROOT / "content"] + ([MONZO] if MONZO.is_dir() else [])
    for folder in folders:
        outputs = []
        for fast in (True, False):
            monkeypatch.setattr(yamlio, "FAST", fast)
            out = tmp_path / f"{folder.name}-{fast}"
            build(folder, out, jobs=1)
            outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*")
                            if p.is_file() and p.name != ".ladder-site"})
        assert outputs[0] == outputs[1], folder


def test_aliases_that_multiply_data_are_refused_at_the_anchor_in_bounded_memory():
    import tracemalloc

    shared = "\n".join(f"  - criterion number {n} of the shared list" for n in range(3000))
    uses = "\n".join(f"  - name: t{n}\n    criteria: *c" for n in range(1000))
    text = f"path: /bomb\nshared: &c\n{shared}\ntopics:\n{uses}\n"
    tracemalloc.start()
    try:
        data, problems = yamlio.parse(text, "bomb.md", line_offset=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data is None
    (problem,) = problems
    assert (problem.line, problem.column) == (3, 9)  # the anchor, in the file's lines
    assert "aliases make this file's data about 1" in problem.message and "'&c' here is used 1,001 times" in \
        problem.message
    assert peak < 60_000_000


def test_a_billion_laughs_is_refused():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    data, (problem,) = yamlio.parse("\n".join(lines), "laughs.yml")
    assert data is None and problem.line == 8 and "'&h' here is used 10 times" in problem.message


def test_aliases_within_the_limit_are_read():
    data, problems = yamlio.parse("a: &x [one, two]\nb: *x\n", "x.yml")
    assert problems == [] and data == {"a": ["one", "two"], "b": ["one", "two"]}


@pytest.mark.parametrize("text,tag", [('title: !foo "x"', "!foo"), ("title: !!binary aGVsbG8=", "!!binary"),
                                      ("levels: !!int '3'", "!!int"), ("a:\n  - !!str 1", "!!str"),
                                      ("a: !!timestamp 2024-01-01", "!!timestamp"), ("a: !!set {x}", "!!set")])
def test_tags_are_refused_by_both_parsers_at_their_place(text, tag):
    data, (problem,) = yamlio.parse(text, "x.yml")
    assert data is None
    assert problem.message == f"YAML tags such as '{tag}' are not used in Ladder's files; remove it (put text " \
                              "in quotes)"
    assert problem.line == text.count("\n") + 1 and problem.column == text.split("\n")[-1].index("!") + 1


def test_plain_values_are_read_as_yaml_1_2_by_both_parsers():
    text = ("a: 0o17\nb: 017\nc: 0x1F\nd: 0b101\ne: 1_000\nf: 1e3\ng: +.5\nh: 1:20\ni: 12:30:00\nj: =\n"
            "k: .NaN\nl: -.Inf\nm: ~\nn: 0o8\n<<: {merged: no}\n")
    data, problems = yamlio.parse(text, "x.yml")
    assert problems == []
    nan = data.pop("k")
    assert nan != nan
    assert data == {"a": 15, "b": 17, "c": 31, "d": 5, "e": 1000, "f": 1000.0, "g": 0.5, "h": "1:20",
                    "i": "12:30:00", "j": "=", "l": float("-inf"), "m": None, "n": "0o8", "<<": {"merged": "no"}}
    assert [type(data[key]) for key in "abf"] == [int, int, float]


def test_characters_one_parser_reads_as_line_breaks_are_text_in_both():
    text = "a: caf\u00c3\u0083 \u0085x\nb: line\u2028separator\nc: \"\u0099\"\n"
    data, problems = yamlio.parse(text, "x.yml")
    assert problems == [] and data == {"a": "caf\u00c3\u0083 \u0085x", "b": "line\u2028separator", "c": "\u0099"}


def test_both_parsers_refuse_what_one_would_read_differently():
    for text, words in [("a: 1\n---\nb: 2\n", "a second document starts here"),
                        ("a: " + "9" * 1200 + "\n", "a number of more than 1,000 digits"),
                        ("1: a\ntrue: b\n", "duplicate key true"), ("- *missing\n", "found undefined alias")]:
        _, problems = yamlio.parse(text, "x.yml")
        assert problems and words in problems[0].message, (text[:20], problems)


def test_keys_that_are_not_names_are_located_by_their_value():
    text = "title: T\n1: one\n'1': quoted\nnull: x\ntrue: y\n"
    assert yamlio.locate(text, (1,)) == (2, 1)
    assert yamlio.locate(text, ("1",)) == (3, 1)
    assert yamlio.locate(text, (None,)) == (4, 1)
    assert yamlio.locate(text, (True,)) == (5, 1)
    assert yamlio.format_path((None,)) == "null" and yamlio.format_path(("a", True)) == "a.true"
