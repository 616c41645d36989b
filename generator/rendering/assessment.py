"""The self-assessment a page offers: what its box needs to load the script,
the framework's data and the words of its interface.

The assessment runs in the reader's browser (themes/default/assets/assess.js),
from the framework's own JSON file; nothing here ever sees a mark. Its words
are the theme's `assess_*` strings in the page's language, published once
per language beside the schemas (`words_name`) and fetched when a reader
opens the assessment, so a page carries none of them, and a theme or a
language file changes them as it changes the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from ..model import Framework
from .exports import has_data, site_path

SCHEMA_NAME = "ladder-assessment.schema.json"
SCHEMA_FILE = Path(__file__).parent / "exports" / SCHEMA_NAME
PREFIX = "assess_"
SHARED_WORDS = ("level", "knowledge_and_understanding")  # words the script shares with the pages


def offered(framework: Framework) -> bool:
    """Pages with criteria to mark: progression frameworks (and their levels and roles), standards and units."""
    return has_data(framework) and (bool(framework.knowledge) or any(
        tl.all_criteria() for topic in framework.topics for tl in topic.levels))


def box(framework: Framework) -> dict | None:
    """What the template's box needs, or None where there is nothing to assess.
    A level's page sets `level`: the level it aims at until the reader chooses."""
    if not offered(framework):
        return None
    return {"json": site_path(framework, "json"), "schema": SCHEMA_NAME, "words": words_name(framework.language),
            "level": None}


def words_name(language: str) -> str:
    """Where the interface's words in `language` are published."""
    return f"ladder-assessment-words.{language}.json"


def words_json(strings: dict[str, str]) -> Markup:
    """The interface's words as a JSON object (plural variants included: the
    script picks one with Intl.PluralRules)."""
    chosen = {key: text for key, text in sorted(strings.items()) if key.startswith(PREFIX) or key in SHARED_WORDS}
    return Markup(json.dumps(chosen, ensure_ascii=False, separators=(",", ":")))
