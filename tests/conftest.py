"""Shared helpers: write small content folders and read built HTML."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from generator.building.cache import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MONZO = SHARED / "corpus" / "monzo"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """Builds keep their snapshots and compiled templates away from the user's cache."""
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("ladder-cache"))


@pytest.fixture(scope="session")
def content_site(tmp_path_factory) -> Path:
    """This repository's content/, built once under the sub-path /org-frameworks/; tests only read it."""
    from generator.building.engine import build

    out = tmp_path_factory.mktemp("content-site") / "out"
    build(ROOT / "content", out, base_url="/org-frameworks/")
    return out


def write_content(folder: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under `folder` (text is dedented)."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def content(tmp_path):
    """A function that writes a content folder and returns its path."""

    def make(files: dict[str, str]) -> Path:
        return write_content(tmp_path / "content", files)

    return make


SIMPLE = """
---
path: "/support"
title: "Support Framework"
sidebarTitle: "Support"
sidebarGroup: "operations"
yaml: true
levels: 2
homepage: false
topics:
  - name: "communication"
    title: "Communication"
    content:
      - level: 1
        criteria:
          - "Asks for help"
        exampleCriteria:
          - criteria: "Gives updates"
            examples:
              - "Posts a daily note"
      - level: 2
        criteria:
          - "Asks for help"
          - "Coaches others"
---
"""
