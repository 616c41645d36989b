"""`ladder serve`: a live preview that rebuilds on save and reloads the browser.

The server keeps a `SiteBuilder` in memory, writes the site into a preview
folder, and rebuilds when watchdog reports a change (saves that come in a
burst are folded into one rebuild). Each served HTML page gets a small script,
added on the way out and never written to disk, that listens for rebuild
notices over Server-Sent Events: it reloads the page keeping its scroll
position, or shows the content errors over the last good page.
"""

from __future__ import annotations

import gc
import http.server
import json
import shutil
import tempfile
import threading
import time
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .build import MARKER, check_output_folder
from .builder import Changes, SiteBuilder
from .errors import Problem, UsageError
from .report import format_problem

LIVE_PREFIX = "__ladder/"
DEBOUNCE = 0.03  # seconds of quiet that end a burst of saves
MAX_WAIT = 0.3  # never wait longer than this after the first event
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

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


class Preview:
    """Builds, writes and serves one content folder, and rebuilds it on change."""

    def __init__(self, content_dir: Path, output_dir: Path | None = None, base_url: str | None = None,
                 log=print):
        self.builder = SiteBuilder(content_dir, base_url)
        self.own_output = output_dir is None
        self.output = (output_dir or Path(tempfile.mkdtemp(prefix="ladder-preview-"))).resolve()
        if not self.own_output:
            check_output_folder(self.output, content_dir)
        self.log = log
        self.state = LiveState()
        self.lock = threading.Lock()
        self.started = f"{time.time_ns():x}"
        self.builds = 0
        self.last_errors: list[str] = []

    @property
    def base_path(self) -> str:
        return self.builder.config.base_path

    def rebuild(self) -> None:
        """Build, write what changed, and tell the browsers; never raises.

        The edited framework's pages go out first; the pages every framework
        appears on (home, A–Z, comparison) follow in a second notice.
        """
        with self.lock:
            started = time.perf_counter()
            first = self._step(lambda: self.builder.build(defer_shared=True))
            if first is not None and self.builder.deferred:
                time.sleep(0.1)  # let the notice and the edited page go out before more rendering
                self._step(self.builder.render_deferred)
            # The site stays in memory: keep the collector from walking it again
            # and again (a full pass over a large site takes seconds).
            gc.collect(1)  # the young objects only: the rest is frozen already
            gc.freeze()
            if first is not None and (first.written or first.removed) and self.builds > 1:
                elapsed = (time.perf_counter() - started) * 1000
                self.log(f"ladder: rebuilt {first.rendered} page(s), wrote {len(first.written)} file(s) "
                         f"in {elapsed:.0f} ms")

    def _step(self, run) -> Changes | None:
        """Run one build step; write and announce its result, or show its errors."""
        try:
            changes = run()
        except Exception as exc:  # keep serving whatever happens
            changes = Changes([Problem("ladder", f"internal error: {type(exc).__name__}: {exc}")])
        errors = [p for p in changes.problems if p.is_error]
        if errors:
            shown = [format_problem(p) for p in errors]
            if shown != self.last_errors:
                self.log("\n".join(shown + [f"ladder: {len(errors)} error(s); the preview shows the last good site"]))
            self.last_errors = shown
            self.state.publish(self.state.build_id, [problem_json(p) for p in errors])
            return None
        try:
            self.write(changes)
        except OSError as exc:
            self.log(f"ladder: cannot write the preview: {exc}")
            return None
        if self.builds == 0 or changes.written or changes.removed or self.last_errors:
            self.builds += 1
            self.state.publish(f"{self.started}-{self.builds}", [], self.urls(changes))
        self.last_errors = []
        return changes

    def urls(self, changes: Changes) -> frozenset | None:
        """The URLs whose pages a build changed; None when every page may have."""
        urls = set()
        for rel in list(changes.written) + list(changes.removed):
            if rel.endswith(".html"):
                urls.add(self.base_path + rel.removesuffix("index.html"))
            elif rel.startswith("assets/"):
                return None  # CSS or JavaScript: every page
        return frozenset(urls) if len(urls) <= 500 else None

    def write(self, changes: Changes) -> None:
        self.output.mkdir(parents=True, exist_ok=True)
        (self.output / MARKER).write_text("Ladder preview.\n")
        for rel, data in changes.written.items():
            target = self.output / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for rel in changes.removed:
            (self.output / rel).unlink(missing_ok=True)

    def close(self) -> None:
        with self.state.changed:
            self.state.closing = True
            self.state.changed.notify_all()
        if self.own_output:
            shutil.rmtree(self.output, ignore_errors=True)

    # -- serving files safely -------------------------------------------------

    def resolve(self, url_path: str) -> tuple[str, Path | None]:
        """Map a URL path to a file under the preview folder.

        Returns ("file", path), ("redirect", None) for a folder without its
        trailing slash, or ("missing", None). The path is decoded, then checked
        for '..', backslashes and NUL, then resolved (following symlinks) and
        required to stay inside the folder.
        """
        base = self.base_path
        if not url_path.startswith(base):
            return "missing", None
        rel = unquote(url_path[len(base):])
        if "\\" in rel or "\x00" in rel:
            return "missing", None
        parts = [part for part in rel.split("/") if part]
        if any(part in (".", "..") for part in parts):
            return "missing", None
        try:
            candidate = self.output.joinpath(*parts).resolve()
            candidate.relative_to(self.output)
        except (ValueError, OSError):
            return "missing", None
        if candidate.is_dir():
            if parts and not url_path.endswith("/"):
                return "redirect", None
            candidate = candidate / "index.html"
        if candidate.is_file() and candidate.name != MARKER:
            return "file", candidate
        return "missing", None


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


