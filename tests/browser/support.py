"""What the browser tests share: the sites they build, the server, the tools.

Two sites are built: the project's own `content/` and, when it is there, the
real Monzo corpus in `shared/corpus/monzo`. Tests that take a `page_case`
run once for one page of every kind of each site.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.building.engine import load_site
from generator.rendering.pages import FILE_KINDS, collect

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
CORPUS = ROOT.parent / "shared" / "corpus" / "monzo"
SOURCES = {"content": ROOT / "content", "monzo": CORPUS}

CHROMIUM = Path(os.environ.get("LADDER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
HOST = "127.0.0.1"


def missing(reason: str):
    """A tool the browser tests need is not there: fail in CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)", pytrace=False)
    pytest.skip(reason)


def first_page_of_each_kind(pages) -> dict[str, str]:
    """{kind: output path} for the first page of every kind, in build order."""
    found: dict[str, str] = {}
    for page in pages:
        if page.kind not in FILE_KINDS:  # data files, not pages
            found.setdefault(page.kind, page.output)
    return found


@functools.cache
def kinds(source: str) -> tuple[str, ...]:
    """The page kinds a source builds, read without writing anything (for test ids)."""
    folder = SOURCES[source]
    if not folder.is_dir():
        return ()
    site, _ = load_site(folder)
    return tuple(first_page_of_each_kind(collect(site)))


def cases(only: set[str] | None = None) -> list:
    """pytest params for one page of every kind of every site, e.g. `content-unit`."""
    params = []
    for source in SOURCES:
        found = kinds(source)
        if not found:
            params.append(pytest.param((source, None), id=f"{source}-absent",
                                       marks=pytest.mark.skip(reason=f"{SOURCES[source]} is not here")))
        for kind in found:
            if only is None or kind in only:
                params.append(pytest.param((source, kind), id=f"{source}-{kind}"))
    return params


@dataclass
class Site:
    """A built site and the server that serves it."""

    name: str
    root: Path
    base: str  # "http://127.0.0.1:PORT/"
    pages: dict[str, str]  # kind → output path of the first page of that kind
    every: dict[str, list[str]]  # kind → output paths of all its pages

    def url(self, kind: str) -> str:
        return self.base + self.pages[kind]

    def url_of_one_with(self, kind: str, text: str) -> str:
        """The first page of `kind` whose HTML contains `text`."""
        for output in self.every[kind]:
            if text in (self.root / output).read_text(encoding="utf-8"):
                return self.base + output
        pytest.fail(f"no {kind} page of {self.name} contains {text!r}", pytrace=False)

    def file(self, kind: str) -> Path:
        return self.root / self.pages[kind]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def send_head(self):
        # Dates are to the second: a file rebuilt within the second after the
        # browser fetched it would be answered "not modified" (GitHub Pages
        # compares ETags), so every request gets the file as it is now.
        del self.headers["If-Modified-Since"]
        return super().send_head()


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `folder` on a free loopback port from a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://{HOST}:{server.server_address[1]}/"


def ensure_axe() -> Path:
    """axe-core from the npm registry, pinned by tests/browser/package-lock.json."""
    if not AXE.is_file():
        npm = shutil.which("npm")
        if not npm:
            missing("npm is needed to install axe-core")
        run = subprocess.run([npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode or not AXE.is_file():
            pytest.fail(f"npm ci --prefix tests/browser failed:\n{run.stdout}\n{run.stderr}", pytrace=False)
    return AXE


# --- Reading the page in the browser ---------------------------------------

FOCUS_RING = """(el) => {
  el = el || document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return outline || shadow;
}"""

ACTIVE = """() => {
  const el = document.activeElement;
  return el && {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    role: el.getAttribute('role') || '',
    cls: el.className || '',
    text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
    key: el.getAttribute('data-kb') || '',
  };
}"""


def tab_until(page, predicate, limit: int = 400) -> list[dict]:
    """Press Tab until `predicate(active element info)` holds; return every stop.

    Fails when the predicate never holds within `limit` presses."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        stops.append(active)
        if active and predicate(active):
            return stops
    texts = ", ".join(f"{s['tag']}:{s['text']!r}" for s in stops[:20] if s)
    pytest.fail(f"not reached by Tab in {limit} presses; first stops: {texts}", pytrace=False)


# Scrolls `el` into view as a reader would, then says whether its start is
# inside the window, uncovered (by a sticky header, say) and not cut off at
# either side.
IN_VIEW = """(el) => {
  const tall = el.getBoundingClientRect().height > innerHeight / 2;
  el.scrollIntoView({block: tall ? 'start' : 'center', inline: 'nearest'});
  const r = el.getBoundingClientRect();
  if (!el.checkVisibility() || r.width === 0 || r.left < -1 || r.right > innerWidth + 1
      || r.top < 0 || r.top >= innerHeight) return false;
  const at = document.elementFromPoint(r.left + Math.min(6, r.width / 2), r.top + Math.min(6, r.height / 2));
  return !!at && (el.contains(at) || at.contains(el));
}"""

# What scrolls sideways: the page itself, or a box on it (a table in a
# scrolling frame, say), as "tag.class scrollWidth>clientWidth".
NO_SIDEWAYS_SCROLL = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > innerWidth) found.push('page ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('body *')) {
    const x = getComputedStyle(el).overflowX;
    if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.checkVisibility())
      found.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + el.scrollWidth + '>' + el.clientWidth);
  }
  return found;
}"""
