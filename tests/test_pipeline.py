"""The parallel full build writes exactly what the in-memory builder (the preview) holds."""

import pytest

from generator import pipeline
from generator.build import build
from generator.builder import SiteBuilder
from generator.errors import ContentError

from .conftest import MONZO, ROOT, SIMPLE, write_content
from .kinds_fixture import GENERIC_FIXTURE, WITH_MAPPINGS


def written(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != ".ladder-site"}


def folders(tmp_path):
    fixture = write_content(tmp_path / "fixture", {**WITH_MAPPINGS, "generic.md": GENERIC_FIXTURE,
                                                   "support.md": SIMPLE.replace('title: "Communication"', "title:")})
    found = [ROOT / "content", fixture]
    return found + ([MONZO] if MONZO.is_dir() else [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_full_build_equals_the_in_memory_build(tmp_path, jobs):
    for folder in folders(tmp_path):
        builder = SiteBuilder(folder)
        assert builder.build().ok
        out = tmp_path / f"out-{folder.name}-{jobs}"
        build(folder, out, jobs=jobs)
        assert written(out) == builder.output, folder


def test_workers_keep_only_summaries_of_frameworks(tmp_path):
    folder = write_content(tmp_path / "content", {**WITH_MAPPINGS, "support.md": SIMPLE})
    result = build(folder, tmp_path / "out", jobs=2)
    support = result.site.framework("support")
    assert support.topics and not any(t.levels for t in support.topics)
    # frameworks that mappings.yml refers to are kept whole, for the comparison pages
    skills = result.site.framework("skills")
    assert any(t.levels for t in skills.topics)


def test_errors_found_by_workers_abort_the_build(tmp_path):
    folder = write_content(tmp_path / "content", {"a.md": SIMPLE, "b.md": SIMPLE.replace("/support", "/b"),
                                                  "c.md": SIMPLE.replace("/support", "/c").replace("levels: 2", "levels: x")})
    outcome = pipeline.run(folder, None, None, jobs=2)
    assert [str(p) for p in outcome.problems if p.is_error] == ['c.md:7: levels: expected an integer, got "x"']
    assert outcome.site is None


def test_a_generic_framework_whose_path_comes_late_is_still_inherited(tmp_path):
    from .kinds_fixture import GENERIC_FIXTURE

    late = GENERIC_FIXTURE.replace("path: /generic\n", "") + ""
    late = late.replace("---\ntitle: Generic", "---\n# " + "x" * 9000 + "\ntitle: Generic", 1)
    late = late.rstrip().removesuffix("---") + "path: /generic\n---\n"
    folder = write_content(tmp_path / "content", {"base.md": late, "support.md": SIMPLE.replace(
        'title: "Communication"', "title:")})
    builder = SiteBuilder(folder)
    assert builder.build().ok
    out = tmp_path / "out"
    build(folder, out, jobs=2)
    assert written(out) == builder.output
    assert "Seeks out feedback" in (out / "support" / "index.html").read_text()


def test_parallel_builds_report_a_broken_template_and_ignore_an_unused_one(tmp_path, monkeypatch):
    monkeypatch.setenv("LADDER_CACHE_DIR", str(tmp_path / "cache"))  # workers compile the templates afresh
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "unused.html").write_text("{% if %}")
    (theme / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff")  # not a template at all
    folder = write_content(tmp_path / "content", {"a.md": SIMPLE, "b.md": SIMPLE.replace("/support", "/b"),
                                                  "site.yml": "theme_dir: ../theme\n"})
    build(folder, tmp_path / "out", jobs=2)
    assert "Support Framework" in (tmp_path / "out" / "support" / "index.html").read_text()
    (theme / "level.html").write_text('{% extends "base.html" %}\n{% block content %}{% for %}{% endblock %}')
    with pytest.raises(ContentError) as error:
        build(folder, tmp_path / "out", jobs=2)
    [problem] = error.value.problems  # once, though both frameworks met it
    assert problem.file.endswith("level.html") and problem.line == 2 and "template error" in problem.message


def test_parallel_workers_leave_the_comparison_templates_of_a_site_without_mappings_uncompiled(tmp_path, monkeypatch):
    import jinja2

    from generator.pages import compare

    monkeypatch.setenv("LADDER_CACHE_DIR", str(tmp_path / "cache"))
    log = tmp_path / "compiled.txt"
    original = jinja2.Environment.compile

    def logged(self, source, name=None, filename=None, raw=False, defer_init=False):
        with open(log, "a") as handle:  # the workers are forked: a file hears from all of them
            handle.write(f"{name}\n")
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", logged)
    files = {"a.md": SIMPLE, "b.md": SIMPLE.replace("/support", "/b"), "c.md": SIMPLE.replace("/support", "/c")}
    build(write_content(tmp_path / "content", files), tmp_path / "out", jobs=2)
    compiled = log.read_text().split()
    assert {"framework.html", "level.html", "base.html"} <= set(compiled)
    assert not set(compiled) & set(compare.TEMPLATES)


def test_a_frameworks_pages_are_the_same_in_a_site_of_one_framework_and_of_thirty(tmp_path):
    """Navigation is per framework: only the home page, the A–Z and the
    sitemap list the whole site, so a framework's pages do not grow with it.
    (The preview renders every page knowing the whole site; the full build
    is held to the same bytes above.)"""
    others = {f"group-{n % 4}/team-{n}.md": SIMPLE.replace('"/support"', f'"/team-{n}"')
              .replace("Support", f"Team {n}").replace('"operations"', f'"group-{n % 4}"')
              for n in range(30)}
    alone = SiteBuilder(write_content(tmp_path / "alone", {"support.md": SIMPLE}))
    crowded = SiteBuilder(write_content(tmp_path / "crowded", {"support.md": SIMPLE, **others}))
    assert alone.build().ok and crowded.build().ok
    own = [rel for rel in alone.output if rel.startswith("support/")]
    assert len(own) >= 4  # the framework, its two levels, their comparison
    assert {rel: crowded.output[rel] for rel in own} == {rel: alone.output[rel] for rel in own}
    assert b"Team 29" in crowded.output["index.html"] and b"Team 29" not in alone.output["index.html"]
