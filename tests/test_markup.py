from generator.reading.markup import render_markdown


def test_renders_headings_lists_and_tables():
    html = render_markdown("### Title\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert '<h3 id="title">Title</h3>' in html
    assert "<li>one</li>" in html
    assert "<td>1</td>" in html


def test_level_two_sections_become_cards_and_rules_between_them_go():
    html = render_markdown("## Level 1\n\ntext\n\n---\n\n## Level 2\n\nmore\n")
    assert html.count('<section class="card">') == 2
    assert "<hr" not in html


def test_a_level_one_heading_is_demoted_because_the_page_has_its_own_title():
    assert "<h1" not in render_markdown("# Big\n\ntext")


def test_scripts_handlers_and_javascript_urls_are_removed():
    html = render_markdown(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
        '<img src="x.png" onerror="alert(1)"> <a href="/ok" onclick="steal()">y</a>'
        "\n\n<iframe src='https://evil.example'></iframe>"
    )
    assert "<script" not in html and "alert(1)" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert 'href="/ok"' in html


def test_empty_body_renders_nothing():
    assert render_markdown("\n  \n") == ""


def test_heading_ids_take_the_prefix_of_their_own_text():
    first = render_markdown("## Scope\n\ntext", "unit-1-")
    second = render_markdown("## Scope\n\n## Scope\n\ntext", "unit-2-")
    third = render_markdown("## Scope\n\ntext")
    assert 'id="unit-1-scope"' in first
    assert 'id="unit-2-scope"' in second and 'id="unit-2-scope_1"' in second
    assert 'id="scope"' in third


def test_lists_nested_as_deep_as_people_write_them_still_render():
    html = render_markdown("\n".join("    " * depth + f"- item {depth}" for depth in range(50)))
    assert html.count("<ul>") == 50 and "item 49" in html
