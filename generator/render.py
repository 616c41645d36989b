"""The Jinja environment, interface strings, and links between pages.

Links are relative ("../level-2/"), so a site works under any sub-path. A site
built without a base URL links to `index.html` files, so it also works opened
straight from disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from . import cache, fragments, jinja, yamlio
from .jinja import Environment
from .config import SiteConfig
from .errors import ContentError, Problem
from .model import humanise, slugify

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"
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


class Translations:
    """Interface strings per language, from the theme's `i18n/*.yml` files."""

    def __init__(self, folders: list[Path]):
        self.strings: dict[str, dict[str, str]] = {}
        for folder in reversed(folders):  # later folders override earlier ones
            for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
                data, problems = yamlio.parse(file.read_text(encoding="utf-8"), str(file))
                data = data or {}
                if problems or not isinstance(data, dict):
                    raise ContentError(problems or [Problem(str(file), "interface strings must be `key: text` lines")])
                self.strings.setdefault(file.stem, {}).update({k: str(v) for k, v in data.items()})

    def for_language(self, language: str):
        english = self.strings.get("en", {})
        chosen = {**english, **{k: v for k, v in self.strings.get(language, {}).items() if v}}

        def translate(key: str, **values) -> str:
            if not values and key in chosen:
                return chosen[key]
            if values.get("count") == 1 and key + "_one" in chosen:
                key += "_one"
            text = chosen.get(key)
            if text is None:
                raise KeyError(f"no interface string {key!r} in the theme's i18n files")
            return text.format(**values)

        return translate


def theme_languages(override: Path | None) -> set[str]:
    """Languages the theme has interface strings for (one `i18n/<lang>.yml` each)."""
    folders = [p for p in (override, DEFAULT_THEME) if p is not None]
    return {file.stem for folder in folders for file in (folder / "i18n").glob("*.yml")}


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Templates compiled by an earlier run, keyed by their source: a one-file
    rebuild would otherwise spend most of its time compiling them."""
    # Compiled code depends on `jinja.Environment`'s code generator too: another
    # version of it compiles into another folder.
    generator = hashlib.blake2b(Path(jinja.__file__).read_bytes(), digest_size=6).hexdigest()
    folder = cache.folder("compiled-templates", generator)
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


class Theme:
    """Templates, assets and strings, with `theme_dir` overriding the default."""

    def __init__(self, override: Path | None = None):
        self.folders = [p for p in (override, DEFAULT_THEME) if p is not None]
        template_dirs = [f / "templates" if (f / "templates").is_dir() else f for f in self.folders]
        self.env = Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # a changed theme file makes a new Theme (see SiteBuilder)
            cache_size=-1,  # every template, in a plain dict: no LRU bookkeeping on each include
            bytecode_cache=_compiled_templates(),
        )
        self.env.globals["fragments"] = fragments
        for name in ("topic_title", "category_title"):
            self.env.globals[name] = getattr(fragments, name)
        self.env.filters["slug"] = slugify
        self.env.filters["humanise"] = humanise
        self.translations = Translations([f / "i18n" for f in self.folders])

    def compile_share(self, share: int, shares: int, unused: tuple[str, ...] = ()) -> None:
        """Load every template but the `unused` ones, compiling those the bytecode cache lacks.

        Workers forked together each call this with their own `share`, so each
        starts at its own part of the list: it compiles that part, then finds
        most of the rest already compiled by the others. Without it, every
        worker compiled every template of a first build. This must not fail
        (a worker that dies as it starts is started again, forever): a file
        that does not compile is left for the page that uses it to report."""
        if self.env.bytecode_cache is None:
            return
        names = [name for name in self.env.list_templates() if name not in unused]
        start = len(names) * share // shares
        for name in names[start:] + names[:start]:
            try:
                self.env.get_template(name)
            except Exception:  # noqa: BLE001 - see above
                pass

    def assets(self) -> dict[str, bytes]:
        """Every file under the themes' `assets/` folders, the override winning."""
        found: dict[str, bytes] = {}
        for folder in reversed(self.folders):
            assets = folder / "assets"
            for file in sorted(assets.rglob("*")) if assets.is_dir() else []:
                if file.is_file():
                    found["assets/" + file.relative_to(assets).as_posix()] = file.read_bytes()
        return found


class Links:
    """Builds hrefs from one page to another, and to assets."""

    def __init__(self, config: SiteConfig, asset_hashes: dict[str, str]):
        self.local = not config.base_url
        self.base_url = config.base_url
        self.asset_hashes = asset_hashes

    def root_for(self, page: Page) -> str:
        """Prefix that leads from `page` back to the site root."""
        if page.kind == "404" and not self.local:
            return self.base_path()  # served at any depth, so links must be absolute
        return "../" * page.output.count("/")

    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def href(self, root: str, target: str) -> str:
        """Link from a page whose root prefix is `root` to the site path `target`."""
        target, _, fragment = target.partition("#")
        if self.local and (target == "" or target.endswith("/")):
            target += "index.html"
        return (root + target or "./") + ("#" + fragment if fragment else "")

    def asset(self, root: str, name: str) -> str:
        path = "assets/" + name
        digest = self.asset_hashes.get(path, "")
        return f"{root}{path}?v={digest}" if digest else root + path

    def absolute(self, target: str) -> str:
        """Canonical URL of a page, when the site knows where it is published."""
        if not self.base_url:
            return ""
        return self.base_url + target


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=5).hexdigest()


def edit_url(config: SiteConfig, source: str) -> str:
    """Link to the page's source file in the repository, when one is configured."""
    if not (config.repository and source):
        return ""
    folder = f"{config.content_path}/" if config.content_path else ""
    return f"{config.repository}/edit/{config.branch}/{folder}{source}"


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
                site=site, current=current, root=root or "./", t=self.strings(page.language),
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
