"""Splitting content files into front matter and body, as python-frontmatter does."""

import subprocess
import sys

import pytest
from frontmatter.default_handlers import YAMLHandler

from generator.reading.files import split_front_matter

from .conftest import SIMPLE

SAMPLES = [
    "---\ntitle: A\n---\nBody\n",
    "---\ntitle: A\n---",
    "----\ntitle: A\n-----   \nBody\n",
    "---\ntitle: A\n---\nBody\n---\nMore body after a rule\n",
    "---\ntitle: A\nnote: '--- not a boundary'\n---\n",
    "---\ntitle: A\n--- \t\n\n## Heading\n",
    "---\n---\nOnly a body\n",
    "---\nlist:\n  - ---x\n---\nBody with ---- inside a line ----\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_split_matches_python_frontmatter(text):
    assert split_front_matter(text) == tuple(YAMLHandler().split(text))


def test_an_unclosed_front_matter_is_not_split():
    assert split_front_matter("---\ntitle: A\nno closing line\n") is None


def test_building_valid_content_does_without_pyyaml(tmp_path):
    """PyYAML is the reference parser for files yaml-rs refuses; importing it
    is a tenth of the start-up of `ladder build`, so valid content skips it."""
    pytest.importorskip("yaml_rs")
    content = tmp_path / "content"
    content.mkdir()
    (content / "support.md").write_text(SIMPLE, encoding="utf-8")
    code = ("import sys\nfrom pathlib import Path\nfrom generator.building.engine import build\n"
            f"build(Path({str(content)!r}), Path({str(tmp_path / 'site')!r}))\n"
            "print('yaml' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
