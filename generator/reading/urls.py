"""The one place that decides whether a URL from content or settings may be
linked to: http, https and mailto URLs, and relative ones. Everything else
(`javascript:`, `data:`, `vbscript:`, `file:`…) is refused with a message,
whichever key holds it; Markdown links are held to the same schemes (see
`markup`).

A browser reads a scheme after dropping leading spaces and control
characters and every TAB and line break inside (so " JavaScript:" and
"java\tscript:" run script): URLs with such characters are refused
outright, so what is checked is what the browser sees.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


def url_problem(url: str, absolute: bool = False) -> str | None:
    """Say why `url` may not be linked to, or None when it may. With
    `absolute`, only an http(s) URL will do (a repository, say)."""
    if found := _INVISIBLE.search(url):
        return f"a URL cannot contain spaces or invisible characters ({found.group()!r}); write %20 for a space"
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else ""
    if scheme and name not in SCHEMES:
        return f"links may be http, https, mailto or relative, not '{name}:' ({url!r})"
    if absolute and name not in ("http", "https"):
        return f"expected an http(s) URL such as https://github.com/org/frameworks, got {url!r}"
    if name in ("http", "https"):
        try:
            host = urlsplit(url).hostname
        except ValueError:  # a malformed IPv6 address, say
            host = None
        if not host:
            return f"the URL has no host: {url!r}"
    if name == "mailto" and not url[len("mailto:"):].strip("/"):
        return f"a mailto: link needs an address: {url!r}"
    return None
