"""Reading Monzo-format pages into the model, and the errors editors see."""

import pytest

from generator.building.engine import load_site
from generator.errors import ContentError

from .conftest import SIMPLE


def problems_of(content_dir):
    _, problems = load_site(content_dir)
    return problems


def messages(problems):
    return [str(p) for p in problems]


def test_reads_topics_levels_criteria_and_examples(content):
    site, problems = load_site(content({"support.md": SIMPLE}))
    assert problems == []
    (framework,) = site.frameworks
    assert framework.path == "support" and framework.group == "operations"
    assert [level.id for level in framework.levels] == ["1", "2"]
    (topic,) = framework.topics
    level1 = topic.levels[0]
    assert [c.text for c in level1.criteria] == ["Asks for help", "Gives updates"]
    assert level1.criteria[1].examples == ["Posts a daily note"]


def test_sublevels_keep_their_letter_and_qualifier(content):
    site, _ = load_site(content({"ops.md": """
        ---
        path: /ops
        title: Ops
        levels: 1
        topics:
          - name: impact
            title: Impact
            content:
              - level: 1
                exampleCriteria:
                  - criteria: "Criteria for sublevel A"
                    examples: ["Learns the tools"]
                  - criteria: "Criteria for sublevel A (after probation)"
                    examples: ["Meets targets"]
                  - criteria: "Criteria for sublevel B"
                    examples: ["Leads a task"]
                  - criteria: "Shares knowledge"
                    examples: ["Runs a lunch talk"]
        ---
        """}))
    (topic_level,) = site.frameworks[0].topics[0].levels
    assert [(s.id, s.qualifier) for s in topic_level.sublevels] == [("A", ""), ("A", "after probation"), ("B", "")]
    assert topic_level.sublevels[1].criteria[0].text == "Meets targets"
    # an ordinary criterion with examples stays a criterion
    assert [c.text for c in topic_level.criteria] == ["Shares knowledge"]
    anchors = [s.anchor for s in topic_level.sublevels]
    assert len(set(anchors)) == 3


GENERIC = """
---
path: /generic
title: Generic
levels: 3
topics:
  - name: communication
    title: "💬 Communication"
    description: "How we share information"
    content:
      - level: 1
        criteria: ["Seeks out feedback"]
      - level: 2
        criteria: ["Gives feedback"]
      - level: 3
        criteria: ["Shapes how the team communicates"]
---
"""


def test_empty_title_inherits_title_description_and_criteria_from_generic(content):
    site, problems = load_site(content({"generic.md": GENERIC, "team.md": """
        ---
        path: /team
        title: Team
        levels: 2
        topics:
          - name: communication
            title:
            content:
              - level: 1
                criteria: ["Posts updates"]
          - name: "conduct & culture: risk knowledge; professional conduct"
            title:
            content:
              - level: 1
                criteria: ["Follows policy"]
        ---
        """}))
    assert problems == []
    team = site.framework("team")
    communication, conduct = team.topics
    assert communication.title == "💬 Communication"
    assert communication.description == "How we share information"
    level1 = communication.levels[0]
    assert [(c.text, c.inherited) for c in level1.criteria] == [("Seeks out feedback", True), ("Posts updates", False)]
    # inherited criteria only for the levels this framework shows
    assert [tl.level.id for tl in communication.levels] == ["1", "2"]
    assert communication.levels[1].criteria[0].text == "Gives feedback"
    # no generic topic of that name: the name is title-cased, its note kept as description
    assert conduct.title == "Conduct & Culture"
    assert conduct.description == "risk knowledge; professional conduct"


def test_a_level_beyond_levels_is_shown_with_a_warning(content):
    site, problems = load_site(content({"a.md": SIMPLE.replace("levels: 2", "levels: 1")}))
    assert [level.id for level in site.frameworks[0].levels] == ["1", "2"]
    (warning,) = problems
    assert warning.severity == "warning"
    assert warning.key == "topics[0].content[1].level"
    assert "beyond 'levels: 1'" in warning.message
    assert warning.line == 20


