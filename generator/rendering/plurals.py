"""Plural categories ("one", "few", "many", "other") from Babel's CLDR rules.

Interface strings that hold a {count} have one variant per category a
language needs: `count_new_one`, `count_new_many`, …, with the bare key as
"other". Reading a language's rules from Babel's locale data unpickles the
whole locale, slower than a one-file rebuild: the rules (a few short strings)
are kept in Ladder's cache folder, per Babel version.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path


def plural_rule(language: str, cache: Path | None = None) -> Callable[[int], str]:
    """`rule(n)` → the CLDR plural category of `n` in `language` (English rules
    for a language CLDR does not know). Babel is imported on first use."""
    import babel
    from babel.plural import to_python

    return to_python(_rules(language, cache, babel.__version__))


def _rules(language: str, cache: Path | None, version: str) -> dict[str, str]:
    kept = cache / f"plural-rules-{version}.json" if cache is not None else None
    known: dict = {}
    if kept is not None:
        try:
            known = json.loads(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
    if isinstance(known.get(language), dict):
        return known[language]
    from babel.core import Locale, UnknownLocaleError  # loads locale data: only when not kept

    try:
        rules = dict(Locale.parse(language.replace("-", "_")).plural_form.rules)
    except (UnknownLocaleError, ValueError):
        rules = dict(Locale.parse("en").plural_form.rules)
    if kept is not None:  # written whole, then renamed: workers may read it meanwhile
        temporary = kept.with_name(f"{kept.name}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({**known, language: rules}, sort_keys=True), encoding="utf-8")
            os.replace(temporary, kept)
        except OSError:
            pass
    return rules
