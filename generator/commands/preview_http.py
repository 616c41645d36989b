"""The preview's web server: site files, a live-reload script added to HTML
on the way out, and the stream of rebuild notices (Server-Sent Events).

It serves only files inside the preview folder, never lists folders, and
gives unknown addresses the site's own 404 page. It answers only requests
addressed to this machine by a name the browser cannot have been tricked
into (see `host_allowed`), and says nothing of requests it could not finish.
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..building.manifest import MARKER
from ..errors import Problem

LIVE_PREFIX = "__ladder/"
CLIENT_SCRIPT = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")

HISTORY = 64  # builds remembered, so a browser that was away learns what changed


@dataclass
class LiveState:
    """What browsers are told: the current build, the pages each build changed,
    and the current errors."""

    build_id: str = ""
    errors: list[dict] = field(default_factory=list)
    history: list[tuple[str, frozenset | None]] = field(default_factory=list)  # (build id, URLs or None: all)
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    closing: bool = False

    def publish(self, build_id: str, errors: list[dict], urls: frozenset | None = None) -> None:
        with self.changed:
            if build_id != self.build_id:
                self.history = (self.history + [(build_id, urls)])[-HISTORY:]
            self.build_id, self.errors = build_id, errors
            self.version += 1
            self.changed.notify_all()

    def changed_since(self, since: str) -> list[str] | None:
        """URLs changed by the builds after `since`; None when unknown or everything."""
        ids = [build_id for build_id, _ in self.history]
        if since not in ids:
            return None
        found: set[str] = set()
        for _, urls in self.history[ids.index(since) + 1:]:
            if urls is None:
                return None
            found |= urls
        return sorted(found)

    def message(self, since: str) -> bytes:
        state = {"id": self.build_id, "errors": self.errors, "changed": self.changed_since(since)}
        data = json.dumps(state, ensure_ascii=False)
        return f"event: build\ndata: {data}\n\n".encode("utf-8")


def problem_json(problem: Problem) -> dict:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "key": problem.key,
        "message": problem.message,
        "excerpt": [[number, text] for number, text in problem.excerpt],
    }


def resolve(root: Path, base: str, url_path: str) -> tuple[str, Path | None]:
    """Map a URL path under `base` to a file under `root`, the preview folder.

    Returns ("file", path), ("redirect", None) for a folder without its
    trailing slash, or ("missing", None). The path is decoded, then checked
    for '..', backslashes and NUL, then resolved (following symlinks) and
    required to stay inside the folder.
    """
    if not url_path.startswith(base):
        return "missing", None
    rel = unquote(url_path[len(base):])
    if "\\" in rel or "\x00" in rel:
        return "missing", None
    parts = [part for part in rel.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return "missing", None
    try:  # a name too long for the file system, say, is just not there
        candidate = root.joinpath(*parts).resolve()
        candidate.relative_to(root)
        if candidate.is_dir():
            if parts and not url_path.endswith("/"):
                return "redirect", None
            candidate = candidate / "index.html"
        if candidate.is_file() and candidate.name != MARKER:
            return "file", candidate
    except (ValueError, OSError):
        pass
    return "missing", None


def host_allowed(header: str | None, bound: str) -> bool:
    """Whether a request's Host header names this machine as a browser reaches
    it: localhost (and *.localhost), an IP address, or the name the preview
    was told to listen on. A web page elsewhere can point a name it owns at
    127.0.0.1 (DNS rebinding) and then read the preview as its own site; its
    requests carry that name, and are refused, as Vite and webpack-dev-server
    refuse them."""
    try:
        name = urlsplit("//" + (header or "")).hostname
    except ValueError:
        return False
    if not name:
        return False
    name = name.rstrip(".")
    if name == "localhost" or name.endswith(".localhost") or name == bound.strip("[]").lower():
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's server: a browser that goes away mid-answer is no error."""

    daemon_threads = True
    log = staticmethod(lambda line: None)  # where to say what went wrong otherwise

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            self.log(f"ladder: the preview could not answer {client_address[0]}: {type(error).__name__}: {error}")


CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}


def make_handler(preview):
    """The request handler serving `preview` (a `serve.Preview`)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "LadderPreview"
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
            pass

        def do_HEAD(self):  # noqa: N802
            self.do_GET(head=True)

        def do_GET(self, head=False):  # noqa: N802
            if not host_allowed(self.headers.get("Host"), preview.host):
                body = (b"This preview answers only to localhost, an IP address or the name given to "
                        b"ladder serve --host.\n")
                return self.send(403, CONTENT_TYPES[".txt"], body, head)
            path = urlsplit(self.path).path
            if path == preview.base_path + LIVE_PREFIX + "events":
                since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
                return self.events(since)
            if path == preview.base_path + LIVE_PREFIX + "status":
                body = json.dumps({"id": preview.state.build_id, "errors": preview.state.errors,
                                   "builds": preview.builds}).encode()
                return self.send(200, "application/json", body, head)
            if path in ("/", "") and preview.base_path != "/":
                return self.redirect(preview.base_path)
            kind, file = resolve(preview.output, preview.base_path, path)
            if kind == "redirect":
                return self.redirect(path + "/")
            if kind == "missing":
                missing = preview.output / "404.html"
                body = missing.read_bytes() if missing.is_file() else b"<!doctype html><title>Not found</title>"
                # served at any depth: its relative links must start from the site's root
                body = body.replace(b"<head>", f'<head><base href="{preview.base_path}">'.encode(), 1)
                return self.send(404, CONTENT_TYPES[".html"], self.inject(body), head)
            try:
                body = file.read_bytes()
            except OSError:  # removed by a rebuild since it was found
                return self.send(404, CONTENT_TYPES[".txt"], b"Not found\n", head)
            content_type = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
            if file.suffix == ".html":
                body = self.inject(body)
            self.send(200, content_type, body, head)

        def inject(self, body: bytes) -> bytes:
            script = CLIENT_SCRIPT.replace("__BUILD__", preview.state.build_id)
            script = script.replace("__PAGE__", "404" if body.find(b'class="kind-404"') != -1 else "page")
            script = script.replace("__EVENTS__", preview.base_path + LIVE_PREFIX + "events")
            tag = f"<script>{script}</script>".encode()
            index = body.rfind(b"</body>")
            return body[:index] + tag + body[index:] if index != -1 else body + tag

        def send(self, status: int, content_type: str, body: bytes, head: bool = False) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                if not head:
                    self.wfile.write(body)
            except ConnectionError:  # the browser went away: nothing to tell it
                self.close_connection = True

        def redirect(self, location: str) -> None:
            try:
                self.send_response(301)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except ConnectionError:
                self.close_connection = True

        def events(self, since: str) -> None:
            """Server-Sent Events: the current build now, then every new one, each
            with the pages changed since the build the browser last heard of."""
            state = preview.state
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                with state.changed:
                    seen = state.version
                    message, since = state.message(since), state.build_id
                self.wfile.write(b"retry: 500\n" + message)
                self.wfile.flush()
                while True:
                    with state.changed:
                        state.changed.wait_for(lambda: state.version != seen or state.closing, timeout=15)
                        if state.closing:
                            return
                        fresh, seen = state.version != seen, state.version
                        message, since = state.message(since), state.build_id
                    self.wfile.write(message if fresh else b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                return

    return Handler