def test_wrong_level_type_names_file_line_and_key_path(content):
    text = SIMPLE.replace("      - level: 2\n", '      - level: "two"\n')
    problems = problems_of(content({"support.md": text}))
    assert messages(problems) == ['support.md:20: topics[0].content[1].level: expected an integer, got "two"']


def test_every_error_in_a_file_is_reported_at_once(content):
    text = (SIMPLE.replace("levels: 2", "levels: many")
            .replace('title: "Communication"', 'titel: "Communication"')
            .replace("homepage: false", "homepage: 3"))
    problems = problems_of(content({"support.md": text}))
    found = messages(problems)
    assert 'support.md:7: levels: expected an integer, got "many"' in found
    assert "support.md:8: homepage: expected true or false, got 3" in found
    assert "support.md:11: topics[0].titel: unknown key 'titel'; did you mean 'title'?" in found
    assert len(found) == 3


def test_wrong_container_types(content):
    text = SIMPLE.replace('          - "Asks for help"\n        exampleCriteria', '          name: "oops"\n        exampleCriteria')
    (problem,) = problems_of(content({"support.md": text}))
    assert problem.key == "topics[0].content[0].criteria"
    assert problem.message == "expected a list of text or a criterion, got a set of keys"


def test_missing_required_key(content):
    text = SIMPLE.replace('  - name: "communication"\n', "  - \n")
    problems = problems_of(content({"support.md": text}))
    assert any(p.key == "topics[0].name" and "is required" in p.message for p in problems)


def test_invalid_yaml_reports_file_line_and_column(content):
    text = SIMPLE.replace('title: "Support Framework"', 'title: "Support: Framework')
    (problem,) = problems_of(content({"support.md": text}))
    assert str(problem).startswith("support.md:")
    assert problem.line and problem.column and "invalid YAML" in problem.message


@pytest.mark.parametrize(
    "path",
    ["../../etc/passwd", "/a/../b", "C:\\frameworks\\x", "/with space", "/<script>", "/", "//evil.example/x",
     "file:///etc/passwd", "/%2e%2e/x"],
)
def test_unsafe_paths_are_errors(content, path):
    text = SIMPLE.replace('path: "/support"', f"path: {path!r}")
    problems = problems_of(content({"support.md": text}))
    assert [p.key for p in problems if p.is_error] == ["path"]


def test_two_pages_with_one_path_is_an_error(content):
    problems = problems_of(content({"a.md": SIMPLE, "b.md": SIMPLE}))
    (problem,) = problems
    assert problem.file == "b.md" and "already used by a.md" in problem.message


def test_mojibake_is_repaired_and_reported_with_its_line(content):
    text = SIMPLE.replace('title: "Communication"', 'title: "üí¨ Communication"')
    site, problems = load_site(content({"support.md": text}))
    assert site.frameworks[0].topics[0].title == "💬 Communication"
    (warning,) = problems
    assert warning.severity == "warning" and warning.line == 11 and "repaired mojibake" in warning.message


def test_a_file_s_warnings_are_listed_up_to_a_hundred_then_counted(content):
    garbled = "".join(f'\n          - "CafÃ© talk {n}"' for n in range(150))
    text = SIMPLE.replace('          - "Coaches others"', '          - "Coaches others"' + garbled)
    _, problems = load_site(content({"support.md": text}))
    assert len(problems) == 101 and all(p.severity == "warning" for p in problems)
    assert sum("repaired mojibake" in p.message for p in problems) == 100
    assert [p.message for p in problems if "repaired" not in p.message] == [
        "50 more warnings in this file were not listed"]


