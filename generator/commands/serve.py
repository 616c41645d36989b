"""`ladder serve`: a live preview that rebuilds on save and reloads the browser.

The preview builds with the same engine as `ladder build`, into a preview
folder: a full build first, then, after each save, the build after an edit,
which says which files it changed. Saves that come in a burst are folded into
one rebuild (watchdog reports them). The edited framework's pages are
announced first, the whole-site pages a moment later. Content errors are
shown in the browser over the last good site, which is still served.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
import time
import webbrowser
from dataclasses import replace
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ..building.engine import build
from ..building.staging import check_output_folder
from ..errors import ContentError, LadderError, Problem, UsageError
from ..model import SiteConfig
from ..reading.settings import checked_inputs, load_config
from ..rendering.theme import DEFAULT_THEME
from .preview_http import LiveState, PreviewServer, make_handler, problem_json
from .report import format_problem

DEBOUNCE = 0.03  # seconds of quiet that end a burst of saves
MAX_WAIT = 0.3  # never wait longer than this after the first event
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class Preview:
    """Builds one content folder into a preview folder, and rebuilds it on change."""

    def __init__(self, content_dir: Path, output_dir: Path | None = None, base_url: str | None = None,
                 log=print):
        self.content_dir = content_dir
        self.base_url = checked_inputs(content_dir, base_url)
        self.own_output = output_dir is None
        self.output = (output_dir or Path(tempfile.mkdtemp(prefix="ladder-preview-"))).resolve()
        self.host = "127.0.0.1"  # the address it listens on: requests must be addressed to it (see `host_allowed`)
        if not self.own_output:
            check_output_folder(self.output, content_dir)
        self.config = self._config()
        self.log = log
        self.state = LiveState()
        self.lock = threading.Lock()
        self.started = f"{time.time_ns():x}"
        self.builds = 0
        self.last_errors: list[str] = []

    @property
    def base_path(self) -> str:
        return self.config.base_path

    def _config(self) -> SiteConfig:
        config, _ = load_config(self.content_dir)
        return config if self.base_url is None else replace(config, base_url=self.base_url)

    def watched_dirs(self) -> list[Path]:
        """Folders whose changes can change the site: content and themes."""
        return [self.content_dir, *(d for d in (self.config.theme_dir, DEFAULT_THEME) if d is not None)]

    def rebuild(self) -> None:
        """Build, and tell the browsers what changed; never raises.

        The edited framework's pages are announced as soon as they are written,
        before the pages every framework appears on (home, A–Z, comparison).
        """
        with self.lock:
            started = time.perf_counter()
            announced: set[str] = set()

            def early(files: set[str]) -> None:
                announced.update(files)
                self._announce(files)
                time.sleep(0.1)  # let the notice and the edited page go out before more rendering

            self.config = self._config()  # even if the build fails: it names the theme folder to watch
            try:
                # Workers are forked only before the server's threads start.
                result = build(self.content_dir, self.output, self.base_url, force=False,
                               jobs=None if self.builds == 0 else 1, early=early)
            except ContentError as exc:
                return self._show_errors(exc.problems)
            except Exception as exc:  # keep serving whatever happens  # noqa: BLE001
                message = str(exc) if isinstance(exc, LadderError) else f"internal error: {type(exc).__name__}: {exc}"
                return self._show_errors([Problem("ladder", message)])
            changed = None if result.changed is None else result.changed - announced
            if self.builds == 0 or changed is None or changed or self.last_errors:
                self._announce(changed)
            if self.builds > 1 and (changed is None or changed or announced):
                elapsed = (time.perf_counter() - started) * 1000
                wrote = "the whole site" if changed is None else f"{len(changed | announced)} file(s)"
                self.log(f"ladder: rebuilt: wrote {wrote} in {elapsed:.0f} ms")

    def _announce(self, files: set[str] | None) -> None:
        self.builds += 1
        self.last_errors = []
        self.state.publish(f"{self.started}-{self.builds}", [], self.urls(files))

    def _show_errors(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.is_error] or problems
        shown = [format_problem(p) for p in errors]
        if shown != self.last_errors:
            self.log("\n".join(shown + [f"ladder: {len(errors)} error(s); the preview shows the last good site"]))
        self.last_errors = shown
        self.state.publish(self.state.build_id, [problem_json(p) for p in errors])

    def urls(self, files: set[str] | None) -> frozenset | None:
        """The URLs of the pages among `files`; None when every page may have changed."""
        if files is None:
            return None
        urls = set()
        for rel in files:
            if rel.endswith(".html"):
                urls.add(self.base_path + rel.removesuffix("index.html"))
            elif rel.startswith("assets/"):
                return None  # CSS or JavaScript: every page
        return frozenset(urls) if len(urls) <= 500 else None

    def close(self) -> None:
        with self.state.changed:
            self.state.closing = True
            self.state.changed.notify_all()
        if self.own_output:
            shutil.rmtree(self.output, ignore_errors=True)


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
    for folder in preview.watched_dirs():
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer, wake


def rebuild_loop(preview: Preview, wake: threading.Event, stop: threading.Event) -> None:
    """Fold each burst of events into one rebuild."""
    watched = set(preview.watched_dirs())
    while not stop.is_set():
        if not wake.wait(timeout=0.5):
            continue
        first = time.monotonic()
        wake.clear()
        while time.monotonic() - first < MAX_WAIT and wake.wait(timeout=DEBOUNCE):
            wake.clear()
        preview.rebuild()
        if set(preview.watched_dirs()) != watched:  # theme_dir changed in site.yml
            return


def start_holding_ctrl_c(thread: threading.Thread) -> None:
    """Start `thread` with Ctrl-C held back until it runs, so that a Ctrl-C
    finds it either not started or started (its `ident` set), never half way."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no way to hold it back
        thread.start()
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        thread.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C meanwhile arrives now


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
            preview.host = host
            server = PreviewServer((host, port), make_handler(preview))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; try another --port") from exc
        server.log = log
        bound_port = server.server_address[1]
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{bound_port}{preview.base_path}"
        if host not in LOOPBACK:
            log(f"ladder: warning: --host {host} makes the preview reachable from other machines; "
                "it is meant for editing on this one")
        stop = stop or threading.Event()
        serving = threading.Thread(target=server.serve_forever, daemon=True)
        start_holding_ctrl_c(serving)
        log(f"ladder: serving {url} (from {preview.output}); press Ctrl-C to stop")
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
        if serving is not None and serving.ident is not None:
            # `shutdown` waits for `serve_forever` to end: for ever, if its thread never started
            # (a Ctrl-C just after the "serving" line did that now and then).
            server.shutdown()
        if server is not None:
            server.server_close()

