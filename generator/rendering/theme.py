"""A theme: Jinja templates, assets and interface strings, with a site's
`theme_dir` overriding the default theme file by file.

A theme is code: its templates can run anything Python can.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from ..errors import ContentError, Problem
from ..model import humanise, slugify
from ..model.languages import served
from ..reading import yamlio
from . import fragments, jinja
from .jinja import Environment
from .plurals import plural_rule

_PACKAGE = Path(__file__).resolve().parent.parent
# An installed Ladder carries the theme inside its package (see pyproject.toml);
# a checkout has it at the top of the repository.
DEFAULT_THEME = next((folder for folder in (_PACKAGE / "themes" / "default", _PACKAGE.parent / "themes" / "default")
                      if folder.is_dir()), _PACKAGE.parent / "themes" / "default")


class Translations:
    """Interface strings per language, from the theme's `i18n/*.yml` files.

    A string with a {count} picks its variant by the language's CLDR plural
    category: `key_one`, `key_few`, `key_many`…, and `key` itself for "other"."""

    def __init__(self, folders: list[Path], cache: Path | None = None):
        self.cache = cache
        self.strings: dict[str, dict[str, str]] = {}
        for folder in reversed(folders):  # later folders override earlier ones
            for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
                data, problems = yamlio.parse(file.read_text(encoding="utf-8"), str(file))
                data = data or {}
                if problems or not isinstance(data, dict):
                    raise ContentError(problems or [Problem(str(file), "interface strings must be `key: text` lines")])
                self.strings.setdefault(file.stem, {}).update({k: str(v) for k, v in data.items()})
        self.languages = {name for name, strings in self.strings.items() if any(strings.values())}

    def _serving(self, language: str) -> str:
        """The language whose strings a page in `language` shows: its own, its primary
        language's ("es" for "es-419"), or English."""
        return served(language, self.languages) or "en"

    def chosen(self, language: str) -> dict[str, str]:
        """Every string in `language`, English where it has none."""
        english = self.strings.get("en", {})
        own = {k: v for k, v in self.strings.get(self._serving(language), {}).items() if v}
        # A string the language has comes with its own plural variants, never English ones.
        bases = set(own) | {k.rpartition("_")[0] for k in own if k.endswith(_CATEGORIES)}
        return {**{k: v for k, v in english.items()
                   if not (k.endswith(_CATEGORIES) and k.rpartition("_")[0] in bases)}, **own}

    def for_language(self, language: str):
        chosen = self.chosen(language)
        rule_language = self._serving(language)
        category: list = []  # the plural rule, made on first use

        def translate(key: str, **values) -> str:
            if not values and key in chosen:
                return chosen[key]
            if "count" in values:
                if not category:
                    category.append(plural_rule(rule_language, self.cache))
                variant = f"{key}_{category[0](values['count'])}"
                if variant in chosen:
                    key = variant
            text = chosen.get(key)
            if text is None:
                raise KeyError(f"no interface string {key!r} in the theme's i18n files")
            return text.format(**values)

        return translate


_CATEGORIES = ("_zero", "_one", "_two", "_few", "_many")  # CLDR's, besides "other"


def theme_languages(override: Path | None) -> set[str]:
    """Languages the theme has interface strings for (one `i18n/<lang>.yml` each)."""
    folders = [p for p in (override, DEFAULT_THEME) if p is not None]
    return {file.stem for folder in folders for file in (folder / "i18n").glob("*.yml")}


class Theme:
    """Templates, assets and strings, with `theme_dir` overriding the default."""

    def __init__(self, override: Path | None = None, cache: Path | None = None):
        """`cache`: a folder where compiled templates are kept between runs."""
        self.folders = [p for p in (override, DEFAULT_THEME) if p is not None]
        template_dirs = [f / "templates" for f in self.folders if (f / "templates").is_dir()]
        self.env = Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # a changed theme file makes a new Theme (see building/settings.py)
            cache_size=-1,  # every template, in a plain dict: no LRU bookkeeping on each include
            bytecode_cache=_compiled_templates(cache),
        )
        self.env.globals["fragments"] = fragments
        for name in ("topic_title", "category_title"):
            self.env.globals[name] = getattr(fragments, name)
        self.env.filters["slug"] = slugify
        self.env.filters["humanise"] = humanise
        self.translations = Translations([f / "i18n" for f in self.folders], cache)

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




def _compiled_templates(cache: Path | None) -> jinja2.BytecodeCache | None:
    """Templates compiled by an earlier run, keyed by their source: a one-file
    rebuild would otherwise spend most of its time compiling them."""
    if cache is None:
        return None
    # Compiled code depends on `jinja.Environment`'s code generator too: another
    # version of it compiles into another folder.
    generator = hashlib.blake2b(Path(jinja.__file__).read_bytes(), digest_size=6).hexdigest()
    folder = cache / "compiled-templates" / generator
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