def make_handler(preview: Preview):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "LadderPreview"
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
            pass

        def do_HEAD(self):  # noqa: N802
            self.do_GET(head=True)

        def do_GET(self, head=False):  # noqa: N802
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
            kind, file = preview.resolve(path)
            if kind == "redirect":
                return self.redirect(path + "/")
            if kind == "missing":
                missing = preview.output / "404.html"
                body = missing.read_bytes() if missing.is_file() else b"<!doctype html><title>Not found</title>"
                # served at any depth: its relative links must start from the site's root
                body = body.replace(b"<head>", f'<head><base href="{preview.base_path}">'.encode(), 1)
                return self.send(404, CONTENT_TYPES[".html"], self.inject(body), head)
            body = file.read_bytes()
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
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def redirect(self, location: str) -> None:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

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


class _Trigger(FileSystemEventHandler):
    """Turns file events into a wake-up for the rebuild loop."""

    def __init__(self, wake: threading.Event, ignore: Path):
        self.wake = wake
        self.ignore = str(ignore)

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file (as every build does) changes nothing
        paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
        if all(str(p).startswith(self.ignore) for p in paths if p):
            return
        self.wake.set()


def watch(preview: Preview, poll: bool = False, wake: threading.Event | None = None):
    """Start watching content and theme folders; return (observer, wake event)."""
    wake = wake or threading.Event()
    observer = (PollingObserver(timeout=0.25) if poll else Observer())
    handler = _Trigger(wake, preview.output)
    for folder in preview.builder.watched_dirs():
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer, wake


def rebuild_loop(preview: Preview, wake: threading.Event, stop: threading.Event) -> None:
    """Fold each burst of events into one rebuild."""
    watched = set(preview.builder.watched_dirs())
    while not stop.is_set():
        if not wake.wait(timeout=0.5):
            continue
        first = time.monotonic()
        wake.clear()
        while time.monotonic() - first < MAX_WAIT and wake.wait(timeout=DEBOUNCE):
            wake.clear()
        preview.rebuild()
        if set(preview.builder.watched_dirs()) != watched:  # theme_dir changed in site.yml
            return


def serve(content_dir: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          poll: bool = False, output_dir: Path | None = None, base_url: str | None = None,
          log=print, on_ready=None, stop: threading.Event | None = None) -> None:
    """Run the preview until `stop` is set or Ctrl-C; `on_ready(url)` is called
    once the server listens (port 0 picks a free port)."""
    preview = Preview(content_dir, output_dir, base_url, log)
    preview.rebuild()  # reads site.yml, which may name a theme folder to watch
    observer, wake = watch(preview, poll)
    wake.set()  # catch saves made before the watch started
    server = serving = None
    # Everything from here runs under one `try`: a Ctrl-C at any moment still
    # stops the watcher, whose thread would otherwise keep the process alive.
    try:
        try:
            server = http.server.ThreadingHTTPServer((host, port), make_handler(preview))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; try another --port") from exc
        server.daemon_threads = True
        bound_port = server.server_address[1]
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{bound_port}{preview.base_path}"
        if host not in LOOPBACK:
            log(f"ladder: warning: --host {host} makes the preview reachable from other machines; "
                "it is meant for editing on this one")
        log(f"ladder: serving {url} (from {preview.output}); press Ctrl-C to stop")
        stop = stop or threading.Event()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        serving.start()
        if on_ready is not None:
            on_ready(url)
        if open_browser:
            webbrowser.open(url)
        while True:
            rebuild_loop(preview, wake, stop)
            observer.stop()
            observer.join(timeout=2)
            if stop.is_set():
                break
            observer, wake = watch(preview, poll)  # the theme folder changed
            wake.set()
    except KeyboardInterrupt:
        log("ladder: stopped")
    finally:
        observer.stop()
        preview.close()
        if serving is not None:
            server.shutdown()  # waits for `serve_forever`, so only once it runs
        if server is not None:
            server.server_close()

