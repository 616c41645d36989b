"""`ladder schema`: the content format as JSON Schema, for editors.

Made from the same field declarations `ladder check` validates with
(`reading/format.py`, `reading/settings.py`, `reading/mappings.py`), so an
editor's completion and errors never disagree with the build.
"""

from __future__ import annotations

import json

from ..reading.format import FRAMEWORK
from ..reading.mappings import MAPPINGS
from ..reading.schema import json_schema_document
from ..reading.settings import SITE_SCHEMA

SCHEMAS = {
    "framework": (FRAMEWORK, "Ladder framework",
                  "A framework file of a Ladder site: a .yml file, or the front matter of a .md file."),
    "site": (SITE_SCHEMA, "Ladder site settings", "The site.yml file in a Ladder site's content folder."),
    "mappings": (MAPPINGS, "Ladder mappings",
                 "The mappings.yml file in a Ladder site's content folder: level alignments and themes."),
}


def schema_text(kind: str = "framework") -> str:
    """The JSON Schema (draft 2020-12) of one kind of content file, as JSON text."""
    return json.dumps(json_schema_document(*SCHEMAS[kind]), indent=2, ensure_ascii=False) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"
