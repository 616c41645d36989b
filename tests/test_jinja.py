import jinja2
import pytest
from markupsafe import Markup, escape

from generator.jinja import Environment, escape_output


class Shown:
    def __html__(self):
        return "<b>safe</b>"


@pytest.mark.parametrize("value", [
    "plain", "<script>alert('x')</script>", 'a "quoted" & <tag>', "💬 ‘core’ & more", "",
    3, 2.5, None, Markup("<em>kept</em>"), Shown(),
])
def test_output_is_escaped_exactly_as_markupsafe_does(value):
    assert escape_output(value) == str(escape(value))


def render(source: str, **values) -> str:
    env = Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(source).render(**values)


def test_templates_escape_what_they_write():
    assert render("<p>{{ x }}</p>", x="<script>") == "<p>&lt;script&gt;</p>"
    assert render("{{ x }}", x=Markup("<i>ok</i>")) == "<i>ok</i>"
    assert render("{{ x|safe }}", x="<i>ok</i>") == "<i>ok</i>"


def test_macros_and_blocks_escape_once():
    source = "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ m(x) }}{% set y %}{{ x }}{% endset %}{{ y }}"
    assert render(source, x="a&b") == "<b>a&amp;b</b>a&amp;b"


def test_autoescape_can_still_be_switched_off_in_a_block():
    assert render("{% autoescape false %}{{ x }}{% endautoescape %}{{ x }}", x="<i>") == "<i>&lt;i&gt;"


def test_plain_functions_and_context_functions_are_both_called():
    @jinja2.pass_context
    def who(context):
        return context["name"]

    assert render("{{ f(2) }} {{ who() }}", f=lambda n: n * 2, who=who, name="Ada") == "4 Ada"


def test_missing_values_still_fail_loudly():
    with pytest.raises(jinja2.UndefinedError):
        render("{{ nothing }}")
