"""Serve models' interactive pages on 127.0.0.1, reloading each open page when its file changes."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import queue
import secrets
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import parse_qs, urlsplit

from logicmodel.analysis.results import finite_json
from logicmodel.fileformat.loading import LoadError, load

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel

HOST = "127.0.0.1"
POLL_SECONDS = 0.1  # how often each file's stat is read: a save shows within about this
KEEPALIVE_SECONDS = 15.0  # a comment line this often keeps proxies and browsers from timing out
# An editor that saves by renaming a temporary file over the original leaves a moment with no
# file at all; only a file gone for longer than this is reported as gone.
GONE_SECONDS = 1.0

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode): a rename-save changes the inode


class ListenError(Exception):
    """The server cannot listen on the port asked for; the message says what to do."""


class Event(NamedTuple):
    """One server-sent event: a name the page listens for, and its data."""

    name: str
    data: str

    def encode(self) -> bytes:
        """Return the event as it goes down the stream (a `data:` line per line of data)."""
        lines = "".join(f"data: {line}\n" for line in self.data.split("\n"))
        return f"event: {self.name}\n{lines}\n".encode()


def problems_event(problems: Sequence[str]) -> Event:
    """Return the event that shows a file's located errors over the last good diagram."""
    return Event("problems", json.dumps(list(problems), allow_nan=False))


def stamp_of(path: str) -> Stamp | None:
    """Return what tells a file's versions apart, or None while there is no file there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


class Loaded(NamedTuple):
    """A file read once: its model and trace, or the located errors that stopped it."""

    model: LogicModel | None
    trace: Trace | None
    problems: tuple[str, ...]


def load_file(path: str) -> Loaded:
    """Return a file's model and trace, or its errors one a line as `file:line:col: message`."""
    from logicmodel.analysis.tracing import trace

    try:
        model = load(path)
    except LoadError as error:
        return Loaded(None, None, tuple(str(fault) for fault in error.errors))
    return Loaded(model, trace(model), ())


@dataclass
class Watched:
    """One served file: its last good model, its current errors, and who is listening."""

    path: str
    stamp: Stamp | None = None
    gone_since: float | None = None
    model: LogicModel | None = None  # the last good model, kept while the file is invalid
    trace: Trace | None = None
    generation: int = 0  # how many good versions have been read; pages carry theirs
    problems: tuple[str, ...] = ()  # the file's errors now; empty when it is valid
    clients: set[queue.Queue[Event | None]] = field(default_factory=set)
    # The last page made, and what it was made from: (generation, and when editing the
    # file's version and whether undo and redo are possible).
    page: tuple[tuple[object, ...], str] | None = None

    def take(self, loaded: Loaded) -> Event:
        """Return the event that tells pages about a fresh read, keeping the last good model."""
        self.problems = loaded.problems
        if loaded.model is None:
            return problems_event(loaded.problems)
        self.model, self.trace = loaded.model, loaded.trace
        self.generation += 1
        return Event("reload", str(self.generation))

    def title(self) -> str:
        """Return the model's title, or the file's name until it has loaded once."""
        return self.model.title if self.model is not None else os.path.basename(self.path)

    def status(self) -> str:
        """Return one line on the file: its trace summary, or its first error."""
        if self.problems:
            more = len(self.problems) - 1
            return self.problems[0] + (f" (and {more} more)" if more else "")
        assert self.trace is not None
        return self.trace.summary()


