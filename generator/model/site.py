"""The whole site: its settings, its frameworks in navigation order, and
the mappings between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .framework import Framework, humanise, slugify
from .languages import served
from .mappings import Mappings


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one colour scheme, as "#rrggbb": what text on the primary
    colour and on each shade of level pill is written in, already chosen to read."""

    primary: str
    primary_text: str
    accent: str
    accent_soft: str  # a tint of the accent for highlighted backgrounds
    pill_text: tuple[str, ...]  # text colour on each shade of level pill, lightest first


@dataclass(frozen=True, slots=True)
class Brand:
    """An organisation's look, from `site.yml`. Files are named as assets
    (`site/images/logo.svg` is published as `assets/site/images/logo.svg`);
    extra style sheets and scripts are such names or https:// URLs."""

    logo: str = ""
    logo_dark: str = ""
    favicon: str = ""
    extra_css: tuple[str, ...] = ()
    extra_js: tuple[str, ...] = ()
    files: tuple[tuple[str, Path], ...] = ()  # (asset name, file inside the content folder)
    light: Palette | None = None  # None: the theme's own colours
    dark: Palette | None = None


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str = "Career frameworks"
    description: str = ""
    base_url: str = ""
    language: str = "en"
    repository: str = ""
    branch: str = "main"
    content_path: str = "content"
    theme_dir: Path | None = None
    domain: str = ""
    suggest_changes: bool = True  # "suggest a change" links, when there is a repository
    brand: Brand = Brand()
    file: str = ""  # the settings file, when there is one
    groups: dict[str, str] = field(default_factory=dict)  # group id → name shown
    translations: dict[str, dict] = field(default_factory=dict)  # language → title, description, groups

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: "/frameworks/", or "/"."""
        return urlsplit(self.base_url).path or "/"


@dataclass(slots=True, eq=False)
class Group:
    """Frameworks that share a `sidebarGroup`, in navigation order."""

    id: str
    frameworks: list[Framework] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Site:
    title: str
    description: str
    language: str
    base_url: str
    repository: str = ""
    frameworks: list[Framework] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    mappings: Mappings = field(default_factory=Mappings)
    updated: dict[str, str] = field(default_factory=dict)  # content file → date of its last commit
    compare: bool = False  # the site has mappings, so a comparison page
    group_names: dict[str, str] = field(default_factory=dict)  # group id → name shown
    translations: dict[str, dict] = field(default_factory=dict)  # language → title, description, groups
    referenced: frozenset[str] = frozenset()  # framework paths the mappings name: they are on the comparison

    def _translated(self, language: str) -> dict:
        """site.yml's texts for `language` ("es" serves "es-419"), or none: the site's own language
        needs none, and its primary language's would not be the site's own words."""
        if language == self.language:
            return self.translations.get(language, {})
        return self.translations.get(served(language, self.translations) or "", {})

    def title_in(self, language: str) -> str:
        """The site's title on a page in `language`."""
        return self._translated(language).get("title") or self.title

    def description_in(self, language: str) -> str:
        return self._translated(language).get("description") or self.description

    def group_name(self, group: str, language: str) -> str:
        """A navigation group's name on a page in `language`: as site.yml gives it, or its id title-cased."""
        return (self._translated(language).get("groups", {}).get(group) or self.group_names.get(group)
                or humanise(group))

    def framework(self, path: str) -> Framework | None:
        for framework in self.frameworks:
            if framework.path == path:
                return framework
        return None


def _sort_key(title: str) -> tuple[str, str]:
    return slugify(title), title


def group_frameworks(frameworks) -> list[Group]:
    """Ungrouped frameworks first, then groups by name; within each, featured
    frameworks (`homepage: true`) first, then by title."""
    groups: dict[str, Group] = {}
    for framework in frameworks:
        groups.setdefault(framework.group, Group(framework.group)).frameworks.append(framework)
    for group in groups.values():
        group.frameworks.sort(key=lambda f: (not f.featured,) + _sort_key(f.sidebar_title) + (f.path,))
    return [groups[key] for key in sorted(groups, key=lambda g: (g != "", g.lower()))]


def make_site(config: SiteConfig, frameworks: list[Framework], mappings: Mappings, updated: dict[str, str],
              compare: bool, referenced=frozenset()) -> Site:
    return Site(title=config.title, description=config.description, language=config.language,
                base_url=config.base_url, repository=config.repository,
                frameworks=frameworks, groups=group_frameworks(frameworks), mappings=mappings,
                updated=updated, compare=compare, group_names=config.groups, translations=config.translations,
                referenced=frozenset(referenced))
