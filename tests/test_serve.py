"""`ladder serve`: a real server on a free port, real file events, a real browser."""

import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.commands.serve import serve

from .conftest import SIMPLE, write_content

CHROMIUM = Path("/usr/bin/chromium")


class Running:
    """A `ladder serve` running in a thread, for one test."""

    def __init__(self, folder: Path, **options):
        self.folder = folder
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.logs: list[str] = []
        self.url = ""

        def on_ready(url):
            self.url = url
            self.ready.set()

        self.thread = threading.Thread(
            target=serve, args=(folder,), daemon=True,
            kwargs={"port": 0, "log": self.logs.append, "on_ready": on_ready, "stop": self.stop, **options})
        self.thread.start()
        assert self.ready.wait(30), self.logs

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def status(self) -> dict:
        return json.loads(self.get("__ladder/status")[1])

    def wait_for(self, check, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"timed out; log: {self.logs}")

    def close(self):
        self.stop.set()
        self.thread.join(timeout=5)


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def running(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    server = Running(folder, output_dir=tmp_path / "preview")
    server.preview_dir = tmp_path / "preview"
    yield server
    server.close()


def test_a_saved_edit_is_served_without_a_restart(running):
    assert "Coaches others" in running.get("support/")[1]
    before = running.status()["id"]
    save(running.folder / "support.md", SIMPLE.replace("Coaches others", "Mentors new starters"))
    running.wait_for(lambda: "Mentors new starters" in running.get("support/")[1])
    running.wait_for(lambda: running.status()["id"] != before)  # announced once the build is done
    running.wait_for(lambda: any("rebuilt" in line for line in running.logs))


def test_broken_yaml_shows_its_errors_and_a_fix_clears_them(running):
    save(running.folder / "support.md", SIMPLE.replace("levels: 2", "levels: [2"))
    errors = running.wait_for(lambda: running.status()["errors"])
    (error,) = errors
    assert error["file"] == "support.md" and error["line"] and "invalid YAML" in error["message"]
    assert any(number == error["line"] for number, _ in error["excerpt"])
    # the last good site stays browsable
    assert "Coaches others" in running.get("support/")[1]
    # the terminal shows the error once, without a traceback
    assert sum("invalid YAML" in line for line in running.logs) == 1
    assert not any("Traceback" in line for line in running.logs)
    save(running.folder / "support.md", SIMPLE.replace("Coaches others", "Fixed"))
    running.wait_for(lambda: not running.status()["errors"])
    assert "Fixed" in running.get("support/")[1]


def test_the_script_is_added_to_served_pages_only_never_to_files_on_disk(running, tmp_path):
    body = running.get("support/")[1]
    assert "__ladder/events" in body
    written = list(running.preview_dir.rglob("*.html"))
    assert written and not any("__ladder" in p.read_text() for p in written)
    assert "__ladder" not in running.get("assets/ladder.css")[1]


@pytest.mark.parametrize("path", [
    "../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%5c%2e%2e%5cetc%5cpasswd",
    "assets/..%2f..%2f..%2fetc/passwd", "support/%00index.html", "..\\..\\etc\\passwd",
])
def test_path_traversal_is_refused(running, path):
    status, body = running.get(path)
    assert status in (403, 404)
    assert "root:" not in body


def test_symlinks_out_of_the_site_are_refused(running, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    os.symlink(secret, running.preview_dir / "leak.txt")
    status, body = running.get("leak.txt")
    assert status == 404 and "top secret" not in body


def test_folders_are_never_listed_and_unknown_paths_get_the_sites_404(running):
    status, body = running.get("assets/")
    assert status == 404 and "Index of" not in body and "Page not found" in body
    status, body = running.get("no/such/page/")
    assert status == 404 and "Page not found" in body


def test_a_sub_path_is_served_as_on_github_pages(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    server = Running(folder, base_url="/frameworks/")
    try:
        assert server.url.endswith("/frameworks/")
        root = server.url.removesuffix("frameworks/")
        with urllib.request.urlopen(root, timeout=5) as response:  # "/" leads to the sub-path
            assert response.url.endswith("/frameworks/")
        assert server.get("support/")[0] == 200
        status, _ = server.get("../support/")
        assert status == 404
    finally:
        server.close()


def test_it_survives_deleted_files_renamed_folders_and_template_errors(running, tmp_path):
    nested = running.folder / "team"
    nested.mkdir()
    save(nested / "ops.md", SIMPLE.replace("/support", "/ops"))
    running.wait_for(lambda: running.get("ops/")[0] == 200)
    nested.rename(running.folder / "people")
    (running.folder / "support.md").unlink()
    running.wait_for(lambda: running.get("support/")[0] == 404)
    assert running.get("ops/")[0] == 200
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text("{% if %}")
    save(running.folder / "site.yml", "theme_dir: ../theme\n")
    errors = running.wait_for(lambda: running.status()["errors"])
    assert errors[0]["file"].endswith("404.html") and "template error" in errors[0]["message"]
    (theme / "templates" / "404.html").write_text("<p>{{ t('page_not_found') }}</p>")
    running.wait_for(lambda: not running.status()["errors"])
    assert running.thread.is_alive()


def test_polling_mode_sees_changes_too(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    server = Running(folder, poll=True)
    try:
        save(folder / "support.md", SIMPLE.replace("Coaches others", "Polled"))
        server.wait_for(lambda: "Polled" in server.get("support/")[1])
    finally:
        server.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_browser_shows_edits_and_errors_without_a_manual_reload(running):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(viewport={"width": 800, "height": 400})
        page.goto(running.url + "support/")
        page.evaluate("window.scrollTo(0, 300); window.ladderMarker = 1")
        save(running.folder / "support.md", SIMPLE.replace("Coaches others", "Seen live in the browser"))
        page.wait_for_function("document.body.textContent.includes('Seen live in the browser')", timeout=20000)
        assert page.evaluate("window.ladderMarker") is None  # the page reloaded by itself
        page.wait_for_function("window.scrollY > 250", timeout=10000)  # and kept its place

        save(running.folder / "support.md", SIMPLE.replace("levels: 2", "levels: [2"))
        overlay = page.wait_for_selector("#ladder-errors", timeout=20000)
        text = overlay.inner_text()
        assert "support.md:9:9: invalid YAML" in text and "flow sequence started on line 8" in text
        assert page.locator(".ladder-error-line").inner_text().lstrip("> ").startswith("9 | homepage: false")
        save(running.folder / "support.md", SIMPLE)
        page.wait_for_selector("#ladder-errors", state="detached", timeout=20000)

        # a hidden tab stops listening, and catches up when shown again
        page.evaluate("window.ladderMarker = 2; Object.defineProperty(document, 'hidden', "
                      "{value: true, configurable: true}); document.dispatchEvent(new Event('visibilitychange'))")
        save(running.folder / "support.md", SIMPLE.replace("Coaches others", "Edited while hidden"))
        running.wait_for(lambda: "Edited while hidden" in running.get("support/")[1])
        time.sleep(0.5)
        assert page.evaluate("window.ladderMarker") == 2
        page.evaluate("Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
                      "document.dispatchEvent(new Event('visibilitychange'))")
        page.wait_for_function("document.body.textContent.includes('Edited while hidden')", timeout=20000)
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_browser_reconnects_when_the_server_restarts(tmp_path):
    from playwright.sync_api import sync_playwright

    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    first = Running(folder)
    port = int(first.url.rsplit(":", 1)[1].split("/")[0])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(first.url + "support/")
        page.evaluate("window.ladderMarker = 1")
        first.close()
        save(folder / "support.md", SIMPLE.replace("Coaches others", "After the restart"))
        second = Running(folder, port=port)
        try:
            page.wait_for_function("document.body.textContent.includes('After the restart')", timeout=20000)
            assert page.evaluate("window.ladderMarker") is None
        finally:
            second.close()
            browser.close()


def test_ctrl_c_stops_the_command_cleanly(tmp_path):
    import signal
    import subprocess
    import sys

    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    # Ctrl-C as a terminal gives it: a test run in the background of a script ignores SIGINT, and so would
    # the command it starts (Python keeps an ignored SIGINT ignored).
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(folder), "--port", "0"],
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = process.stderr.readline()
    assert "serving http://127.0.0.1:" in first
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "stopped" in rest and "Traceback" not in rest


def test_ctrl_c_as_the_server_thread_starts_still_stops(tmp_path, monkeypatch):
    """Ctrl-C right after the "serving" line sometimes came as the server's
    thread was being started: the command then waited for ever for a server
    loop that never ran. Here the Ctrl-C comes at exactly that moment."""
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    start = threading.Thread.start

    def interrupted(thread):
        if getattr(thread, "_target", None) is not None and thread._target.__name__ == "serve_forever":
            raise KeyboardInterrupt
        return start(thread)

    monkeypatch.setattr(threading.Thread, "start", interrupted)
    lines: list[str] = []
    command = threading.Thread(target=serve, args=(folder,), kwargs={"port": 0, "log": lines.append}, daemon=True)
    start(command)
    command.join(timeout=30)
    assert not command.is_alive() and lines[-1] == "ladder: stopped"


def test_exposing_the_preview_beyond_this_machine_warns(tmp_path):
    folder = write_content(tmp_path / "content", {"support.md": SIMPLE})
    server = Running(folder, host="0.0.0.0")
    try:
        assert any("reachable from other machines" in line for line in server.logs)
    finally:
        server.close()


def raw_get(url: str, path: str, host: str | None) -> tuple[int, str]:
    """A GET with the Host header a browser would send for `host` (None: none at all)."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=5)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read().decode()


@pytest.mark.parametrize("host,allowed", [
    ("localhost:{port}", True), ("127.0.0.1:{port}", True), ("LOCALHOST", True), ("preview.localhost:{port}", True),
    ("[::1]:{port}", True), ("evil.example:{port}", False), ("evil.example", False), ("127.0.0.1.evil.example", False),
    ("", False), (None, False),
])
def test_requests_for_another_host_are_refused_against_dns_rebinding(running, host, allowed):
    port = running.url.split(":")[2].split("/")[0]
    header = host.format(port=port) if host is not None else None
    for path in ("/support/", "/__ladder/status"):
        status, body = raw_get(running.url, path, header)
        assert (status == 200) is allowed, (header, status)
        if not allowed:
            assert status == 403 and "Coaches others" not in body and "errors" not in body


def test_a_path_too_long_for_the_file_system_gets_the_404_page_and_no_traceback(running, capfd):
    for path in ("a" * 8000, "support/" + "b" * 300 + "/", "%ff" * 2000):
        status, body = running.get(path)
        assert status == 404 and "Page not found" in body
    err = capfd.readouterr().err
    assert "Traceback" not in err and not [line for line in running.logs if "could not answer" in line]


def test_browsers_that_go_away_early_are_no_error(running, capfd):
    import socket
    import struct
    from urllib.parse import urlsplit

    where = urlsplit(running.url)
    for n in range(300):
        client = socket.create_connection((where.hostname, where.port))
        client.sendall(f"GET /support/?{n} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
        client.close()
    time.sleep(1)
    assert running.get("support/")[0] == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err and "ConnectionResetError" not in err
