"""Serve models' interactive pages on 127.0.0.1, reloading each open page when its file changes."""

from __future__ import annotations

import functools
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
from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES, LoadError, load, loads
from logicmodel.serving.guards import (
    BodyRefused,
    ascii_number,
    internal_message,
    log_internal,
    parse_json_body,
    read_regular,
    refusal,
    special_file_problem,
)
from logicmodel.serving.hosts import (
    LOOPBACK,
    family_of,
    ip_netloc_port,
    is_wildcard,
    netloc,
    reachable_host,
)
from logicmodel.serving.live_pages import Drawn, LivePages, file_version
from logicmodel.serving.plain_pages import BARE_POLICY, header_policy, index_page

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel

HOST = LOOPBACK
POLL_SECONDS = 0.1  # how often each file's stat is read: a save shows within about this
KEEPALIVE_SECONDS = 15.0  # a comment line this often keeps proxies and browsers from timing out
# An editor that saves by renaming a temporary file over the original leaves a moment with no
# file at all; only a file gone for longer than this is reported as gone.
GONE_SECONDS = 1.0
# An edit waits this long for the one before it on the same file, then is refused (503): a
# request never waits without end behind another.
EDIT_WAIT_SECONDS = 10.0
# An edit not done in this long is answered (504) while it goes on: only a file that blocks a
# read (a named pipe swapped in after the check) or a very large model takes so long.
EDIT_SECONDS = 30.0

Answer = tuple[HTTPStatus, dict[str, object]]  # an edit's status and its JSON object
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
    """Return a file's model and trace, or its errors one a line as `file:line:col: message`.

    The file is read only if it is a regular file, and without blocking (see `read_regular`).
    """
    from logicmodel.analysis.tracing import trace

    try:
        model = loads(read_regular(path, DEFAULT_MAX_BYTES), name=path)
        if model.strands:  # a parent: its strands too, each fault placed in its own file
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
    changed: tuple[str, ...] = ()  # the elements the last good version added or changed
    page: Drawn | None = None  # the last page made
    whatifs: tuple[int, dict[str, object]] | None = None  # the partners' what-ifs, by version

    def take(self, loaded: Loaded) -> Event:
        """Return the event that tells pages about a fresh read, keeping the last good model."""
        self.problems = loaded.problems
        if loaded.model is None:
            return problems_event(loaded.problems)
        if self.model is not None:  # the first read changes nothing anyone has seen
            self.changed = changed_elements(self.model, loaded.model)
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


def changed_elements(before: LogicModel, after: LogicModel) -> tuple[str, ...]:
    """Return the ids of the elements `after` adds or changes (label, partners, links...)."""
    was = {element.id: element for _, element in before.elements()}
    return tuple(element.id for _, element in after.elements() if was.get(element.id) != element)


def presence_event(count: int) -> Event:
    """Return the event that tells each page how many pages have its file open."""
    return Event("presence", str(count))


