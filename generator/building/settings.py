"""Everything a build needs besides the framework files: site settings, the
theme that renders them, and when each content file last changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem
from ..model import SiteConfig
from ..model.languages import served
from ..reading.gitdates import last_changed
from ..reading.settings import load_config
from ..rendering.renderer import Renderer
from ..rendering.theme import Theme, theme_languages
from . import cache


@dataclass
class Settings:
    config: SiteConfig
    problems: list[Problem]
    languages: set[str]  # those the theme has interface strings for
    renderer: Renderer
    updated: dict[str, str]  # content file → date of its last commit


def load_settings(content_dir: Path, base_url: str | None, updated: dict[str, str] | None = None) -> Settings:
    """Read site.yml and the theme; find when each content file last changed
    (unless `updated` already says, as of the same git commit)."""
    config, problems = load_config(content_dir)
    if base_url is not None:
        config = replace(config, base_url=base_url)
    languages = theme_languages(config.theme_dir)
    if served(config.language, languages) is None:
        problems.append(Problem(config.file or "site.yml", "no interface strings for language "
                                f"{config.language!r} in the theme; English is used", severity="warning"))
    theme = Theme(config.theme_dir, cache.folder())
    return Settings(config, problems, languages, Renderer(config, theme),
                    last_changed(content_dir) if updated is None else updated)