class Server:
    """The pages of some model files on 127.0.0.1 under a random token, and a file watcher.

    `start()` serves from background threads and returns; `shutdown()` ends every stream
    and stops. `serve()` below is the blocking form the command line uses.
    """

    def __init__(
        self,
        paths: Sequence[str],
        *,
        port: int = 0,
        theme: str = "classic",
        layout: str = "figure1",
        poll: float = POLL_SECONDS,
        keepalive: float = KEEPALIVE_SECONDS,
        editing: bool = False,
        host: str = HOST,
    ) -> None:
        from logicmodel.serving.page_edits import Editor

        self.theme, self.layout = theme, layout
        self.host = host
        self.editors = [Editor(os.fspath(path)) for path in paths] if editing else None
        self.poll, self.keepalive = poll, keepalive
        self.token = secrets.token_urlsafe(16)
        self.lock = threading.Lock()
        self.reading = threading.Lock()
        self.stopping = threading.Event()
        self.files = [Watched(os.fspath(path)) for path in paths]
        for watched in self.files:
            watched.stamp = stamp_of(watched.path)
            watched.take(load_file(watched.path))
        try:
            self.listener = Listener((host, port), Handler, self)
        except OSError as error:
            raise ListenError(listen_problem(port, error)) from None
        self.port: int = self.listener.server_address[1]
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Return the address of the index, the one a person opens."""
        return f"http://{self.address}/{self.token}/"

    @property
    def address(self) -> str:
        """Return host:port as browsers send it in the Host header."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def origins(self) -> tuple[str, ...]:
        """Return the origins a page of this server has: the only ones allowed to edit."""
        names = [self.address, f"{HOST}:{self.port}", f"localhost:{self.port}"]
        return tuple(f"http://{name}" for name in dict.fromkeys(names))

    def path(self, number: int, events: bool = False, edits: bool = False) -> str:
        """Return the URL path of a file's page, its event stream, or where its edits go."""
        return f"/{self.token}/m/{number}" + ("/events" if events else "/edit" if edits else "")

    def start(self) -> Server:
        """Return this server once it answers requests and watches its files."""
        # serve_forever looks for a shutdown this often: stopping takes no longer than a poll.
        serve = functools.partial(self.listener.serve_forever, poll_interval=self.poll)
        for target, name in ((serve, "serve"), (self.watch, "watch")):
            thread = threading.Thread(target=target, name=f"logicmodel-{name}", daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def shutdown(self) -> None:
        """Return once every stream has ended, the watcher has stopped and the port is free."""
        with self.lock:
            self.stopping.set()
            for watched in self.files:
                for client in watched.clients:
                    client.put(None)
        if self.threads:
            self.listener.shutdown()
        self.listener.server_close()
        for thread in self.threads:
            thread.join()
        self.threads.clear()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def wait(self) -> None:
        """Return when the server stops; Ctrl-C raises KeyboardInterrupt here."""
        self.stopping.wait()

    # ------------------------------------------------------------ watching

    def watch(self) -> None:
        """Check every file about every `poll` seconds until the server stops."""
        while not self.stopping.wait(self.poll):
            for watched in self.files:
                try:
                    self.check(watched)
                except Exception as error:  # noqa: BLE001 - one bad read must not stop watching
                    watched.stamp = stamp_of(watched.path)  # said once, not at every poll
                    self.publish(watched, Loaded(None, None, (internal_error(watched, error),)))

    def check(self, watched: Watched) -> None:
        """Read a file again if it changed, and tell its pages what came of it."""
        with self.reading:  # the watcher and an edit's request may both look at once
            self._check(watched)

    def _check(self, watched: Watched) -> None:
        now = stamp_of(watched.path)
        if now == watched.stamp:
            return
        if now is None:  # gone: perhaps only for the moment of a rename-save
            if watched.gone_since is None:
                watched.gone_since = time.monotonic()
            if time.monotonic() - watched.gone_since < GONE_SECONDS:
                return
        loaded = load_file(watched.path)
        if stamp_of(watched.path) != now:
            return  # it changed while being read, perhaps half-written: read it next time
        watched.stamp, watched.gone_since = now, None
        self.publish(watched, loaded)

    def publish(self, watched: Watched, loaded: Loaded) -> None:
        """Keep a fresh read and send its event to every page open on the file."""
        with self.lock:
            event = watched.take(loaded)
            for client in watched.clients:
                client.put(event)

    # ------------------------------------------------------------ what is served

    def page_for(self, number: int) -> str:
        """Return a file's page: its last good model, live, or its errors if it never loaded."""
        from logicmodel.renderers.html import page
        from logicmodel.renderers.options import HtmlOptions

        watched = self.files[number]
        with self.lock:
            model, trace, generation = watched.model, watched.trace, watched.generation
            cached, problems = watched.page, watched.problems
        events = f"{self.path(number, events=True)}?seen={generation}"
        if model is None or trace is None:
            return error_page(watched.path, problems, events)
        editing = None
        key: tuple[object, ...] = (generation,)
        if self.editors is not None:
            from logicmodel.serving.page_edits import read_version

            history = self.editors[number].history
            editing = {
                "endpoint": self.path(number, edits=True),
                "token": self.token,
                "version": read_version(watched.path),
                "undo": bool(history.done),
                "redo": bool(history.undone),
            }
            key = (generation, editing["version"], editing["undo"], editing["redo"])
        if cached is not None and cached[0] == key:
            return cached[1]
        options = HtmlOptions(theme=self.theme, layout=self.layout)
        made = page(model, trace, options, events=events, editing=editing)
        with self.lock:
            if watched.generation == generation:
                watched.page = (key, made)
        return made

    def warm(self) -> None:
        """Make every file's page once, so the first one opened shows at once."""
        for number in range(len(self.files)):
            try:
                self.page_for(number)
            except Exception:  # noqa: BLE001 - the page's own request will say what failed
                pass

    def index(self) -> str:
        """Return the page listing every file with its title and its summary or first error."""
        with self.lock:
            rows = [(w.path, w.title(), w.status(), bool(w.problems)) for w in self.files]
        return index_page(rows)

    def subscribe(self, number: int, seen: int | None = None) -> queue.Queue[Event | None]:
        """Return a queue of a file's events, starting with what a page that saw `seen` needs.

        None in the queue means the server is stopping. Call `unsubscribe` when done.
        """
        client: queue.Queue[Event | None] = queue.Queue()
        watched = self.files[number]
        with self.lock:
            if self.stopping.is_set():
                client.put(None)
            elif seen is not None and seen != watched.generation:
                client.put(Event("reload", str(watched.generation)))  # saved while it loaded
            elif watched.problems:
                client.put(problems_event(watched.problems))
            watched.clients.add(client)
        return client

    def unsubscribe(self, number: int, client: queue.Queue[Event | None]) -> None:
        """Stop sending a file's events to a queue."""
        with self.lock:
            self.files[number].clients.discard(client)


def listen_problem(port: int, error: OSError) -> str:
    """Return one line on why the server cannot listen, and what to do."""
    if port and isinstance(error, PermissionError):
        return f"cannot listen on port {port}: {error.strerror}; choose a port above 1023"
    if port and error.strerror and "in use" in error.strerror:
        return f"port {port} is in use: choose another with --port, or --port 0 for any free one"
    return f"cannot listen on {HOST}:{port}: {error.strerror or error}"


def internal_error(watched: Watched, error: Exception) -> str:
    """Return the line a page shows when reading a file failed inside logicmodel."""
    return f"{watched.path}: internal error: {error!r} (please report it)"


class Listener(ThreadingHTTPServer):
    """The HTTP server: one thread a request, each knowing the Server it serves."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[Handler], app: Server) -> None:
        self.app = app
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when a browser hangs up; say one line on anything else."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"logicmodel serve: internal error: {error!r}", file=sys.stderr)


# Headers every response carries: nothing cached, sniffed or leaked to other sites.
SAFE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
METHODS = ("GET", "HEAD")
MAX_EDIT_BYTES = 1 << 20


class Handler(BaseHTTPRequestHandler):
    """Answers one request: the index, a page or an event stream; anything else is refused."""

    server: Listener
    timeout = 60  # a browser's idle spare connection is closed after this many seconds

    def version_string(self) -> str:
        """Return the Server header: the program, without Python's version."""
        return "logicmodel"

    def log_message(self, format: str, *args: object) -> None:
        """Return without logging: a served page asks for nothing worth a line."""

    def do_GET(self) -> None:
        """Answer a GET."""
        self.answer(body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD: a GET's headers without its body."""
        self.answer(body=False)

    def refuse_method(self) -> None:
        """Refuse a method that would change something: nothing here changes."""
        if self.host_allowed():
            self.plain(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD", Allow=", ".join(METHODS))

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_TRACE = do_CONNECT = refuse_method

    def do_POST(self) -> None:
        """Make an edit, when editing is on; refuse anything else."""
        app = self.server.app
        parts = urlsplit(self.path).path.removeprefix("/").split("/")
        if app.editors is None or len(parts) != 4 or parts[1] != "m":
            self.refuse_method()
            return
        if not self.host_allowed():
            return
        self.edit(parts)

    def edit(self, parts: list[str]) -> None:
        """Answer an edit request: checked for token, origin and size, then made or refused."""
        from logicmodel.serving.page_edits import Refused

        app = self.server.app
        token, _, index, action = parts
        number = file_number(index, len(app.files))
        sent_token = self.headers.get("X-Logicmodel-Token", "")
        if (
            not secrets.compare_digest(token.encode(), app.token.encode())
            or not secrets.compare_digest(sent_token.encode(), app.token.encode())
            or number is None
            or action != "edit"
        ):
            self.plain(HTTPStatus.FORBIDDEN, "forbidden: no such editor, or no token")
            return
        # A page on another site can send a POST here, but not with our Origin.
        if self.headers.get("Origin") not in app.origins:
            self.plain(HTTPStatus.FORBIDDEN, "forbidden: edits come only from this server's pages")
            return
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_EDIT_BYTES:
            self.plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "an edit request is at most 1 MB")
            return
        try:
            request = json.loads(self.rfile.read(int(length)))
            assert app.editors is not None
            answer = app.editors[number].edit(request)
        except (ValueError, UnicodeDecodeError):
            self.json(HTTPStatus.BAD_REQUEST, {"error": "an edit request is JSON"})
            return
        except Refused as refused:
            self.json(HTTPStatus(refused.status), {"error": refused.message})
            return
        app.check(app.files[number])  # every open page hears of it now, not at the next poll
        self.json(HTTPStatus.OK, answer)

    def json(self, status: HTTPStatus, answer: dict[str, object]) -> None:
        """Answer with a JSON object."""
        data = json.dumps(finite_json(answer), ensure_ascii=False, allow_nan=False).encode()
        self.send_safe_headers(status, "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def host_allowed(self) -> bool:
        """Return whether the Host header names this server; answer 403 when it does not.

        A page elsewhere could point its own name at 127.0.0.1 (DNS rebinding); its requests
        carry its name, not ours.
        """
        app = self.server.app
        if "http://" + self.headers.get("Host", "") in app.origins:
            return True
        self.plain(HTTPStatus.FORBIDDEN, "forbidden: open this server by its own address")
        return False

    def answer(self, body: bool) -> None:
        """Route a GET or HEAD to the index, a page or a stream, or answer 404."""
        if not self.host_allowed():
            return
        app = self.server.app
        address = urlsplit(self.path)
        token, _, rest = address.path.removeprefix("/").partition("/")
        if not secrets.compare_digest(token.encode(), app.token.encode()):
            self.plain(HTTPStatus.NOT_FOUND, "not found", body=body)
            return
        parts = rest.split("/")
        number = (
            file_number(parts[1], len(app.files)) if parts[0] == "m" and len(parts) > 1 else None
        )
        if address.path == f"/{app.token}":
            self.redirect(f"/{app.token}/")
        elif rest == "" and len(app.files) == 1:
            self.redirect(app.path(0))
        elif rest == "":
            self.html(app.index(), body=body)
        elif number is not None and len(parts) == 2:
            try:
                text = app.page_for(number)
            except Exception as error:  # noqa: BLE001 - say it on the page, keep serving
                path = app.files[number].path
                self.plain(HTTPStatus.INTERNAL_SERVER_ERROR, f"{path}: cannot draw it: {error}")
                return
            self.html(text, body=body)
        elif number is not None and parts[2:] == ["events"]:
            seen = parse_qs(address.query).get("seen", [""])[0]
            self.stream(number, int(seen) if seen.isdigit() else None, body=body)
        else:
            self.plain(HTTPStatus.NOT_FOUND, "not found", body=body)

    def send_safe_headers(self, status: HTTPStatus, content_type: str, **extra: str) -> None:
        """Send the status line and the headers every answer carries."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in {**SAFE_HEADERS, **extra}.items():
            self.send_header(name, value)

    def plain(self, status: HTTPStatus, text: str, body: bool = True, **extra: str) -> None:
        """Answer with a short text."""
        data = (text + "\n").encode()
        self.send_safe_headers(status, "text/plain; charset=utf-8", **extra)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def redirect(self, target: str) -> None:
        """Answer with a 303 to another page of this server."""
        self.send_safe_headers(HTTPStatus.SEE_OTHER, "text/plain; charset=utf-8", Location=target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def html(self, text: str, body: bool = True) -> None:
        """Answer with a page."""
        data = text.encode()
        self.send_safe_headers(HTTPStatus.OK, "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def stream(self, number: int, seen: int | None, body: bool) -> None:
        """Send a file's events as they happen, and a keep-alive comment when quiet."""
        app = self.server.app
        client = app.subscribe(number, seen) if body else None
        self.send_safe_headers(HTTPStatus.OK, "text/event-stream; charset=utf-8")
        self.end_headers()
        if client is None:
            return
        try:
            while True:
                try:
                    event = client.get(timeout=app.keepalive)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    continue
                if event is None:
                    return
                self.wfile.write(event.encode())
        except OSError:
            pass  # the page went away: a reload, a closed tab
        finally:
            app.unsubscribe(number, client)


def file_number(text: str, count: int) -> int | None:
    """Return the file a URL's number names, or None: digits only, no leading zeros.

    >>> file_number("1", 2), file_number("01", 2), file_number("2", 2)
    (1, None, None)
    """
    if not text.isdigit() or text != str(int(text)) or int(text) >= count:
        return None
    return int(text)


def _sha256(text: str) -> str:
    """Return a CSP source for an inline script or style with exactly this text."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


PLAIN_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
  color: #1b1b1b; background: #fff; }
li { margin: 0 0 1em; }
code, .problem { font-family: ui-monospace, monospace; font-size: 0.9em; }
.problem { color: #a40000; white-space: pre-wrap; }
.note { color: #555; }
"""
# The page of a file that has never loaded: it lists the errors, and follows the file.
FOLLOW_SCRIPT = """
const events = new EventSource(document.body.dataset.events);
events.addEventListener("reload", () => location.reload());
events.addEventListener("problems", (event) => {
  const items = JSON.parse(event.data).map((text) => {
    const item = document.createElement("li");
    item.className = "problem";
    item.textContent = text;
    return item;
  });
  document.getElementById("problems").replaceChildren(...items);
});
"""
INDEX_POLICY = (
    f"default-src 'none'; style-src {_sha256(PLAIN_STYLE)}; base-uri 'none'; form-action 'none'"
)
ERROR_POLICY = (
    f"default-src 'none'; style-src {_sha256(PLAIN_STYLE)}; script-src {_sha256(FOLLOW_SCRIPT)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def _document(title: str, policy: str, body: str, body_attributes: str = "") -> str:
    """Return a small page around a body; `title` and `body` are escaped already."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{PLAIN_STYLE}</style>
</head>
<body{body_attributes}>
{body}
</body>
</html>
"""


def index_page(rows: Sequence[tuple[str, str, str, bool]]) -> str:
    """Return the index of served files from (path, title, summary or error, whether an error)."""
    items = "\n".join(
        f'<li><a href="m/{number}">{html.escape(title)}</a> <code>{html.escape(path)}</code><br>'
        f'<span class="{"problem" if failed else "note"}">{html.escape(status)}</span></li>'
        for number, (path, title, status, failed) in enumerate(rows)
    )
    body = f"<h1>{len(rows)} logic models</h1>\n<ul>\n{items}\n</ul>"
    return _document("logicmodel serve", INDEX_POLICY, body)


def error_page(path: str, problems: Sequence[str], events: str) -> str:
    """Return the page of a file that has not loaded yet: its errors, replaced as they change."""
    items = "\n".join(f'<li class="problem">{html.escape(line)}</li>' for line in problems)
    body = (
        f"<h1>{html.escape(path)} is not a valid model yet</h1>\n"
        f'<ul id="problems">\n{items}\n</ul>\n'
        '<p class="note">Fix the file and save it: this page follows it.</p>\n'
        f"<script>{FOLLOW_SCRIPT}</script>"
    )
    title = html.escape(f"{os.path.basename(path)}: not valid yet")
    attributes = f' data-events="{html.escape(events)}"'
    return _document(title, ERROR_POLICY, body, attributes)


def serve(
    paths: Sequence[str],
    *,
    port: int = 0,
    theme: str = "classic",
    layout: str = "figure1",
    open_browser: bool = False,
    ready: Callable[[str], None] | None = None,
    editing: bool = False,
    host: str = HOST,
) -> None:
    """Serve the files' pages until Ctrl-C, which stops the server and raises KeyboardInterrupt.

    `ready` is called with the index's address once the server answers, before a browser is
    opened on it; ListenError says why it cannot listen. With `editing`, the pages edit.
    """
    with Server(paths, port=port, theme=theme, layout=layout, editing=editing, host=host) as server:
        # The first page costs a second of imports; pay it while the browser starts. Not a
        # daemon: Ctrl-C waits for it, since stopping Python under matplotlib can crash.
        warming = threading.Thread(target=server.warm, name="logicmodel-warm")
        warming.start()
        if ready is not None:
            ready(server.url)
        try:
            if open_browser:
                webbrowser.open(server.url)
            server.wait()
        finally:
            warming.join()