def test_a_long_repaired_text_is_quoted_around_its_mojibake_not_whole(content):
    long = "Works well with others. " * 2000
    text = SIMPLE.replace('title: "Communication"', f'title: "{long}CafÃ© talks. {long}"')
    site, problems = load_site(content({"support.md": text}))
    assert "Café talks." in site.frameworks[0].topics[0].title
    (warning,) = problems
    assert len(warning.message) < 150
    assert "CafÃ©" in warning.message and "Café" in warning.message


def test_markdown_pages_and_default_paths(content):
    site, problems = load_site(content({"guides/how-to.md": "# How to progress\n\nTalk to your manager.\n"}))
    assert problems == []
    (page,) = site.frameworks
    assert page.kind == "markdown" and page.path == "guides/how-to"
    assert "Talk to your manager." in page.body_html


def test_not_utf8_is_an_error_with_a_line(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "bad.md").write_bytes(b"---\ntitle: ok\npath: /x\n---\ncaf\xe9\n")
    (problem,) = problems_of(folder)
    assert problem.line == 5 and "not UTF-8" in problem.message


def test_front_matter_that_is_never_closed_is_an_error_with_a_line(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text("\n---\npath: /a\ntitle: A\n", encoding="utf-8")
    (problem,) = problems_of(folder)
    assert problem.file == "a.md" and problem.line == 2 and problem.is_error
    assert "never closed" in problem.message and "'---'" in problem.message


def test_front_matter_ends_at_the_first_dashes_line(content):
    site, problems = load_site(content({"a.md": "---\npath: /a\ntitle: A\n---\nBody\n\n---\n\nMore body\n"}))
    assert problems == []
    assert "More body" in site.frameworks[0].body_html


def test_front_matter_that_is_not_a_mapping(content):
    (problem,) = problems_of(content({"a.md": "---\n- just\n- a list\n---\n"}))
    assert "front matter must be a set of keys" in problem.message


def test_load_site_raises_nothing_for_content_errors(content):
    # errors are returned, not raised; `build` decides to stop
    problems = problems_of(content({"a.md": "---\ntitle: [\n---\n"}))
    assert problems and not isinstance(problems, ContentError)


def test_a_huge_file_is_refused_with_a_clear_message(content):
    folder = content({"a.md": SIMPLE})
    (folder / "huge.md").write_text("---\ntitle: x\n---\n" + "x" * 6_000_000)
    (problem,) = problems_of(folder)
    assert problem.file == "huge.md" and "the limit is" in problem.message


def test_blank_lines_before_front_matter_keep_line_numbers(tmp_path):
    (tmp_path / "a.md").write_text("\n\n" + SIMPLE.strip().replace("levels: 2", "levels: two") + "\n")
    (problem,) = problems_of(tmp_path)
    assert problem.line == 9


def test_a_badly_shaped_file_is_reported_item_by_item_and_never_crashes(content):
    problems = problems_of(content({"worse.md": """
        ---
        path: /i
        topics:
          - content:
              - level: 1
                criteria: [x]
          - name: 5
            content: 7
          - 3
          - name: fine
            title:
            content:
              - level: 1
                exampleCriteria:
                  - examples: [no criteria key]
        roles:
          - title: R
            targets: {x: 1}
          - id: r2
            title: R2
            progressesTo: r3
        scale: 4
        categories: [{code: A}]
        ---
        """}))
    found = [str(p) for p in problems]
    assert found == [
        "worse.md:4: topics[0].name: is required: expected text",
        "worse.md:8: topics[1].content: expected a list of levels, each with 'level:' and 'criteria:', got 7",
        "worse.md:9: topics[2]: expected a topic, got 3",
        "worse.md:15: topics[3].content[0].exampleCriteria[0].criteria: is required: expected text",
        "worse.md:17: roles[0].id: is required: expected text",
        'worse.md:21: roles[1].progressesTo: expected a list of text, got "r3"',
        "worse.md:22: scale: expected a list of levels, got 4",
        "worse.md:23: categories[0].title: is required: expected text",
    ]
