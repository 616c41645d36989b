"""Every URL that comes from content or settings passes one allow-list of
schemes (http, https, mailto, relative): a `javascript:` link never reaches a
page, whichever key it was written in."""

import json
import re

import pytest

from generator.building.engine import build
from generator.errors import ContentError
from generator.reading import format as content_format
from generator.reading import markup, settings
from generator.reading.fields import Url
from generator.reading.mappings import MAPPINGS
from generator.reading.schema import Checker, ListOf, MapOf, OneOf, Record
from generator.reading.urls import SCHEMES, url_problem

from .conftest import SIMPLE

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)//",
    "   javascript:alert(1)",
    "java\tscript:alert(1)",
    "\u200bjavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
]
FINE = ["https://example.org/framework.pdf", "http://example.org", "mailto:people@example.org",
        "../guides/feedback/", "/org-frameworks/", "#about", "framework.pdf?page=2"]


def fields(field, path=()):
    """(key path, field) for a schema and every field in it, with list items as [0]."""
    yield path, field
    if isinstance(field, Record):
        for name, child in field.fields.items():
            yield from fields(child, path + (name,))
    elif isinstance(field, ListOf):
        yield from fields(field.item, path + (0,))
    elif isinstance(field, MapOf):
        yield from fields(field.value, path + ("key",))
    elif isinstance(field, OneOf):
        yield from fields(field.record, path)


def placed(path, value):
    """Data with `value` at `path` (as `url_fields` gives it), and nothing else."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    return [placed(rest, value)] if head == 0 else {head: placed(rest, value)}


SCHEMAS = {"front matter": content_format.FRAMEWORK, "site.yml": settings.SITE_SCHEMA, "mappings.yml": MAPPINGS}
FIELDS = [(name, path) for name, schema in SCHEMAS.items() for path, field in fields(schema) if isinstance(field, Url)]


def test_the_url_fields_are_the_ones_that_hold_urls():
    found = {(name, path) for name, path in FIELDS}
    assert ("front matter", ("source", "url")) in found and ("site.yml", ("repository",)) in found
    for name, schema in SCHEMAS.items():  # no key that sounds like a link is plain text
        for path, _ in fields(schema):
            key = str(path[-1]).lower() if path else ""
            if re.search(r"url|link|href|repository|website", key) and key != "base_url":
                assert (name, path) in found, f"{name}: {path} holds a URL but is not a Url field"


@pytest.mark.parametrize("where,path", FIELDS, ids=[f"{n}:{p}" for n, p in FIELDS])
@pytest.mark.parametrize("url", HOSTILE)
def test_every_url_field_refuses_scripts_and_other_schemes(where, path, url):
    checker = Checker()
    checker.check(SCHEMAS[where], placed(path, url))
    assert any(found.path == path and found.severity == "error" for found in checker.found), checker.found


@pytest.mark.parametrize("url", FINE)
def test_http_mailto_and_relative_links_are_fine(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("url", HOSTILE)
def test_a_hostile_source_url_is_an_error_with_its_line_and_never_a_link(content, tmp_path, url):
    text = SIMPLE.replace("homepage: false", f"homepage: false\nsource:\n  title: S\n  url: {json.dumps(url)}")
    with pytest.raises(ContentError) as error:
        build(content({"support.md": text}), tmp_path / "out")
    (problem,) = [p for p in error.value.problems if p.key == "source.url"]
    assert problem.line == 11 and problem.file == "support.md"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("url", HOSTILE)
def test_a_hostile_repository_is_an_error_and_no_edit_link_runs_script(content, tmp_path, url):
    folder = content({"support.md": SIMPLE, "site.yml": f"title: T\nrepository: {json.dumps(url)}\n"})
    with pytest.raises(ContentError) as error:
        build(folder, tmp_path / "out")
    assert [p.line for p in error.value.problems if p.key == "repository"] == [2]


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "ftp://x/"])
def test_a_hostile_base_url_is_an_error(content, tmp_path, url):
    folder = content({"support.md": SIMPLE, "site.yml": f"base_url: {json.dumps(url)}\n"})
    with pytest.raises(ContentError) as error:
        build(folder, tmp_path / "out")
    assert [p.line for p in error.value.problems if p.key == "base_url"] == [1]


def test_good_links_are_published_and_markdown_keeps_to_the_same_schemes(content, tmp_path):
    text = SIMPLE.replace("homepage: false", "homepage: false\nsource:\n  title: S\n  url: mailto:hr@example.org")
    body = "\n[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.org/) [d](mailto:x@example.org)\n"
    folder = content({"support.md": text + body, "site.yml": "repository: https://github.com/org/frameworks\n"})
    build(folder, tmp_path / "out")
    page = (tmp_path / "out" / "support" / "index.html").read_text()
    assert 'href="mailto:hr@example.org"' in page
    assert 'href="https://github.com/org/frameworks/edit/main/content/support.md"' in page
    assert 'href="https://example.org/"' in page and 'href="mailto:x@example.org"' in page
    links = re.findall(r'<(?:a|img)\s[^>]*(?:href|src)="([^"]*)"', page)
    assert links and not [link for link in links if re.match(r"\s*(javascript|data|vbscript):", link, re.I)]


def test_markdown_links_are_held_to_the_same_schemes():
    html = markup.render_markdown("[a](javascript:alert(1)) [b](tel:123) [c](https://example.org/)")
    assert "javascript" not in html and "tel:" not in html and 'href="https://example.org/"' in html
    assert SCHEMES == {"http", "https", "mailto"}
