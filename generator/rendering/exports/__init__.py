"""The model as data files: JSON (the whole model, with a JSON Schema), CSV and
Excel (the long layout that `ladder import` reads back, and a grid per
framework), and 1EdTech CASE 1.1 packages.

Each module turns one framework (or the whole site) into bytes; the site's
download pages and `ladder export` both call them, so both give the same files.
"""

from __future__ import annotations

from ...model import Framework

FORMATS = ("json", "csv", "xlsx", "case")
EXTENSIONS = {"json": ".json", "csv": ".csv", "xlsx": ".xlsx", "case": ".case.json"}


def has_data(framework: Framework) -> bool:
    """Markdown pages hold no criteria, so they have no data files."""
    return framework.kind != "markdown"


def site_path(framework: Framework, fmt: str) -> str:
    """Where the site publishes a framework's file: beside its page."""
    return f"{framework.path}/{file_name(framework, fmt)}"


def file_name(framework: Framework, fmt: str) -> str:
    """A framework's file name, the same wherever it is saved: its path with
    dashes for slashes ("e-skills-contact-centre-framework.csv")."""
    return framework.path.replace("/", "-") + EXTENSIONS[fmt]