class Server(LivePages):
    """The pages of some model files on 127.0.0.1 under a random token, and a file watcher.

    `start()` serves from background threads and returns; `shutdown()` ends every stream
    and stops. `serve()` below is the blocking form the command line uses.
    """

    files: list[Watched]

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
        self.shown_host = reachable_host(host)  # asked once: it may look at the network
        self.editors = [Editor(os.fspath(path)) for path in paths] if editing else None
        # One edit at a time per file, waited for at most EDIT_WAIT_SECONDS.
        self.edit_locks = [threading.Lock() for _ in paths]
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
            raise ListenError(listen_problem(host, port, error)) from None
        self.port: int = self.listener.server_address[1]
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Return the address of the index, the one a person opens."""
        return f"http://{self.address}/{self.token}/"

    @property
    def address(self) -> str:
        """Return host:port as browsers send it in the Host header: one others can reach."""
        return netloc(self.shown_host, self.port)

    @property
    def origins(self) -> tuple[str, ...]:
        """Return the origins a page of this server has by name: the ones allowed to edit.

        Listening on every interface, any IP address of this machine is allowed too.
        """
        names = [self.address, f"{HOST}:{self.port}", f"localhost:{self.port}"]
        if self.host not in (HOST, "localhost"):
            names.append(netloc(self.host, self.port))
        return tuple(f"http://{name}" for name in dict.fromkeys(names))

    def allows_host(self, name: str) -> bool:
        """Return whether a Host header (host:port) names this server."""
        if f"http://{name}" in self.origins:
            return True
        return is_wildcard(self.host) and ip_netloc_port(name) == self.port

    def allows_origin(self, origin: str) -> bool:
        """Return whether an Origin header is one of this server's own pages."""
        return origin.startswith("http://") and self.allows_host(origin.removeprefix("http://"))

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
        made = self.drawn(number)
        return made if isinstance(made, str) else made.page

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
            if len(watched.clients) > 1:  # alone, a page has nothing to say about others
                self.tell_presence(watched)
        return client

    def tell_presence(self, watched: Watched) -> None:
        """Tell every page open on a file how many are open (call holding the lock)."""
        event = presence_event(len(watched.clients))
        for other in watched.clients:
            other.put(event)

    def unsubscribe(self, number: int, client: queue.Queue[Event | None]) -> None:
        """Stop sending a file's events to a queue."""
        with self.lock:
            self.files[number].clients.discard(client)
            self.tell_presence(self.files[number])

    # ------------------------------------------------------------ editing

    def make_edit(self, number: int, request: object) -> Answer:
        """Return the status and answer of an edit request to a file: made, or refused.

        Every refusal is an answer, in the command line's words: the editor's own, a write
        the file layer or the system refuses (409 when someone else holds or changed the
        file, see `guards.CONFLICTS`), and a failure inside logicmodel (500, logged). An edit
        waits at most EDIT_WAIT_SECONDS for the one before it (503), and is answered after
        EDIT_SECONDS even if it has not finished (504): no request waits without end.
        """
        watched, wait = self.files[number], self.edit_locks[number]
        if not wait.acquire(timeout=EDIT_WAIT_SECONDS):
            busy = "an earlier edit to this file is still being made: nothing written; try again"
            return HTTPStatus.SERVICE_UNAVAILABLE, {"error": busy}
        done: queue.Queue[Answer] = queue.Queue(maxsize=1)

        def work() -> None:
            try:
                done.put(self._edit(number, watched.path, request))
            finally:
                wait.release()  # only when the edit is over: the next one waits for it

        threading.Thread(target=work, name="logicmodel-edit", daemon=True).start()
        try:
            answer = done.get(timeout=EDIT_SECONDS)
        except queue.Empty:
            late = (
                f"the edit did not finish in {EDIT_SECONDS:g} s (is the file a named pipe, or "
                "very large?): it may still be made; reload the page to see the file"
            )
            return HTTPStatus.GATEWAY_TIMEOUT, {"error": late}
        if answer[0] == HTTPStatus.OK:
            self.check(watched)  # every open page hears of it now, not at the next poll
        return answer

    def _edit(self, number: int, path: str, request: object) -> Answer:
        from logicmodel.serving.page_edits import Refused

        assert self.editors is not None
        # The editor opens the file as it reads it; a named pipe there would block it, holding
        # its lock, so only a regular file goes further.
        problem = special_file_problem(path)
        if problem is not None:
            return HTTPStatus.CONFLICT, {"error": f"the file {problem}; nothing written"}
        try:
            return HTTPStatus.OK, self.editors[number].edit(request)
        except Refused as refused:
            return HTTPStatus(refused.status), {"error": refused.message}
        except Exception as error:  # noqa: BLE001 - every refusal is an answer
            status, message = refusal(error)
            return status, {"error": message}


def listen_problem(host: str, port: int, error: OSError) -> str:
    """Return one line on why the server cannot listen, and what to do."""
    if port and isinstance(error, PermissionError):
        return f"cannot listen on port {port}: {error.strerror}; choose a port above 1023"
    if port and error.strerror and "in use" in error.strerror:
        return f"port {port} is in use: choose another with --port, or --port 0 for any free one"
    return f"cannot listen on {netloc(host, port)}: {error.strerror or error}"


