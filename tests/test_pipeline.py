"""The full build: parallel workers, the generic framework found first, templates compiled once."""

import pytest

from generator.building import full
from generator.building.engine import build
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
    outcome = full.run(folder, None, None, jobs=2)
    assert [str(p) for p in outcome.problems if p.is_error] == ['c.md:7: levels: expected an integer, got "x"']
    assert outcome.site is None


def test_a_generic_framework_whose_path_comes_late_is_still_inherited(tmp_path):
    from .kinds_fixture import GENERIC_FIXTURE

    late = GENERIC_FIXTURE.replace("path: /generic\n", "") + ""
    late = late.replace("---\ntitle: Generic", "---\n# " + "x" * 9000 + "\ntitle: Generic", 1)
    late = late.rstrip().removesuffix("---") + "path: /generic\n---\n"
    folder = write_content(tmp_path / "content", {"base.md": late, "support.md": SIMPLE.replace(
        'title: "Communication"', "title:")})
    out = tmp_path / "out"
    build(folder, out, jobs=2)
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

    from generator.rendering.pages import compare

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
"""
    others = {f"group-{n % 4}/team-{n}.md": SIMPLE.replace('"/support"', f'"/team-{n}"')
              .replace("Support", f"Team {n}").replace('"operations"', f'"group-{n % 4}"')
              for n in range(30)}
    build(write_content(tmp_path / "alone", {"support.md": SIMPLE}), tmp_path / "alone-site")
    build(write_content(tmp_path / "crowded", {"support.md": SIMPLE, **others}), tmp_path / "crowded-site")
    alone, crowded = written(tmp_path / "alone-site"), written(tmp_path / "crowded-site")
    own = [rel for rel in alone if rel.startswith("support/")]
    assert len(own) >= 4  # the framework, its two levels, their comparison
    assert {rel: crowded[rel] for rel in own} == {rel: alone[rel] for rel in own}
    assert b"Team 29" in crowded["index.html"] and b"Team 29" not in alone["index.html"]


def test_a_small_site_is_built_without_workers_and_a_large_one_with_one_per_core(tmp_path, monkeypatch):
    """Forking workers costs more than a second core saves on a site of a few dozen frameworks."""
    from generator.building.workers import SMALL_SITE_BYTES, default_jobs

    monkeypatch.setattr("os.cpu_count", lambda: 4)
    small = write_content(tmp_path / "small", {f"team-{n}.md": SIMPLE.replace("/support", f"/team-{n}")
                                               for n in range(20)})
    assert default_jobs(small, sorted(p.name for p in small.glob("*.md"))) == 1
    padding = "\n" + "x" * 100 + "\n"
    large = write_content(tmp_path / "large", {f"team-{n}.md": SIMPLE.replace("/support", f"/team-{n}")
                                               + padding * (SMALL_SITE_BYTES // 100 // 20) for n in range(21)})
    assert default_jobs(large, sorted(p.name for p in large.glob("*.md"))) == 4
    monkeypatch.setattr("os.cpu_count", lambda: None)
    assert default_jobs(large, sorted(p.name for p in large.glob("*.md"))) == 1



def _write_nested(root, who, count):
    from generator.building.workers import Writer

    writer = Writer(root)
    for n in range(count):
        writer.write(f"{n}/level-1/{who}.html", b"page")


def test_two_workers_making_the_same_new_folder_at_once_both_write(tmp_path):
    """Two frameworks whose pages clash (one at /support/level-1, the other's
    level 1) make the same folders in two workers at the same moment; neither
    may fail because the other made a folder first, so that the clash is
    reported as one, not as a folder that exists."""
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    workers = [fork.Process(target=_write_nested, args=(tmp_path, who, 3000)) for who in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert len(list(tmp_path.glob("*/level-1/*.html"))) == 6000
