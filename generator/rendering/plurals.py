"""Plural categories ("one", "few", "many", "other") from Babel's CLDR rules.

Interface strings that hold a {count} have one variant per category a
language needs: `count_new_one`, `count_new_many`, …, with the bare key as
"other". Reading a language's rules from Babel's locale data unpickles the
whole locale, and importing Babel takes a good part of a one-file rebuild:
so a language's rules, and the category of every count below `TABLE`
(counts of criteria, topics and roles), are worked out with Babel once and
kept in Ladder's cache folder; Babel is imported again only for a larger
count, or after it is upgraded.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path

TABLE = 1000


def plural_rule(language: str, cache: Path | None = None) -> Callable[[int], str]:
    """`rule(n)` → the CLDR plural category of `n` in `language` (English rules
    for a language CLDR does not know)."""
    rules, table = _kept(language, cache)
    evaluate: list = []

    def category(n) -> str:
        if type(n) is int and 0 <= n < len(table):
            return table[n]
        if not evaluate:
            from babel.plural import to_python

            evaluate.append(to_python(rules))
        return evaluate[0](n)

    return category


def _babel_stamp() -> str:
    """Which Babel is installed, found without importing it."""
    spec = importlib.util.find_spec("babel")
    stat = os.stat(Path(spec.origin).parent / "plural.py")
    return f"{stat.st_mtime_ns}-{stat.st_size}"


def _kept(language: str, cache: Path | None) -> tuple[dict[str, str], list[str]]:
    stamp = _babel_stamp()
    kept = cache / "plural-rules.json" if cache is not None else None
    known: dict = {}
    if kept is not None:
        try:
            known = json.loads(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
    entry = known.get(language)
    if isinstance(entry, dict) and entry.get("babel") == stamp:
        return entry["rules"], entry["table"]
    from babel.core import (  # loads locale data: only when not kept
        Locale,
        UnknownLocaleError,
    )
    from babel.plural import to_python

    try:
        rules = dict(Locale.parse(language.replace("-", "_")).plural_form.rules)
    except (UnknownLocaleError, ValueError):
        rules = dict(Locale.parse("en").plural_form.rules)
    evaluate = to_python(rules)
    table = [evaluate(n) for n in range(TABLE)]
    if kept is not None:  # written whole, then renamed: workers may read it meanwhile
        fresh = {key: value for key, value in known.items() if isinstance(value, dict) and value.get("babel") == stamp}
        temporary = kept.with_name(f"{kept.name}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({**fresh, language: {"babel": stamp, "rules": rules, "table": table}}),
                                 encoding="utf-8")
            os.replace(temporary, kept)
        except OSError:
            pass
    return rules, table
