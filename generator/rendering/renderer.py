"""Rendering one page: its template, the helpers templates call, and its bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..errors import Problem
from ..model import SiteConfig
from . import fragments
from .links import Links, edit_url, fingerprint
from .theme import Theme

NAV_KINDS = ("home", "compare", "index")  # pages the header's navigation marks as current


@dataclass(slots=True)
class Page:
    """One HTML file to write: where, with which template, from what data."""

    url: str  # site path: "" for home, "engineering/backend/", "404.html"
    template: str
    title: str
    language: str
    context: dict = field(default_factory=dict)
    source: str = ""  # content file shown on the page, for "Edit this page"
    kind: str = ""
    # More context, computed only if the page is rendered: listing pages is
    # cheap, so a rebuild can list every page and render only a few.
    lazy: Callable[[], dict] | None = None
    output: str = field(init=False)  # file path inside the output folder

    def __post_init__(self):
        self.output = self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url


class Renderer:
    """Renders pages of one site with one theme; made once per site settings."""

    def __init__(self, config: SiteConfig, theme: Theme):
        self.config = config
        self.theme = theme
        self.assets = theme.assets()
        self.links = Links(config, {path: fingerprint(data) for path, data in self.assets.items()})
        self._helpers: dict[str, dict] = {}
        self._headers: dict[tuple, Markup] = {}

    def strings(self, language: str):
        return self.helpers(language)["t"]

    def helpers(self, language: str) -> dict:
        """The functions templates call that depend on the page's language."""
        if language not in self._helpers:
            t = self.theme.translations.for_language(language)
            self._helpers[language] = {"t": t, "level_name": fragments.level_namer(t),
                                       "lang_of": fragments.lang_marker(language)}
        return self._helpers[language]

    def site_header(self, site, page: Page, root: str) -> Markup:
        """The header every page shows, made once per depth, language and section."""
        current = page.kind if page.kind in NAV_KINDS else ""
        key = (root, page.language, current, site.compare)
        if key not in self._headers:
            links = self.links
            self._headers[key] = Markup(self.theme.env.get_template("partials/header.html").render(
                site=site, current=current, root=root or "./", t=self.strings(page.language), language=page.language,
                url=lambda target: links.href(root, target),
            ))
        return self._headers[key]

    def render(self, site, page: Page) -> bytes:
        links, root = self.links, self.links.root_for(page)
        context = {
            "site_header": lambda page: self.site_header(site, page, root),
            "site": site,
            "config": self.config,
            "page": page,
            "root": root or "./",
            **self.helpers(page.language),
            "url": lambda target: links.href(root, target),
            "asset": lambda name: links.asset(root, name),
            "canonical": links.absolute(page.url) if page.kind != "404" else "",
            "edit_url": edit_url(self.config, page.source),
            **page.context,
        }
        if page.lazy is not None:
            context.update(page.lazy())
        return self.theme.env.get_template(page.template).render(context).encode("utf-8")


def template_problem(exc: Exception) -> Problem:
    """Name the template file and line of a Jinja error, as for content errors."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(exc.filename or exc.name or "template", f"template error: {exc.message}", line=exc.lineno)
    import traceback  # only when a template fails

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return Problem(frame.filename, f"template error: {exc}", line=frame.lineno)
    return Problem("template", f"template error: {type(exc).__name__}: {exc}")
