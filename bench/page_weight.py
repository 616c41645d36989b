"""Page weight: the bytes each kind of page costs a visitor.

Builds content/ (and the Monzo corpus in ../shared/corpus/monzo when it is
there) into a temporary folder and prints, for the first page of every kind,
the bytes of its HTML plus the CSS and JavaScript it loads, uncompressed and
gzipped (level 9, as a server would send them at best).

    python bench/page_weight.py [content folder ...]
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.building.engine import build  # noqa: E402
from generator.rendering.pages import collect  # noqa: E402


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh(site: Path, output: str) -> dict[str, tuple[int, int]]:
    """{"html"|"css"|"js": (bytes, gzip bytes)} for one page of a built site."""
    page = site / output
    html = page.read_bytes()
    assets = _Assets()
    assets.feed(html.decode("utf-8"))
    weights = {"html": (len(html), gzipped(html))}
    for kind, links in (("css", assets.css), ("js", assets.js)):
        data = [(page.parent / urlsplit(link).path).read_bytes() for link in links if not urlsplit(link).netloc]
        weights[kind] = (sum(map(len, data)), sum(map(gzipped, data)))
    return weights


def table(content: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        result = build(content, out)
        first: dict[str, str] = {}
        for page in collect(result.site):
            first.setdefault(page.kind, page.output)
        lines = [f"{content}",
                 f"{'kind':<14} {'page':<58} {'html':>8} {'css':>7} {'js':>7} {'total':>8} "
                 f"{'html.gz':>8} {'css.gz':>7} {'js.gz':>7} {'total.gz':>9}"]
        for kind, output in first.items():
            w = weigh(out, output)
            raw = [w[k][0] for k in ("html", "css", "js")]
            packed = [w[k][1] for k in ("html", "css", "js")]
            lines.append(f"{kind:<14} {output[-58:]:<58} {raw[0]:>8,} {raw[1]:>7,} {raw[2]:>7,} {sum(raw):>8,} "
                         f"{packed[0]:>8,} {packed[1]:>7,} {packed[2]:>7,} {sum(packed):>9,}")
        return lines


def main(argv: list[str]) -> int:
    sources = [Path(a) for a in argv] or [ROOT / "content", ROOT.parent / "shared" / "corpus" / "monzo"]
    for source in sources:
        if source.is_dir():
            print("\n".join(table(source)), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