def internal_error(watched: Watched, error: Exception) -> str:
    """Return the line a page shows when reading a file failed inside logicmodel."""
    return f"{watched.path}: internal error: {error!r} (please report it)"


class Listener(ThreadingHTTPServer):
    """The HTTP server: one thread a request, each knowing the Server it serves."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[Handler], app: Server) -> None:
        self.app = app
        self.address_family = family_of(address[0])  # the socket is made for it in __init__
        super().__init__(address, handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when a browser hangs up; log anything else with its traceback."""
        error = sys.exc_info()[1]
        if error is None or isinstance(error, (ConnectionError, TimeoutError)):
            return
        log_internal(error)


# Headers every response carries: nothing cached, sniffed, framed or leaked to other sites.
SAFE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
METHODS = ("GET", "HEAD")
MAX_EDIT_BYTES = 1 << 20


class Handler(BaseHTTPRequestHandler):
    """Answers one request: the index, a page or an event stream; anything else is refused.

    Every answer goes through `guarded`: whatever fails inside is answered with a 500 and
    logged, never a connection closed on the client without a word.
    """

    server: Listener
    timeout = 60  # a browser's idle spare connection is closed after this many seconds
    answered = False  # whether this request's status line has gone out

    def version_string(self) -> str:
        """Return the Server header: the program, without Python's version."""
        return "logicmodel"

    def log_message(self, format: str, *args: object) -> None:
        """Return without logging: a served page asks for nothing worth a line."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Refuse a request Python's server could not read (bad syntax, unknown method), with
        the headers every answer carries."""
        status = HTTPStatus(code)
        self.close_connection = True
        # A line Python could not read is taken for HTTP/0.9, which has no headers: no browser
        # speaks it, and the refusal must carry them.
        self.request_version = "HTTP/1.0"
        self.plain(status, f"{code} {message or status.phrase}", body=self.command != "HEAD")

    def guarded(self, action: Callable[[], None]) -> None:
        """Answer a request with `action`; a failure inside it is a 500 and a line in the log."""
        self.answered = False
        try:
            action()
        except (ConnectionError, TimeoutError):
            raise  # the client hung up or went quiet: no one to answer
        except Exception as error:  # noqa: BLE001 - every request gets an answer
            log_internal(error)
            self.close_connection = True
            if not self.answered:
                self.fail(HTTPStatus.INTERNAL_SERVER_ERROR, internal_message(error))

    def fail(self, status: HTTPStatus, message: str) -> None:
        """Refuse a request: JSON for an edit, which the page reads, plain text otherwise."""
        if self.command == "POST":
            self.json(status, {"error": message})
        else:
            self.plain(status, message, body=self.command != "HEAD")

    def do_GET(self) -> None:
        """Answer a GET."""
        self.guarded(functools.partial(self.answer, True))

    def do_HEAD(self) -> None:
        """Answer a HEAD: a GET's headers without its body."""
        self.guarded(functools.partial(self.answer, False))

    def refuse_method(self) -> None:
        """Refuse a method that would change something: nothing here changes."""
        self.guarded(self.refuse)

    def refuse(self) -> None:
        """Answer 405, to a request that names this server."""
        if self.host_allowed():
            self.plain(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD", Allow=", ".join(METHODS))

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_TRACE = do_CONNECT = refuse_method

    def do_POST(self) -> None:
        """Make an edit, when editing is on; refuse anything else."""
        self.guarded(self.post)

    def post(self) -> None:
        """Route a POST: to an editor, or refused."""
        app = self.server.app
        parts = urlsplit(self.path).path.removeprefix("/").split("/")
        if app.editors is None or len(parts) != 4 or parts[1] != "m":
            self.refuse()
            return
        if not self.host_allowed():
            return
        self.edit(parts)

    def edit(self, parts: list[str]) -> None:
        """Answer an edit request: checked for token, origin and size, then made or refused."""
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
            self.fail(HTTPStatus.FORBIDDEN, "forbidden: no such editor, or no token")
            return
        # A page on another site can send a POST here, but not with our Origin.
        if not app.allows_origin(self.headers.get("Origin", "")):
            self.fail(HTTPStatus.FORBIDDEN, "forbidden: edits come only from this server's pages")
            return
        length = self.headers.get("Content-Length", "")
        if not (length.isascii() and length.isdigit()):
            self.fail(HTTPStatus.LENGTH_REQUIRED, "an edit request needs its Content-Length")
            return
        if int(length) > MAX_EDIT_BYTES:
            self.fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "an edit request is at most 1 MB")
            return
        try:
            request = parse_json_body(self.rfile.read(int(length)))
        except BodyRefused as refused:
            self.fail(HTTPStatus.BAD_REQUEST, str(refused))
            return
        status, answer = app.make_edit(number, request)
        self.json(status, answer)

    def json(self, status: HTTPStatus, answer: dict[str, object], body: bool = True) -> None:
        """Answer with a JSON object."""
        data = json.dumps(finite_json(answer), ensure_ascii=False, allow_nan=False).encode()
        self.send_safe_headers(status, "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def host_allowed(self) -> bool:
        """Return whether the Host header names this server; answer 403 when it does not.

        A page elsewhere could point its own name at 127.0.0.1 (DNS rebinding); its requests
        carry its name, not ours.
        """
        if self.server.app.allows_host(self.headers.get("Host", "")):
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
            self.page(number, body)
        elif number is not None and parts[2:] == ["update"]:
            self.json(*app.update_for(number), body=body)
        elif number is not None and parts[2:] == ["whatifs"]:
            seen = parse_qs(address.query).get("generation", [""])[0]
            self.json(*app.whatifs_for(number, ascii_number(seen)), body=body)
        elif number is not None and parts[2:] == ["events"]:
            seen = parse_qs(address.query).get("seen", [""])[0]
            self.stream(number, ascii_number(seen), body=body)
        else:
            self.plain(HTTPStatus.NOT_FOUND, "not found", body=body)

    def page(self, number: int, body: bool) -> None:
        """Answer with a file's page; when editing, refuse while the file is no regular file."""
        app = self.server.app
        path = app.files[number].path
        problem = special_file_problem(path) if app.editors is not None else None
        if problem is not None:  # nothing to edit: say what is there instead
            self.plain(HTTPStatus.CONFLICT, f"{path}: {problem}", body=body)
            return
        try:
            text = app.page_for(number)
        except Exception as error:  # noqa: BLE001 - say it on the page, keep serving
            log_internal(error)
            self.plain(HTTPStatus.INTERNAL_SERVER_ERROR, f"{path}: cannot draw it: {error}")
            return
        self.html(text, body=body)

    def send_safe_headers(
        self, status: HTTPStatus, content_type: str, policy: str = BARE_POLICY, **extra: str
    ) -> None:
        """Send the status line and the headers every answer carries."""
        self.answered = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Security-Policy", policy)
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
        """Answer with a page, its own Content-Security-Policy sent as a header too."""
        data = text.encode()
        self.send_safe_headers(HTTPStatus.OK, "text/html; charset=utf-8", header_policy(text))
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

    >>> file_number("1", 2), file_number("01", 2), file_number("2", 2), file_number("\u00b9", 2)
    (1, None, None, None)
    """
    number = ascii_number(text)
    return number if number is not None and number < count else None


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


__all__ = [
    "EDIT_SECONDS",
    "EDIT_WAIT_SECONDS",
    "GONE_SECONDS",
    "HOST",
    "KEEPALIVE_SECONDS",
    "POLL_SECONDS",
    "Drawn",
    "Event",
    "Handler",
    "ListenError",
    "Listener",
    "Loaded",
    "Server",
    "Watched",
    "file_number",
    "file_version",
    "listen_problem",
    "load_file",
    "problems_event",
    "serve",
    "stamp_of",
]
