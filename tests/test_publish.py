"""Publishing: sub-path hosting, opening from disk, hosting files, and search."""

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from generator.building.engine import build

from .conftest import ROOT
from .htmlcheck import broken_links, parse_file

CHROMIUM = Path("/usr/bin/chromium")
BASE = "https://org.github.io/frameworks/"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The project's content built for https://org.github.io/frameworks/, with search."""
    out = tmp_path_factory.mktemp("hosted") / "site"
    build(ROOT / "content", out, base_url=BASE, search=True)
    return out


@pytest.fixture(scope="module")
def portable(tmp_path_factory):
    """The same content built without a base URL."""
    out = tmp_path_factory.mktemp("portable") / "site"
    build(ROOT / "content", out, search=True)
    return out


class SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under /frameworks/ only, as GitHub Pages does a project site."""

    prefix = "/frameworks/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        if code == 404:  # GitHub Pages answers unknown addresses with 404.html
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(hosted):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPath, directory=str(hosted)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/frameworks/"
    httpd.shutdown()


def test_hosting_files_are_written(hosted, tmp_path):
    assert (hosted / ".nojekyll").exists() and (hosted / "404.html").exists()
    assert "Sitemap: https://org.github.io/frameworks/sitemap.xml" in (hosted / "robots.txt").read_text()
    sitemap = (hosted / "sitemap.xml").read_text()
    assert "<loc>https://org.github.io/frameworks/customer-operations/</loc>" in sitemap
    assert "<loc>https://org.github.io/frameworks/</loc>" in sitemap and "404" not in sitemap
    assert not (hosted / "CNAME").exists()
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yml").write_text("domain: frameworks.example.org\n")
    build(content, tmp_path / "out")
    assert (tmp_path / "out" / "CNAME").read_text() == "frameworks.example.org\n"


def test_with_a_base_url_canonical_links_are_absolute_and_the_404_page_works_anywhere(hosted):
    doc = parse_file(hosted / "customer-operations" / "level-2" / "index.html")
    canonical = [e.attrs["href"] for e in doc.elements if e.tag == "link" and e.attrs.get("rel") == "canonical"]
    assert canonical == ["https://org.github.io/frameworks/customer-operations/level-2/"]
    assert any(link.startswith("../../assets/ladder.css") for link in doc.links)  # relative: any host
    missing = parse_file(hosted / "404.html")
    assert all(link.startswith(("/frameworks/", "#", "http", "data:")) for link in missing.links), missing.links


def test_links_resolve_in_both_builds(hosted, portable):
    # the 404 page's links start at the site's root on the host; they are checked over HTTP below
    assert [b for b in broken_links(hosted) if not b.startswith("404.html: /frameworks/")] == []
    assert broken_links(portable) == []
    home = parse_file(portable / "index.html")
    assert "customer-operations/index.html" in home.links  # opens from disk, without a web server
    assert not any(e.tag == "link" and e.attrs.get("rel") == "canonical" for e in home.elements)
    assert "<loc>customer-operations/</loc>" in (portable / "sitemap.xml").read_text()


def test_every_language_is_in_one_search_index(hosted):
    """Pagefind searches only the index of the page's own language: with one
    index, a search from an English page finds Spanish pages too (the browser
    test searches "cliente" from an English page)."""
    entry = json.loads((hosted / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]  # the site's language
    spanish = [page for page in hosted.rglob("*.html") if 'lang="es"' in page.read_text()[:200]
               and "data-pagefind-body" in page.read_text()]
    assert spanish and entry["languages"]["en"]["page_count"] >= len(spanish) + 5


def chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])


@needs_chromium
def test_under_a_sub_path_pages_assets_and_search_work(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(server + "customer-operations/")
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
        page.fill("#search-input", "probation targets")
        result = page.wait_for_selector(".search__result", timeout=20000)
        href = result.get_attribute("href")
        assert href.startswith("/frameworks/customer-operations/#")  # deep link to the criterion
        result.click()
        page.wait_for_url("**/frameworks/customer-operations/#*")
        anchor = href.split("#", 1)[1]
        assert "probation targets" in page.locator(f"[id='{anchor}']").inner_text()
        page.goto(server + "no/such/page/")
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
        browser.close()
    assert [url for url in failed if "no/such/page" not in url] == []


@needs_chromium
def test_spanish_search_finds_spanish_pages(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page()
        page.goto(server + "masmovil/customer-service/")
        page.fill("#search-input", "proveedores")
        result = page.wait_for_selector(".search__result", timeout=20000)
        assert result.get_attribute("href").startswith("/frameworks/masmovil/customer-service/#")
        browser.close()


@needs_chromium
def test_a_site_without_base_url_works_opened_from_disk(portable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page()
        page.goto((portable / "index.html").as_uri())
        page.click("text=Customer Operations")
        assert page.url.endswith("/customer-operations/index.html")
        page.click(".level-panel__page >> nth=0")
        assert page.url.endswith("/customer-operations/level-1/index.html")
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
        # a link to copy appears beside the criterion under the pointer
        first = page.locator("li.criterion").first
        assert first.locator(".anchor").count() == 0
        first.hover()
        assert first.locator(".anchor").get_attribute("href") == "#" + first.get_attribute("id")
        # without a server, search says so and points to the A–Z index
        page.fill("#search-input", "feedback")
        assert "A–Z" in page.wait_for_selector(".search__message", timeout=20000).inner_text()
        browser.close()


def test_edit_links_and_last_updated_dates(tmp_path):
    import subprocess

    from .conftest import SIMPLE, write_content

    repo = tmp_path / "repo"
    write_content(repo / "content", {"support.md": SIMPLE, "site.yml": "repository: https://github.com/org/frameworks\n"})
    for command in (["init", "-q", "-b", "main"], ["add", "."],
                    ["-c", "user.name=Editor", "-c", "user.email=e@example.org", "commit", "-q", "-m", "x",
                     "--date", "2026-03-04T10:00:00"]):
        subprocess.run(["git", *command], cwd=repo, check=True,
                       env={"GIT_COMMITTER_DATE": "2026-03-04T10:00:00", "PATH": "/usr/bin:/bin"})
    build(repo / "content", tmp_path / "out")
    doc = parse_file(tmp_path / "out" / "support" / "level-2" / "index.html")
    assert "https://github.com/org/frameworks/edit/main/content/support.md" in doc.links
    assert "Last updated 2026-03-04" in doc.text
    home = parse_file(tmp_path / "out" / "index.html")
    assert not any("/edit/" in link for link in home.links)  # pages with no single source get no edit link
