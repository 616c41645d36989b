"""One page listing every framework's data files, and the JSON Schemas of the
JSON files and of self-assessment files, published at the root of the site,
with the self-assessment's words in each language the frameworks are in."""

from __future__ import annotations

from ...model import Site
from .. import assessment
from ..exports import has_data
from ..exports.jsonfile import SCHEMA_FILE, SCHEMA_NAME
from ..page import Page
from . import downloads

URL = "downloads/"


def pages(site: Site) -> list[Page]:
    frameworks = [f for f in site.frameworks if has_data(f)]
    if not frameworks:
        return []
    rows = [(f, downloads.links(f)) for group in site.groups for f in group.frameworks if has_data(f)]
    schema, assessment_schema = SCHEMA_FILE.read_bytes(), assessment.SCHEMA_FILE.read_bytes()
    return [
        Page(url=URL, template="downloads.html", title="", language=site.language, kind="downloads",
             context={"rows": rows, "schema_url": SCHEMA_NAME, "assessment_schema_url": assessment.SCHEMA_NAME}),
        Page(url=SCHEMA_NAME, template="", title="", language=site.language, kind=downloads.KIND,
             make=lambda config: schema),
        Page(url=assessment.SCHEMA_NAME, template="", title="", language=site.language, kind=downloads.KIND,
             make=lambda config: assessment_schema),
    ] + [Page(url=assessment.words_name(language), template="assessment_words.json", title="", language=language,
              kind=downloads.KIND) for language in sorted({f.language for f in frameworks})]
