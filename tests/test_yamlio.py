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
