"""Rendering one page: its template, the helpers templates call, and its bytes."""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

from ..errors import Problem
from ..model import SiteConfig
from . import assessment, fragments
from .brand import brand_assets
from .links import Links, edit_url, fingerprint
from .page import Page
from .suggest import Suggestions
from .theme import Theme

NAV_KINDS = ("home", "compare", "index")  # pages the header's navigation marks as current


class Renderer:
    """Renders pages of one site with one theme; made once per site settings."""

    def __init__(self, config: SiteConfig, theme: Theme):
        self.config = config
        self.theme = theme
        self.assets = {**theme.assets(), **brand_assets(config.brand)}
        self.links = Links(config, {path: fingerprint(data) for path, data in self.assets.items()})
        self.suggestions = Suggestions(config, self.links)
        self._helpers: dict[str, dict] = {}
        self._headers: dict[tuple, Markup] = {}
        self._heads: dict[str, Markup] = {}

    def strings(self, language: str):
        return self.helpers(language)["t"]

    def helpers(self, language: str) -> dict:
        """The functions templates call that depend on the page's language."""
        if language not in self._helpers:
            t = self.theme.translations.for_language(language)
            words = functools.cache(lambda: assessment.words_json(self.theme.translations.chosen(language)))
            self._helpers[language] = {"t": t, "level_name": fragments.level_namer(t),
                                       "lang_of": fragments.lang_marker(language), "assessment_words": words}
        return self._helpers[language]

    def site_header(self, site, page: Page, root: str) -> Markup:
        """The header every page shows, made once per depth, language and section."""
        current = page.kind if page.kind in NAV_KINDS else ""
        key = (root, page.language, current, site.compare)
        if key not in self._headers:
            links = self.links
            self._headers[key] = Markup(self.theme.env.get_template("partials/header.html").render(
                site=site, current=current, root=root or "./", t=self.strings(page.language), language=page.language,
                url=lambda target: links.href(root, target), brand=self.config.brand,
                asset=lambda name: links.asset(root, name),
            ))
        return self._headers[key]

    def site_head(self, root: str) -> Markup:
        """The favicon and the brand's style sheets and scripts, made once per depth."""
        if root not in self._heads:
            links = self.links
            self._heads[root] = Markup(self.theme.env.get_template("partials/brand_head.html").render(
                brand=self.config.brand, asset=lambda name: links.asset(root, name)))
        return self._heads[root]

    def render(self, site, page: Page) -> bytes:
        if page.make is not None:
            return page.make(self.config)
        links, root = self.links, self.links.root_for(page)
        helpers = self.helpers(page.language)
        context = {
            "site_header": lambda page: self.site_header(site, page, root),
            "site_head": lambda: self.site_head(root),
            "site": site,
            "config": self.config,
            "page": page,
            "root": root or "./",
            **helpers,
            "suggest": self.suggestions.of(page.context.get("framework"), helpers["t"], helpers["level_name"]),
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
