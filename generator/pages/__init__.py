"""Page kinds: each module turns the site model into the pages of one kind.

A new page kind is one module here plus one template in the theme.
"""

from __future__ import annotations

from ..model import Site
from ..render import Page
from . import compare, framework, home, index, levels, notfound, roles

KINDS = (home, framework, levels, roles, compare, index, notfound)


def collect(site: Site) -> list[Page]:
    """Every page of the site, in a stable order."""
    return [page for kind in KINDS for page in kind.pages(site)]
