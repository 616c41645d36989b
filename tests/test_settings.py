"""`site.yml` from a careless or hostile hand: a theme folder must be a theme,
a domain a host name, a language a language tag; a file that is not a set of
keys, or keys that are not names, are reported at their line."""

import json
import subprocess
import sys

import pytest

from generator.building import search as search_index
from generator.building.engine import build
from generator.errors import ContentError

from .conftest import SIMPLE, write_content


def problems(folder, **options) -> list[str]:
    with pytest.raises(ContentError) as error:
        build(folder, None, **options)
    return [str(p) for p in error.value.problems]


def test_a_folder_that_is_not_a_theme_is_refused_and_never_read(content, tmp_path):
    folder = content({"support.md": SIMPLE, "site.yml": "title: T\ntheme_dir: /etc\n"})
    assert problems(folder) == ["site.yml:2: theme_dir: /etc is not a theme: a theme folder holds templates/, "
                                "assets/ or i18n/ (as themes/default does), and this one has none of them"]
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(folder), "--output",
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "root:" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_theme_folder_is_read_only_through_its_templates_assets_and_i18n(content, tmp_path):
    theme = write_content(tmp_path / "theme", {
        "base.html": "LEAKED FROM THE THEME FOLDER ITSELF",  # not in templates/: never a template
        "assets/extra.css": "body { color: teal }",
    })
    folder = content({"support.md": SIMPLE, "site.yml": f"theme_dir: {theme}\n"})
    build(folder, tmp_path / "out")
    assert (tmp_path / "out" / "assets" / "extra.css").read_text() == "body { color: teal }"
    assert "LEAKED" not in (tmp_path / "out" / "support" / "index.html").read_text()


def test_a_theme_part_that_is_a_file_is_refused(content, tmp_path):
    theme = write_content(tmp_path / "theme", {"templates": "not a folder"})
    folder = content({"support.md": SIMPLE, "site.yml": f"theme_dir: {theme}\n"})
    assert problems(folder) == [f"site.yml:1: theme_dir: {theme}/templates is not a folder; "
                                "a theme's templates/ is a folder"]


@pytest.mark.parametrize("domain", [
    '"example.org\\nevil.example"', '"<script>x</script> /../../etc"', "https://frameworks.example.org/",
    "frameworks.example.org/path", "-bad-.example.org", "localhost", "1.2.3.4", '"exa mple.org"',
    "a" * 64 + ".example.org",
])
def test_a_domain_must_be_a_host_name(content, tmp_path, domain):
    folder = content({"support.md": SIMPLE, "site.yml": f"title: T\ndomain: {domain}\n"})
    found = problems(folder)
    assert len(found) == 1 and found[0].startswith("site.yml:2: domain: "), found
    with pytest.raises(ContentError):
        build(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_good_domain_is_written_to_cname_in_the_form_dns_needs(content, tmp_path):
    for domain, written in [("Frameworks.Example.org.", "frameworks.example.org"),
                            ("bücher.example", "xn--bcher-kva.example")]:
        build(content({"support.md": SIMPLE, "site.yml": f"domain: {domain}\n"}), tmp_path / "out")
        assert (tmp_path / "out" / "CNAME").read_text() == written + "\n"


@pytest.mark.parametrize("tag", ["a" * 32, "en_GB", "english (UK)", "e", "<x>", "en-", "zh-hant-tw-" + "x" * 20])
def test_a_language_must_be_a_language_tag_in_settings_and_front_matter(content, tag):
    folder = content({"support.md": SIMPLE.replace("yaml: true", f"yaml: true\nlanguage: {json.dumps(tag)}"),
                      "site.yml": f"title: T\nlanguage: {json.dumps(tag)}\n"})
    found = problems(folder)
    assert [p.split(": ")[0] for p in found] == ["site.yml:2", "support.md:7"], found
    assert all(": language: " in p for p in found)


@pytest.mark.skipif(not search_index.available(), reason="needs pagefind[bin], a dependency of Ladder")
def test_language_tags_that_pass_are_ones_search_can_index(content, tmp_path):
    tags = ["en-GB", "zh-Hant-TW", "es-419", "sgn-BE-FR", "de-CH-1996", "x-klingon", "en-GB-oxendict",
            "pt-BR-x-abcdefg"]
    files = {"support.md": SIMPLE}
    for n, tag in enumerate(tags):
        files[f"f{n}.md"] = SIMPLE.replace("/support", f"/f{n}").replace("yaml: true", f"yaml: true\nlanguage: {tag}")
    result = build(content(files), tmp_path / "out", search=True)
    assert result.pages and (tmp_path / "out" / "pagefind" / "pagefind-entry.json").exists()


def test_site_settings_that_are_a_list_are_an_error_at_their_line(content, tmp_path):
    folder = content({"support.md": SIMPLE, "site.yml": "# settings\n- title: T\n- base_url: /x/\n"})
    assert problems(folder) == ["site.yml:2: site settings are keys such as 'title: …', one a line; "
                                "this file holds a list"]
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_keys_that_are_not_names_are_reported_at_their_own_line(content):
    folder = content({"support.md": SIMPLE.replace("homepage: false", "homepage: false\n1: one\n~: nothing"),
                      "site.yml": "title: T\n\n12: twelve\nnull: x\ntrue: y\n"})
    found = problems(folder)
    assert [p.split(": unknown key")[0] for p in found] == [
        "site.yml:3: [12]", "site.yml:4: null", "site.yml:5: true", "support.md:9: [1]", "support.md:10: null"]
    assert all("keys are names" in p and "None" not in p for p in found), found
