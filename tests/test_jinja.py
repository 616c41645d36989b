import jinja2
import pytest
from markupsafe import Markup, escape

from generator.rendering.jinja import Environment, escape_output


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


def test_calls_within_calls_each_reach_their_own_function():
    source = "{{ pair(double(1), label=double(2)) }} {{ obj.name(double(3)) }}"

    class Obj:
        def name(self, n):
            return f"#{n}"

    out = render(source, pair=lambda a, label: f"{a}/{label}", double=lambda n: n * 2, obj=Obj())
    assert out == "2/4 #6"


def test_macros_callable_objects_and_context_functions_mix_in_one_expression():
    @jinja2.pass_context
    def greet(context, who):
        return f"{context['greeting']}, {who}"

    class Shout:
        def __call__(self, text):
            return text.upper()

    source = ("{% macro tag(v) %}<{{ v }}>{% endmacro %}"
              "{% for n in items if keep(n) %}{{ greet(shout(tag(n))) }};{% endfor %}")
    out = render(source, items=[1, 2, 3], keep=lambda n: n != 2, greet=greet, shout=Shout(), greeting="Hi")
    assert out == "Hi, &lt;1&gt;;Hi, &lt;3&gt;;"


def test_unusual_call_shapes_still_work():
    assert render("{{ f(*xs) }} {{ f(**kw) }} {{ f(1, class=2) }}", f=lambda *a, **k: f"{a}{sorted(k)}",
                  xs=[1, 2], kw={"b": 1}) == "(1, 2)[] ()[&#39;b&#39;] (1,)[&#39;class&#39;]"


def test_templates_compiled_by_another_code_generator_are_not_reused(tmp_path, monkeypatch):
    from generator.rendering import jinja
    from generator.rendering import theme as render_module

    current = render_module._compiled_templates(tmp_path).directory
    other = tmp_path / "jinja.py"
    other.write_text(open(jinja.__file__, encoding="utf-8").read() + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(jinja, "__file__", str(other))
    assert render_module._compiled_templates(tmp_path).directory != current


def test_blocks_yield_their_text_once_and_still_nest_and_call_super():
    from generator.rendering.jinja import Environment

    env = Environment(loader=jinja2.DictLoader({
        "base.html": "<{% block a %}A{% for i in n %}{{ i }}{% endfor %}{% endblock %}|{% block b %}B{% endblock %}>",
        "page.html": '{% extends "base.html" %}{% block a %}[{{ super() }}]{% block c %}C{% endblock %}{% endblock %}',
    }), autoescape=True)
    page = env.get_template("page.html")
    assert page.render(n=[1, 2]) == "<[A12]C|B>"
    base = env.get_template("base.html")
    assert list(base.blocks["a"](base.new_context({"n": [1, 2]}))) == ["A12"]  # one piece, not four
